// DuckDB's JSON-friendly row values → the common QueryResult form: datetimes as ISO-8601 UTC,
// BIGINT/HUGEINT (given as text) as numbers, JSON columns parsed.
import type { DuckDBType } from '@duckdb/node-api';
import { engineTimeToIso } from '../record-decoder.ts';

export function convertValue(v: unknown, typeName: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeName.startsWith('TIMESTAMP') ) return typeof v === 'string' ? engineTimeToIso(v) : v;
  if (typeName === 'DATE') return `${String(v)}T00:00:00Z`;
  if (typeName === 'BIGINT' || typeName === 'HUGEINT' || typeName === 'UBIGINT' || typeName === 'DECIMAL' || typeName.startsWith('DECIMAL')) return Number(v);
  if (typeName === 'JSON' && typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

export function convertRow(row: Record<string, unknown>, columns: readonly string[], types: readonly DuckDBType[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i]!;
    out[name] = convertValue(row[name], types[i]!.toString());
  }
  return out;
}
