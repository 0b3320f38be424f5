// A fully populated record of any kind, derived from its schema: every property set, every
// collection with two items, enum fields cycling through their members. Tests use it to prove
// that every field survives ingest → store → read; benchmarks use it as a worst-case record.
import type { FieldSchema, ObjectSchema } from './schema.ts';
import type { JsonObject, JsonValue } from './normalize.ts';

function sampleValue(s: FieldSchema, key: string, n: number): JsonValue {
  switch (s.kind) {
    case 'scalar': {
      if (s.meta.enum) return s.meta.enum[n % s.meta.enum.length]!;
      switch (s.type) {
        case 'string':
          return `${key}-${n}-ü'"\\`;
        case 'datetime':
          // 7 fractional digits as Entra writes them, never ending in 0 (normalization trims those).
          return `2025-03-0${1 + (n % 9)}T09:41:${String(10 + (n % 50)).padStart(2, '0')}.${1834561 + (n % 9) * 1000}Z`.replace('0Z', '1Z');
        case 'bool':
          return n % 2 === 0;
        case 'int':
          return 1000 + n;
        case 'long':
          return 9007199254 + n;
        case 'double':
          return 59.437 + n / 8;
      }
      break;
    }
    case 'object':
      return sampleObject(s, n);
    case 'list':
      return [sampleValue(s.item, key, n), sampleValue(s.item, key, n + 1)] as JsonValue;
    case 'open':
      return { ReportableIdentifier: `${key}-${n}`, nested: { a: [1, 'two', null] } };
  }
  return null;
}

function sampleObject(s: ObjectSchema, n: number): JsonObject {
  const out: JsonObject = {};
  let i = 0;
  for (const [k, f] of Object.entries(s.fields)) out[k] = sampleValue(f, k, n + i++);
  return out;
}

export function sampleRecord(schema: ObjectSchema, n: number, overrides: JsonObject = {}): JsonObject {
  return { ...sampleObject(schema, n), ...overrides };
}
