// Where a store's bytes go: per sign-in, the blocks the sign_ins table holds and its heaviest
// column segments, from DuckDB's storage_info of a checkpointed file (read-only, so a running
// bench's copy is fine to point at).
//   node --import tsx bench/storage-breakdown.ts DATA_DIR [top=25]
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Bytes of the blocks the sign_ins table occupies, per stored sign-in. */
export async function signInTableBytesPerRow(query: (sql: string) => Promise<Array<Record<string, unknown>>>): Promise<{ rows: number; bytesPerRow: number }> {
  const r = (await query(
    `SELECT (SELECT count(*) FROM sign_ins)::DOUBLE AS n,
            (SELECT count(DISTINCT block_id) + coalesce(sum(len(additional_block_ids)), 0) FROM pragma_storage_info('sign_ins') WHERE block_id >= 0)::DOUBLE AS blocks,
            (SELECT block_size FROM pragma_database_size())::DOUBLE AS bs`,
  ))[0]!;
  const rows = Number(r['n']);
  return { rows, bytesPerRow: rows ? (Number(r['blocks']) * Number(r['bs'])) / rows : NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node --import tsx bench/storage-breakdown.ts DATA_DIR [top=25]');
    process.exit(2);
  }
  const inst = await DuckDBInstance.create(join(dir, 'idtrail.duckdb'), { access_mode: 'READ_ONLY' });
  const c = await inst.connect();
  const t = await signInTableBytesPerRow(async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>);
  console.log(`sign_ins: ${t.rows} rows, ${t.bytesPerRow.toFixed(1)} bytes a row in the table's blocks`);
  // A segment's size is the gap to the next one in its block: the last of a block also counts the
  // block's unused tail, so small figures are rough.
  const rows = (await c.runAndReadAll(`WITH s AS (SELECT column_name, column_path, segment_type, compression, lead(block_offset, 1, (SELECT block_size FROM pragma_database_size())) OVER (PARTITION BY block_id ORDER BY block_offset) - block_offset AS sz FROM pragma_storage_info('sign_ins') WHERE block_id >= 0)
    SELECT column_name, column_path, segment_type, compression, (sum(sz) / ${Math.max(1, t.rows)})::DECIMAL(8,2) AS b FROM s GROUP BY ALL ORDER BY b DESC LIMIT ${Number(process.argv[3] ?? 25)}`)).getRowObjectsJson();
  for (const r of rows) console.log(String(r['column_name']).padEnd(34), String(r['column_path']).padEnd(14), String(r['segment_type']).padEnd(13), String(r['compression']).padEnd(13), r['b']);
  c.closeSync();
  inst.closeSync();
}
