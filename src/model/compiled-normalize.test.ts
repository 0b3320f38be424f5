// The compiled normalizer against the generic walk it replaced (kept here as the reference):
// same records, same extras, same key order, same errors, on fuzzed inputs of every kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FieldSchema, ObjectSchema } from './schema.ts';
import { LOG_KINDS, ALL_KINDS } from './log-kinds.ts';
import { normalizeRecord, normalizeDateTime, RecordError, type JsonObject, type JsonValue } from './normalize.ts';
import { sampleRecord } from './sample-record.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
function referenceDateTime(text: string): string | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  const check = new Date(ms);
  if (Number.isNaN(ms) || check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1 || +h > 23 || +mi > 59 || +s > 59) return null;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
  }
  const utc = new Date(ms - offsetMin * 60000).toISOString().slice(0, 19);
  const f = frac.replace(/0+$/, '');
  return f ? `${utc}.${f}Z` : `${utc}Z`;
}
function normalizeValue(s: FieldSchema, v: unknown, path: string): { value: JsonValue; extra: JsonValue | undefined } {
  if (v === undefined || v === null) {
    if (s.meta.required) throw new RecordError(path, 'is required');
    return { value: s.kind === 'list' ? [] : null, extra: undefined };
  }
  switch (s.kind) {
    case 'scalar': {
      switch (s.type) {
        case 'string':
          if (typeof v !== 'string') throw new RecordError(path, `expected a string, got ${describe(v)}`);
          if (s.meta.enum && !s.meta.enum.includes(v) && !(s.meta.flags && v.split(',').every((m) => s.meta.enum!.includes(m.trim())))) {
            throw new RecordError(path, `${JSON.stringify(v)} is not one of ${s.meta.enum.join(', ')}`);
          }
          if (s.meta.required && v === '') throw new RecordError(path, 'must not be empty');
          return { value: v, extra: undefined };
        case 'datetime': {
          if (typeof v !== 'string') throw new RecordError(path, `expected an ISO-8601 date-time string, got ${describe(v)}`);
          const n = referenceDateTime(v);
          if (n === null) throw new RecordError(path, `${JSON.stringify(v)} is not an ISO-8601 date-time`);
          return { value: n, extra: undefined };
        }
        case 'bool':
          if (typeof v !== 'boolean') throw new RecordError(path, `expected true or false, got ${describe(v)}`);
          return { value: v, extra: undefined };
        case 'int':
          if (typeof v !== 'number' || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
            throw new RecordError(path, `expected a 32-bit integer, got ${describe(v)}`);
          }
          return { value: v, extra: undefined };
        case 'long':
          if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new RecordError(path, `expected an integer, got ${describe(v)}`);
          return { value: v, extra: undefined };
        case 'double':
          if (typeof v !== 'number' || !Number.isFinite(v)) throw new RecordError(path, `expected a number, got ${describe(v)}`);
          return { value: v, extra: undefined };
      }
      break;
    }
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) throw new RecordError(path, `expected an object, got ${describe(v)}`);
      const r = normalizeObject(s, v as Record<string, unknown>, path);
      return { value: r.record, extra: r.extra ?? undefined };
    }
    case 'list': {
      if (!Array.isArray(v)) throw new RecordError(path, `expected an array, got ${describe(v)}`);
      const out: JsonValue[] = new Array(v.length);
      let extras: JsonValue[] | undefined;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null || v[i] === undefined) throw new RecordError(`${path}[${i}]`, 'null items are not allowed in a collection');
        const r = normalizeValue(s.item, v[i], `${path}[${i}]`);
        out[i] = r.value;
        if (r.extra !== undefined) {
          extras ??= new Array(v.length).fill(null);
          extras[i] = r.extra;
        }
      }
      return { value: out, extra: extras ? { $items: extras } : undefined };
    }
    case 'open':
      if (typeof v !== 'object' || Array.isArray(v)) throw new RecordError(path, `expected an object, got ${describe(v)}`);
      return { value: v as JsonObject, extra: undefined };
  }
  throw new RecordError(path, 'unsupported schema node');
}
function normalizeObject(s: ObjectSchema, v: Record<string, unknown>, path: string): { record: JsonObject; extra: JsonObject | null } {
  const record: JsonObject = {};
  let extra: JsonObject | null = null;
  const fields = s.fields;
  for (const key in fields) {
    const r = normalizeValue(fields[key]!, v[key], path ? `${path}/${key}` : key);
    record[key] = r.value;
    if (r.extra !== undefined) (extra ??= {})[key] = r.extra;
  }
  for (const key in v) {
    if (!(key in fields)) {
      if (key === '$items') throw new RecordError(path, "'$items' is a reserved property name");
      (extra ??= {})[key] = v[key] as JsonValue;
    }
  }
  return { record, extra };
}

function reference(schema: ObjectSchema, input: unknown): { record: JsonObject; extra: JsonObject | null } | string {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RecordError('', `a record must be a JSON object, got ${describe(input)}`);
    return normalizeObject(schema, input as Record<string, unknown>, '');
  } catch (e) {
    return (e as Error).message;
  }
}
function compiled(schema: ObjectSchema, input: unknown): { record: JsonObject; extra: JsonObject | null } | string {
  try {
    return normalizeRecord(schema, input);
  } catch (e) {
    assert.ok(e instanceof RecordError);
    return e.message;
  }
}

/** Every (path, schema) in a schema, to aim mutations at real fields of every type. */
function paths(s: ObjectSchema, prefix: string[] = [], out: Array<[string[], FieldSchema]> = []): Array<[string[], FieldSchema]> {
  for (const [k, f] of Object.entries(s.fields)) {
    out.push([[...prefix, k], f]);
    if (f.kind === 'object') paths(f, [...prefix, k], out);
    if (f.kind === 'list' && f.item.kind === 'object') paths(f.item, [...prefix, k, '0'], out);
  }
  return out;
}
function setAt(root: JsonObject, path: string[], v: JsonValue | undefined): void {
  let cur: JsonValue = root;
  for (const k of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as JsonObject)[k] as JsonValue;
  }
  if (cur === null || typeof cur !== 'object') return;
  if (v === undefined) delete (cur as JsonObject)[path.at(-1)!];
  // An own property even for '__proto__', as JSON.parse makes it (assignment would set the prototype).
  else Object.defineProperty(cur, path.at(-1)!, { value: v, enumerable: true, writable: true, configurable: true });
}

const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;
const dates = fc.oneof(
  fc.constantFrom('2025-03-04T09:41:27.1834560Z', '2024-02-29T23:59:59Z', '2023-02-29T00:00:00Z', '0099-01-01T00:00:00Z', '2025-03-04t09:41:27z', ' 2025-03-04T09:41:27Z', '2025-03-04T09:41:27.000Z', '2025-13-01T00:00:00Z', '2025-04-31T00:00:00Z', '2025-03-04T24:00:00.5Z'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.string({ unit: fc.constantFrom('0', '5'), maxLength: 10 }))
    .map(([y, mo, d, h, s, f]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:30:${String(s).padStart(2, '0')}${f ? '.' + f : ''}Z`),
);

test('datetime fast path agrees with the general parser', () => {
  fc.assert(fc.property(dates, (t) => assert.equal(normalizeDateTime(t), referenceDateTime(t), t)), { numRuns: 5000 });
});

test('compiled normalizer agrees with the generic walk on fuzzed records of every kind', () => {
  for (const k of ALL_KINDS) {
    const schema = LOG_KINDS[k].schema;
    const targets = paths(schema);
    const value = fc.oneof(json, dates, fc.constant(undefined), fc.constantFrom('', '$items', 2 ** 40, 1.5, -1, [null], [{}], {}, ['x']));
    const mutation = fc.tuple(fc.nat(targets.length - 1), value, fc.constantFrom('', 'brandNew', '$items', '__proto__', 'toString'));
    fc.assert(
      fc.property(fc.nat(50), fc.array(mutation, { maxLength: 4 }), (n, muts) => {
        const rec = sampleRecord(schema, n);
        for (const [i, v, extraKey] of muts) {
          const [path, f] = targets[i]!;
          // Sometimes a value of the right type for the field, sometimes anything at all.
          setAt(rec, path, f.kind === 'scalar' && f.meta.enum && n % 3 === 0 ? f.meta.enum.join(',') : v);
          if (extraKey) setAt(rec, [...path.slice(0, -1), extraKey], v ?? null);
        }
        const want = reference(schema, structuredClone(rec));
        const got = compiled(schema, structuredClone(rec));
        assert.deepEqual(got, want);
        if (typeof got !== 'string' && typeof want !== 'string') assert.equal(JSON.stringify(got), JSON.stringify(want)); // key order too
      }),
      { numRuns: 400 },
    );
  }
});
