// Canonical bytes of a record for the tamper-evident hash chain: JSON with object keys sorted,
// no insignificant whitespace. The stored form is already normalized (normalize.ts), so reading a
// record back and canonicalizing it yields the same bytes as at ingest.
import type { JsonValue } from './normalize.ts';

export function canonicalJson(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (i) out += ',';
    out += JSON.stringify(k) + ':' + canonicalJson(v[k]);
  }
  return out + '}';
}
