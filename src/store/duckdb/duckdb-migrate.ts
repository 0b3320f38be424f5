// Bringing a store file written by an older idtrail to the current table layout, at open.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_KINDS, LOG_KINDS } from '../../model/index.ts';
import { listMasks, maskSql, tableColumns } from './duckdb-schema.ts';

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/**
 * Add columns for properties a newer schema knows but the file does not (new Graph fields), fill
 * list masks in files written before them (a one-time UPDATE: ~0.2 s per million rows), and drop
 * the id-hash column files written before the duplicate filter hashed ids itself (tenant-log.ts).
 */
export async function migrateColumns(writer: DuckDBConnection): Promise<void> {
  for (const k of ALL_KINDS) {
    const def = LOG_KINDS[k];
    const r = await writer.runAndReadAll(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = $1`, [def.table]);
    const cols = r.getRowObjectsJson();
    const have = new Set(cols.map((x) => String(x['column_name'])));
    const t = q(def.table);
    for (const [list, m] of Object.entries(listMasks(def))) {
      const existing = cols.find((x) => x['column_name'] === m.column);
      if (existing?.['is_nullable'] === 'NO') continue;
      // Filled first, then declared NOT NULL (DuckDB refuses both in one transaction); a crash in
      // between leaves a nullable, filled column, and the next open finishes the job.
      if (!existing) await writer.run(`ALTER TABLE ${t} ADD COLUMN ${q(m.column)} UTINYINT`);
      await writer.run(`UPDATE ${t} SET ${q(m.column)} = ${maskSql(list, m.bits)} WHERE ${q(m.column)} IS NULL`);
      await writer.run(`ALTER TABLE ${t} ALTER COLUMN ${q(m.column)} SET NOT NULL`);
      have.add(m.column);
    }
    for (const c of tableColumns(def)) {
      if (!have.has(c.name)) await writer.run(`ALTER TABLE ${t} ADD COLUMN ${q(c.name)} ${c.type.replace(' NOT NULL', '')}`);
    }
    if (have.has('_idh')) await writer.run(`ALTER TABLE ${t} DROP COLUMN _idh`);
  }
}
