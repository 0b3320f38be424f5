import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import { buildApp, localAuthenticator } from '../index.ts';
import { createIngestService } from '../../ingest/index.ts';
import { DuckDbStore } from '../../store/index.ts';
import { createMetrics } from '../../observability/index.ts';

async function appWithRoutes() {
  const store = await DuckDbStore.open({ dataDir: ':memory:' });
  const routes: RouteOptions[] = [];
  const app = await buildApp({
    store, ingest: createIngestService({ store, enrichers: {} }), authenticate: localAuthenticator('t'),
    metrics: createMetrics({ processMetrics: false }), onRoute: (r) => routes.push(r),
  });
  await app.ready();
  return { app, store, routes };
}

type Doc = { openapi: string; paths: Record<string, Record<string, { summary?: string; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>; components: { schemas: Record<string, unknown> } };

test('every registered route is in /openapi.json, documented with a summary (routes opt out only with schema.hide)', async () => {
  const { app, store, routes } = await appWithRoutes();
  const res = await app.inject({ url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as Doc;
  assert.equal(doc.openapi, '3.0.3');
  let checked = 0;
  for (const r of routes) {
    if ((r.schema as { hide?: boolean } | undefined)?.hide) continue;
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    for (const m of methods) {
      const op = doc.paths[path]?.[m.toLowerCase()];
      assert.ok(op, `${m} ${r.url} is missing from /openapi.json: give the route a schema (see src/api/openapi/route-schemas.ts)`);
      assert.ok(op.summary, `${m} ${r.url} has no summary in its schema`);
      checked++;
    }
  }
  assert.ok(checked >= 9, `only ${checked} operations checked`);
  for (const p of ['/v1.0/auditLogs/{collection}', '/beta/auditLogs/{collection}/{id}', '/ingest/{kind}', '/healthz', '/readyz', '/metrics', '/openapi.json']) assert.ok(doc.paths[p], p);
  const list = doc.paths['/v1.0/auditLogs/{collection}']!['get']!;
  assert.deepEqual(list.parameters!.filter((p) => p.in === 'query').map((p) => p.name).sort(), ['$count', '$filter', '$orderby', '$select', '$skiptoken', '$top']);
  assert.ok(doc.paths['/ingest/{kind}']!['post']!.requestBody, 'ingest documents its body');
  assert.ok(doc.paths['/ingest']!['post']!.requestBody, 'the routed ingest documents its body');
  assert.ok(JSON.stringify(doc.paths['/ingest']).includes('IDT_PARTIAL_COMMIT'), 'and its partial-commit answer');
  assert.ok(doc.components.schemas['signIn.beta'] && doc.components.schemas['directoryAudit.v1'], 'record schemas are components');
  await app.close();
  await store.close();
});

test('route schemas keep case-insensitive OData options, repeated-option errors and the raw ingest body working', async () => {
  const { app, store } = await appWithRoutes();
  const ing = await app.inject({ method: 'POST', url: '/ingest/SIGNINS', payload: '{"id":"o1","createdDateTime":"2024-05-01T00:00:00Z"}\n{"id":"o2","createdDateTime":"2024-05-01T00:00:00Z"}', headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(ing.statusCode, 200, ing.body);
  assert.equal((ing.json() as { accepted: number }).accepted, 2);
  for (const q of ['$top=1', '$TOP=1', 'top=1', '$Filter=' + encodeURIComponent("id eq 'o1'")]) {
    const r = await app.inject({ url: `/beta/auditLogs/signIns?${q}` });
    assert.equal(r.statusCode, 200, `${q}: ${r.body}`);
  }
  const bad = await app.inject({ url: '/beta/auditLogs/signIns?$top=abc' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Invalid value 'abc' for \$top/);
  const twice = await app.inject({ url: '/beta/auditLogs/signIns?$top=1&$top=2' });
  assert.match(twice.body, /given more than once/);
  const one = await app.inject({ url: '/beta/auditLogs/signins/o1' });
  assert.equal(one.statusCode, 200);
  assert.equal((one.json() as { id: string }).id, 'o1');
  await app.close();
  await store.close();
});
