// `?ack=` on the ingest routes: visible (default) answers once a read finds the batch; durable answers
// once it is on disk, and reads find it after the spool's next load; anything else is a 400 in the
// Graph error envelope, before the body is looked at. (The list shows interactive sign-ins, as Graph does.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { DuckDbStore } from '../store/index.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenInRange } from '../testing/listen.ts';
import { ingestFile } from '../cli/ingest-command.ts';

const body = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}${i}`, createdDateTime: new Date(Date.now() - 60_000).toISOString(), userPrincipalName: `u${i}@contoso.example`, isInteractive: true, signInEventTypes: ['interactiveUser'] })).join('\n');

test('ingest acknowledges when asked: visible by default, durable on request, anything else refused', async () => {
  const dir = tempDir();
  const rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1' });
  try {
    const post = (query: string, payload: string) =>
      rt.app.inject({ method: 'POST', url: `/ingest/signIns${query}`, payload, headers: { 'content-type': 'application/x-ndjson' } });
    const count = async () => (await rt.app.inject({ url: '/beta/auditLogs/signIns?$top=999' })).json().value.length as number;

    const v = await post('', body('v', 30));
    assert.equal(v.statusCode, 200);
    assert.equal(v.json().accepted, 30);
    assert.equal(await count(), 30, 'a read right after a default acknowledgement finds the batch');

    const d = await post('?ack=durable', body('d', 30));
    assert.equal(d.statusCode, 200);
    assert.equal(d.json().accepted, 30);
    // Readable once the spool's load (already queued) has run; a write waits for it.
    assert.ok(rt.store instanceof DuckDbStore);
    await rt.store.exec('SELECT 1');
    assert.equal(await count(), 60);

    const routed = await rt.app.inject({ method: 'POST', url: '/ingest?ack=durable', payload: JSON.stringify({ '@odata.type': '#microsoft.graph.signIn', id: 'r0', createdDateTime: new Date(Date.now() - 60_000).toISOString(), isInteractive: true, signInEventTypes: ['interactiveUser'] }), headers: { 'content-type': 'application/json' } });
    assert.equal(routed.statusCode, 200, routed.body);

    const bad = await post('?ack=later', body('x', 1));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'BadRequest');
    assert.match(bad.json().error.message, /Unknown ack 'later': use visible or durable/);
    await rt.store.exec('SELECT 1');
    assert.equal(await count(), 61, 'the refused request stored nothing');
  } finally {
    await rt.close();
    dir.remove();
  }
});

test('idtrail ingest --ack durable sends ?ack=durable; an unknown mode is a readable CLI error', async () => {
  const dir = tempDir();
  const rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1' });
  try {
    // Ports 18400–18409 are this suite's.
    const url = await listenInRange(rt.app, 18400, 18409);
    const queries: string[] = [];
    rt.app.server.on('request', (req: { url?: string }) => {
      if (req.url?.startsWith('/ingest')) queries.push(req.url);
    });
    const file = join(dir.path, 'in.ndjson');
    writeFileSync(file, body('c', 5));
    assert.equal(await ingestFile('signIns', file, { url, batchSize: '2', quiet: true, ack: 'durable' }), 0);
    assert.deepEqual(queries, ['/ingest/signIns?ack=durable', '/ingest/signIns?ack=durable', '/ingest/signIns?ack=durable']);
    assert.ok(rt.store instanceof DuckDbStore);
    await rt.store.exec('SELECT 1');
    assert.equal((await rt.store.rawQuery("SELECT count(*)::INT AS n FROM sign_ins WHERE _tenant = 't1'"))[0]!['n'], 5);
    await assert.rejects(ingestFile('signIns', file, { url, batchSize: '2', quiet: true, ack: 'soon' }), /--ack must be visible or durable, not 'soon'/);
  } finally {
    await rt.close();
    dir.remove();
  }
});
