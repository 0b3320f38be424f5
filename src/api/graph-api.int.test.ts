// The foundation's promises over real HTTP on a real DuckDB file: every field of every kind comes
// back as it went in, paging visits every record exactly once in order, data survives a restart,
// and bad input gets a clear Graph error while the server keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { ALL_KINDS, LOG_KINDS, viewObject, type JsonObject } from '../model/index.ts';
import { sampleRecord } from '../model/sample-record.ts';
import { tempDir } from '../testing/temp-dir.ts';

let dir: ReturnType<typeof tempDir>;
let rt: Runtime;
let base: string;

async function start(): Promise<void> {
  rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1' });
  base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
}

before(async () => {
  dir = tempDir();
  await start();
});
after(async () => {
  await rt.close();
  dir.remove();
});

async function post(kind: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/ingest/${kind}`, { method: "POST", body: body as BodyInit, headers: { 'content-type': 'application/x-ndjson', ...headers } });
  return { status: res.status, json: await res.json() };
}
async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, json: await res.json(), headers: res.headers };
}
/** Members declared after `unknownFutureValue` (which sample records cycle through) come back only to clients that ask. */
const REAL_ENUMS = { prefer: 'include-unknown-enum-members' };
function assertGraphError(r: { status: number; json: any }, status: number, message: RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(typeof r.json.error?.code, 'string');
  assert.match(r.json.error.message, message);
  assert.match(r.json.error.innerError['request-id'], /^[0-9a-f-]{36}$/);
  assert.match(r.json.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
}

test('every field of every kind round-trips ingest → read unchanged (beta and v1.0 views)', async () => {
  for (const kind of ALL_KINDS) {
    const def = LOG_KINDS[kind];
    const input = sampleRecord(def.schema, 11, { id: `rt-${kind}`, futureProperty: { nested: [1, 'x', null] } });
    if (kind === 'signIns') input['signInEventTypes'] = ['interactiveUser', 'nonInteractiveUser'];
    const r = await post(def.collection, JSON.stringify(input));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.accepted, 1);
    const beta = await get(`/beta/auditLogs/${def.collection}/${encodeURIComponent(input['id'] as string)}`, REAL_ENUMS);
    assert.equal(beta.status, 200, JSON.stringify(beta.json));
    assert.equal(beta.headers.get('preference-applied'), 'include-unknown-enum-members');
    const { ['@odata.context']: ctx, ...rec } = beta.json;
    assert.match(ctx, new RegExp(`/beta/\\$metadata#auditLogs/${def.collection}/\\$entity$`));
    assert.deepEqual(rec, viewObject(def.schema, input as JsonObject, 'beta'), kind);
    assert.ok(!('riskEventTypes' in rec) || kind !== 'signIns', 'beta drops the v1.0-only riskEventTypes');
    if (def.versions.includes('v1.0')) {
      const v1 = await get(`/v1.0/auditLogs/${def.collection}/${encodeURIComponent(input['id'] as string)}`, REAL_ENUMS);
      const { ['@odata.context']: _c, ...v1rec } = v1.json;
      assert.deepEqual(v1rec, viewObject(def.schema, input as JsonObject, 'v1.0'), `${kind} v1.0`);
      for (const [k, f] of Object.entries(def.schema.fields)) if (f.meta.beta) assert.ok(!(k in v1rec), `${kind}.${k} is beta-only`);
    } else {
      const v1 = await get(`/v1.0/auditLogs/${def.collection}`);
      assertGraphError(v1, 400, /Resource not found for the segment/);
    }
  }
});

test('paging walks every record exactly once, newest first, and again after a restart', async () => {
  const t0 = Date.parse('2025-06-01T00:00:00Z');
  const lines: string[] = [];
  // 1,234 records with many identical timestamps, so (time, id) ordering is exercised.
  for (let i = 0; i < 1234; i++) {
    lines.push(JSON.stringify({
      id: `page-${String(i).padStart(5, '0')}`, activityDateTime: new Date(t0 + Math.floor(i / 7) * 1000).toISOString(),
      activityDisplayName: 'Update user', category: 'UserManagement', result: 'success',
    }));
  }
  const r = await post('directoryAudits', lines.join('\n'));
  assert.equal(r.json.accepted, 1234);
  const walk = async (): Promise<string[]> => {
    const seen: string[] = [];
    let next: string | undefined = `${base}/v1.0/auditLogs/directoryAudits?$top=100&$filter=category eq 'UserManagement'`;
    let pages = 0;
    while (next) {
      const page: any = await (await fetch(next)).json();
      assert.ok(Array.isArray(page.value), JSON.stringify(page).slice(0, 300));
      assert.ok(page.value.length <= 100);
      seen.push(...page.value.map((x: { id: string }) => x.id));
      next = page['@odata.nextLink'];
      if (next) assert.match(next, /\$skiptoken=/);
      pages++;
    }
    assert.equal(pages, 13);
    return seen;
  };
  const seen = await walk();
  assert.equal(seen.length, 1234);
  assert.equal(new Set(seen).size, 1234);
  const expected = lines.map((l) => JSON.parse(l)).sort((a, b) => (a.activityDateTime === b.activityDateTime ? (a.id < b.id ? 1 : -1) : a.activityDateTime < b.activityDateTime ? 1 : -1)).map((x) => x.id);
  assert.deepEqual(seen, expected);
  // Restart: the data and the order survive.
  await rt.close();
  await start();
  assert.deepEqual(await walk(), expected);
});

test('a page walk neither skips nor repeats while new records keep arriving', async () => {
  const mk = (i: number, t: string) => JSON.stringify({ id: `live-${i}`, createdDateTime: t, signInEventTypes: ['interactiveUser'], userPrincipalName: 'live@x.example' });
  const initial = Array.from({ length: 300 }, (_, i) => mk(i, new Date(Date.parse('2025-07-01T00:00:00Z') + i * 1000).toISOString()));
  await post('signIns', initial.join('\n'));
  const seen: string[] = [];
  let next: string | undefined = `${base}/beta/auditLogs/signIns?$top=50&$filter=userPrincipalName eq 'live@x.example'`;
  let extra = 1000;
  while (next) {
    const page: any = await (await fetch(next)).json();
    seen.push(...page.value.map((x: { id: string }) => x.id));
    next = page['@odata.nextLink'];
    // Newer records arrive between pages: they sort before the cursor and must not appear.
    await post('signIns', mk(extra, new Date(Date.parse('2025-08-01T00:00:00Z') + extra * 1000).toISOString()));
    extra++;
  }
  assert.equal(seen.length, 300);
  assert.equal(new Set(seen).size, 300);
});

test('bad input gets clear errors and the server keeps serving', async () => {
  assertGraphError(await post('signIns', '{"id": "x", '), 400, /not valid JSON/);
  assertGraphError(await post('signIns', '[{"id":1}'), 400, /not valid JSON/);
  assertGraphError(await post('signIns', ''), 400, /empty/);
  assertGraphError(await post('bogusKind', '{}'), 400, /Unknown log kind 'bogusKind'/);
  const partial = await post('signIns', [
    JSON.stringify({ id: 'ok-1', createdDateTime: '2025-01-01T00:00:00Z' }),
    JSON.stringify({ id: 'bad-1', createdDateTime: '2025-01-01T00:00:00Z', status: { errorCode: 'nope' } }),
    'not json at all',
    JSON.stringify({ id: 'ok-1', createdDateTime: '2025-01-01T00:00:00Z' }),
  ].join('\n'));
  assert.equal(partial.status, 200);
  assert.equal(partial.json.accepted, 1);
  assert.equal(partial.json.duplicates, 1);
  assert.deepEqual(partial.json.rejected.map((r: { index: number }) => r.index), [1, 2]);
  assert.match(partial.json.rejected[0].reason, /status\/errorCode: expected a 32-bit integer/);
  const allBad = await post('signIns', JSON.stringify({ id: 'x' }));
  assertGraphError(allBad, 400, /No record was accepted.*createdDateTime: is required/);
  assert.equal(allBad.json.error.innerError.details.rejected[0].index, 0);
  // A repeat of an accepted record is a duplicate, not a second copy.
  const again = await post('signIns', JSON.stringify({ id: 'ok-1', createdDateTime: '2025-01-01T00:00:00Z' }));
  assert.equal(again.json.accepted, 0);
  assert.equal(again.json.duplicates, 1);
  // gzip bodies are accepted; a gzip bomb is refused by the decompressed-size limit.
  const gz = await post('signIns', new Uint8Array(gzipSync(JSON.stringify([{ id: 'gz-1', createdDateTime: '2025-01-01T00:00:00Z' }]))), { 'content-encoding': 'gzip' });
  assert.equal(gz.json.accepted, 1);
  const bomb = await post('signIns', new Uint8Array(gzipSync(Buffer.alloc(80 * 1024 * 1024, 32))), { 'content-encoding': 'gzip' });
  assertGraphError(bomb, 413, /larger than/);
  assertGraphError(await get('/v1.0/auditLogs/signIns/does-not-exist'), 404, /does not exist/);
  assertGraphError(await get('/v1.0/auditLogs/nothingHere'), 400, /segment 'nothingHere'/);
  assertGraphError(await get('/v1.0/auditLogs/signIns?$skiptoken=garbage'), 400, /skiptoken/);
  assertGraphError(await get('/v1.0/auditLogs/signIns?$top=abc'), 400, /\$top/);
  const del = await fetch(`${base}/v1.0/auditLogs/signIns/ok-1`, { method: 'DELETE' });
  assert.equal(del.status, 405);
  // Still serving, and the accepted records are there.
  const ok = await get('/beta/auditLogs/signIns/ok-1');
  assert.equal(ok.status, 200);
});

test('$top has the collection default and maximum; the context and request ids are Graph-shaped', async () => {
  const res = await fetch(`${base}/beta/auditLogs/directoryAudits?$top=5000`, { headers: { 'client-request-id': 'my-id-123' } });
  assert.equal(res.headers.get('client-request-id'), 'my-id-123');
  assert.match(res.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
  const body: any = await res.json();
  assert.equal(body.value.length, 1000);
  assert.match(body['@odata.context'], /\/beta\/\$metadata#auditLogs\/directoryAudits$/);
  const csa = await get('/beta/auditLogs/customSecurityAttributeAudits?$top=5000');
  assert.equal(csa.status, 200);
});
