// Reports over HTTP: Graph-shaped `/beta/reports/...` (spec §1) and idtrail's own
// `/idtrail/reports[/{name}]` for the answers Graph has no API for. Both run the same registry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LogStore } from '../store/index.ts';
import {
  evalFilter, findReport, parseReportFilter, reportContext, runReportWith, timeBounds, REPORTS, ReportError, ReportFilterError,
  type FilterAst, type LastSignInReader, type Row,
} from '../reports/index.ts';
import { ApiError } from './api-errors.ts';
import type { Authenticator } from './request-context.ts';
import { matchGraphReport, type GraphReportRoute, type ODataOption } from './report-graph-table.ts';
import { notServedMessage } from './graph-not-served.ts';
import { canonicalSelect, project } from './graph-select.ts';
import type { JsonObject } from '../model/index.ts';
import { includesUnknownEnumMembers, markEnumPreferenceApplied } from './prefer.ts';
import { checkFilterEnums, maskRows } from './derived-enum-view.ts';

export interface ReportRouteDeps {
  readonly store: LogStore;
  /** The last-sign-ins table kept at ingest; absent: lastSignIns aggregates the logs. */
  readonly lastSignIns?: LastSignInReader;
  readonly authenticate: Authenticator;
  readonly publicUrl: string | null;
  /** Clock for default ranges (tests pin it). */
  readonly now?: () => Date;
}

/** Roles that may read usage & insights reports (spec 1.1). */
export const REPORT_ROLES = ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader', 'Global Administrator'];
const CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
type Query = Record<string, string | string[] | undefined>;

function option(q: Query, name: string): string | undefined {
  for (const [k, v] of Object.entries(q)) {
    const key = k.toLowerCase();
    if (key === name || key === name.slice(1)) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

export function toApiError(e: unknown): unknown {
  if (e instanceof ReportFilterError) return new ApiError('IDT_QUERY_SYNTAX', e.message, { position: e.position });
  if (e instanceof ReportError) return new ApiError(e.code === 'IDT_REPORT_UNKNOWN' ? 'IDT_SEGMENT_NOT_FOUND' : 'IDT_BAD_REQUEST', e.message);
  return e;
}

async function reader(deps: ReportRouteDeps, req: FastifyRequest): Promise<string> {
  const p = await deps.authenticate(req, 'read');
  if (!p.roles.some((r) => REPORT_ROLES.includes(r))) throw new ApiError('IDT_FORBIDDEN', 'Reading reports needs one of these roles: ' + REPORT_ROLES.join(', '));
  return p.tenantId;
}

/** $orderby over shaped rows: `prop [asc|desc]`, nested with `/`. */
function orderRows(rows: Row[], text: string, props: readonly string[]): Row[] {
  const m = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  const prop = m ? props.find((p) => p.toLowerCase() === m[1]!.toLowerCase()) ?? (rows[0] && Object.keys(rows[0]).find((k) => k.toLowerCase() === m[1]!.toLowerCase())) : undefined;
  if (!m || !prop) throw new ApiError('IDT_QUERY_SYNTAX', `Invalid $orderby '${text}'.`);
  const dir = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  const get = (r: Row) => prop.split('/').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Row)[k] : null), r);
  return [...rows].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

async function graphReport(req: FastifyRequest<{ Querystring: Query }>, rest: string, deps: ReportRouteDeps, version: string): Promise<Record<string, unknown>> {
  if (/(^|\/)\$count$/.test(rest)) throw new ApiError('IDT_QUERY_UNSUPPORTED', `/$count is not supported on reports; follow @odata.nextLink and count the rows.`);
  const match = matchGraphReport(rest);
  if (!match || version !== 'beta') {
    const unserved = notServedMessage(`/${version}/reports/${rest}`);
    if (unserved) throw new ApiError('IDT_NOT_SERVED', unserved);
    const last = rest.split('/').filter(Boolean).pop() ?? 'reports';
    // Every report idtrail serves is a beta API in Graph too.
    if (match) throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Resource not found for the segment '${last}': reports/${rest} is a beta API; call /beta/reports/${rest}.`);
    throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Resource not found for the segment '${last}'.`);
  }
  const { route, args, id } = match;
  const tenantId = await reader(deps, req);
  for (const k of Object.keys(req.query)) {
    const name = (k.startsWith('$') ? k : `$${k}`).toLowerCase();
    if (['$filter', '$top', '$orderby', '$select', '$count', '$skip', '$expand', '$search'].includes(name) && !route.options.includes(name as ODataOption)) {
      throw new ApiError('IDT_QUERY_UNSUPPORTED', `The query option '${k}' is not supported on reports/${route.context.replace(/^reports\//, '')}.`);
    }
  }
  const def = findReport(route.report);
  if (route.fn?.required && args[route.fn.param] === undefined) throw new ApiError('IDT_BAD_REQUEST', `The function needs the parameter '${route.fn.param}'.`);
  const filterText = option(req.query, '$filter');
  let filter: FilterAst | null = null;
  const props = def.filterable ?? [];
  if (filterText && filterText.trim()) filter = parseReportFilter(filterText, props.length ? props : ['id', 'appId']);
  const includeUnknown = includesUnknownEnumMembers(req);
  if (route.enums) checkFilterEnums(filter, route.enums, includeUnknown);
  const base = deps.publicUrl ?? `${req.protocol}://${req.host}`;
  const now = deps.now?.() ?? new Date();
  const bounds = def.timeProperty ? timeBounds(filter, def.timeProperty) : {};
  const topMax = route.top?.max ?? 1000;
  const topText = option(req.query, '$top');
  if (topText !== undefined && !/^\d+$/.test(topText.trim())) throw new ApiError('IDT_QUERY_SYNTAX', `Invalid value '${topText}' for $top.`);
  const top = Math.min(topText ? Math.max(1, Number(topText)) : route.top?.default ?? topMax, topMax);
  // The skiptoken is an offset into the report's rows, so a report that limits rows in its plan
  // must produce every row up to the end of this page, plus one to tell whether another follows.
  const skip = Math.max(0, Math.floor(Number(option(req.query, '$skiptoken') ? Buffer.from(option(req.query, '$skiptoken')!, 'base64url').toString() : 0) || 0));
  const ctx = {
    ...reportContext(def, { tenantId, now, params: { ...route.params, ...(route.fn ? { [route.fn.param]: args[route.fn.param] } : {}) }, from: bounds.from ?? null, to: bounds.to ?? null }),
    filter: def.filterInPlan ? filter : null, top: id ? undefined : skip + top + 1,
  };
  const out = await runReportWith(deps.store, def, ctx, deps.lastSignIns ? { lastSignIns: deps.lastSignIns } : {}, { signal: req.abortSignal });
  let rows = [...(out.tables['value'] ?? [])];
  // Masked before the filter runs over them, so `unknownFutureValue` matches what is shown.
  if (route.enums) rows = maskRows(route.enums, rows, includeUnknown);
  if (filter && !def.filterInPlan) rows = rows.filter((r) => evalFilter(filter!, r));
  if (id !== null) {
    const one = rows.find((r) => String(r['id']) === id);
    if (!one) throw new ApiError('IDT_NOT_FOUND', `Resource '${id}' does not exist.`);
    return { '@odata.context': `${base}/beta/$metadata#${route.context}/$entity`, ...one };
  }
  const orderText = option(req.query, '$orderby');
  if (orderText) rows = orderRows(rows, orderText, props);
  const page = rows.slice(skip, skip + top);
  const select = canonicalSelect(rows, option(req.query, '$select'), route.context);
  const value = select ? page.map((r) => project(r as JsonObject, select)) : page;
  const body: Record<string, unknown> = { '@odata.context': `${base}/beta/$metadata#${route.context}${select ? `(${select.join(',')})` : ''}` };
  if (rows.length > skip + top) {
    const url = new URL(`${base}${req.url}`);
    url.searchParams.set('$skiptoken', Buffer.from(String(skip + top)).toString('base64url'));
    body['@odata.nextLink'] = url.toString().replace(/%24/g, '$').replace(/%27/g, "'").replace(/%28/g, '(').replace(/%29/g, ')');
  }
  body['value'] = value;
  return body;
}

const doc = (tag: string, summary: string, operationId: string, description?: string) => ({
  schema: { tags: [tag], summary, operationId, ...(description ? { description } : {}), response: { 200: { type: 'object', additionalProperties: true } } },
});

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  for (const version of ['v1.0', 'beta'] as const) {
    const fns = 'getAzureADApplicationSignInSummary(period=\'D7\'), applicationSignInDetailedSummary, servicePrincipalSignInActivities, ' +
      'appCredentialSignInActivities, authenticationMethods/{userSignInsByAuthMethodSummary(period=\'d7\'), userMfaSignInSummary, userEventsSummary, ' +
      'userPasswordResetsAndChangesSummary}, userInsights/{daily|monthly}/signUps (beta only).';
    // One, two or three segments below /reports; a parameter (not a wildcard) keeps the paths
    // documentable, and a segment may carry function arguments: `name(period='D7')`. The fourth
    // form is only `/$count` after a three-segment report, so it gets the reports' $count message.
    for (const [i, path] of [':segment', ':segment/:sub', ':segment/:sub/:leaf', ':segment/:sub/:leaf/$count'].entries()) {
      app.get<{ Params: Record<string, string>; Querystring: Query }>(`/${version}/reports/${path}`, doc('Graph reports', `Usage & insights reports (${version}, ${i + 1} segment${i ? 's' : ''})`, `reports_${version}_${i + 1}`, fns), async (req, reply) => {
        try {
          const segs = [req.params['segment'], req.params['sub'], req.params['leaf'], i === 3 ? '$count' : undefined];
          const rest = segs.filter((x) => x !== undefined).join('/');
          const body = await graphReport(req, rest, deps, version);
          reply.type(CONTENT_TYPE);
          markEnumPreferenceApplied(reply, includesUnknownEnumMembers(req));
          return body;
        } catch (e) {
          throw toApiError(e);
        }
      });
    }
  }

  app.get('/idtrail/reports', doc('idtrail reports', 'List the reports', 'idtrailReports'), async (req) => {
    await reader(deps, req);
    return { value: REPORTS.map((r) => ({ name: r.name, description: r.description, params: r.params })) };
  });

  app.get<{ Params: { name: string }; Querystring: Query }>('/idtrail/reports/:name', doc('idtrail reports', 'Run a report (from, to and its parameters as query options)', 'idtrailReport'), async (req) => {
    try {
      const tenantId = await reader(deps, req);
      const def = findReport(req.params.name);
      const q = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const ctx = reportContext(def, { tenantId, from: q['from'] ?? null, to: q['to'] ?? null, params: q, now: deps.now?.() ?? new Date() });
      const out = await runReportWith(deps.store, def, ctx, deps.lastSignIns ? { lastSignIns: deps.lastSignIns } : {}, { signal: req.abortSignal });
      return { report: def.name, tenantId, range: ctx.range, params: ctx.params, ...out };
    } catch (e) {
      throw toApiError(e);
    }
  });
}
