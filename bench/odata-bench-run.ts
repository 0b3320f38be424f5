// `node --import tsx bench/odata-bench-run.ts [rows=1000000] [dir]`: build (once) a store of
// synthetic sign-ins and print per-filter-form first-page latency next to hand-written SQL.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDbStore } from '../src/store/index.ts';
import { generateSignIns } from './signin-sql-generator.ts';
import { benchOData, formatOData } from './odata-bench.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? join(tmpdir(), `idtrail-bench-${rows}`);
const fresh = !existsSync(join(dir, 'idtrail.duckdb'));
const store = await DuckDbStore.open({ dataDir: dir, threads: 2, memoryLimit: '4GB' });
if (fresh) {
  const t = performance.now();
  await generateSignIns(store, { tenantId: 'bench', count: rows });
  console.log(`generated ${rows} sign-ins in ${((performance.now() - t) / 1000).toFixed(1)} s into ${dir}`);
}
const res = await benchOData(store, 'bench', { runs: Number(process.env.IDT_BENCH_RUNS ?? 30) });
console.log(formatOData(res, `${rows.toLocaleString('en')} sign-ins, ${dir}`));
await store.close();
