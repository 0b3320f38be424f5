// What the single writer keeps in memory about one (kind, tenant) log so an append needs no scan of
// the stored table: the last sequence number and a filter of the stored id hashes. Both are loaded
// from the table after a start, in the background or by the log's first append (tenant-logs.ts; so a
// restart, or a kill -9, rebuilds them from what was committed), and dropped whenever an append
// fails, since a failure leaves unclear what was committed.
//
// The hashes are DuckDB's own hash(id), computed when needed rather than stored: a stored hash
// column cost 6.7 bytes a sign-in on disk (random values do not compress), and hashing the id
// column while loading is about as fast as reading that column was (0.28 against 0.23 s per
// million rows). Nothing persists a hash, so DuckDB changing its hash function across versions
// costs nothing: the filter is rebuilt from the table by the process that uses it.
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
const HASH_53 = (expr: string) => `(hash(${expr}) >> 11)::DOUBLE`;

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

/** The filter's hash of each id, in order: the same function the load above applies to stored ids. */
export async function idHashes(conn: DuckDBConnection, ids: readonly string[]): Promise<number[]> {
  const r = await conn.runAndReadAll(`SELECT list_transform(from_json($1::JSON, '["VARCHAR"]'), x -> ${HASH_53('x')}) AS h`, [JSON.stringify(ids)]);
  const list = r.getRowObjectsJS()[0]?.['h'] as { items: number[] } | number[] | undefined;
  const hs = Array.isArray(list) ? list : list?.items;
  if (!hs || hs.length !== ids.length) throw new Error(`hashing ${ids.length} ids returned ${hs?.length ?? 'nothing'}`);
  return hs.map(Number);
}

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
