// Graph identityProtection, read-only: riskDetections (spec 2.1, 2.3) and riskyUsers derived from
// them, in /v1.0 and /beta. The detections come from idtrail's rules (src/risk), recomputed after
// each committed batch; `$filter` on the documented fields, `$select`, `$top` (default 20, max 500)
// and keyset paging on (activityDateTime, id), which the stable detection ids keep consistent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { evalFilter, parseReportFilter, type FilterAst } from '../reports/index.ts';
import { riskyUsersFrom, type RiskDetection, type RiskEngine } from '../risk/index.ts';
import { ApiError } from './api-errors.ts';
import type { Authenticator } from './request-context.ts';
import { toApiError } from './report-routes.ts';
import { decodeSkipToken, encodeSkipToken, queryDigest } from './skiptoken.ts';

export interface RiskRouteDeps {
  readonly risk: RiskEngine;
  readonly authenticate: Authenticator;
  readonly publicUrl: string | null;
}

export const RISK_ROLES = ['Security Reader', 'Security Operator', 'Security Administrator', 'Global Reader', 'Global Administrator'];
const CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const DETECTION_FILTERABLE = [
  'id', 'requestId', 'correlationId', 'riskEventType', 'riskState', 'riskLevel', 'riskDetail', 'source', 'detectionTimingType',
  'activity', 'tokenIssuerType', 'ipAddress', 'userId', 'userDisplayName', 'userPrincipalName', 'activityDateTime',
  'detectedDateTime', 'lastUpdatedDateTime', 'location/city', 'location/state', 'location/countryOrRegion',
];
const USER_FILTERABLE = ['id', 'riskLevel', 'riskState', 'riskDetail', 'userPrincipalName', 'userDisplayName', 'riskLastUpdatedDateTime', 'isDeleted', 'isProcessing'];
/** The deprecated beta `riskType` only has the legacy enum's members (spec 2.2). */
const LEGACY_RISK_TYPES = ['unlikelyTravel', 'anonymizedIPAddress', 'maliciousIPAddress', 'unfamiliarFeatures', 'malwareInfectedIPAddress',
  'suspiciousIPAddress', 'leakedCredentials', 'investigationsThreatIntelligence', 'generic', 'adminConfirmedUserCompromised'];

type Query = Record<string, string | string[] | undefined>;
const opt = (q: Query, name: string): string | undefined => {
  for (const [k, v] of Object.entries(q)) if (k.toLowerCase() === name || k.toLowerCase() === name.slice(1)) return Array.isArray(v) ? v[0] : v;
  return undefined;
};

function view(d: RiskDetection, version: string): Record<string, unknown> {
  if (version === 'beta') return { ...d, riskType: LEGACY_RISK_TYPES.includes(d.riskEventType) ? d.riskEventType : 'generic' };
  const { mitreTechniqueId: _beta, ...v1 } = d;
  return v1;
}

async function tenantOf(deps: RiskRouteDeps, req: FastifyRequest): Promise<string> {
  const p = await deps.authenticate(req, 'read');
  if (!p.roles.some((r) => RISK_ROLES.includes(r))) throw new ApiError('IDT_FORBIDDEN', 'Reading risk detections needs one of these roles: ' + RISK_ROLES.join(', '));
  return p.tenantId;
}

function page(req: FastifyRequest<{ Querystring: Query }>, deps: RiskRouteDeps, version: string, collection: string, rows: Array<Record<string, unknown>>, timeKey: string, filterable: readonly string[]) {
  const q = req.query;
  for (const k of Object.keys(q)) {
    if (['$skip', '$expand', '$search', '$orderby', '$count'].includes(k.toLowerCase())) throw new ApiError('IDT_QUERY_UNSUPPORTED', `The query option '${k}' is not supported on identityProtection/${collection}.`);
  }
  const filterText = opt(q, '$filter') ?? '';
  let f: FilterAst | null = null;
  if (filterText.trim()) f = parseReportFilter(filterText, filterable);
  let list = f ? rows.filter((r) => evalFilter(f!, r)) : rows;
  const topText = opt(q, '$top');
  if (topText !== undefined && !/^\s*\d+\s*$/.test(topText)) throw new ApiError('IDT_QUERY_SYNTAX', `Invalid value '${topText}' for $top.`);
  const top = Math.min(Math.max(1, Number(topText ?? 20)), 500);
  const digest = queryDigest([version, collection, filterText]);
  const token = opt(q, '$skiptoken');
  if (token) {
    const c = decodeSkipToken(token, digest);
    // Newest first on (time, id): continue strictly after the last row served.
    list = list.filter((r) => String(r[timeKey]) < c.t || (String(r[timeKey]) === c.t && String(r['id']) < c.id));
  }
  const out = list.slice(0, top);
  const selectText = opt(q, '$select');
  const base = deps.publicUrl ?? `${req.protocol}://${req.host}`;
  const sel = selectText ? `(${selectText})` : '';
  const body: Record<string, unknown> = { '@odata.context': `${base}/${version}/$metadata#identityProtection/${collection}${sel}` };
  if (list.length > top) {
    const last = out[out.length - 1]!;
    const url = new URL(`${base}${req.url}`);
    url.searchParams.set('$skiptoken', encodeSkipToken({ t: String(last[timeKey]), id: String(last['id']) }, digest));
    body['@odata.nextLink'] = url.toString().replace(/%24/g, '$');
  }
  body['value'] = selectText ? out.map((r) => Object.fromEntries(selectText.split(',').map((s) => s.trim()).map((s) => [s, r[s] ?? null]))) : out;
  return body;
}

const doc = (summary: string, operationId: string) => ({
  schema: { tags: ['Graph identityProtection'], summary, operationId, response: { 200: { type: 'object', additionalProperties: true } } },
});

export function registerRiskRoutes(app: FastifyInstance, deps: RiskRouteDeps): void {
  for (const version of ['v1.0', 'beta'] as const) {
    const prefix = `/${version}/identityProtection`;
    const wrap = <T>(fn: () => Promise<T>) => fn().catch((e) => { throw toApiError(e); });

    app.get<{ Querystring: Query }>(`${prefix}/riskDetections`, doc(`List risk detections (${version})`, `riskDetections_${version}`), (req, reply) => wrap(async () => {
      const list = (await deps.risk.detections(await tenantOf(deps, req))).map((d) => view(d, version));
      reply.type(CONTENT_TYPE);
      return page(req, deps, version, 'riskDetections', list, 'activityDateTime', DETECTION_FILTERABLE);
    }));
    app.get<{ Params: { id: string } }>(`${prefix}/riskDetections/:id`, doc(`Get a risk detection (${version})`, `riskDetection_${version}`), (req, reply) => wrap(async () => {
      const d = (await deps.risk.detections(await tenantOf(deps, req))).find((x) => x.id === req.params.id);
      if (!d) throw new ApiError('IDT_NOT_FOUND', `Resource '${req.params.id}' does not exist.`);
      reply.type(CONTENT_TYPE);
      return { '@odata.context': `${deps.publicUrl ?? `${req.protocol}://${req.host}`}/${version}/$metadata#identityProtection/riskDetections/$entity`, ...view(d, version) };
    }));
    app.get<{ Querystring: Query }>(`${prefix}/riskyUsers`, doc(`List risky users (${version})`, `riskyUsers_${version}`), (req, reply) => wrap(async () => {
      const users = riskyUsersFrom(await deps.risk.detections(await tenantOf(deps, req)));
      reply.type(CONTENT_TYPE);
      return page(req, deps, version, 'riskyUsers', users, 'riskLastUpdatedDateTime', USER_FILTERABLE);
    }));
    app.get<{ Params: { id: string } }>(`${prefix}/riskyUsers/:id`, doc(`Get a risky user (${version})`, `riskyUser_${version}`), (req, reply) => wrap(async () => {
      const u = riskyUsersFrom(await deps.risk.detections(await tenantOf(deps, req))).find((x) => x['id'] === req.params.id);
      if (!u) throw new ApiError('IDT_NOT_FOUND', `Resource '${req.params.id}' does not exist.`);
      reply.type(CONTENT_TYPE);
      return { '@odata.context': `${deps.publicUrl ?? `${req.protocol}://${req.host}`}/${version}/$metadata#identityProtection/riskyUsers/$entity`, ...u };
    }));
  }
}
