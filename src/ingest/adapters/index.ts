// The ingest formats (`?format=` on POST /ingest/{kind} and POST /ingest, `--format` on `idtrail
// ingest`) and the step that turns parsed body items into canonical records: open delivery
// envelopes, classify each native event, map it. A native event that cannot be mapped, or (on
// /ingest/{kind}) belongs to another log kind, is rejected alone with its index and a reason; the
// others go on to validation and storage. On POST /ingest each record carries the kind it was given.
import { LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import type { BodyLimits, ParsedItem } from '../body-parser.ts';
import { IngestError } from '../ingest-errors.ts';
import { AdaptError, isObject, type FormatAdapter, type IngestFormat } from './adapter.ts';
import { auth0Adapter } from './auth0-adapter.ts';
import { azureMonitorAdapter } from './azure-monitor-adapter.ts';
import { graphAdapter } from './graph-adapter.ts';
import { keycloakAdapter } from './keycloak-adapter.ts';
import { oktaAdapter } from './okta-adapter.ts';

export { AdaptError, SOURCE_PROPERTY, type FormatAdapter, type IngestFormat } from './adapter.ts';
export { AZURE_MONITOR_CATEGORIES } from './azure-monitor-adapter.ts';

/** A registry: a new format is one added entry (and its module). */
const ADAPTERS: Readonly<Record<IngestFormat, FormatAdapter>> = {
  graph: graphAdapter,
  'azure-monitor': azureMonitorAdapter,
  okta: oktaAdapter,
  auth0: auth0Adapter,
  keycloak: keycloakAdapter,
};

export const INGEST_FORMATS = Object.keys(ADAPTERS) as readonly IngestFormat[];
export const DEFAULT_FORMAT: IngestFormat = 'graph';

/** The adapter for a `format` value (case-insensitive); IDT_BAD_FORMAT naming the valid ones otherwise. */
export function findFormat(name: string | undefined): FormatAdapter {
  if (name === undefined) return ADAPTERS[DEFAULT_FORMAT];
  const a = ADAPTERS[name.toLowerCase() as IngestFormat];
  if (!a) throw new IngestError('IDT_BAD_FORMAT', `Unknown ingest format '${name}'. Use one of: ${INGEST_FORMATS.join(', ')}.`);
  return a;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : `${typeof v} ${JSON.stringify(v)}`;
}

/** A body item after adaptation: a record with the kind it is stored as, or a rejection. */
export interface RoutedItem extends ParsedItem {
  readonly kind?: LogKind;
}

/** `target`: the kind of /ingest/{kind}, or null on the routed endpoint (the event says). */
function adaptOne(adapter: FormatAdapter, target: LogKind | null, envelope: LogKind | null, value: unknown, index: number): RoutedItem {
  if (adapter.name === 'graph' && target !== null && !isObject(value)) return { index, value }; // the validator says why, as before
  if (!isObject(value)) return { index, error: `a ${adapter.name} event must be a JSON object, got ${describe(value)}` };
  const id = adapter.nativeId(value) ?? undefined;
  try {
    const c = adapter.classify(value, target, envelope);
    if (c.kind === null) return { index, id, error: c.reason ?? `the ${c.label} is not an activity idtrail stores` };
    if (target !== null && c.kind !== target) {
      const to = LOG_KINDS[c.kind].collection;
      return { index, id, error: `the ${c.label} belongs to ${to}, not ${LOG_KINDS[target].collection}: send it to /ingest/${to}?format=${adapter.name} (or to /ingest?format=${adapter.name}, which routes each event to its kind)` };
    }
    return { index, kind: c.kind, value: adapter.toRecord(value as JsonObject, c.kind) };
  } catch (e) {
    if (e instanceof AdaptError) return { index, id, error: e.message };
    // An event shape no mapping foresaw must cost that event, not the batch (or a 500).
    return { index, id, error: `the ${adapter.name} event could not be mapped: ${(e as Error).message}` };
  }
}

/**
 * Open envelopes and adapt each event. Indexes count events after envelopes are opened (the n-th
 * record of a `{"value":[…]}` page is index n), and the batch limit applies to that count.
 */
function adaptAll(adapter: FormatAdapter, target: LogKind | null, items: readonly ParsedItem[], limits: Pick<BodyLimits, 'maxRecords'>): RoutedItem[] {
  const out: RoutedItem[] = [];
  const push = (p: RoutedItem) => {
    if (out.length >= limits.maxRecords) throw new IngestError('IDT_BATCH_TOO_LONG', `a batch may hold at most ${limits.maxRecords} records`);
    out.push(p);
  };
  for (const item of items) {
    if (item.error !== undefined) {
      push({ ...item, index: out.length });
      continue;
    }
    const members = adapter.unwrap(item.value);
    const envelope = members && adapter.envelopeKind ? adapter.envelopeKind(item.value) : null;
    for (const m of members ?? [item.value]) push(adaptOne(adapter, target, envelope, m, out.length));
  }
  return out;
}

/** Parsed body items → canonical records of `kind` (POST /ingest/{kind}); events of another kind are rejected. */
export function adaptItems(adapter: FormatAdapter, kind: LogKind, items: readonly ParsedItem[], limits: Pick<BodyLimits, 'maxRecords'>): ParsedItem[] {
  return adaptAll(adapter, kind, items, limits);
}

/** Parsed body items → canonical records, each with the kind its adapter classifies it as (POST /ingest). */
export function routeItems(adapter: FormatAdapter, items: readonly ParsedItem[], limits: Pick<BodyLimits, 'maxRecords'>): RoutedItem[] {
  return adaptAll(adapter, null, items, limits);
}
