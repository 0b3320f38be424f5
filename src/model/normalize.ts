// Validate an incoming record against its kind's schema and bring it to the canonical stored form:
// every known property present (null, or [] for collections), timestamps as UTC ISO-8601 with the
// fraction trimmed, unknown properties split off so they are kept (and returned) unchanged.
// One pass does all three because this runs for every ingested record; the pass is generated per
// schema (compiled-normalize.ts) because a generic walk over the schema was the costliest stage.

import type { ObjectSchema } from './schema.ts';
import { compiledNormalizer, type NormalizeRuntime } from './compiled-normalize.ts';

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

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Normalize an ISO-8601 date-time to `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z` (UTC, trailing zeros of the
 * fraction trimmed, up to 9 digits). Returns null when the text is not a valid date-time.
 */
export function normalizeDateTime(text: string): string | null {
  const fast = canonicalUtc(text);
  if (fast !== undefined) return fast;
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

const UTC_RE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common case without Date arithmetic: text already in UTC with `T` and `Z`, as Entra sends
 * it. Returns the normalized text, null when the date is invalid, or undefined to take the general
 * path (years before 1000, where Date.UTC's two-digit-year rule makes the general result differ).
 */
function canonicalUtc(text: string): string | null | undefined {
  const m = UTC_RE.exec(text);
  if (!m) return undefined;
  const y = +m[1]!;
  if (y < 1000) return undefined;
  const mo = +m[2]!;
  const d = +m[3]!;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! + (leap ? 1 : 0) || +m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return null;
  const frac = m[7];
  if (frac === undefined) return text;
  if (frac.charCodeAt(frac.length - 1) !== 48 /* '0' */) return text;
  const f = frac.replace(/0+$/, '');
  return f ? `${text.slice(0, 19)}.${f}Z` : `${text.slice(0, 19)}Z`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Validate and normalize a whole record. Throws RecordError with a readable path and reason. */
export function normalizeRecord(schema: ObjectSchema, input: unknown): NormalizeResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RecordError('', `a record must be a JSON object, got ${describe(input)}`);
  }
  return compiledNormalizer(schema, RUNTIME)(input as Record<string, unknown>);
}

const RUNTIME: NormalizeRuntime = { RecordError, describe, normalizeDateTime };

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
