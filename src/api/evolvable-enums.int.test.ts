// Evolvable enums over HTTP (spec 3.9): members declared after `unknownFutureValue` reach only
// requests with `Prefer: include-unknown-enum-members` (echoed as Preference-Applied); everyone else
// reads the sentinel. `$filter` follows Graph's guidance: a later member without the header is a 400,
// and `unknownFutureValue` matches what the client is shown as `unknownFutureValue`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { buildApp } from './app.ts';
import type { RiskDetection, RiskEngine } from '../risk/index.ts';

const PREFER = { prefer: 'include-unknown-enum-members' };
let rt: Runtime;
let riskApp: FastifyInstance;

const A = {
  id: 'sign-in-a', createdDateTime: '2026-03-01T10:00:03Z', signInEventTypes: ['interactiveUser'],
  riskDetail: 'adminDismissedRiskForSignIn', tokenIssuerType: 'AzureADBackupAuth', incomingTokenType: 'refreshToken', conditionalAccessStatus: 'success',
  appliedConditionalAccessPolicies: [
    { id: 'p1', result: 'reportOnlySuccess', conditionsSatisfied: 'application,servicePrincipals,insiderRisk',
      includeRulesSatisfied: [{ conditionalAccessCondition: 'servicePrincipals', ruleSatisfied: 'b2bCollaborationGuest' }] },
    { id: 'p2', result: 'success', conditionsSatisfied: 'application,users' },
  ],
  authenticationRequirementPolicies: [{ requirementProvider: 'authenticationStrengths', detail: 'x' }],
};
const B = { id: 'sign-in-b', createdDateTime: '2026-03-01T10:00:02Z', signInEventTypes: ['interactiveUser'], riskDetail: 'none', tokenIssuerType: 'AzureAD',
  appliedConditionalAccessPolicies: [{ id: 'p2', result: 'failure' }] };
// Stored as the sentinel itself (an upstream that masked it already).
const C = { id: 'sign-in-c', createdDateTime: '2026-03-01T10:00:01Z', signInEventTypes: ['interactiveUser'], riskDetail: 'unknownFutureValue' };

function detection(id: string, over: Partial<RiskDetection>): RiskDetection {
  return {
    id, requestId: null, correlationId: null, riskEventType: 'unlikelyTravel', riskState: 'atRisk', riskLevel: 'high', riskDetail: 'none',
    source: 'idtrail', detectionTimingType: 'offline', activity: 'signin', tokenIssuerType: 'AzureAD', ipAddress: null, location: null,
    activityDateTime: '2026-03-01T10:00:00Z', detectedDateTime: '2026-03-01T10:00:00Z', lastUpdatedDateTime: '2026-03-01T10:00:00Z',
    userId: `user-${id}`, userDisplayName: null, userPrincipalName: null, additionalInfo: '[]', mitreTechniqueId: null, ...over,
  } as RiskDetection;
}
// Rule output never carries later members today; a stub engine stands for the Graph data it models.
const D1 = detection('d1', { riskDetail: 'adminDismissedRiskForSignIn' as 'none', activity: 'servicePrincipal' as 'signin', tokenIssuerType: 'NPSExtension' as 'AzureAD' });
const D2 = detection('d2', { activityDateTime: '2026-03-01T09:00:00Z' });
const detections = [D1, D2];

before(async () => {
  rt = await createRuntime({ dataDir: ':memory:', enrich: false, defaultTenant: 't1', threads: 2, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0 });
  const res = await rt.app.inject({ method: 'POST', url: '/ingest/signIns', headers: { 'content-type': 'application/x-ndjson' }, payload: [A, B, C].map((r) => JSON.stringify(r)).join('\n') });
  assert.equal(res.statusCode, 200, res.body);
  const risk: RiskEngine = { detections: async () => detections, run: async () => [], onCommit: () => {} };
  riskApp = await buildApp({ store: rt.store, ingest: rt.ingest, authenticate: localAuthenticator('t1'), risk });
});
after(async () => {
  await riskApp?.close();
  await rt?.close();
});

async function get(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url: url.replace(/ /g, '%20'), headers });
  return { status: res.statusCode, applied: res.headers['preference-applied'], json: String(res.headers['content-type'] ?? '').startsWith('text/plain') ? res.body : res.json() };
}
const ids = (r: { json: any }) => (r.json.value as Array<{ id: string }>).map((x) => x.id).sort();

test('without the header, later members read as the sentinel at every depth, in v1.0 and beta', async () => {
  const r = await get(rt.app, '/beta/auditLogs/signIns');
  assert.equal(r.status, 200);
  assert.equal(r.applied, undefined, 'no preference was applied');
  const a = r.json.value.find((x: any) => x.id === A.id);
  assert.equal(a.riskDetail, 'unknownFutureValue');
  assert.equal(a.tokenIssuerType, 'UnknownFutureValue', "tokenIssuerType's sentinel keeps its PascalCase");
  assert.equal(a.incomingTokenType, 'unknownFutureValue');
  assert.equal(a.conditionalAccessStatus, 'success');
  assert.deepEqual(a.appliedConditionalAccessPolicies[0], {
    ...a.appliedConditionalAccessPolicies[0], result: 'unknownFutureValue', conditionsSatisfied: 'application,unknownFutureValue',
    includeRulesSatisfied: [{ conditionalAccessCondition: 'unknownFutureValue', ruleSatisfied: 'unknownFutureValue' }],
  });
  assert.equal(a.appliedConditionalAccessPolicies[1].result, 'success');
  assert.equal(a.appliedConditionalAccessPolicies[1].conditionsSatisfied, 'application,users');
  assert.equal(a.authenticationRequirementPolicies[0].requirementProvider, 'unknownFutureValue');

  const v1 = await get(rt.app, `/v1.0/auditLogs/signIns/${A.id}`);
  assert.equal(v1.json.riskDetail, 'unknownFutureValue');
  assert.equal(v1.json.appliedConditionalAccessPolicies[0].result, 'unknownFutureValue');
  assert.ok(!('tokenIssuerType' in v1.json), 'beta-only properties stay out of v1.0');
  const sel = await get(rt.app, `/v1.0/auditLogs/signIns('${A.id}')?$select=riskDetail,id`);
  assert.deepEqual({ ...sel.json, '@odata.context': undefined }, { '@odata.context': undefined, riskDetail: 'unknownFutureValue', id: A.id });
});

test('with the header, the real members come back and Preference-Applied says so', async () => {
  for (const prefer of ['include-unknown-enum-members', 'odata.maxpagesize=50, Include-Unknown-Enum-Members']) {
    const r = await get(rt.app, '/beta/auditLogs/signIns', { prefer });
    assert.equal(r.applied, 'include-unknown-enum-members', prefer);
    const a = r.json.value.find((x: any) => x.id === A.id);
    assert.equal(a.riskDetail, A.riskDetail);
    assert.equal(a.tokenIssuerType, A.tokenIssuerType);
    assert.deepEqual(a.appliedConditionalAccessPolicies[0].includeRulesSatisfied, A.appliedConditionalAccessPolicies[0]!.includeRulesSatisfied);
    assert.equal(a.appliedConditionalAccessPolicies[0].conditionsSatisfied, A.appliedConditionalAccessPolicies[0]!.conditionsSatisfied);
  }
  const one = await get(rt.app, `/v1.0/auditLogs/signIns/${A.id}`, PREFER);
  assert.equal(one.applied, 'include-unknown-enum-members');
  assert.equal(one.json.appliedConditionalAccessPolicies[0].result, 'reportOnlySuccess');
  // Honoured on a kind with no later members too: the client gets every member there is.
  assert.equal((await get(rt.app, '/v1.0/auditLogs/directoryAudits', PREFER)).applied, 'include-unknown-enum-members');
  // An error response never claims the preference.
  const bad = await get(rt.app, "/v1.0/auditLogs/signIns?$filter=riskDetail eq 'nope'", PREFER);
  assert.equal(bad.status, 400);
  assert.equal(bad.applied, undefined);
});

test('$filter: a later member needs the header; unknownFutureValue matches what is shown as it', async () => {
  const later = "riskDetail eq 'adminDismissedRiskForSignIn'";
  const refused = await get(rt.app, `/beta/auditLogs/signIns?$filter=${later}`);
  assert.equal(refused.status, 400);
  assert.equal(refused.json.error.code, 'BadRequest');
  assert.match(refused.json.error.message, /^Invalid filter clause: 'adminDismissedRiskForSignIn' .*Prefer: include-unknown-enum-members/);
  assert.deepEqual(ids(await get(rt.app, `/beta/auditLogs/signIns?$filter=${later}`, PREFER)), [A.id]);
  // Typed literals and `in` lists are held to the same rule.
  assert.equal((await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail eq microsoft.graph.riskDetail'adminDismissedRiskForSignIn'")).status, 400);
  assert.equal((await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail in ('none', 'adminDismissedRiskForSignIn')")).status, 400);

  assert.deepEqual(ids(await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail eq 'unknownFutureValue'")), [A.id, C.id]);
  assert.deepEqual(ids(await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail eq 'unknownFutureValue'", PREFER)), [C.id]);
  assert.deepEqual(ids(await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail ne 'unknownFutureValue'")), [B.id]);
  assert.deepEqual(ids(await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail ne 'unknownFutureValue'", PREFER)), [A.id, B.id]);
  assert.deepEqual(ids(await get(rt.app, "/beta/auditLogs/signIns?$filter=riskDetail in ('none', 'unknownFutureValue')")), [A.id, B.id, C.id]);
  assert.equal(await (await get(rt.app, "/v1.0/auditLogs/signIns/$count?$filter=riskDetail eq 'unknownFutureValue'")).json, '2');

  // Inside a lambda over the policies, in v1.0 too.
  const lam = (v: string) => `/v1.0/auditLogs/signIns?$filter=appliedConditionalAccessPolicies/any(p: p/result eq '${v}')`;
  assert.equal((await get(rt.app, lam('reportOnlySuccess'))).status, 400);
  assert.deepEqual(ids(await get(rt.app, lam('reportOnlySuccess'), PREFER)), [A.id]);
  assert.deepEqual(ids(await get(rt.app, lam('unknownFutureValue'))), [A.id]);
  assert.deepEqual(ids(await get(rt.app, lam('unknownFutureValue'), PREFER)), []);
  assert.deepEqual(ids(await get(rt.app, lam('failure'))), [B.id], 'members before the sentinel are untouched');
});

test('a page token is tied to the preference it was issued under', async () => {
  const first = await get(rt.app, '/beta/auditLogs/signIns?$top=1', PREFER);
  const next = new URL(first.json['@odata.nextLink']);
  const same = await get(rt.app, `${next.pathname}${next.search}`, PREFER);
  assert.equal(same.status, 200);
  assert.equal((await get(rt.app, `${next.pathname}${next.search}`)).status, 400);
});

test('risk detections and risky users: masked before $filter, refused later members, real ones with the header', async () => {
  const plain = await get(riskApp, '/beta/identityProtection/riskDetections');
  const d1 = plain.json.value.find((d: any) => d.id === 'd1');
  assert.deepEqual([d1.riskDetail, d1.activity, d1.tokenIssuerType], ['unknownFutureValue', 'unknownFutureValue', 'UnknownFutureValue']);
  assert.equal(D1.riskDetail, 'adminDismissedRiskForSignIn', "the engine's own detection is not changed");
  assert.equal((await get(riskApp, "/v1.0/identityProtection/riskDetections?$filter=riskDetail eq 'adminDismissedRiskForSignIn'")).status, 400);
  assert.equal((await get(riskApp, "/v1.0/identityProtection/riskDetections/$count?$filter=riskDetail eq 'AdminDismissedRiskForSignIn'")).status, 400);
  assert.deepEqual(ids(await get(riskApp, "/v1.0/identityProtection/riskDetections?$filter=riskDetail eq 'unknownFutureValue'")), ['d1']);
  assert.deepEqual(ids(await get(riskApp, "/v1.0/identityProtection/riskDetections?$filter=riskDetail eq 'unknownFutureValue'", PREFER)), []);
  const real = await get(riskApp, "/v1.0/identityProtection/riskDetections?$filter=riskDetail eq 'adminDismissedRiskForSignIn'", PREFER);
  assert.equal(real.applied, 'include-unknown-enum-members');
  assert.deepEqual(real.json.value.map((d: any) => [d.id, d.riskDetail, d.activity]), [['d1', 'adminDismissedRiskForSignIn', 'servicePrincipal']]);
  assert.equal((await get(riskApp, '/v1.0/identityProtection/riskDetections/d1')).json.riskDetail, 'unknownFutureValue');
  assert.equal((await get(riskApp, "/v1.0/identityProtection/riskDetections('d1')", PREFER)).json.riskDetail, 'adminDismissedRiskForSignIn');
  assert.equal((await get(riskApp, '/v1.0/identityProtection/riskyUsers', PREFER)).applied, 'include-unknown-enum-members');
});

test('reports: a filter on a later usageAuthMethod member needs the header', async () => {
  const url = "/beta/reports/authenticationMethods/userEventsSummary?$filter=authMethod eq 'sms'";
  const r = await get(rt.app, url);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /include-unknown-enum-members/);
  const ok = await get(rt.app, url, PREFER);
  assert.equal(ok.status, 200);
  assert.equal(ok.applied, 'include-unknown-enum-members');
  assert.equal((await get(rt.app, "/beta/reports/authenticationMethods/userEventsSummary?$filter=authMethod eq 'email'")).status, 200);
});
