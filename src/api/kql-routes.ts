// The Log Analytics-style query API: POST /v1/workspaces/{tenant}/query with {query, timespan}
// (GET with ?query=&timespan= too) returning {tables: [{name, columns: [{name, type}], rows}]}.
// The workspace in the path must be the caller's own tenant; the tenant scoping itself happens in
// the table views, so a query cannot reach another tenant whatever it says.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StoreError, type LogStore, type QueryOptions } from '../store/index.ts';
import { LOG_KINDS, type LogKind, type LogKindDef } from '../model/index.ts';
import { scannedKinds, type Relation } from '../query/ir/index.ts';
import { KqlError, runKql } from '../query/kql/index.ts';
import { SqlCompileError } from '../query/sql/index.ts';
import { ApiError } from './api-errors.ts';

export interface KqlRouteDeps {
  readonly store: LogStore;
  readonly resolveTenant: (request: FastifyRequest) => string | Promise<string>;
  /** The caller's roles, checked against every log a query reads (absent: no role check). */
  readonly resolveRoles?: (request: FastifyRequest) => Promise<readonly string[]>;
  readonly authorizeRead?: (roles: readonly string[], def: LogKindDef) => void;
  /** Clock for `now()`; tests pin it. */
  readonly now?: () => Date;
}

interface QueryBody {
  query?: unknown;
  timespan?: unknown;
}

/** LA's error shape, with idtrail's stable code and the position of the bad token. */
function kqlErrorBody(e: KqlError) {
  return {
    error: {
      code: e.code === 'IDT_KQL_UNSUPPORTED' ? 'BadArgumentError' : e.code === 'IDT_KQL_SYNTAX' ? 'SyntaxError' : 'SemanticError',
      message: e.message,
      idtrailCode: e.code,
      innererror: e.position ? { line: e.position.line, pos: e.position.column, offset: e.position.offset, length: e.position.length } : undefined,
    },
  };
}

export function registerKqlRoutes(app: FastifyInstance, deps: KqlRouteDeps): void {
  const handle = async (req: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply, body: QueryBody) => {
    const tenant = await deps.resolveTenant(req);
    if (req.params.tenant !== tenant) throw new ApiError('IDT_FORBIDDEN', `workspace '${req.params.tenant}' is not the caller's tenant`);
    if (typeof body.query !== 'string' || body.query.trim() === '') throw new ApiError('IDT_BAD_REQUEST', "the body must have a 'query' string");
    if (body.timespan !== undefined && typeof body.timespan !== 'string') throw new ApiError('IDT_BAD_REQUEST', "'timespan' must be an ISO-8601 duration or interval");
    // Every plan the query runs is checked against the caller's roles for each log it scans, so
    // e.g. a Global Administrator without an attribute log role cannot read
    // AADCustomSecurityAttributeAuditLogs through KQL either.
    let store = deps.store;
    let canRead: ((kind: LogKind) => boolean) | undefined;
    if (deps.resolveRoles && deps.authorizeRead) {
      const roles = await deps.resolveRoles(req);
      const authorize = deps.authorizeRead;
      // A `search` without a table list covers the tables the caller may read, as in Log Analytics.
      canRead = (kind) => {
        try {
          authorize(roles, LOG_KINDS[kind]);
          return true;
        } catch {
          return false;
        }
      };
      const guard = (plan: Relation) => {
        for (const k of scannedKinds(plan)) authorize(roles, LOG_KINDS[k]);
      };
      store = new Proxy(deps.store, {
        get(target, prop) {
          if (prop === 'query') return (plan: Relation, options?: QueryOptions) => (guard(plan), target.query(plan, options));
          if (prop === 'readRecords') return (kind: Parameters<LogStore['readRecords']>[0], plan: Relation) => (guard(plan), target.readRecords(kind, plan));
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    }
    try {
      const result = await runKql(store, tenant, body.query, { ...(body.timespan ? { timespan: body.timespan as string } : {}), now: deps.now?.() ?? new Date(), signal: req.abortSignal, ...(canRead ? { canRead } : {}) });
      return reply.code(200).type('application/json').send(result);
    } catch (e) {
      if (e instanceof KqlError) return reply.code(400).type('application/json').send(kqlErrorBody(e));
      // A construct the store's SQL dialect cannot express (ClickHouse gaps, names no engine takes).
      if (e instanceof SqlCompileError) return reply.code(400).type('application/json').send({ error: { code: 'BadArgumentError', message: e.message, idtrailCode: 'IDT_QUERY_UNSUPPORTED' } });
      if (e instanceof StoreError && e.code === 'IDT_QUERY_RUNTIME') {
        return reply.code(400).type('application/json').send({ error: { code: 'BadArgumentError', message: `the query failed while running: ${e.message}`, idtrailCode: e.code } });
      }
      throw e;
    }
  };
  const params = { type: 'object', properties: { tenant: { type: 'string', description: "The workspace: the caller's tenant id." } }, required: ['tenant'] };
  const description = 'Runs KQL over the Log Analytics-shaped tables (SigninLogs, AuditLogs, AADProvisioningLogs, …) of the caller\'s tenant; the answer is shaped like the Log Analytics query API: {tables: [{name, columns: [{name, type}], rows}]}.';
  app.post<{ Params: { tenant: string } }>('/v1/workspaces/:tenant/query', {
    schema: {
      summary: 'Run a KQL query (Log Analytics query API)', description, tags: ['KQL'], params,
      body: { type: 'object', properties: { query: { type: 'string' }, timespan: { type: 'string', description: 'ISO-8601 duration (P1D) or interval (start/end)' } }, required: ['query'] },
    },
  }, (req, reply) => handle(req, reply, (req.body ?? {}) as QueryBody));
  app.get<{ Params: { tenant: string }; Querystring: QueryBody }>('/v1/workspaces/:tenant/query', {
    schema: {
      summary: 'Run a KQL query given in the query string', description, tags: ['KQL'], params,
      querystring: { type: 'object', properties: { query: { type: 'string' }, timespan: { type: 'string' } } },
    },
  }, (req, reply) => handle(req, reply, req.query));
}
