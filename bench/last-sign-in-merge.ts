// What the last-sign-ins commit listener costs per ingested sign-in: merge the deltas of demo batches
// into the DuckDB table as ingest does (one transaction per batch, after the batch's own commit).
//   node --import tsx bench/last-sign-in-merge.ts [--records 20000] [--batch 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_KINDS, normalizeRecord, type JsonObject } from '../src/model/index.ts';
import { DuckDbStore, lastSignInDeltas } from '../src/store/index.ts';
import { openDuckDbLastSignIns } from '../src/store/duckdb/duckdb-last-sign-ins.ts';
import { ensureDataset, lineBatches } from './dataset.ts';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '20000' }, batch: { type: 'string', default: '1000' } } });
const N = Number(args.records);
const B = Number(args.batch);
const ds = await ensureDataset('quick', (s) => console.error(s));
const records: JsonObject[] = [];
for await (const b of lineBatches(ds.file('signIns'), 5000, N)) for (const l of b) records.push(normalizeRecord(LOG_KINDS.signIns.schema, JSON.parse(l)).record);
const dir = mkdtempSync(join(tmpdir(), 'idtrail-lsi-'));
const store = await DuckDbStore.open({ dataDir: dir });
try {
  const table = await openDuckDbLastSignIns(store);
  let rows = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += B) {
    const deltas = lastSignInDeltas('t', records.slice(i, i + B));
    rows += deltas.length;
    await table.merge(deltas, { tenantId: 't', seq: i + B });
  }
  const wall = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  console.log(`${records.length} sign-ins in batches of ${B}: ${(rows / (records.length / B)).toFixed(0)} delta rows a batch; ` +
    `merge wall ${((wall * 1000) / records.length).toFixed(1)} µs/sign-in, cpu ${((cu.user + cu.system) / records.length).toFixed(1)} µs/sign-in`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
