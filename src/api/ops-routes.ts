// Operational endpoints: liveness, readiness, metrics. They never authenticate and opt out of
// rate limiting (`config.rateLimit: false`, honoured by @fastify/rate-limit), so orchestrators and
// scrapers keep working when credentials or quotas are the problem.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../observability/index.ts';
import { limit, scan } from '../query/ir/index.ts';
import type { LogStore } from '../store/index.ts';

export interface Readiness {
  readonly ready: boolean;
  /** starting | ready | stopping | stopped */
  readonly phase: string;
  readonly checks: Readonly<Record<string, { readonly ok: boolean; readonly detail?: string }>>;
}
export type ReadinessProbe = () => Promise<Readiness>;

export interface OpsRouteDeps {
  readonly readiness: ReadinessProbe;
  readonly metrics: Metrics | null;
}

/** Whether the store answers a query; cheap on every backend (an empty read). */
export async function checkStore(store: LogStore): Promise<{ ok: boolean; detail?: string }> {
  try {
    await store.query(limit(scan('signIns', ''), 0));
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

/** Readiness of a bare app (tests, embedding): the store only. */
export const storeReadiness = (store: LogStore): ReadinessProbe => async () => {
  const s = await checkStore(store);
  return { ready: s.ok, phase: 'ready', checks: { store: s } };
};

const OPS = { rateLimit: false, public: true } as const;
const checkSchema = { type: 'object', properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } };
const readinessSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ready', 'not ready'] }, phase: { type: 'string' }, checks: { type: 'object', additionalProperties: checkSchema } },
};

export function registerOpsRoutes(app: FastifyInstance, deps: OpsRouteDeps): void {
  app.get('/healthz', {
    config: OPS,
    logLevel: 'warn', // probes every few seconds would drown the request log
    schema: { tags: ['Operations'], summary: 'Liveness: the process is up', operationId: 'healthz', response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } },
  }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: OPS,
    logLevel: 'warn',
    schema: {
      tags: ['Operations'],
      summary: 'Readiness: the store is reachable, migrations are applied and the server is not shutting down',
      operationId: 'readyz',
      response: { 200: readinessSchema, 503: readinessSchema },
    },
  }, async (_req, reply) => {
    const r = await deps.readiness();
    reply.code(r.ready ? 200 : 503);
    return { status: r.ready ? 'ready' : 'not ready', phase: r.phase, checks: r.checks };
  });

  if (deps.metrics) {
    const metrics = deps.metrics;
    app.get('/metrics', {
      config: OPS,
      logLevel: 'warn',
      schema: { tags: ['Operations'], summary: 'Prometheus metrics (text exposition format)', operationId: 'metrics', produces: ['text/plain'], response: { 200: { type: 'string' } } },
    }, async (_req, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.render();
    });
  }
}
