// Run a report: validate parameters, settle the time range, run its plans concurrently on the
// store, shape the rows. Shared by the API, the CLI and the bench.
import { normalizeDateTime } from '../model/index.ts';
import type { LogStore, QueryOptions } from '../store/index.ts';
import { ReportError, type ReportContext, type ReportSources, type ReportDef, type ReportOutput, type Row, type TimeRange } from './report-types.ts';

export interface ReportRequest {
  readonly tenantId: string;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly params?: Readonly<Record<string, string | undefined>>;
  readonly now?: Date;
}

export function reportContext(def: ReportDef, req: ReportRequest): ReportContext {
  const now = req.now ?? new Date();
  const params: Record<string, string> = {};
  for (const p of def.params) {
    const raw = req.params?.[p.name] ?? p.default;
    if (raw === undefined) continue;
    if (p.values) {
      const hit = p.values.find((v) => v.toLowerCase() === raw.toLowerCase());
      if (!hit) throw new ReportError(`${p.name} must be one of ${p.values.join(', ')}, got '${raw}'`);
      params[p.name] = hit;
    } else {
      params[p.name] = raw;
    }
  }
  const dflt = def.defaultRange(now, params);
  const range: TimeRange = { from: time(req.from, 'from') ?? dflt.from, to: time(req.to, 'to') ?? dflt.to };
  if (Date.parse(range.from) >= Date.parse(range.to)) throw new ReportError(`'from' (${range.from}) must be before 'to' (${range.to})`);
  return { tenantId: req.tenantId, range, params, now };
}

function time(v: string | null | undefined, name: string): string | null {
  if (v === null || v === undefined || v === '') return null;
  const n = normalizeDateTime(v);
  if (!n) throw new ReportError(`'${name}' is not an ISO-8601 date-time: '${v}'`);
  return n;
}

/** `options.signal` cancels the report's queries in the engine (a request deadline, a client that left). */
export async function runReportWith(store: LogStore, def: ReportDef, ctx: ReportContext, sources: ReportSources = {}, options: QueryOptions = {}): Promise<ReportOutput> {
  const derived = def.fromSources ? await def.fromSources(sources, ctx) : null;
  if (derived) return def.shape(derived, ctx);
  const plans = Object.entries(def.build(ctx));
  const results = await Promise.all(plans.map(async ([name, plan]) => [name, (await store.query(plan, options)).rows] as const));
  return def.shape(Object.fromEntries(results) as Record<string, readonly Row[]>, ctx);
}

export async function runReport(store: LogStore, def: ReportDef, req: ReportRequest, sources: ReportSources = {}): Promise<ReportOutput> {
  return runReportWith(store, def, reportContext(def, req), sources);
}
