// What the first append of a tenant after a start costs: loading its duplicate filter and last
// sequence number from the table (src/store/duckdb/tenant-log.ts), on N synthetic stored rows.
//   node --import tsx bench/tenant-log-load.ts [rows=1000000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOG_KINDS } from '../src/model/index.ts';
import { CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL, createTableSql } from '../src/store/duckdb/duckdb-schema.ts';
import { loadTenantLog } from '../src/store/duckdb/tenant-log.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'idtrail-tlog-'));
const inst = await DuckDBInstance.create(join(dir, 'db.duckdb'), { threads: '2' });
const c = await inst.connect();
try {
  await c.run(createTableSql(LOG_KINDS.signIns));
  for (const ddl of [CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL]) await c.run(ddl);
  await c.run(
    `INSERT INTO sign_ins (_tenant, _seq, _ingested, _evmask, id, "createdDateTime") ` +
      `SELECT 't', range + 1, now()::TIMESTAMP, 0, 'id' || range, now()::TIMESTAMP_NS FROM range(${N})`,
  );
  await c.run('CHECKPOINT');
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const log = await loadTenantLog(c, 'signIns', 't');
    console.log(`${N} stored: loaded in ${(performance.now() - t0).toFixed(0)} ms, seq ${log.seq}, filter ${(log.filter.bytes / 1e6).toFixed(1)} MB`);
  }
} finally {
  c.closeSync();
  inst.closeSync();
  rmSync(dir, { recursive: true, force: true });
}
