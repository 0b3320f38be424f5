// Per-route HTTP latency and ingest byte counts, recorded by Fastify hooks. Routes are labelled
// by their pattern (`/v1.0/auditLogs/:collection`), never the raw URL, so label cardinality stays
// bounded whatever callers send.
import type { FastifyInstance } from 'fastify';
import { findKind } from '../model/index.ts';
import type { Metrics } from './metrics.ts';

export const UNMATCHED_ROUTE = 'unmatched';

export function instrumentHttp(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    metrics.httpDuration.observe({ method: req.method, route, status_code: String(status) }, reply.elapsedTime / 1000);
    if (req.method === 'POST' && (route.startsWith('/ingest/') || route === '/ingest')) {
      const name = (req.params as Record<string, string> | undefined)?.['kind'] ?? '';
      // The routed endpoint's body holds several kinds: its bytes are counted under `mixed`.
      const kind = route === '/ingest' ? 'mixed' : findKind(name)?.kind ?? 'unknown';
      const len = Buffer.isBuffer(req.body) ? req.body.length : Number(req.headers['content-length'] ?? 0);
      metrics.ingestBytes.inc({ kind, outcome: status === 200 ? 'accepted' : 'rejected' }, Number.isFinite(len) ? len : 0);
    }
  });
}
