import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime } from './runtime.ts';

test('readiness: 503 while starting, 200 once ready, 503 while stopping; /healthz stays 200', async () => {
  const rt = await createRuntime({ dataDir: ':memory:', enrich: false });
  const ready = async () => {
    const r = await rt.app.inject({ url: '/readyz' });
    return { status: r.statusCode, body: r.json() as { status: string; phase: string; checks: Record<string, { ok: boolean }> } };
  };
  const starting = await ready();
  assert.equal(starting.status, 503);
  assert.equal(starting.body.phase, 'starting');
  assert.equal(starting.body.checks['store']!.ok, true);
  assert.equal((await rt.app.inject({ url: '/healthz' })).statusCode, 200);

  rt.lifecycle.markReady();
  const up = await ready();
  assert.deepEqual({ status: up.status, s: up.body.status, phase: up.body.phase }, { status: 200, s: 'ready', phase: 'ready' });
  assert.deepEqual(up.body.checks, { lifecycle: { ok: true }, store: { ok: true }, migrations: { ok: true } });

  // During the drain delay the app still answers, and says it is going away.
  const stopped = rt.lifecycle.stop({ drainDelayMs: 300 });
  const stopping = await ready();
  assert.equal(stopping.status, 503);
  assert.equal(stopping.body.phase, 'stopping');
  assert.equal((await rt.app.inject({ url: '/healthz' })).statusCode, 200);
  await stopped;
  assert.equal(rt.lifecycle.phase, 'stopped');
  await rt.close(); // idempotent
});

test('readiness fails when the store stops answering', async () => {
  const rt = await createRuntime({ dataDir: ':memory:', enrich: false });
  rt.lifecycle.markReady();
  await rt.store.close();
  const r = await rt.app.inject({ url: '/readyz' });
  assert.equal(r.statusCode, 503);
  const body = r.json() as { checks: Record<string, { ok: boolean; detail?: string }> };
  assert.equal(body.checks['store']!.ok, false);
  assert.match(body.checks['store']!.detail ?? '', /closed/);
  await rt.app.close();
});

test('a graceful stop lets an in-flight ingest batch finish and commit before the store closes', async () => {
  const rt = await createRuntime({ dataDir: ':memory:', enrich: false });
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  rt.lifecycle.markReady();
  const { port } = rt.app.server.address() as { port: number };
  const body = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ id: `g${i}`, createdDateTime: '2024-05-01T00:00:00Z' })).join('\n');
  // Start-up writes its own audit record (the tenant's creation): let it settle first.
  while (rt.store.pendingWrites!()) await new Promise((r) => setTimeout(r, 1));
  const inFlight = fetch(`http://127.0.0.1:${port}/ingest/signIns`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
  // Stop once the batch is being written: the request is in flight, its ack not yet sent.
  while (!rt.store.pendingWrites!()) await new Promise((r) => setTimeout(r, 1));
  const stopping = rt.lifecycle.stop();
  const res = await inFlight;
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { accepted: number }).accepted, 5_000);
  await stopping;
  // A 200 is only sent once the batch is durable, and the store loads every such batch before it
  // closes; had the store closed first, the append would have failed.
  assert.equal(rt.lifecycle.phase, 'stopped');
});
