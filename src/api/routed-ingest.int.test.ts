// POST /ingest (no kind in the path) over real HTTP on a real DuckDB file: a mixed batch of native
// events is stored kind by kind and read back through the Graph API; rejections keep their index in
// the whole batch; `format=graph` routes by OData annotations or refuses; limits hold for the whole
// batch; a kind whose append fails after another committed gives a 503 naming what was stored, and
// resending the batch completes it idempotently with an intact hash chain. Also the CLI without a kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { listenInRange } from '../testing/listen.ts';
import { ingestFile } from '../cli/ingest-command.ts';
import { StoreError } from '../store/index.ts';
import { openAuthKit } from '../auth/auth-test-kit.ts';
import * as S from '../ingest/adapters/sample-events.ts';

let dir: ReturnType<typeof tempDir>;
let rt: Runtime;
let base: string;

before(async () => {
  dir = tempDir();
  rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1', maxBatchRecords: 50, maxBodyBytes: 200_000 });
  // Ports 18300–18329 (and 18330–18349 for the auth kit below) are this suite's.
  base = await listenInRange(rt.app, 18300, 18329);
});
after(async () => {
  await rt.close();
  dir.remove();
});

async function post(query: string, body: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${base}/ingest${query}`, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: await res.json(), headers: res.headers };
}
async function get(path: string, status = 200): Promise<any> {
  const res = await fetch(`${base}${path}`, { headers: { prefer: 'include-unknown-enum-members' } });
  const json = await res.json();
  assert.equal(res.status, status, JSON.stringify(json));
  return json;
}
const one = (collection: string, id: string, status = 200) => get(`/beta/auditLogs/${collection}/${encodeURIComponent(id)}`, status);
const withId = (e: any, id: string) => ({ ...e, properties: { ...e.properties, id } });

test('azure-monitor: one Event Hub message of several categories is stored by category; an unknown category is refused at its index', async () => {
  const riskyUser = { ...S.azureAudit, category: 'RiskyUsers', properties: { id: 'risky-1' } };
  const r = await post('?format=azure-monitor', { records: [S.azureSignIn, S.azureAudit, riskyUser, S.azureProvisioning, S.azureNonInteractive] });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.received, r.json.accepted, r.json.duplicates], [5, 4, 0]);
  assert.equal(r.json.kind, undefined, 'a routed answer has no single kind');
  assert.deepEqual(r.json.kinds, {
    signIns: { received: 2, accepted: 2, duplicates: 0, rejected: 0, committed: true },
    directoryAudits: { received: 1, accepted: 1, duplicates: 0, rejected: 0, committed: true },
    provisioning: { received: 1, accepted: 1, duplicates: 0, rejected: 0, committed: true },
  });
  assert.deepEqual(r.json.rejected.map((x: any) => [x.index, x.id]), [[2, 'risky-1']]);
  assert.match(r.json.rejected[0].reason, /category 'RiskyUsers' is not an activity idtrail stores/);

  assert.deepEqual((await one('signIns', (S.azureSignIn as any).properties.id)).signInEventTypes, ['interactiveUser']);
  assert.deepEqual((await one('signIns', (S.azureNonInteractive as any).properties.id)).signInEventTypes, ['nonInteractiveUser']);
  assert.equal((await one('directoryAudits', 'Directory_ESQ')).activityDisplayName, 'Update device');
  assert.equal((await one('provisioning', (S.azureProvisioning as any).properties.id)).provisioningStatusInfo.status, 'failure');
  await one('signIns', 'Directory_ESQ', 404); // not stored twice under another kind

  const again = await post('?format=azure-monitor', { records: [S.azureSignIn, S.azureAudit, S.azureProvisioning, S.azureNonInteractive] });
  assert.deepEqual([again.status, again.json.accepted, again.json.duplicates, again.json.kinds.signIns.duplicates], [200, 0, 4, 2]);
});

test('okta, auth0, keycloak: mixed exports are split into sign-ins, sign-ups and audits', async () => {
  const okta = await post('?format=okta', { eventType: 'com.okta.event_hook', data: { events: [S.oktaSessionStart, S.oktaUserCreate, S.oktaBadPassword] } });
  assert.equal(okta.status, 200, JSON.stringify(okta.json));
  assert.deepEqual([okta.json.kinds.signIns.accepted, okta.json.kinds.directoryAudits.accepted], [2, 1]);
  assert.equal((await one('directoryAudits', (S.oktaUserCreate as any).uuid)).loggedByService, 'Okta');
  assert.equal((await one('signIns', (S.oktaBadPassword as any).uuid)).status.errorCode, 50126);

  const auth0 = await post('?format=auth0', [S.auth0Success, S.auth0ApiOperation, { log_id: (S.auth0SignUp as any).log_id, data: S.auth0SignUp }, S.auth0ClientCredentials]);
  assert.equal(auth0.status, 200, JSON.stringify(auth0.json));
  assert.deepEqual(Object.keys(auth0.json.kinds), ['signIns', 'directoryAudits', 'signUps'], 'kinds in a fixed order');
  assert.deepEqual([auth0.json.kinds.signIns.accepted, auth0.json.kinds.directoryAudits.accepted, auth0.json.kinds.signUps.accepted], [2, 1, 1]);
  assert.equal((await one('signUps', (S.auth0SignUp as any).log_id)).signUpIdentityProvider, 'Email Password');

  const kc = await post('?format=keycloak', [S.keycloakLogin, S.keycloakAdminCreateUser, S.keycloakRegister]);
  assert.equal(kc.status, 200, JSON.stringify(kc.json));
  assert.deepEqual([kc.json.kinds.signIns.accepted, kc.json.kinds.directoryAudits.accepted, kc.json.kinds.signUps.accepted], [1, 1, 1]);
  assert.equal((await one('directoryAudits', (S.keycloakAdminCreateUser as any).id)).activityDisplayName, 'Create user');
});

test('a record refused by validation after routing keeps its batch index and names its kind; nothing accepted is a 400', async () => {
  const noTime = { ...S.oktaSessionStart, uuid: 'okta-routed-bad', published: 'not a time' };
  const fresh = { ...S.oktaUserCreate, uuid: 'okta-routed-ok' };
  const r = await post('?format=okta', [fresh, noTime, { uuid: 'x' }]);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json.rejected.map((x: any) => [x.index, x.id]), [[1, 'okta-routed-bad'], [2, 'x']]);
  assert.match(r.json.rejected[1].reason, /okta event without an eventType/);

  // A Graph record routed to signIns but invalid there: refused by the validator, with its kind.
  const bad = await post('?format=graph', [{ '@odata.type': '#microsoft.graph.signIn', id: 'graph-no-time' }, { '@odata.type': '#microsoft.graph.signIn', id: 'graph-ok', createdDateTime: '2024-05-01T00:00:00Z' }]);
  assert.equal(bad.status, 200, JSON.stringify(bad.json));
  assert.deepEqual(bad.json.rejected.map((x: any) => [x.index, x.id, x.kind]), [[0, 'graph-no-time', 'signIns']]);
  assert.deepEqual(bad.json.kinds.signIns, { received: 2, accepted: 1, duplicates: 0, rejected: 1, committed: true });

  const none = await post('?format=okta', [{ uuid: 'y' }]);
  assert.equal(none.status, 400);
  assert.equal(none.json.error.innerError.idtrailCode, 'IDT_BAD_REQUEST');
  assert.equal(none.json.error.innerError.details.rejected[0].index, 0);
});

test('format=graph: routed by @odata.type or @odata.context (item or page); a record naming no kind is refused with where to send it', async () => {
  const page = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits',
    value: [{ id: 'graph-route-a1', activityDateTime: '2024-05-01T10:00:00Z', activityDisplayName: 'Add user' }, { id: 'graph-route-a2', activityDateTime: '2024-05-01T11:00:00Z' }],
  };
  const single = { '@odata.context': 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns/$entity', id: 'graph-route-s1', createdDateTime: '2024-05-01T10:00:00Z' };
  const typed = { '@odata.type': '#microsoft.graph.provisioningObjectSummary', id: 'graph-route-p1', activityDateTime: '2024-05-01T10:00:00Z' };
  const bare = { id: 'graph-route-bare', createdDateTime: '2024-05-01T10:00:00Z' };
  const conflicting = { '@odata.type': '#microsoft.graph.signIn', '@odata.context': '…/$metadata#auditLogs/directoryAudits/$entity', id: 'graph-route-c' };
  const body = [page, single, typed, bare, conflicting].map((x) => JSON.stringify(x)).join('\n');
  const r = await post('', body);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.kinds.directoryAudits.accepted, r.json.kinds.signIns.accepted, r.json.kinds.provisioning.accepted], [2, 1, 1]);
  assert.deepEqual(r.json.rejected.map((x: any) => [x.index, x.id]), [[4, 'graph-route-bare'], [5, 'graph-route-c']]);
  assert.match(r.json.rejected[0].reason, /names no log kind.*send it to \/ingest\/\{kind\}/);
  assert.match(r.json.rejected[1].reason, /annotations name different kinds \(signIns, directoryAudits\)/);
  assert.equal((await one('directoryAudits', 'graph-route-a1')).activityDisplayName, 'Add user');
  const s = await one('signIns', 'graph-route-s1');
  assert.doesNotMatch(s['@odata.context'], /graph\.microsoft\.com/, "the record's annotations are not stored (this one is idtrail's answer)");

  // Plain records without any annotation: nothing can be routed, so the batch is a 400 saying where to go.
  const plain = await post('?format=graph', [bare]);
  assert.equal(plain.status, 400);
  assert.match(plain.json.error.message, /No record was accepted.*send it to \/ingest\/\{kind\}/);
});

test('limits hold for the whole batch: record count after envelopes are opened, and body size', async () => {
  const records = Array.from({ length: 51 }, (_, i) => withId(i % 2 ? S.azureAudit : S.azureNonInteractive, `routed-lim-${i}`));
  const big = await post('?format=azure-monitor', { records });
  assert.equal(big.status, 400);
  assert.equal(big.json.error.innerError.idtrailCode, 'IDT_BATCH_TOO_LONG');
  assert.equal((await post('?format=azure-monitor', { records: records.slice(0, 50) })).json.accepted, 50);
  await one('signIns', 'routed-lim-50', 404);

  const huge = await post('?format=okta', 'x'.repeat(200_001));
  assert.equal(huge.status, 413);
  assert.equal(huge.json.error.innerError.idtrailCode, 'IDT_BODY_TOO_LARGE');
  const unknown = await post('?format=splunk', [S.oktaSessionStart]);
  assert.deepEqual([unknown.status, unknown.json.error.innerError.idtrailCode], [400, 'IDT_BAD_FORMAT']);
});

test('one kind fails after another committed: 503 naming what is stored; resending completes it, idempotently, chain intact', async () => {
  const store = rt.store;
  const append = store.append;
  const real = append.bind(store);
  let failures = 0;
  // The audit log's append fails once, after the sign-ins (earlier in the fixed order) committed.
  store.append = (kind, tenantId, records, options) => {
    if (kind === 'directoryAudits' && failures++ === 0) return Promise.reject(new StoreError('disk full', 'IDT_STORE_FAILED'));
    return real(kind, tenantId, records, options);
  };
  try {
    const batch = { records: [withId(S.azureNonInteractive, 'pf-s1'), withId(S.azureAudit, 'pf-a1'), withId(S.azureNonInteractive, 'pf-s2'), withId(S.azureProvisioning, 'pf-p1')] };
    const r = await post('?format=azure-monitor', batch);
    assert.equal(r.status, 503, JSON.stringify(r.json));
    assert.equal(r.headers.get('retry-after'), '5');
    assert.equal(r.json.error.innerError.idtrailCode, 'IDT_PARTIAL_COMMIT');
    assert.match(r.json.error.message, /only partly stored: signIns, provisioning committed; directoryAudits failed.*Resend the whole batch/);
    assert.doesNotMatch(r.json.error.message, /disk full/, 'the store error stays in the server log');
    const kinds = r.json.error.innerError.details.kinds;
    assert.deepEqual(kinds.signIns, { received: 2, accepted: 2, duplicates: 0, rejected: 0, committed: true });
    assert.deepEqual(kinds.directoryAudits, { received: 1, accepted: 0, duplicates: 0, rejected: 0, committed: false });
    assert.equal(kinds.provisioning.committed, true, 'the kinds after the failed one are still stored');
    await one('signIns', 'pf-s2');
    await one('directoryAudits', 'pf-a1', 404);

    const again = await post('?format=azure-monitor', batch);
    assert.equal(again.status, 200, JSON.stringify(again.json));
    assert.deepEqual([again.json.accepted, again.json.duplicates], [1, 3]);
    assert.deepEqual([again.json.kinds.directoryAudits.accepted, again.json.kinds.signIns.duplicates, again.json.kinds.provisioning.duplicates], [1, 2, 1]);
    assert.equal((await one('directoryAudits', 'pf-a1')).id, 'pf-a1');
  } finally {
    store.append = append;
  }
  // Every kind's hash chain still verifies: the failed append left nothing behind.
  const v = await get('/admin/verify');
  assert.equal(v.ok, true, JSON.stringify(v));

  // Every kind failing is not a partial commit: the store's own 503, as on /ingest/{kind}.
  store.append = (() => Promise.reject(new StoreError('down', 'IDT_STORE_UNAVAILABLE'))) as typeof store.append;
  try {
    const down = await post('?format=okta', [{ ...S.oktaSessionStart, uuid: 'pf-down' }]);
    assert.deepEqual([down.status, down.json.error.innerError.idtrailCode], [503, 'IDT_STORE_UNAVAILABLE']);
  } finally {
    store.append = append;
  }
});

test('CLI: idtrail ingest <file> without a kind routes each event and summarises per kind; a Graph page file keeps its kind', async () => {
  const file = join(dir.path, 'auth0-export.json');
  const fresh = (e: any, id: string) => ({ ...e, log_id: id });
  writeFileSync(file, JSON.stringify([
    fresh(S.auth0Success, 'cli-r-s1'), fresh(S.auth0SignUp, 'cli-r-ss1'), fresh(S.auth0SignUpFailed, 'cli-r-fs1'),
    { log_id: 'cli-r-notype', date: '2021-01-01T00:00:00Z' }, fresh(S.auth0ApiOperation, 'cli-r-api1'),
  ], null, 2));
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  let code: number;
  try {
    code = await ingestFile(null, file, { url: base, batchSize: '2', quiet: true, format: 'auth0' });
  } finally {
    console.log = log;
  }
  assert.equal(code, 2, out.join('\n'));
  assert.equal(out[0], 'all kinds: 5 sent, 4 accepted, 0 duplicates, 1 rejected');
  assert.deepEqual(out.slice(1, 4).sort(), ['  directoryAudits: 1 accepted, 0 duplicates, 0 rejected', '  signIns: 1 accepted, 0 duplicates, 0 rejected', '  signUps: 2 accepted, 0 duplicates, 0 rejected']);
  assert.match(out[4]!, /record 3: the auth0 event without a type is not an activity idtrail stores/);
  assert.equal((await one('signUps', 'cli-r-fs1')).status.failureReason, 'Password is too weak');

  // A saved Graph page: its members are batched on alone, each carrying the page's context.
  const pageFile = join(dir.path, 'audits-page.json');
  writeFileSync(pageFile, JSON.stringify({
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits',
    value: [1, 2, 3].map((n) => ({ id: `cli-page-${n}`, activityDateTime: `2024-06-0${n}T00:00:00Z` })),
  }, null, 2));
  console.log = () => {};
  try {
    assert.equal(await ingestFile(null, pageFile, { url: base, batchSize: '2', quiet: true, format: 'graph' }), 0);
  } finally {
    console.log = log;
  }
  assert.equal((await one('directoryAudits', 'cli-page-3')).id, 'cli-page-3');
});

test('roles and tenants as on /ingest/{kind}: only an ingest key may post, and records land in its own tenant', async () => {
  const kit = await openAuthKit();
  try {
    const url = await listenInRange(kit.rt.app, 18330, 18349);
    const send = (key: string | null) => fetch(`${url}/ingest?format=okta`, {
      method: 'POST', body: JSON.stringify([{ ...S.oktaSessionStart, uuid: 'routed-tenant-1' }, { ...S.oktaUserCreate, uuid: 'routed-tenant-2' }]),
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    });
    const keys = kit.keys;
    assert.equal((await send(null)).status, 401);
    for (const role of ['Global Administrator', 'Reports Reader', 'Security Administrator'] as const) assert.equal((await send(keys['tenant-a']![role])).status, 403, role);
    const ok = await send(keys['tenant-a']!['Ingest Writer']);
    assert.equal(ok.status, 200);
    assert.deepEqual((await ok.json() as any).kinds.directoryAudits.accepted, 1);
    const read = (tenant: string, kind: string, id: string) => fetch(`${url}/v1.0/auditLogs/${kind}/${id}`, { headers: { authorization: `Bearer ${keys[tenant]!['Global Reader']}` } });
    assert.equal((await read('tenant-a', 'directoryAudits', 'routed-tenant-2')).status, 200);
    assert.equal((await read('tenant-a', 'signIns', 'routed-tenant-1')).status, 200);
    assert.equal((await read('tenant-b', 'directoryAudits', 'routed-tenant-2')).status, 404, "tenant B does not see tenant A's records");
  } finally {
    await kit.close();
  }
});
