// What the single writer keeps in memory about one (kind, tenant) log so an append needs no scan of
// the stored table: the last sequence number and a filter of the stored id hashes. Both are loaded
// from the table on first use (so a restart, or a kill -9, rebuilds them from what was committed)
// and dropped whenever an append fails, since a failure leaves unclear what was committed.
import type { DuckDBConnection } from '@duckdb/node-api';
import { IdFilter } from './id-filter.ts';

export interface TenantLog {
  /** The highest _seq stored for this tenant and kind (0 when none). */
  seq: number;
  readonly filter: IdFilter;
}

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

export async function loadTenantLog(conn: DuckDBConnection, table: string, tenantId: string): Promise<TenantLog> {
  const t = q(table);
  const head = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n, coalesce(max(_seq), 0)::DOUBLE AS s FROM ${t} WHERE _tenant = $1`, [tenantId])).getRowObjectsJS()[0];
  const filter = new IdFilter(Number(head?.['n'] ?? 0));
  // DOUBLE holds a 53-bit hash exactly and arrives as a JS number (BIGINT would be a bigint each).
  const r = await conn.stream(`SELECT _idh::DOUBLE AS h FROM ${t} WHERE _tenant = $1`, [tenantId]);
  for (let chunk = await r.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await r.fetchChunk()) {
    for (const h of chunk.getColumnValues(0)) filter.add(h as number);
  }
  return { seq: Number(head?.['s'] ?? 0), filter };
}

/**
 * Which of these ids are already stored for the tenant. Called only for the ids the filter could not
 * rule out, most of them false alarms, so the first query reads just the narrow _idh column and the
 * id strings are fetched only for hashes that really match (a resent batch, or a hash collision).
 */
export async function storedIds(conn: DuckDBConnection, table: string, tenantId: string, candidates: ReadonlyArray<{ id: string; h: number }>): Promise<Set<string>> {
  const t = q(table);
  const list = (hs: Iterable<number>) => `[${[...new Set(hs)].join(',')}]`;
  const hit = await conn.runAndReadAll(
    `SELECT DISTINCT _idh::DOUBLE AS h FROM ${t} WHERE _tenant = $1 AND _idh IN (SELECT unnest(CAST($2 AS BIGINT[])))`,
    [tenantId, list(candidates.map((c) => c.h))],
  );
  const matched = hit.getColumnsJS()[0] ?? [];
  if (matched.length === 0) return new Set();
  const ids = await conn.runAndReadAll(
    `SELECT id FROM ${t} WHERE _tenant = $1 AND _idh IN (SELECT unnest(CAST($2 AS BIGINT[])))`,
    [tenantId, list(matched as number[])],
  );
  return new Set((ids.getColumnsJS()[0] ?? []).map(String));
}
