// ClickHouse JSON output → the common QueryResult form. The engine's column types decide:
// 64-bit integers arrive as text and become numbers; UInt8 is this dialect's boolean (the dialect
// renders no other UInt8); fixed-width datetime text becomes the model's ISO form; the JSON text
// of object-valued properties (whose names the layouts know) is parsed, as DuckDB returns structs.
import { ALL_KINDS, LOG_KINDS } from '../../model/index.ts';
import { fromFixedIso, isFixedIso } from './clickhouse-layout.ts';

const JSON_COLUMNS = new Set<string>(['_extra']);
for (const k of ALL_KINDS) {
  for (const [name, f] of Object.entries(LOG_KINDS[k].schema.fields)) {
    if (f.kind === 'object' || f.kind === 'open' || (f.kind === 'list' && f.item.kind !== 'scalar')) JSON_COLUMNS.add(name);
  }
}

function convert(v: unknown, type: string, jsonText: boolean): unknown {
  if (v === null || v === undefined) return null;
  const t = type.startsWith('Nullable(') ? type.slice(9, -1) : type;
  if (t.startsWith('Array(') && Array.isArray(v)) return v.map((x) => convert(x, t.slice(6, -1), false));
  if (/^U?Int(64|128|256)$/.test(t)) return Number(v);
  if (t === 'UInt8') return v === 1 || v === '1' || v === true;
  if (t.startsWith('DateTime') && typeof v === 'string') return `${v.replace(' ', 'T')}Z`;
  if (typeof v === 'string') {
    if (isFixedIso(v)) return fromFixedIso(v);
    if (jsonText && (v.startsWith('{') || v.startsWith('['))) {
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    }
  }
  return v;
}

export function convertResult(meta: ReadonlyArray<{ name: string; type: string }>, data: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  return data.map((row) => {
    const out: Record<string, unknown> = {};
    for (const m of meta) out[m.name] = convert(row[m.name], m.type, JSON_COLUMNS.has(m.name));
    return out;
  });
}
