// Stored row → Graph record, driven by the kind's schema. Backends hand rows over in a common
// JSON-friendly form (datetimes as 'YYYY-MM-DD HH:MM:SS[.f]' or ISO text, 64-bit ints as text,
// open objects as JSON text); this turns them back into the exact Graph shapes.
import { mergeExtra, type FieldSchema, type JsonObject, type JsonValue, type ObjectSchema } from '../model/index.ts';

/** 'YYYY-MM-DD HH:MM:SS.fffffff' (engine text) → 'YYYY-MM-DDTHH:MM:SS.fffffffZ'. */
export function engineTimeToIso(v: string): string {
  if (v.endsWith('Z')) return v;
  const t = v.replace(' ', 'T');
  const dot = t.indexOf('.');
  if (dot < 0) return `${t}Z`;
  const frac = t.slice(dot + 1).replace(/0+$/, '');
  return frac ? `${t.slice(0, dot)}.${frac}Z` : `${t.slice(0, dot)}Z`;
}

function decodeValue(s: FieldSchema, v: unknown): JsonValue {
  if (v === null || v === undefined) return s.kind === 'list' ? [] : null;
  switch (s.kind) {
    case 'scalar':
      if (s.type === 'datetime') return engineTimeToIso(String(v));
      if (s.type === 'long' || s.type === 'int' || s.type === 'double') return typeof v === 'number' ? v : Number(v);
      return v as JsonValue;
    case 'object':
      return decodeObject(s, v as Record<string, unknown>);
    case 'list':
      return (v as unknown[]).map((i) => decodeValue(s.item, i));
    case 'open':
      return (typeof v === 'string' ? JSON.parse(v) : v) as JsonValue;
  }
}

function decodeObject(s: ObjectSchema, row: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const key in s.fields) out[key] = decodeValue(s.fields[key]!, row[key]);
  return out;
}

export function decodeRecord(schema: ObjectSchema, row: Record<string, unknown>): JsonObject {
  const rec = decodeObject(schema, row);
  const extra = row['_extra'];
  if (extra !== null && extra !== undefined) {
    mergeExtra(rec, (typeof extra === 'string' ? JSON.parse(extra) : extra) as JsonValue);
  }
  return rec;
}
