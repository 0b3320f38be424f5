// What a restart costs the duplicate filters now that they load in the background
// (src/store/duckdb/warm-start.ts): the open, the warm start over N stored sign-ins in T tenants
// (one holding half of them), and the first append of the largest tenant after it.
//   node --import tsx bench/warm-start.ts [records=1000000] [tenants=10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { LOG_KINDS, normalizeRecord } from '../src/model/index.ts';
import { sampleRecord } from '../src/model/sample-record.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const T = Math.max(1, Number(process.argv[3] ?? 10));
const dir = mkdtempSync(join(tmpdir(), 'idtrail-warm-'));
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
try {
  let s = await DuckDbStore.open({ dataDir: dir });
  // Tenant 0 holds half the records, the others share the rest.
  const big = T === 1 ? N : Math.floor(N / 2);
  const sizes = [big, ...Array.from({ length: T - 1 }, (_, i) => Math.floor((N - big) / (T - 1)) + (i < (N - big) % (T - 1) ? 1 : 0))];
  for (const [t, n] of sizes.entries()) {
    await s.exec(
      `INSERT INTO ${LOG_KINDS.signIns.table} (_tenant, _seq, _ingested, _evmask, id, "createdDateTime") ` +
        `SELECT 't${t}', range + 1, now()::TIMESTAMP, 0, 'id' || range, now()::TIMESTAMP_NS FROM range(${n})`,
    );
  }
  await s.close();

  let t0 = performance.now();
  s = await DuckDbStore.open({ dataDir: dir });
  console.log(`open: ${ms(t0)}`);
  t0 = performance.now();
  const w = await s.warmStart();
  console.log(`warm start: ${w.logs} logs, ${w.records} records, ${(w.bytes / 1e6).toFixed(1)} MB of filters in ${ms(t0)} (${(w.seconds / (w.records / 1e6)).toFixed(2)} s per million)`);
  const schema = LOG_KINDS.signIns.schema;
  t0 = performance.now();
  const r = await s.append('signIns', 't0', ['id7', 'fresh'].map((id) => normalizeRecord(schema, sampleRecord(schema, 1, { id }))));
  console.log(`first append to the largest tenant (${big} stored) after it: ${ms(t0)}, inserted ${r.inserted}, duplicates ${r.duplicates}, loads ${JSON.stringify(s.idFilterStats().loads)}`);
  await s.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
