// Serves the admin center (the built `web/dist`) at `/`, and `GET /idtrail/whoami`, which the UI
// uses to learn the caller's tenant (the Log Analytics workspace id) and roles.
//
// Only files that exist at start-up get routes (wildcard: false), so the static plugin never
// answers for an API path. Client-side routes (`/sign-ins?...`) reach the not-found handler, which
// calls `spaFallback` first: HTML navigations outside the API prefixes get index.html; everything
// else keeps the Graph 400 "Resource not found for the segment".
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Authenticator } from './request-context.ts';

/** Paths that belong to the HTTP API; the UI never claims them. */
const API_PREFIXES = ['/v1.0', '/beta', '/v1/', '/ingest', '/idtrail', '/metrics', '/healthz', '/readyz', '/openapi', '/documentation', '/assets/'];

export interface WebRouteDeps {
  readonly authenticate: Authenticator;
  /** The built admin center; null or a missing directory: the API runs without a UI. */
  readonly webRoot: string | null;
}

export type SpaFallback = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

export async function registerWebRoutes(app: FastifyInstance, deps: WebRouteDeps): Promise<SpaFallback> {
  app.get('/idtrail/whoami', {
    schema: {
      summary: 'Who the caller is: tenant (the Log Analytics workspace id), roles and credential kind',
      tags: ['admin center'],
      response: {
        200: {
          type: 'object',
          properties: { tenantId: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, subject: { type: 'string' }, credentialKind: { type: 'string' } },
        },
      },
    },
  }, async (req) => {
    const p = await deps.authenticate(req, 'read');
    return { tenantId: p.tenantId, roles: p.roles, subject: p.subject, credentialKind: p.credentialKind };
  });

  const root = deps.webRoot;
  if (!root || !existsSync(join(root, 'index.html'))) return async () => false;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: true,
    index: ['index.html'],
    // Vite names assets by content hash: cache them for good; index.html must always revalidate.
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes(join('dist', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexHtml = await readFile(join(root, 'index.html'));
  return async (req, reply) => {
    const path = (req.url.split('?')[0] ?? '').toLowerCase();
    const html = (req.headers.accept ?? '').includes('text/html');
    if (req.method !== 'GET' || !html || API_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p.endsWith('/') ? p : `${p}/`))) return false;
    reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    return true;
  };
}

/** `web/dist` beside the package root, found from this file's location (src/api/). */
export function defaultWebRoot(): string {
  return join(new URL('../../web/dist', import.meta.url).pathname);
}
