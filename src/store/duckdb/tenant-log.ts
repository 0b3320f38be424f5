// What the single writer keeps in memory about one (kind, tenant) log so an append needs no scan of
// the stored table: the last sequence number and a filter of the stored id hashes. Both are loaded
// from the table after a start, in the background or by the log's first append (tenant-logs.ts; so a
// restart, or a kill -9, rebuilds them from what was committed), and dropped whenever an append
// fails, since a failure leaves unclear what was committed.
//
// The hash is the first 8 bytes of the id's MD5, which DuckDB (md5_number_upper) and Node compute
// alike: DuckDB hashes the stored ids when the filter loads (0.3–0.4 s per million rows), Node
// hashes each batch's ids while staging, with no query. A query for it had to wait behind the
// writer's running load on DuckDB's threads (60–110 ms a batch, against 3 ms idle). Nothing
// persists a hash: the filter is rebuilt from the table by the process that uses it. MD5 is no
// security measure here; a collision only costs one probe of the table.
import * as crypto from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IdFilter } from './id-filter.ts';
import { LOG_KINDS, type LogKind } from '../../model/index.ts';

export interface TenantLog {
  /** The highest _seq stored for this tenant and kind (0 when none). */
  seq: number;
  readonly filter: IdFilter;
}

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
// 53 bits, so the hash arrives as an exact JS number (a BIGINT would be a bigint each).
export const HASH_53 = (expr: string) => `(md5_number_upper(${expr}) >> 11)::DOUBLE`;

/** `afterHead`: called between the two reads (tests pause a background load there, see warm-start.ts). */
export async function loadTenantLog(conn: DuckDBConnection, kind: LogKind, tenantId: string, afterHead?: () => Promise<void> | void): Promise<TenantLog> {
  const t = q(LOG_KINDS[kind].table);
  // The next sequence number must pass every number ever handed out, not only the stored ones:
  // retention may have deleted the newest records (late arrivals with old times) or all of them,
  // and the chain's anchors, base and redactions still name those numbers. Reusing one would put a
  // new record where the chain already vouches for another.
  const head = (await conn.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n, greatest(coalesce(max(_seq), 0),
       (SELECT coalesce(max(seq_to), 0) FROM _chain_anchors WHERE _tenant = $1 AND kind = $2),
       (SELECT coalesce(max(seq), 0) FROM _chain_bases WHERE _tenant = $1 AND kind = $2),
       (SELECT coalesce(max(seq), 0) FROM _chain_redactions WHERE _tenant = $1 AND kind = $2))::DOUBLE AS s
     FROM ${t} WHERE _tenant = $1`,
    [tenantId, kind],
  )).getRowObjectsJS()[0];
  await afterHead?.();
  const filter = new IdFilter(Number(head?.['n'] ?? 0));
  const r = await conn.stream(`SELECT ${HASH_53('id')} AS h FROM ${t} WHERE _tenant = $1`, [tenantId]);
  for (let chunk = await r.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await r.fetchChunk()) {
    for (const h of chunk.getColumnValues(0)) filter.add(h as number);
  }
  return { seq: Number(head?.['s'] ?? 0), filter };
}

/** The filter's hash of an id: what HASH_53 computes for a stored one (little-endian upper 64 bits, >> 11). */
export function idHash53(id: string): number {
  const d = md5(id);
  return d.readUInt32LE(4) * 2 ** 21 + (d.readUInt32LE(0) >>> 11);
}

// One-shot crypto.hash (Node ≥ 20.12): ~1.7 µs an id, against 2.7 for createHash, which older
// Node versions within the engines floor (20.6) keep.
const md5: (s: string) => Buffer = typeof crypto.hash === 'function'
  ? (s) => crypto.hash('md5', s, 'buffer') as unknown as Buffer
  : (s) => crypto.createHash('md5').update(s, 'utf8').digest();

/**
 * Which of these ids are already stored for the tenant. Called only for the ids the filter could not
 * rule out: the ids of a resent batch, or a rare false alarm.
 */
export async function storedIds(conn: DuckDBConnection, table: string, tenantId: string, candidates: readonly string[]): Promise<Set<string>> {
  const ids = await conn.runAndReadAll(
    `SELECT DISTINCT id FROM ${q(table)} WHERE _tenant = $1 AND id IN (SELECT unnest(from_json($2::JSON, '["VARCHAR"]')))`,
    [tenantId, JSON.stringify([...new Set(candidates)])],
  );
  return new Set((ids.getColumnsJS()[0] ?? []).map(String));
}
