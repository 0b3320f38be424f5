// A runaway query must stop in the engine when its request is given up: by the deadline (504) or by
// a client that hangs up. Otherwise every abandoned KQL query keeps a core busy for as long as it
// runs, and a few of them starve the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { lowerKql } from '../query/kql/index.ts';
import { DuckDbStore, StoreError } from '../store/index.ts';

// Every row of one range matches every row of the other: 10^12 joined rows, hours of work.
const RUNAWAY = 'range x from 1 to 1000000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 1000000 step 1 | extend k = 1) on k | summarize n = count()';

test('aborting a query stops it inside DuckDB, and the store goes on answering', { timeout: 60_000 }, async () => {
  const store = await DuckDbStore.open({ dataDir: ':memory:', threads: 2 });
  try {
    const { plan } = lowerKql(RUNAWAY, 't1');
    const ac = new AbortController();
    const t0 = performance.now();
    const running = store.query(plan, { signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(running, (e: unknown) => e instanceof StoreError && e.code === 'IDT_QUERY_CANCELLED');
    const took = performance.now() - t0;
    assert.ok(took < 10_000, `cancelled after ${Math.round(took)} ms`);
    // Already aborted: refused before any work.
    await assert.rejects(store.query(plan, { signal: ac.signal }), (e: unknown) => e instanceof StoreError && e.code === 'IDT_QUERY_CANCELLED');
    // The same plan shape still runs when nobody cancels it.
    const small = lowerKql('range x from 1 to 1000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 1000 step 1 | extend k = 1) on k | summarize n = count()', 't1');
    const r = await store.query(small.plan, { signal: new AbortController().signal });
    assert.equal(Number(r.rows[0]?.['n']), 1_000_000);
  } finally {
    await store.close();
  }
});

let rt: Runtime;
let base: string;
before(async () => {
  rt = await createRuntime({ dataDir: ':memory:', enrich: false, defaultTenant: 'cancel', threads: 2, requestTimeoutSeconds: 1 });
  await rt.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
});
after(() => rt.close());

/** DuckDB checks for an interrupt between tasks; building the join's hash table is one of ~1.5 s. */
const settle = () => new Promise((r) => setTimeout(r, 2_500));

/**
 * CPU this process burns in 800 ms of doing nothing: near zero when no query runs, well over a core's
 * worth while a runaway join still holds DuckDB's threads (they are this process's threads).
 */
async function idleCpuMs(): Promise<number> {
  const c0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 800));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

test('a KQL query past the request deadline is answered 504 and cancelled', { timeout: 60_000 }, async () => {
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/workspaces/cancel/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: RUNAWAY }) });
  assert.equal(res.status, 504);
  const body = await res.json();
  assert.equal(body.error.innerError.idtrailCode, 'IDT_TIMEOUT');
  assert.ok(performance.now() - t0 < 5_000);
  await settle();
  const cpu = await idleCpuMs();
  assert.ok(cpu < 300, `${Math.round(cpu)} ms of CPU in 800 ms after the 504: the query is still running`);
});

test('a client that hangs up cancels its query', { timeout: 60_000 }, async () => {
  await new Promise<void>((resolve) => {
    const req = request(`${base}/v1/workspaces/cancel/query`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => resolve());
    req.end(JSON.stringify({ query: RUNAWAY }));
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 300);
  });
  await settle();
  const cpu = await idleCpuMs();
  assert.ok(cpu < 300, `${Math.round(cpu)} ms of CPU in 800 ms after the hang-up: the query is still running`);
});
