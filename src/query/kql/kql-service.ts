// Run KQL against a LogStore and shape the answer like the Log Analytics query API:
// {tables: [{name, columns: [{name, type}], rows: [[…]]}]}. Shared by the HTTP route and the CLI.
import type { IrType } from '../ir/index.ts';
import type { LogStore } from '../../store/index.ts';
import type { LogKind } from '../../model/index.ts';
import { kqlToIr, type LoweredQuery } from './kql-to-ir.ts';
import { KqlError } from './kql-errors.ts';
import { kustoTypeName } from './kql-functions.ts';
import { MAX_PROBES, ProbeNeeded, type ProbeRows } from './kql-probes.ts';

export interface LaColumnInfo {
  readonly name: string;
  readonly type: string;
}
export interface LaTableResult {
  readonly name: string;
  readonly columns: readonly LaColumnInfo[];
  readonly rows: ReadonlyArray<readonly unknown[]>;
}
export interface LaQueryResult {
  readonly tables: readonly LaTableResult[];
}

export interface RunKqlOptions {
  /** ISO-8601 duration (`PT1H`, `P7D`) or interval (`start/end`, `start/P1D`), as the LA API takes. */
  readonly timespan?: string;
  readonly now?: Date;
  /** Cancels the query in the engine (a request deadline, a client that left). */
  readonly signal?: AbortSignal;
  /** Which logs the caller may read (a `search` without a table list searches only those). */
  readonly canRead?: (kind: LogKind) => boolean;
}

/** Lower without a store: a construct that needs a probe (kql-probes.ts) throws ProbeNeeded. */
export function lowerKql(text: string, tenantId: string, opts: RunKqlOptions = {}, probes?: ReadonlyMap<string, ProbeRows>): LoweredQuery {
  const now = opts.now ?? new Date();
  const timeRange = opts.timespan ? parseTimespanParam(opts.timespan, now) : undefined;
  return kqlToIr(text, { tenantId, now, ...(timeRange ? { timeRange } : {}), ...(probes ? { probes } : {}), ...(opts.canRead ? { canRead: opts.canRead } : {}) });
}

/** Lower the query, running the probes it asks for on the store until the plan is complete. */
export async function lowerWithProbes(store: LogStore, tenantId: string, text: string, opts: RunKqlOptions = {}): Promise<LoweredQuery> {
  const probes = new Map<string, ProbeRows>();
  for (;;) {
    try {
      return lowerKql(text, tenantId, opts, probes);
    } catch (e) {
      if (!(e instanceof ProbeNeeded)) throw e;
      if (probes.size >= MAX_PROBES) throw new KqlError('IDT_KQL_UNSUPPORTED', `the query needs more than ${MAX_PROBES} data-dependent schemas (bag_unpack, open-ended make-series)`, null);
      const r = await store.query(e.plan, opts.signal ? { signal: opts.signal } : undefined);
      probes.set(e.key, r.rows);
    }
  }
}

export async function runKql(store: LogStore, tenantId: string, text: string, opts: RunKqlOptions = {}): Promise<LaQueryResult> {
  const q = await lowerWithProbes(store, tenantId, text, opts);
  const r = await store.query(q.plan, opts.signal ? { signal: opts.signal } : undefined);
  const rows = r.rows.map((row) => q.columns.map(([name, t]) => outValue(row[name], t)));
  return { tables: [{ name: 'PrimaryResult', columns: q.columns.map(([name, t]) => ({ name, type: kustoTypeName(t) })), rows }] };
}

/** LA returns dynamic values as JSON text and timespans as [-][d.]hh:mm:ss[.fffffff]. */
function outValue(v: unknown, t: IrType): unknown {
  if (v === null || v === undefined) return null;
  if (t === 'dynamic') return typeof v === 'string' ? v : JSON.stringify(v);
  if (t === 'timespan') return formatTimespan(Number(v));
  return v;
}

export function formatTimespan(ns: number): string {
  const neg = ns < 0;
  let ticks = Math.round(Math.abs(ns) / 100);
  const frac = ticks % 1e7;
  ticks = Math.floor(ticks / 1e7);
  const s = ticks % 60, m = Math.floor(ticks / 60) % 60, h = Math.floor(ticks / 3600) % 24, d = Math.floor(ticks / 86400);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${neg ? '-' : ''}${d ? `${d}.` : ''}${p(h)}:${p(m)}:${p(s)}${frac ? `.${String(frac).padStart(7, '0')}` : ''}`;
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function durationMs(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return null;
  const [, w = '0', d = '0', h = '0', mi = '0', s = '0'] = m;
  return (((+w * 7 + +d) * 24 + +h) * 60 + +mi) * 60000 + +s * 1000;
}

export function parseTimespanParam(ts: string, now: Date): { from: string; to: string } {
  const bad = () => new KqlError('IDT_KQL_SEMANTIC', `timespan '${ts}' is not an ISO-8601 duration or interval`, null);
  const parts = ts.split('/');
  const iso = (x: string) => {
    const t = Date.parse(x);
    if (Number.isNaN(t)) throw bad();
    return t;
  };
  if (parts.length === 1) {
    const ms = durationMs(parts[0]!);
    if (ms === null) throw bad();
    return { from: new Date(now.getTime() - ms).toISOString(), to: new Date(now.getTime() + 1).toISOString() };
  }
  if (parts.length !== 2) throw bad();
  const [a, b] = parts as [string, string];
  const da = durationMs(a);
  const db = durationMs(b);
  if (da !== null && db === null) return { from: new Date(iso(b) - da).toISOString(), to: new Date(iso(b)).toISOString() };
  if (db !== null) return { from: new Date(iso(a)).toISOString(), to: new Date(iso(a) + db).toISOString() };
  return { from: new Date(iso(a)).toISOString(), to: new Date(iso(b)).toISOString() };
}
