// The HTTP application factory. It takes its dependencies and returns a Fastify instance that is
// not listening yet, so tests drive it with inject() and the CLI decides how to listen.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { LogKindDef } from '../model/index.ts';
import type { LogStore } from '../store/index.ts';
import { StoreError } from '../store/index.ts';
import { IngestError, type BodyLimits, type IngestService } from '../ingest/index.ts';
import { ODataError } from '../query/odata/index.ts';
import { SqlCompileError } from '../query/sql/index.ts';
import { ApiError, graphErrorBody } from './api-errors.ts';
import { notServedMessage } from './graph-not-served.ts';
import { registerGraphRoutes } from './graph-routes.ts';
import { registerIngestRoutes } from './ingest-routes.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerRiskRoutes } from './risk-routes.ts';
import { createRiskEngine, type RiskEngine } from '../risk/index.ts';
import type { LastSignInReader } from '../reports/index.ts';
import { registerKqlRoutes } from './kql-routes.ts';
import type { Authenticator } from './request-context.ts';
import { instrumentHttp, type Metrics } from '../observability/index.ts';
import { registerOpenApi } from './openapi/openapi.ts';
import { registerOpsRoutes, storeReadiness, type ReadinessProbe } from './ops-routes.ts';
import { registerWebRoutes, type SpaFallback } from './web-routes.ts';
import { AuthError } from '../auth/index.ts';
import { registerAdminRoutes, type AdminRouteDeps } from './admin-routes.ts';
import { registerRequestLimits, type RequestLimits } from './request-limits.ts';

export interface AppDeps {
  readonly store: LogStore;
  readonly ingest: IngestService;
  readonly authenticate: Authenticator;
  readonly authorizeRead?: (roles: readonly string[], def: LogKindDef) => void;
  readonly limits?: Partial<BodyLimits>;
  readonly publicUrl?: string | null;
  readonly logger?: FastifyServerOptions['logger'];
  readonly https?: { key: Buffer; cert: Buffer } | null;
  /** Risk detections; by default an engine on `store`, refreshed from the ingest commit listener. */
  readonly risk?: RiskEngine;
  /** The last-sign-ins table (runtime wires it to ingest); absent: reports aggregate the logs. */
  readonly lastSignIns?: LastSignInReader;
  /** A ready-made pino logger (see observability/logger.ts); wins over `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** Prometheus metrics; null or absent: no /metrics and no per-route timing. */
  readonly metrics?: Metrics | null;
  /** /readyz; by default only checks that the store answers. */
  readonly readiness?: ReadinessProbe;
  /** Told of every route as it is registered (the OpenAPI coverage test lists routes with it). */
  readonly onRoute?: (route: RouteOptions) => void;
  /** The built admin center (web/dist) served at `/`; null or absent: no UI. */
  readonly webRoot?: string | null;
  /** /admin routes (keys, retention, checkpoint, verify); absent in bare test apps. */
  readonly admin?: Omit<AdminRouteDeps, 'authenticate'>;
  readonly requestLimits?: Partial<RequestLimits>;
}

export const DEFAULT_LIMITS: BodyLimits = { maxBytes: 64 * 1024 * 1024, maxRecords: 100_000 };

/** Map any error to (status, Graph error body) once, at the edge. */
function toGraphError(err: unknown): { status: number; code: string; message: string; headers?: Record<string, string>; more: Record<string, unknown> } {
  if (err instanceof ApiError) {
    const more: Record<string, unknown> = { idtrailCode: err.code };
    if (err.extra.position !== undefined) more['position'] = err.extra.position;
    return { status: err.status, code: err.graphCode, message: err.message, ...(err.extra.headers ? { headers: err.extra.headers } : {}), more: err.extra.details ? { ...more, details: err.extra.details } : more };
  }
  if (err instanceof AuthError) {
    const status = err.code === 'IDT_UNAUTHENTICATED' ? 401 : err.code === 'IDT_FORBIDDEN' ? 403 : 429;
    const code = status === 401 ? 'InvalidAuthenticationToken' : status === 403 ? 'Authorization_RequestDenied' : 'TooManyRequests';
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : status === 429 ? { 'retry-after': String(err.retryAfterSeconds ?? 1) } : {};
    return { status, code, message: err.message, headers, more: { idtrailCode: err.code } };
  }
  if (err instanceof ODataError) {
    return { status: 400, code: 'BadRequest', message: err.graphMessage(), more: { idtrailCode: err.code, option: err.option, ...(err.position === null ? {} : { position: err.position }) } };
  }
  if (err instanceof IngestError) {
    return { status: err.status, code: err.status === 413 ? 'RequestEntityTooLarge' : 'BadRequest', message: err.message, more: { idtrailCode: err.code } };
  }
  if (err instanceof SqlCompileError) return { status: 400, code: 'BadRequest', message: err.message, more: { idtrailCode: 'IDT_QUERY_UNSUPPORTED' } };
  if (err instanceof StoreError && err.code === 'IDT_QUERY_RUNTIME') return { status: 400, code: 'BadRequest', message: `The query failed while running: ${err.message}`, more: { idtrailCode: err.code } };
  if (err instanceof StoreError && err.code === 'IDT_QUERY_CANCELLED') return { status: 504, code: 'UnknownError', message: 'The query was cancelled.', more: { idtrailCode: err.code } };
  if (err instanceof StoreError) return { status: 503, code: 'serviceNotAvailable', message: 'The log store is unavailable; retry later.', headers: { 'retry-after': '5' }, more: { idtrailCode: err.code } };
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'RequestEntityTooLarge', message: 'The request body is too large.', more: { idtrailCode: 'IDT_BODY_TOO_LARGE' } };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: 'BadRequest', message: e.message ?? 'Bad request', more: { idtrailCode: 'IDT_BAD_REQUEST' } };
  }
  return { status: 500, code: 'InternalServerError', message: 'An internal error occurred; it has been logged with this request id.', more: { idtrailCode: 'IDT_INTERNAL' } };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const limits: BodyLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: deps.logger ?? false }),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 500 },
    bodyLimit: limits.maxBytes,
    // Our own id for every request; the caller's client-request-id is echoed separately.
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    ...(deps.https ? { https: deps.https } : {}),
  } as FastifyServerOptions);

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  // Response schemas exist for the OpenAPI document only: serializing through them would drop or
  // coerce properties of Graph records, so every reply is plain JSON.stringify.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await registerOpenApi(app, { version: '0.1.0' });
  if (deps.metrics) instrumentHttp(app, deps.metrics);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('request-id', req.id);
    const crid = req.headers['client-request-id'];
    reply.header('client-request-id', typeof crid === 'string' ? crid.slice(0, 200) : req.id);
  });

  app.setErrorHandler((err, req, reply) => {
    // The deadline already answered 504 (or the client left), and the query it cancelled ends here.
    if (reply.sent) return;
    const g = toGraphError(err);
    if (g.status >= 500) req.log.error({ err }, 'request failed');
    const crid = req.headers['client-request-id'];
    if (g.headers) for (const [k, v] of Object.entries(g.headers)) reply.header(k, v);
    reply.code(g.status).type('application/json').send(graphErrorBody(g.code, g.message, String(req.id), typeof crid === 'string' ? crid : undefined, g.more));
  });

  let spaFallback: SpaFallback = async () => false;
  app.setNotFoundHandler(async (req, reply) => {
    if (await spaFallback(req, reply)) return reply;
    const crid = req.headers['client-request-id'];
    const seg = req.url.split('?')[0] ?? '';
    const unserved = notServedMessage(seg);
    reply.code(400).type('application/json').send(
      unserved
        ? graphErrorBody('BadRequest', unserved, String(req.id), typeof crid === 'string' ? crid : undefined, { idtrailCode: 'IDT_NOT_SERVED' })
        : graphErrorBody('BadRequest', `Resource not found for the segment '${seg.split('/').filter(Boolean).pop() ?? ''}'.`, String(req.id), typeof crid === 'string' ? crid : undefined, { idtrailCode: 'IDT_SEGMENT_NOT_FOUND' }),
    );
  });

  registerOpsRoutes(app, { readiness: deps.readiness ?? storeReadiness(deps.store), metrics: deps.metrics ?? null });
  registerRequestLimits(app, deps.requestLimits ?? {});
  registerGraphRoutes(app, {
    store: deps.store,
    authenticate: deps.authenticate,
    authorizeRead: deps.authorizeRead ?? (() => {}),
    publicUrl: deps.publicUrl ?? null,
  });
  registerIngestRoutes(app, { ingest: deps.ingest, authenticate: deps.authenticate, limits });
  registerReportRoutes(app, { store: deps.store, ...(deps.lastSignIns ? { lastSignIns: deps.lastSignIns } : {}), authenticate: deps.authenticate, publicUrl: deps.publicUrl ?? null });
  let risk = deps.risk;
  if (!risk) {
    const engine = createRiskEngine({ store: deps.store });
    deps.ingest.onCommit((b) => engine.onCommit(b));
    risk = engine;
  }
  registerRiskRoutes(app, { risk, authenticate: deps.authenticate, publicUrl: deps.publicUrl ?? null });
  spaFallback = await registerWebRoutes(app, { authenticate: deps.authenticate, webRoot: deps.webRoot ?? null });
  if (deps.admin) registerAdminRoutes(app, { ...deps.admin, authenticate: deps.authenticate });
  registerKqlRoutes(app, {
    store: deps.store,
    resolveTenant: async (req) => (await deps.authenticate(req, 'read')).tenantId,
    resolveRoles: async (req) => (await deps.authenticate(req, 'read')).roles,
    authorizeRead: deps.authorizeRead ?? (() => {}),
  });
  return app;
}
