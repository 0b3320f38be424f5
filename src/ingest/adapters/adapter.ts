// What every ingest format adapter provides, and the small readers they share. An adapter turns
// one native event into the canonical Graph-shaped record; validation and enrichment then run on
// that record exactly as they do for records sent in the Graph shape.
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonObject, type JsonValue, type LogKind } from '../../model/index.ts';

export type IngestFormat = 'graph' | 'azure-monitor' | 'okta' | 'auth0' | 'keycloak';

export interface FormatAdapter {
  readonly name: IngestFormat;
  /** The delivery envelope this value is (a Graph list page, an Event Hub message…), opened; null when it is a single event. */
  unwrap(value: unknown): readonly unknown[] | null;
  /** The native id of an event, for rejection reports (and, mapped, the record id). */
  nativeId(event: JsonObject): string | null;
  /**
   * Which log kind this event belongs to. `target`: the kind of the endpoint it was sent to, or null
   * on the routed endpoint (POST /ingest), where the event alone must say; `envelope`: the kind its
   * delivery envelope names, when the format has such a thing (see envelopeKind).
   */
  classify(event: JsonObject, target: LogKind | null, envelope: LogKind | null): Classification;
  /** The kind a delivery envelope names for all its members (a Graph page's `@odata.context`), if any. */
  envelopeKind?(value: unknown): LogKind | null;
  /**
   * The envelope's members for a client that sends them on alone (the CLI batches them): each still
   * carries what the envelope said about its kind. Absent: `unwrap` (the members say it themselves).
   */
  detach?(value: unknown): readonly unknown[] | null;
  /** The canonical record of `kind`; throws AdaptError when the event lacks what the record needs. */
  toRecord(event: JsonObject, kind: LogKind): JsonObject;
}

export interface Classification {
  readonly kind: LogKind | null;
  /** How the event is named in messages, e.g. `okta event of type 'user.session.start'`. */
  readonly label: string;
  /** Why an event without a kind is refused, when the default wording ("not an activity idtrail stores") would mislead. */
  readonly reason?: string;
}

/** A native event that cannot become a record; the message is shown to the sender as the reason. */
export class AdaptError extends Error {}

/**
 * The property under which a native event is kept on the record. The normalizer keeps properties
 * the schema does not know and returns them on reads, so the provider's full event survives: a
 * field idtrail does not map today can be mapped later from stored data, and nothing is lost.
 */
export const SOURCE_PROPERTY = 'idtrailSource';

export function sourceBag(format: IngestFormat, event: JsonObject): JsonObject {
  return { [SOURCE_PROPERTY]: { format, event } };
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property read that tolerates any shape: the object or null. */
export function objAt(v: unknown, ...path: string[]): JsonObject | null {
  let cur: unknown = v;
  for (const k of path) {
    if (!isObject(cur)) return null;
    cur = cur[k];
  }
  return isObject(cur) ? cur : null;
}

/** A non-empty string at a path, or null (numbers are taken as their text: ids are sometimes numeric). */
export function strAt(v: unknown, ...path: string[]): string | null {
  const parent = path.length > 1 ? objAt(v, ...path.slice(0, -1)) : isObject(v) ? v : null;
  const x = parent?.[path[path.length - 1]!];
  if (typeof x === 'string') return x === '' ? null : x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  return null;
}

export function numAt(v: unknown, ...path: string[]): number | null {
  const parent = path.length > 1 ? objAt(v, ...path.slice(0, -1)) : isObject(v) ? v : null;
  const x = parent?.[path[path.length - 1]!];
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return null;
}

export function required(value: string | null, format: string, what: string): string {
  if (value === null) throw new AdaptError(`${format} event: ${what} is missing`);
  return value;
}

/** An ISO-8601 text or epoch milliseconds as an ISO-8601 UTC text; AdaptError otherwise. */
export function isoTime(v: unknown, format: string, what: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  if (typeof v === 'string' && v !== '' && !Number.isNaN(Date.parse(v))) return v;
  throw new AdaptError(`${format} event: ${what} is missing or not a date-time`);
}

/** A stable id for events that carry none (older Keycloak): resending the same event gives the same id. */
export function contentId(prefix: string, event: JsonObject): string {
  return `${prefix}-${createHash('sha256').update(canonicalJson(event as JsonValue)).digest('hex').slice(0, 32)}`;
}

/** `CREATE_USER` / `user.lifecycle.create` words → `Create user`, for activity display names. */
export function sentenceCase(words: string): string {
  const s = words.replace(/[_.]+/g, ' ').trim().toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

let countryCodes: Map<string, string> | null = null;

/**
 * A country name ("United States") → its ISO 3166 alpha-2 code, which Graph's `countryOrRegion`
 * holds. Built once from the runtime's ICU region names, so no table is shipped.
 */
export function countryCode(name: string | null): string | null {
  if (!name) return null;
  if (/^[A-Z]{2}$/.test(name)) return name;
  if (!countryCodes) {
    countryCodes = new Map();
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        try {
          const n = names.of(code);
          if (n && n !== code) countryCodes.set(n.toLowerCase(), code);
        } catch {
          // not a region code
        }
      }
    }
  }
  return countryCodes.get(name.toLowerCase()) ?? null;
}
