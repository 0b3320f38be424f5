// Graph identityProtection, read-only: riskDetections (spec 2.1, 2.3) and riskyUsers derived from
// them, in /v1.0 and /beta. The detections come from idtrail's rules (src/risk), recomputed after
// each committed batch; `$filter` on the documented fields, `$select`, `$top` (default 20, max 500),
// `$count` (option and `/$count` segment) and keyset paging on (activityDateTime, id), which the
// stable detection ids keep consistent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { evalFilter, parseReportFilter, type FilterAst } from '../reports/index.ts';
import { riskyUsersFrom, type RiskDetection, type RiskEngine } from '../risk/index.ts';
import { ApiError } from './api-errors.ts';
import type { Authenticator } from './request-context.ts';
import { toApiError } from './report-routes.ts';
import { decodeSkipToken, encodeSkipToken, queryDigest } from './skiptoken.ts';
import { canonicalSelect, project } from './graph-select.ts';
import { parseKeySegment } from './odata-key-segment.ts';
import { notServedMessage } from './graph-not-served.ts';
import { riskDetectionEnums, riskyUserEnums, type JsonObject, type ObjectSchema } from '../model/index.ts';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS, includesUnknownEnumMembers, markEnumPreferenceApplied } from './prefer.ts';
import { checkFilterEnums, maskRows } from './derived-enum-view.ts';

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
/** Beta keeps the deprecated `riskType`, and its documented example filters on it. */
const BETA_DETECTION_FILTERABLE = [...DETECTION_FILTERABLE, 'riskType'];
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

const enumsOf = (collection: string): ObjectSchema => (collection === 'riskyUsers' ? riskyUserEnums : riskDetectionEnums);

/**
 * The rows a `$filter` selects; the same for a page and for `/$count`. `rows` are already masked
 * for the request's enum preference, so the filter compares what the client is shown.
 */
function filtered(req: FastifyRequest<{ Querystring: Query }>, rows: Array<Record<string, unknown>>, filterable: readonly string[], enums: ObjectSchema): { list: Array<Record<string, unknown>>; filterText: string } {
  const filterText = opt(req.query, '$filter') ?? '';
  const f: FilterAst | null = filterText.trim() ? parseReportFilter(filterText, filterable) : null;
  checkFilterEnums(f, enums, includesUnknownEnumMembers(req));
  return { list: f ? rows.filter((r) => evalFilter(f, r)) : rows, filterText };
}

/**
 * `$orderby` may name the order served (newest first on the time property, as SDK scripts write
 * `-Sort 'activityDateTime desc'`); any other order would break keyset paging, so it is refused.
 */
function checkOrder(q: Query, collection: string, timeKey: string): void {
  const text = opt(q, '$orderby');
  if (text === undefined || !text.trim()) return;
  const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  if (!m || m[1]!.toLowerCase() !== timeKey.toLowerCase() || (m[2] ?? 'asc').toLowerCase() !== 'desc') {
    throw new ApiError('IDT_QUERY_UNSUPPORTED', `Invalid $orderby '${text}': identityProtection/${collection} is served newest first only ('${timeKey} desc').`);
  }
}

function countOption(q: Query): boolean {
  const text = opt(q, '$count');
  if (text === undefined) return false;
  if (!/^\s*(true|false)\s*$/i.test(text)) throw new ApiError('IDT_QUERY_SYNTAX', `Invalid value '${text}' for $count: expected true or false.`);
  return text.trim().toLowerCase() === 'true';
}

function page(req: FastifyRequest<{ Querystring: Query }>, deps: RiskRouteDeps, version: string, collection: string, rows: Array<Record<string, unknown>>, timeKey: string, filterable: readonly string[]) {
  const q = req.query;
  for (const k of Object.keys(q)) {
    if (['$skip', '$expand', '$search'].includes(k.toLowerCase())) throw new ApiError('IDT_QUERY_UNSUPPORTED', `The query option '${k}' is not supported on identityProtection/${collection}.`);
  }
  checkOrder(q, collection, timeKey);
  const count = countOption(q);
  const includeUnknown = includesUnknownEnumMembers(req);
  const { list: matched, filterText } = filtered(req, rows, filterable, enumsOf(collection));
  let list = matched;
  const topText = opt(q, '$top');
  if (topText !== undefined && !/^\s*\d+\s*$/.test(topText)) throw new ApiError('IDT_QUERY_SYNTAX', `Invalid value '${topText}' for $top.`);
  const top = Math.min(Math.max(1, Number(topText ?? 20)), 500);
  const digest = queryDigest([version, collection, filterText, ...(includeUnknown ? [INCLUDE_UNKNOWN_ENUM_MEMBERS] : [])]);
  const token = opt(q, '$skiptoken');
  if (token) {
    const c = decodeSkipToken(token, digest);
    // Newest first on (time, id): continue strictly after the last row served.
    list = list.filter((r) => String(r[timeKey]) < c.t || (String(r[timeKey]) === c.t && String(r['id']) < c.id));
  }
  const out = list.slice(0, top);
  const select = canonicalSelect(rows, opt(q, '$select'), collection === 'riskyUsers' ? 'microsoft.graph.riskyUser' : 'microsoft.graph.riskDetection');
  const base = deps.publicUrl ?? `${req.protocol}://${req.host}`;
  const sel = select ? `(${select.join(',')})` : '';
  const body: Record<string, unknown> = { '@odata.context': `${base}/${version}/$metadata#identityProtection/${collection}${sel}` };
  if (count) body['@odata.count'] = matched.length;
  if (list.length > top) {
    const last = out[out.length - 1]!;
    const url = new URL(`${base}${req.url}`);
    url.searchParams.set('$skiptoken', encodeSkipToken({ t: String(last[timeKey]), id: String(last['id']) }, digest));
    body['@odata.nextLink'] = url.toString().replace(/%24/g, '$');
  }
  body['value'] = select ? out.map((r) => project(r as JsonObject, select)) : out;
  return body;
}

const doc = (summary: string, operationId: string, type: 'object' | 'string' = 'object') => ({
  schema: { tags: ['Graph identityProtection'], summary, operationId, response: { 200: type === 'object' ? { type, additionalProperties: true } : { type } } },
});

export function registerRiskRoutes(app: FastifyInstance, deps: RiskRouteDeps): void {
  for (const version of ['v1.0', 'beta'] as const) {
    const prefix = `/${version}/identityProtection`;
    const wrap = <T>(fn: () => Promise<T>) => fn().catch((e) => { throw toApiError(e); });

    const detectionFilterable = version === 'beta' ? BETA_DETECTION_FILTERABLE : DETECTION_FILTERABLE;
    // Masked before any filter or page runs (see derived-enum-view.ts).
    const detections = async (req: FastifyRequest) =>
      maskRows(riskDetectionEnums, (await deps.risk.detections(await tenantOf(deps, req))).map((d) => view(d, version)), includesUnknownEnumMembers(req));
    const riskyUsers = async (req: FastifyRequest) =>
      maskRows(riskyUserEnums, riskyUsersFrom(await deps.risk.detections(await tenantOf(deps, req))), includesUnknownEnumMembers(req));

    app.get<{ Querystring: Query }>(`${prefix}/riskDetections`, doc(`List risk detections (${version})`, `riskDetections_${version}`), (req, reply) => wrap(async () => {
      const list = await detections(req);
      const body = page(req, deps, version, 'riskDetections', list, 'activityDateTime', detectionFilterable);
      reply.type(CONTENT_TYPE);
      markEnumPreferenceApplied(reply, includesUnknownEnumMembers(req));
      return body;
    }));
    // `/$count` (Get-MgRiskDetectionCount and the SDKs' Count builders): text/plain.
    app.get<{ Querystring: Query }>(`${prefix}/riskDetections/$count`, doc(`Count risk detections (${version})`, `riskDetectionsCount_${version}`, 'string'), (req, reply) => wrap(async () => {
      const { list } = filtered(req, await detections(req), detectionFilterable, riskDetectionEnums);
      reply.type('text/plain;charset=utf-8');
      return String(list.length);
    }));
    app.get<{ Querystring: Query }>(`${prefix}/riskyUsers/$count`, doc(`Count risky users (${version})`, `riskyUsersCount_${version}`, 'string'), (req, reply) => wrap(async () => {
      const { list } = filtered(req, await riskyUsers(req), USER_FILTERABLE, riskyUserEnums);
      reply.type('text/plain;charset=utf-8');
      return String(list.length);
    }));
    app.get<{ Querystring: Query }>(`${prefix}/riskyUsers`, doc(`List risky users (${version})`, `riskyUsers_${version}`), (req, reply) => wrap(async () => {
      const users = await riskyUsers(req);
      const body = page(req, deps, version, 'riskyUsers', users, 'riskLastUpdatedDateTime', USER_FILTERABLE);
      reply.type(CONTENT_TYPE);
      markEnumPreferenceApplied(reply, includesUnknownEnumMembers(req));
      return body;
    }));
    const rowsOf = (collection: 'riskDetections' | 'riskyUsers', req: FastifyRequest) => (collection === 'riskDetections' ? detections(req) : riskyUsers(req));
    for (const collection of ['riskDetections', 'riskyUsers'] as const) {
      app.get<{ Params: { id: string }; Querystring: Query }>(`${prefix}/${collection}/:id`, doc(`Get one of ${collection} (${version})`, `${collection}_get_${version}`), (req, reply) => wrap(async () => {
        const body = entity(req, deps, version, collection, await rowsOf(collection, req), req.params.id);
        reply.type(CONTENT_TYPE);
        markEnumPreferenceApplied(reply, includesUnknownEnumMembers(req));
        return body;
      }));
    }
    // OData's key in parentheses, `riskDetections('id')`, for the same entity as `riskDetections/id`.
    app.get<{ Params: { segment: string }; Querystring: Query }>(`${prefix}/:segment`, { schema: { hide: true } }, (req, reply) => wrap(async () => {
      const key = parseKeySegment(req.params.segment);
      const collection = (['riskDetections', 'riskyUsers'] as const).find((c) => c.toLowerCase() === key?.collection.toLowerCase());
      if (!key || !collection) throw new ApiError(notServedMessage(req.url) ? 'IDT_NOT_SERVED' : 'IDT_SEGMENT_NOT_FOUND', notServedMessage(req.url) ?? `Resource not found for the segment '${req.params.segment}'.`);
      const body = entity(req, deps, version, collection, await rowsOf(collection, req), key.id);
      reply.type(CONTENT_TYPE);
      markEnumPreferenceApplied(reply, includesUnknownEnumMembers(req));
      return body;
    }));
  }
}

/** One detection or risky user by id, with `$select`. */
function entity(req: FastifyRequest<{ Querystring: Query }>, deps: RiskRouteDeps, version: string, collection: string, rows: Array<Record<string, unknown>>, id: string) {
  const row = rows.find((x) => x['id'] === id);
  if (!row) throw new ApiError('IDT_NOT_FOUND', `Resource '${id}' does not exist.`);
  const select = canonicalSelect(rows, opt(req.query, '$select'), collection === 'riskyUsers' ? 'microsoft.graph.riskyUser' : 'microsoft.graph.riskDetection');
  const sel = select ? `(${select.join(',')})` : '';
  return { '@odata.context': `${deps.publicUrl ?? `${req.protocol}://${req.host}`}/${version}/$metadata#identityProtection/${collection}${sel}/$entity`, ...(select ? project(row as JsonObject, select) : row) };
}
