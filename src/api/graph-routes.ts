// Microsoft Graph-compatible read routes: /{v1.0|beta}/auditLogs/{collection}[/{id} | ('{id}') | /$count].
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyEnumMask, enumMask, findKind, viewObject, type GraphVersion, type JsonObject, type LogKindDef } from '../model/index.ts';
import { aggregate, agg, named, scan, where, and, type Relation } from '../query/ir/index.ts';
import { parseListOptions, type ListOptions, type RawQuery } from '../query/odata/index.ts';
import type { LogStore } from '../store/index.ts';
import { ApiError } from './api-errors.ts';
import { buildGetPlan, buildListPlan, scopePredicates } from './graph-list-plan.ts';
import { decodeSkipToken, encodeSkipToken, queryDigest } from './skiptoken.ts';
import type { Authenticator } from './request-context.ts';
import { graphCountSchema, graphGetSchema, graphListSchema, graphRootSchema, methodNotAllowedSchema } from './openapi/route-schemas.ts';
import { project } from './graph-select.ts';
import { parseKeySegment } from './odata-key-segment.ts';
import { notServedMessage } from './graph-not-served.ts';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS, includesUnknownEnumMembers, markEnumPreferenceApplied } from './prefer.ts';

export interface GraphRouteDeps {
  readonly store: LogStore;
  readonly authenticate: Authenticator;
  /** Checks the caller may read this kind; throws ApiError 403. */
  readonly authorizeRead: (roles: readonly string[], def: LogKindDef) => void;
  /** Absolute base for links (`https://host:port`), or null to derive it from the request. */
  readonly publicUrl: string | null;
}

export const GRAPH_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function baseUrl(req: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${req.protocol}://${req.host}`;
}

function resolveCollection(version: GraphVersion, name: string): LogKindDef {
  const def = findKind(name);
  if (!def || def.collection.toLowerCase() !== name.toLowerCase() || !def.versions.includes(version)) {
    const unserved = notServedMessage(`/${version}/auditLogs/${name}`);
    if (unserved) throw new ApiError('IDT_NOT_SERVED', unserved);
    if (def && def.collection.toLowerCase() === name.toLowerCase()) {
      throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Resource not found for the segment '${name}': auditLogs/${def.collection} is in ${def.versions.join(' and ')} only.`);
    }
    throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Resource not found for the segment '${name}'.`);
  }
  return def;
}

/**
 * One record as the version shows it. `includeUnknown`: the request opted in to enum members after
 * `unknownFutureValue`; otherwise they are replaced through the kind's precomputed mask (a kind
 * whose version has no such member has a null mask and pays nothing).
 */
function shape(def: LogKindDef, version: GraphVersion, rec: JsonObject, select: readonly string[] | null, includeUnknown: boolean): JsonObject {
  const full = viewObject(def.schema, rec, version);
  const out = select ? project(full, select) : full;
  const mask = includeUnknown ? null : enumMask(def.schema, version);
  // `out` is a fresh view, so the mask may change its objects in place.
  return mask ? (applyEnumMask(mask, out, true) as JsonObject) : out;
}


export function registerGraphRoutes(app: FastifyInstance, deps: GraphRouteDeps): void {
  for (const version of ['v1.0', 'beta'] as const) {
    app.get(`/${version}/auditLogs`, { schema: graphRootSchema(version) }, async (req, reply) => {
      await deps.authenticate(req, 'read');
      reply.type(GRAPH_CONTENT_TYPE);
      return { '@odata.context': `${baseUrl(req, deps.publicUrl)}/${version}/$metadata#auditLogs/$entity`, id: null };
    });

    app.get<{ Params: { collection: string }; Querystring: RawQuery }>(`/${version}/auditLogs/:collection`, { schema: graphListSchema(version) }, async (req, reply) => {
      const key = parseKeySegment(req.params.collection);
      const def = resolveCollection(version, key?.collection ?? req.params.collection);
      const principal = await deps.authenticate(req, 'read');
      deps.authorizeRead(principal.roles, def);
      if (key) return getOne(req, reply, deps, version, def, principal.tenantId, key.id);
      return listCollection(req, reply, deps, version, def, principal.tenantId);
    });

    // `GET /auditLogs/signIns/$count` (PowerShell's Get-MgAuditLogSignInCount, the SDKs' Count
    // builders): the number of records the same $filter would list, as text/plain.
    app.get<{ Params: { collection: string }; Querystring: RawQuery }>(`/${version}/auditLogs/:collection/$count`, { schema: graphCountSchema(version) }, async (req, reply) => {
      const def = resolveCollection(version, req.params.collection);
      const principal = await deps.authenticate(req, 'read');
      deps.authorizeRead(principal.roles, def);
      const opts = parseListOptions(def, version, req.query, { includeUnknownEnums: includesUnknownEnumMembers(req) });
      const n = await countMatching(deps.store, def, version, principal.tenantId, opts);
      reply.type('text/plain;charset=utf-8');
      return String(n);
    });

    app.get<{ Params: { collection: string; id: string }; Querystring: RawQuery }>(`/${version}/auditLogs/:collection/:id`, { schema: graphGetSchema(version) }, async (req, reply) => {
      const def = resolveCollection(version, req.params.collection);
      const principal = await deps.authenticate(req, 'read');
      deps.authorizeRead(principal.roles, def);
      return getOne(req, reply, deps, version, def, principal.tenantId, req.params.id);
    });

    for (const path of [`/${version}/auditLogs/:collection`, `/${version}/auditLogs/:collection/:id`]) {
      app.route({
        method: ['POST', 'PUT', 'PATCH', 'DELETE'],
        url: path,
        schema: methodNotAllowedSchema,
        handler: async () => {
          throw new ApiError('IDT_METHOD_NOT_ALLOWED', 'Activity logs are append-only and read-only through this API: only GET is allowed.');
        },
      });
    }
  }
}

async function getOne(req: FastifyRequest<{ Querystring: RawQuery }>, reply: FastifyReply, deps: GraphRouteDeps, version: GraphVersion, def: LogKindDef, tenantId: string, id: string): Promise<unknown> {
  const includeUnknown = includesUnknownEnumMembers(req);
  const opts = parseListOptions(def, version, { $select: req.query['$select'] ?? req.query['select'] });
  const [rec] = await deps.store.readRecords(def.kind, buildGetPlan(def, version, tenantId, id));
  if (!rec) throw new ApiError('IDT_NOT_FOUND', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  const sel = opts.select ? `(${opts.select.join(',')})` : '';
  reply.type(GRAPH_CONTENT_TYPE);
  markEnumPreferenceApplied(reply, includeUnknown);
  return { '@odata.context': `${baseUrl(req, deps.publicUrl)}/${version}/$metadata#auditLogs/${def.collection}${sel}/$entity`, ...shape(def, version, rec, opts.select, includeUnknown) };
}

/** Records the list would visit over every page: the version's scope and the $filter. */
async function countMatching(store: LogStore, def: LogKindDef, version: GraphVersion, tenantId: string, opts: ListOptions): Promise<number> {
  let rel: Relation = scan(def.kind, tenantId);
  const preds = scopePredicates(def, version, opts);
  if (preds.length) rel = where(rel, and(...preds));
  const r = await store.query(aggregate(rel, [], [named('n', agg('count'))]));
  return Number(r.rows[0]?.['n'] ?? 0);
}

async function listCollection(
  req: FastifyRequest<{ Querystring: RawQuery }>,
  reply: FastifyReply,
  deps: GraphRouteDeps,
  version: GraphVersion,
  def: LogKindDef,
  tenantId: string,
): Promise<unknown> {
  const includeUnknown = includesUnknownEnumMembers(req);
  const opts = parseListOptions(def, version, req.query, { includeUnknownEnums: includeUnknown });
  // The preference changes what `unknownFutureValue` in the filter matches, so a page token from
  // one setting must not continue a walk under the other.
  const digest = queryDigest([version, def.kind, opts.filterText, opts.direction, tenantId, ...(includeUnknown ? [INCLUDE_UNKNOWN_ENUM_MEMBERS] : [])]);
  const cursor = opts.skiptoken ? decodeSkipToken(opts.skiptoken, digest) : null;
  const rows = await deps.store.readRecords(def.kind, buildListPlan(def, version, tenantId, opts, cursor));
  const hasMore = rows.length > opts.top;
  const page = hasMore ? rows.slice(0, opts.top) : rows;
  const base = baseUrl(req, deps.publicUrl);
  const sel = opts.select ? `(${opts.select.join(',')})` : '';
  const body: Record<string, unknown> = { '@odata.context': `${base}/${version}/$metadata#auditLogs/${def.collection}${sel}` };
  if (opts.count) body['@odata.count'] = await countMatching(deps.store, def, version, tenantId, opts);
  if (hasMore) {
    const last = page[page.length - 1]!;
    const token = encodeSkipToken({ t: String(last[def.timeField]), id: String(last['id']) }, digest);
    const url = new URL(`${base}${req.url}`);
    for (const k of [...url.searchParams.keys()]) if (k.toLowerCase() === '$skiptoken' || k.toLowerCase() === 'skiptoken') url.searchParams.delete(k);
    // Keep `$` and `/` readable as Graph does; the token itself is URL-safe base64.
    const rest = url.search ? `${url.search}&` : '?';
    body['@odata.nextLink'] = `${url.origin}${url.pathname}${rest}$skiptoken=${token}`.replace(/%24/g, '$');
  }
  body['value'] = page.map((r) => shape(def, version, r, opts.select, includeUnknown));
  reply.type(GRAPH_CONTENT_TYPE);
  markEnumPreferenceApplied(reply, includeUnknown);
  return body;
}

