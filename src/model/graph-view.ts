// The version views of a stored (beta-superset) record: v1.0 drops beta-only properties at every
// depth; beta drops v1.0-only ones. Unknown properties (kept from ingest) are returned as they came.
import type { FieldSchema, ObjectSchema } from './schema.ts';
import type { GraphVersion } from './log-kinds.ts';
import type { JsonObject, JsonValue } from './normalize.ts';

function hiddenIn(f: FieldSchema, version: GraphVersion): boolean {
  return version === 'v1.0' ? Boolean(f.meta.beta) : Boolean(f.meta.v1Only);
}

function viewValue(s: FieldSchema, v: JsonValue, version: GraphVersion): JsonValue {
  if (v === null) return v;
  if (s.kind === 'object' && typeof v === 'object' && !Array.isArray(v)) return viewObject(s, v, version);
  if (s.kind === 'list' && Array.isArray(v) && s.item.kind === 'object') return v.map((i) => viewValue(s.item, i, version));
  return v;
}

export function viewObject(s: ObjectSchema, v: JsonObject, version: GraphVersion): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const f = s.fields[k];
    if (!f) out[k] = v[k]!; // an unknown property kept from ingest
    else if (!hiddenIn(f, version)) out[k] = viewValue(f, v[k]!, version);
  }
  return out;
}
