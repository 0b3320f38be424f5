// Validate an incoming record against its kind's schema and bring it to the canonical stored form:
// every known property present (null, or [] for collections), timestamps as UTC ISO-8601 with the
// fraction trimmed, unknown properties split off so they are kept (and returned) unchanged.
// One walk does all three because this runs for every ingested record.

import type { FieldSchema, ObjectSchema } from './schema.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export interface NormalizeResult {
  readonly record: JsonObject;
  /** Properties the schema does not know, in the same tree shape (lists as {"$items": [...]}). */
  readonly extra: JsonObject | null;
}

export class RecordError extends Error {
  constructor(readonly path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Normalize an ISO-8601 date-time to `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z` (UTC, trailing zeros of the
 * fraction trimmed, up to 9 digits). Returns null when the text is not a valid date-time.
 */
export function normalizeDateTime(text: string): string | null {
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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
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
          const n = normalizeDateTime(v);
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

/** Validate and normalize a whole record. Throws RecordError with a readable path and reason. */
export function normalizeRecord(schema: ObjectSchema, input: unknown): NormalizeResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RecordError('', `a record must be a JSON object, got ${describe(input)}`);
  }
  return normalizeObject(schema, input as Record<string, unknown>, '');
}

/** Put unknown properties back into a record (the inverse of the split done at ingest). */
export function mergeExtra(target: JsonValue, extra: JsonValue): JsonValue {
  if (extra === null || typeof extra !== 'object') return target;
  if (!Array.isArray(extra) && '$items' in extra && Array.isArray(extra.$items) && Array.isArray(target)) {
    const items = extra.$items;
    return target.map((t, i) => (items[i] == null ? t : mergeExtra(t, items[i]!)));
  }
  if (target === null || typeof target !== 'object' || Array.isArray(target) || Array.isArray(extra)) return target;
  for (const k of Object.keys(extra)) {
    const e = (extra as JsonObject)[k]!;
    target[k] = k in target && target[k] !== null && typeof target[k] === 'object' ? mergeExtra(target[k]!, e) : e;
  }
  return target;
}
