// Documented request forms on identityProtection and reports, against a real server seeded with a
// small generated tenant (planted attacks give real risk detections): enum-typed literals from
// Graph's riskyUsers example, beta's riskType filter, `$count`, the served `$orderby`, the keyId
// filter of appCredentialSignInActivities, and clear refusals for Graph APIs idtrail does not serve.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer, type DemoServer } from '../testing/demo-server.ts';

let server: DemoServer;
before(async () => {
  server = await startDemoServer({ users: 40, days: 3 });
});
after(() => server?.close());

type Row = Record<string, any>;
async function get(path: string): Promise<{ status: number; type: string; text: string; json: any }> {
  const res = await fetch(`${server.url}${path.replace(/ /g, '%20')}`);
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* text/plain */ }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}
async function all(path: string): Promise<Row[]> {
  const out: Row[] = [];
  let next: string | undefined = `${server.url}${path.replace(/ /g, '%20')}`;
  while (next) {
    const body = (await (await fetch(next)).json()) as { value: Row[]; '@odata.nextLink'?: string };
    out.push(...body.value);
    next = body['@odata.nextLink'];
  }
  return out;
}

test("riskyUsers?$filter=riskLevel eq microsoft.graph.riskLevel'medium' (Graph's example) filters like the plain string", async () => {
  const users = await all('/v1.0/identityProtection/riskyUsers?$top=500');
  assert.ok(users.length > 0, 'the demo tenant has risky users');
  for (const level of new Set(users.map((u) => u['riskLevel'] as string))) {
    const typed = await all(`/v1.0/identityProtection/riskyUsers?$filter=riskLevel eq microsoft.graph.riskLevel'${level}'`);
    assert.deepEqual(typed.map((u) => u['id']).sort(), users.filter((u) => u['riskLevel'] === level).map((u) => u['id']).sort(), level);
  }
  const bad = await get("/v1.0/identityProtection/riskyUsers?$filter=riskLevel eq microsoft.graph.riskLevel'medium");
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /Invalid filter clause/);
});

test("beta riskDetections?$filter=riskType eq 'x' or riskLevel eq 'medium' (the beta example); v1.0 has no riskType", async () => {
  const beta = await all('/beta/identityProtection/riskDetections?$top=500');
  assert.ok(beta.length > 0);
  const type = beta[0]!['riskType'] as string;
  const got = await all(`/beta/identityProtection/riskDetections?$filter=riskType eq '${type}' or riskLevel eq 'medium'`);
  assert.deepEqual(got.map((d) => d['id']).sort(), beta.filter((d) => d['riskType'] === type || d['riskLevel'] === 'medium').map((d) => d['id']).sort());
  const v1 = await get(`/v1.0/identityProtection/riskDetections?$filter=riskType eq '${type}'`);
  assert.equal(v1.status, 400);
  assert.match(v1.json.error.message, /riskType/);
});

test('risk collections count: $count=true and the /$count segment agree with the filtered list', async () => {
  const filter = "riskState eq 'atRisk'";
  const listed = await all(`/v1.0/identityProtection/riskDetections?$top=500&$filter=${filter}`);
  const page = await get(`/v1.0/identityProtection/riskDetections?$top=1&$count=true&$filter=${filter}`);
  assert.equal(page.status, 200, page.text);
  assert.equal(page.json['@odata.count'], listed.length);
  assert.equal(page.json.value.length, Math.min(1, listed.length));
  const seg = await get(`/v1.0/identityProtection/riskDetections/$count?$filter=${filter}`);
  assert.match(seg.type, /^text\/plain/);
  assert.equal(seg.text, String(listed.length));
  const users = await all('/beta/identityProtection/riskyUsers');
  assert.equal((await get('/beta/identityProtection/riskyUsers/$count')).text, String(users.length));
  assert.equal((await get('/v1.0/identityProtection/riskDetections?$count=maybe')).status, 400);
});

test('$orderby may name the served order (newest first); another order is refused with a clear message', async () => {
  const plain = await get('/v1.0/identityProtection/riskDetections?$top=50');
  const ordered = await get('/v1.0/identityProtection/riskDetections?$top=50&$orderby=activityDateTime desc');
  assert.equal(ordered.status, 200);
  assert.deepEqual(ordered.json.value, plain.json.value);
  const users = await get('/v1.0/identityProtection/riskyUsers?$orderby=riskLastUpdatedDateTime desc');
  assert.equal(users.status, 200);
  for (const bad of ['activityDateTime asc', 'riskLevel desc', 'activityDateTime desc,id']) {
    const r = await get(`/v1.0/identityProtection/riskDetections?$orderby=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.json.error.code, 'BadRequest');
    assert.match(r.json.error.message, /newest first only \('activityDateTime desc'\)/);
  }
});

test("appCredentialSignInActivities?$filter=keyId eq '…' (documented) selects that credential", async () => {
  const rows = await all('/beta/reports/appCredentialSignInActivities?$top=1000');
  assert.ok(rows.length > 1, 'the demo tenant has several app credentials');
  const keyId = rows[1]!['keyId'] as string;
  const one = await get(`/beta/reports/appCredentialSignInActivities?$filter=keyId eq '${keyId}'`);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.json.value.map((r: Row) => r['keyId']), [keyId]);
});

test('Graph APIs idtrail does not serve are refused with a Graph error that says why', async () => {
  const cases: Array<[string, RegExp]> = [
    ['/v1.0/reports/authenticationMethods/userRegistrationDetails', /directory state/],
    ['/beta/reports/authenticationMethods/userRegistrationDetails?$filter=methodsRegistered/any(x:x eq \'email\')', /directory state/],
    ["/v1.0/reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')", /usersRegisteredByFeature: it reports each user's registered/],
    ['/beta/reports/credentialUserRegistrationDetails', /directory state/],
    ["/beta/reports/getCredentialUsageSummary(period='D30')", /userEventsSummary/],
    ["/v1.0/reports/getRelyingPartyDetailedSummary(period='D7')", /AD FS/],
    ['/beta/reports/userInsights/daily/activeUsers', /userInsights\/daily\/signUps/],
    ['/v1.0/identityProtection/riskyServicePrincipals', /service principals/],
    ['/v1.0/identityProtection/servicePrincipalRiskDetections', /service principals/],
    ['/v1.0/identityProtection/riskyUsers/some-user/history', /riskDetections\?\$filter=userId/],
    ['/beta/auditLogs/signInEventsSummary', /five log collections/],
    ["/beta/auditLogs/getSummarizedNonInteractiveSignIns(aggregationWindow='h1')", /five log collections/],
    ["/beta/riskDetections?$filter=riskType eq 'unfamiliarFeatures' or riskLevel eq 'medium'", /identityProtection\/riskDetections/],
  ];
  for (const [path, why] of cases) {
    const r = await get(path);
    assert.equal(r.status, 400, path);
    assert.equal(r.json.error.code, 'BadRequest', path);
    assert.equal(r.json.error.innerError.idtrailCode, 'IDT_NOT_SERVED', path);
    assert.match(r.json.error.message, /^idtrail does not serve \/(v1\.0|beta)\//, path);
    assert.match(r.json.error.message, why, path);
  }
  const post = await fetch(`${server.url}/v1.0/identityProtection/riskyUsers/confirmCompromised`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userIds":["x"]}' });
  const body = (await post.json()) as Row;
  assert.equal(post.status, 400);
  assert.match(body['error'].message, /cannot be changed through the API/);
  // A beta-only report called under v1.0, and a beta-only collection under v1.0, say which version has them.
  const v1 = await get("/v1.0/reports/getAzureADApplicationSignInSummary(period='D7')");
  assert.equal(v1.status, 400);
  assert.match(v1.json.error.message, /is a beta API; call \/beta\/reports\/getAzureADApplicationSignInSummary\(period='D7'\)/);
  const signUps = await get('/v1.0/auditLogs/signUps');
  assert.match(signUps.json.error.message, /auditLogs\/signUps is in beta only/);
  // Paths that are simply wrong keep the plain answer.
  const typo = await get('/v1.0/identityProtection/riskDetectionz');
  assert.equal(typo.json.error.innerError.idtrailCode, 'IDT_SEGMENT_NOT_FOUND');
});

test('$select on risk and report rows matches names without regard to case and takes nested paths', async () => {
  const full = await all('/v1.0/identityProtection/riskDetections?$top=500');
  const sel = await get('/v1.0/identityProtection/riskDetections?$top=500&$select=Id,RiskLevel,location/City');
  assert.equal(sel.status, 200, sel.text);
  assert.match(sel.json['@odata.context'], /riskDetections\(id,riskLevel,location\/city\)$/);
  assert.deepEqual(sel.json.value, full.map((d) => ({ id: d['id'], riskLevel: d['riskLevel'], location: d['location'] === null ? null : { city: d['location']['city'] } })));
  const bad = await get('/v1.0/identityProtection/riskDetections?$select=riskLevel,nope');
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /Could not find a property named 'nope' on type 'microsoft\.graph\.riskDetection'/);

  const sps = await all('/beta/reports/servicePrincipalSignInActivities?$top=1000');
  const spSel = await get('/beta/reports/servicePrincipalSignInActivities?$top=1000&$select=AppId,lastSignInActivity/lastSignInDateTime');
  assert.equal(spSel.status, 200, spSel.text);
  assert.deepEqual(spSel.json.value, sps.map((r) => ({ appId: r['appId'], lastSignInActivity: { lastSignInDateTime: r['lastSignInActivity']['lastSignInDateTime'] } })));
});

test('applicationSignInDetailedSummary filters on its own properties, status/errorCode included', async () => {
  const rows = await all('/beta/reports/applicationSignInDetailedSummary?$top=1000');
  assert.ok(rows.some((r) => r['status']['errorCode'] !== 0) && rows.some((r) => r['status']['errorCode'] === 0));
  const ok = await all('/beta/reports/applicationSignInDetailedSummary?$top=1000&$filter=status/errorCode eq 0');
  assert.deepEqual(ok.map((r) => r['id']).sort(), rows.filter((r) => r['status']['errorCode'] === 0).map((r) => r['id']).sort());
  const app = rows[0]!;
  const byApp = await all(`/beta/reports/applicationSignInDetailedSummary?$top=1000&$filter=appDisplayName eq '${app['appDisplayName']}' and status/errorCode ne 0`);
  assert.deepEqual(byApp.map((r) => r['id']).sort(), rows.filter((r) => r['appDisplayName'] === app['appDisplayName'] && r['status']['errorCode'] !== 0).map((r) => r['id']).sort());
});

test('userEventsSummary pages through every event with a small $top (Get-…UserEventSummary -All)', async () => {
  // The demo's handful of events depends on the clock (its window ends now): a few more make sure
  // that $top=2 walks several pages whatever the hour.
  const extra = Array.from({ length: 6 }, (_, i) => ({
    id: `events-summary-extra-${i}`, activityDateTime: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
    loggedByService: i % 2 ? 'Authentication Methods' : 'Self-service Password Management',
    activityDisplayName: i % 2 ? 'User registered security info' : 'Reset password (self-service)',
    category: 'UserManagement', result: 'success', operationType: 'Update',
    initiatedBy: { user: { id: `0000000${i}-0000-0000-0000-000000000001`, userPrincipalName: `extra${i}@contoso.example`, displayName: `Extra ${i}` } },
  }));
  const ingested = await fetch(`${server.url}/ingest/directoryAudits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(extra) });
  assert.equal(ingested.status, 200, await ingested.text());
  const one = await get('/beta/reports/authenticationMethods/userEventsSummary?$top=1000');
  const events = one.json.value as Row[];
  assert.ok(events.length > 4 && !one.json['@odata.nextLink'], `the demo tenant has a handful of events (${events.length})`);
  const walked = await all('/beta/reports/authenticationMethods/userEventsSummary?$top=2');
  assert.deepEqual(walked.map((e) => e['id']), events.map((e) => e['id']));
  const filtered = await all("/beta/reports/authenticationMethods/userEventsSummary?$top=1&$filter=feature eq 'registration'");
  assert.deepEqual(filtered.map((e) => e['id']), events.filter((e) => e['feature'] === 'registration').map((e) => e['id']));
  const count = await get('/beta/reports/authenticationMethods/userEventsSummary/$count');
  assert.equal(count.status, 400);
  assert.match(count.json.error.message, /\/\$count is not supported on reports/);
});

test("a risk detection or risky user by id, as riskDetections/{id} or riskDetections('{id}'), with $select", async () => {
  const list = await all('/beta/identityProtection/riskDetections?$top=500');
  const d = list[0]!;
  const byId = await get(`/beta/identityProtection/riskDetections/${d['id']}`);
  assert.equal(byId.status, 200);
  const { ['@odata.context']: ctx, ...rest } = byId.json;
  assert.match(ctx, /#identityProtection\/riskDetections\/\$entity$/);
  assert.deepEqual(rest, d);
  const paren = await get(`/beta/identityProtection/riskDetections('${d['id']}')`);
  assert.deepEqual(paren.json, byId.json);
  const sel = await get(`/beta/identityProtection/riskDetections/${d['id']}?$select=RiskType,location/countryOrRegion`);
  assert.match(sel.json['@odata.context'], /riskDetections\(riskType,location\/countryOrRegion\)\/\$entity$/);
  assert.deepEqual(sel.json.riskType, d['riskType']);
  assert.deepEqual(Object.keys(sel.json).sort(), ['@odata.context', 'location', 'riskType']);
  const users = await all('/v1.0/identityProtection/riskyUsers');
  const u = await get(`/v1.0/identityProtection/riskyUsers(id='${users[0]!['id']}')`);
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.id, users[0]!['id']);
  const missing = await get("/v1.0/identityProtection/riskDetections('nope')");
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'Request_ResourceNotFound');
});
