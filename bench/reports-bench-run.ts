// `node --import tsx bench/reports-bench-run.ts [--rows 10000000] [--dir DIR]`: load a demo tenant,
// replicate its sign-ins up to --rows (fresh ids, times spread over the same window), then print
// each report's and risk rule's p50/p99. Reuses DIR when it already holds the data.
// `--only a,b` times just the reports / risk rules with those names (while working on one).
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { LOG_KINDS, normalizeRecord, type LogKind } from '../src/model/index.ts';
import { generateDemo } from '../src/demo/index.ts';
import { DuckDbStore, type PreparedRecord } from '../src/store/index.ts';
import { measureReports } from './reports-bench.ts';
import { openLastSignInIndex } from '../src/runtime/last-sign-in-wiring.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, dir: { type: 'string', default: '/tmp/idtrail-reports-bench' }, runs: { type: 'string', default: '5' }, threads: { type: 'string', default: '4' }, only: { type: 'string' } } });
const target = Number(values.rows);
const TENANT = 'bench';
const END = '2025-03-08T00:00:00Z';
const fresh = !existsSync(`${values.dir}/idtrail.duckdb`);
const store = await DuckDbStore.open({ dataDir: values.dir!, threads: Number(values.threads), memoryLimit: '4GB' });
if (fresh) {
  const t0 = performance.now();
  const batches = new Map<LogKind, PreparedRecord[]>();
  const flush = async (kind: LogKind) => {
    const b = batches.get(kind);
    if (b?.length) await store.append(kind, TENANT, b);
    batches.set(kind, []);
  };
  await generateDemo({ seed: 1, users: 300, days: 30, endDate: END, attacks: true, tenantId: TENANT }, {
    async write(kind, record) {
      const b = batches.get(kind) ?? [];
      b.push(normalizeRecord(LOG_KINDS[kind].schema, record));
      batches.set(kind, b);
      if (b.length >= 100_000) await flush(kind);
    },
  });
  for (const k of batches.keys()) await flush(k);
  // Double the sign-ins (fresh ids, times shifted by up to ±3 days) until the target: raw SQL, bench only.
  const count = async () => Number((await store.rawQuery(`SELECT count(*) AS n FROM sign_ins WHERE _tenant = $1`, [TENANT]))[0]!['n']);
  for (let step = 1, n = await count(); n < target; step++, n = await count()) {
    await store.exec(`INSERT INTO sign_ins SELECT * REPLACE (id || '-c${step}' AS id, _seq + ${n} AS _seq,
      createdDateTime + to_seconds(${(step % 7) - 3} * 86400 + ${step * 37}) AS createdDateTime) FROM sign_ins WHERE _tenant = $1 LIMIT ${target - n}`, [TENANT]);
  }
  await store.checkpoint();
  console.log(`loaded in ${Math.round((performance.now() - t0) / 1000)} s`);
}
const stats = await store.stats();
console.log(`sign-ins: ${stats.kinds.signIns.records}, sign-ups: ${stats.kinds.signUps.records}, audits: ${stats.kinds.directoryAudits.records}`);
// The last-sign-ins table as the server keeps it (built once from the logs on first use of DIR).
const lastSignIns = await openLastSignInIndex(store);
const figures = await measureReports(store, TENANT, new Date(END), { from: '2025-02-01T00:00:00Z', to: END }, Number(values.runs), { lastSignIns }, values.only?.split(','));
for (const f of figures) console.log(`${f.name.padEnd(48)} p50 ${String(f.p50Ms).padStart(8)} ms   p99 ${String(f.p99Ms).padStart(8)} ms`);
await store.close();
