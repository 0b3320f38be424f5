// Request forms real clients send that go beyond the basic list: the `/$count` path segment
// (PowerShell's Get-MgAuditLogSignInCount, the SDKs' Count builders), the OData key in parentheses
// (`signIns('id')`), and `$select` of paths into complex properties (`status/errorCode`). Real
// DuckDB file, real HTTP, records sent through the ingest API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { directoryAudit, signIn } from '../query/odata/odata-test-fixtures.ts';
import type { JsonObject } from '../model/index.ts';
import { tempDir } from '../testing/temp-dir.ts';

let dir: ReturnType<typeof tempDir>;
let rt: Runtime;
let base: string;
// Some carry token protection details, which Entra's token protection guide filters on.
const TOKEN_PROTECTION: JsonObject[] = [
  { signInSessionStatus: 'bound', signInSessionStatusCode: 0 },
  { signInSessionStatus: 'unbound', signInSessionStatusCode: 1003 },
  { signInSessionStatus: 'unbound', signInSessionStatusCode: 1002 },
];
const signIns: JsonObject[] = Array.from({ length: 300 }, (_, i) => ({ ...signIn(i), ...(i % 2 ? { tokenProtectionStatusDetails: TOKEN_PROTECTION[i % 3]! } : {}) }));
const audits: JsonObject[] = Array.from({ length: 40 }, (_, i) => directoryAudit(i));
// Changes made by applications rather than users.
const appAudits: JsonObject[] = Array.from({ length: 6 }, (_, i) => ({
  ...directoryAudit(100 + i),
  initiatedBy: { user: null, app: { appId: `app-${i % 2}`, displayName: i % 2 ? 'Sync Agent' : 'Provisioning Bot', servicePrincipalId: null, servicePrincipalName: null } },
}));
const interactive = signIns.filter((r) => (r['signInEventTypes'] as string[]).includes('interactiveUser'));
const code = (r: JsonObject) => (r['status'] as JsonObject)['errorCode'];

before(async () => {
  dir = tempDir();
  rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1' });
  base = await rt.app.listen({ port: 0, host: '127.0.0.1' });
  for (const [kind, recs] of [['signIns', signIns], ['directoryAudits', [...audits, ...appAudits]]] as const) {
    const res = await fetch(`${base}/ingest/${kind}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: recs.map((r) => JSON.stringify(r)).join('\n') });
    assert.equal(res.status, 200, await res.text());
  }
});
after(async () => {
  await rt.close();
  dir.remove();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; json: any }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* text/plain */ }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

test('/$count answers text/plain with the number the same $filter lists, in the version\'s scope', async () => {
  const all = await get('/v1.0/auditLogs/signIns/$count', { ConsistencyLevel: 'eventual' });
  assert.equal(all.status, 200, all.text);
  assert.match(all.type, /^text\/plain/);
  assert.equal(all.text, String(interactive.length));

  const failed = await get(`/v1.0/auditLogs/signIns/$count?$filter=${encodeURIComponent('status/errorCode ne 0')}`);
  assert.equal(failed.text, String(interactive.filter((r) => code(r) !== 0).length));

  const nonInteractive = await get(`/beta/auditLogs/signIns/$count?$filter=${encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser')")}`);
  assert.equal(nonInteractive.text, String(signIns.filter((r) => (r['signInEventTypes'] as string[]).includes('nonInteractiveUser')).length));

  // idtrail audits its own administration too ("Add tenant"), so the list is the reference.
  const auditsCount = await get('/v1.0/auditLogs/directoryaudits/$count');
  const auditList = await get('/v1.0/auditLogs/directoryAudits?$select=id');
  assert.ok(auditList.json.value.length >= audits.length);
  assert.equal(auditsCount.text, String(auditList.json.value.length));

  // The same count the list reports with $count=true.
  const listed = await get(`/v1.0/auditLogs/signIns?$top=1&$count=true&$filter=${encodeURIComponent('status/errorCode ne 0')}`);
  assert.equal(String(listed.json['@odata.count']), failed.text);
});

test('/$count refuses a bad filter or an unknown collection with a Graph error, not a 500', async () => {
  const bad = await get(`/v1.0/auditLogs/signIns/$count?$filter=${encodeURIComponent('status/errorCode eq')}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'BadRequest');
  assert.match(bad.json.error.message, /Invalid filter clause/);
  const unknown = await get('/v1.0/auditLogs/signUps/$count');
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error.message, /signUps/);
});

test("the key in parentheses, signIns('id') or signIns(id='id'), addresses the same record as signIns/id", async () => {
  const rec = interactive[3]!;
  const id = rec['id'] as string;
  const plain = await get(`/v1.0/auditLogs/signIns/${id}`);
  assert.equal(plain.status, 200);
  for (const path of [`/v1.0/auditLogs/signIns('${id}')`, `/v1.0/auditLogs/signIns(id='${id}')`, `/v1.0/auditLogs/signIns(%27${id}%27)`]) {
    const r = await get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    assert.deepEqual(r.json, plain.json, path);
  }
  const sel = await get(`/v1.0/auditLogs/signIns('${id}')?$select=id,status`);
  assert.deepEqual(Object.keys(sel.json), ['@odata.context', 'id', 'status']);
  const missing = await get("/v1.0/auditLogs/signIns('no-such-id')");
  assert.equal(missing.status, 404);
  assert.match(missing.json.error.message, /'no-such-id' does not exist/);
});

test('$select takes paths into complex properties and returns just those members', async () => {
  const r = await get(`/v1.0/auditLogs/signIns?$top=20&$select=${encodeURIComponent('id,Status/ErrorCode,location/city')}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.json['@odata.context'], /#auditLogs\/signIns\(id,status\/errorCode,location\/city\)$/);
  const byId = new Map(signIns.map((s) => [s['id'], s]));
  assert.equal(r.json.value.length, 20);
  for (const item of r.json.value) {
    const src = byId.get(item.id)!;
    assert.deepEqual(item, { id: src['id'], status: { errorCode: code(src) }, location: { city: (src['location'] as JsonObject)['city'] } });
  }
  // A whole property and one of its members: the whole property wins.
  const both = await get(`/v1.0/auditLogs/signIns?$top=1&$select=${encodeURIComponent('status/errorCode,status')}`);
  assert.deepEqual(Object.keys(both.json.value[0].status).sort(), ['additionalDetails', 'errorCode', 'failureReason']);
  // Nested paths work on other kinds, and when the parent is null the parent comes back null.
  const audit = await get(`/v1.0/auditLogs/directoryAudits?$top=100&$select=${encodeURIComponent('initiatedBy/user/userPrincipalName,initiatedBy/app/appId')}`);
  assert.equal(audit.status, 200, audit.text);
  const upns = new Set(audits.map((a) => ((a['initiatedBy'] as JsonObject)['user'] as JsonObject)['userPrincipalName']));
  const fromFixtures = audit.json.value.filter((item: any) => item.initiatedBy.user !== null);
  assert.equal(fromFixtures.length, audits.length);
  for (const item of fromFixtures) {
    assert.ok(upns.has(item.initiatedBy.user.userPrincipalName));
    assert.deepEqual(Object.keys(item.initiatedBy.user), ['userPrincipalName']);
    assert.equal(item.initiatedBy.app, null);
  }
});

test('$select refuses paths that do not exist, go into collections or leave the version', async () => {
  for (const sel of ['status/nope', 'appliedConditionalAccessPolicies/result', 'status/errorCode/x']) {
    const r = await get(`/v1.0/auditLogs/signIns?$top=1&$select=${encodeURIComponent(sel)}`);
    assert.equal(r.status, 400, sel);
    assert.equal(r.json.error.code, 'BadRequest');
    assert.match(r.json.error.message, new RegExp(`Could not find a property named '${sel.replace(/\//g, '\\/')}'`));
  }
});

test("Entra's token protection query: tokenProtectionStatusDetails/signInSessionStatusCode and signInSessionStatus filter", async () => {
  const filter = "(signInEventTypes/any(t: t eq 'nonInteractiveUser') and (tokenProtectionStatusDetails/signInSessionStatusCode eq 1003 or tokenProtectionStatusDetails/signInSessionStatusCode eq 1004 or tokenProtectionStatusDetails/signInSessionStatus eq 'bound'))";
  const r = await get(`/beta/auditLogs/signIns?$top=1000&$filter=${encodeURIComponent(filter)}`);
  assert.equal(r.status, 200, r.text);
  const expected = signIns.filter((s) => {
    const tp = s['tokenProtectionStatusDetails'] as JsonObject | undefined;
    return (s['signInEventTypes'] as string[]).includes('nonInteractiveUser') && !!tp && (tp['signInSessionStatusCode'] === 1003 || tp['signInSessionStatus'] === 'bound');
  });
  assert.ok(expected.length > 0);
  assert.deepEqual(r.json.value.map((x: JsonObject) => x['id']).sort(), expected.map((x) => x['id']).sort());
});

test("directoryAudits?$filter=initiatedBy/app/appDisplayName eq '…' (as Graph's list page documents it) filters on initiatedBy/app/displayName", async () => {
  const expected = appAudits.filter((a) => ((a['initiatedBy'] as JsonObject)['app'] as JsonObject)['displayName'] === 'Sync Agent').map((a) => a['id']).sort();
  assert.equal(expected.length, 3);
  for (const name of ['initiatedBy/app/appDisplayName', 'initiatedBy/app/displayName', 'InitiatedBy/App/AppDisplayName']) {
    const r = await get(`/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent(`${name} eq 'Sync Agent'`)}`);
    assert.equal(r.status, 200, `${name}: ${r.text}`);
    assert.deepEqual(r.json.value.map((x: JsonObject) => x['id']).sort(), expected, name);
  }
  const wrong = await get(`/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent("initiatedBy/user/appDisplayName eq 'x'")}`);
  assert.equal(wrong.status, 400);
});
