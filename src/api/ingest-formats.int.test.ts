// Ingest adapters over real HTTP on a real DuckDB file: each provider's documented events go in
// through `?format=` and come back from the Graph API with the mapped fields, resending is
// idempotent, a bad native event is rejected alone, and a wrong category or kind is refused per
// record. Also the Graph list envelope, an unknown format, the batch limit after envelopes are
// opened, and the CLI's `--format`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { listenInRange } from '../testing/listen.ts';
import { ingestFile } from '../cli/ingest-command.ts';
import * as S from '../ingest/adapters/sample-events.ts';

let dir: ReturnType<typeof tempDir>;
let rt: Runtime;
let base: string;

before(async () => {
  dir = tempDir();
  rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1', maxBatchRecords: 50 });
  // Ports 18240–18299 are this suite's.
  base = await listenInRange(rt.app, 18240, 18299);
});
after(async () => {
  await rt.close();
  dir.remove();
});

async function post(path: string, body: unknown, ndjson = false): Promise<{ status: number; json: any }> {
  const text = ndjson ? (body as unknown[]).map((b) => (typeof b === 'string' ? b : JSON.stringify(b))).join('\n') : JSON.stringify(body);
  const res = await fetch(`${base}/ingest/${path}`, { method: 'POST', body: text, headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' } });
  return { status: res.status, json: await res.json() };
}
async function get(path: string): Promise<any> {
  const res = await fetch(`${base}${path}`, { headers: { prefer: 'include-unknown-enum-members' } });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
}
const signIn = (id: string) => get(`/beta/auditLogs/signIns/${encodeURIComponent(id)}`);
const audit = (id: string) => get(`/beta/auditLogs/directoryAudits/${encodeURIComponent(id)}`);
const id = (e: any, ...path: string[]) => path.reduce((o, k) => o[k], e) as string;

test('graph: a Graph list response body is taken as its records, annotations dropped', async () => {
  const rec = (n: number) => ({ '@odata.type': '#microsoft.graph.signIn', id: `graph-env-${n}`, createdDateTime: `2024-05-0${n}T10:00:00Z`, userPrincipalName: `u${n}@contoso.example`, status: { errorCode: 0 } });
  const page = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: [rec(1), rec(2)], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc' };
  const r = await post('signIns', page);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.received, r.json.accepted, r.json.rejected], [2, 2, []]);
  const back = await signIn('graph-env-2');
  assert.equal(back.userPrincipalName, 'u2@contoso.example');
  assert.ok(!('@odata.type' in back), 'item annotations are not stored as properties');
  // Pages piped one after another (NDJSON of pages) also work, and the same page again is all duplicates.
  const again = await post('signIns?format=graph', [page], true);
  assert.deepEqual([again.status, again.json.accepted, again.json.duplicates], [200, 0, 2]);
});

test('azure-monitor: an Event Hub message of sign-in records maps to Graph sign-ins; an audit record is refused there', async () => {
  const r = await post('signIns?format=azure-monitor', { records: [S.azureSignIn, S.azureNonInteractive, S.azureServicePrincipal, S.azureAudit] });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.accepted, 3);
  assert.equal(r.json.rejected.length, 1);
  assert.equal(r.json.rejected[0].index, 3);
  assert.equal(r.json.rejected[0].id, 'Directory_ESQ');
  assert.match(r.json.rejected[0].reason, /category 'AuditLogs' belongs to directoryAudits.*\/ingest\/directoryAudits\?format=azure-monitor/);

  const s = await signIn(id(S.azureSignIn, 'properties', 'id'));
  assert.equal(s.createdDateTime, '2019-03-12T16:02:15.5522137Z');
  assert.deepEqual(s.status, { errorCode: 50140, failureReason: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.", additionalDetails: null });
  assert.deepEqual(s.signInEventTypes, ['interactiveUser']);
  assert.equal(s.userType, 'member', 'PascalCase enum members are brought to Graph casing');
  assert.equal(s.appliedConditionalAccessPolicies[0].conditionsSatisfied, 'none', 'bit mask 0');
  assert.equal(s.appliedConditionalAccessPolicies[1].conditionsSatisfied, 'application,users', 'bit mask 3');
  assert.equal(s.authenticationDetails[0].StatusSequence, 0, 'Log Analytics-only item fields are kept');
  assert.equal(s.alternateSignInName, 'timothy@contoso.example');
  assert.equal(s.idtrailSource.format, 'azure-monitor');
  assert.equal(s.idtrailSource.envelope.category, 'SignInLogs');
  assert.equal(s.idtrailSource.envelope.resultType, '50140');
  assert.ok(!('properties' in s.idtrailSource.envelope), 'the properties are the record, not kept twice');

  const ni = await signIn(id(S.azureNonInteractive, 'properties', 'id'));
  assert.deepEqual([ni.signInEventTypes, ni.isInteractive, ni.userPrincipalName], [['nonInteractiveUser'], false, 'tester@contoso.example']);
  const sp = await get(`/beta/auditLogs/signIns?$filter=signInEventTypes/any(t:%20t%20eq%20'servicePrincipal')`);
  assert.deepEqual(sp.value.map((x: any) => [x.id, x.servicePrincipalName]), [[id(S.azureServicePrincipal, 'properties', 'id'), 'Terraform-CLI']]);

  // Storage-account blobs are NDJSON of records; the audit goes to its own endpoint.
  const a = await post('directoryAudits?format=azure-monitor', [S.azureAudit], true);
  assert.deepEqual([a.status, a.json.accepted], [200, 1]);
  const back = await audit('Directory_ESQ');
  assert.deepEqual([back.activityDisplayName, back.category, back.loggedByService, back.initiatedBy.app.displayName], ['Update device', 'Device', 'Core Directory', 'Device Registration Service']);
  assert.equal(back.targetResources[0].modifiedProperties[0].newValue, '""');

  const again = await post('signIns?format=azure-monitor', { records: [S.azureSignIn, S.azureNonInteractive, S.azureServicePrincipal] });
  assert.deepEqual([again.status, again.json.accepted, again.json.duplicates], [200, 0, 3]);
});

test('azure-monitor: a provisioning record with portal-style names and enum ordinals maps to a provisioningObjectSummary', async () => {
  const r = await post('provisioning?format=azure-monitor', [S.azureProvisioning], true);
  assert.deepEqual([r.status, r.json.accepted, r.json.rejected], [200, 1, []], JSON.stringify(r.json));
  const p = await get(`/beta/auditLogs/provisioning/${id(S.azureProvisioning, 'properties', 'id')}`);
  assert.deepEqual(p.servicePrincipal, { id: '74866461-3754-40ed-a743-9c88ff29643e', displayName: 'Contoso' });
  assert.deepEqual(p.initiatedBy, { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' });
  assert.deepEqual([p.sourceIdentity.id, p.sourceIdentity.displayName, p.sourceIdentity.identityType], ['e3b2b242-4ccb-4cf1-9b8b-004cf034a458', 'Self-service Pilot', 'Group']);
  assert.equal(p.provisioningStatusInfo.status, 'failure');
  assert.equal(p.provisioningStatusInfo.errorInformation.errorCode, 'ContosoEntryConflict');
  assert.equal(p.statusInfo.status, 'failure', 'ordinal 1 of provisioningResult');
  assert.deepEqual(p.provisioningSteps.map((s: any) => [s.provisioningStepType, s.status]), [['import', 'success'], ['export', 'failure']]);
  assert.equal(p.durationInMilliseconds, 3343);
  assert.equal(p.idtrailSource.envelope.resultType, 'Failure');
  const failed = await get(`/v1.0/auditLogs/provisioning?$filter=provisioningStatusInfo/status%20eq%20'failure'`);
  assert.ok(failed.value.some((x: any) => x.id === p.id));
});

test('azure-monitor: Log Analytics drift (numbers as text, nested JSON as text) is coerced; a record without a category is refused alone', async () => {
  const props = S.azureSignIn['properties'] as Record<string, unknown>;
  const drifted = {
    ...S.azureSignIn,
    properties: { ...props, id: 'la-drift-1', autonomousSystemNumber: '8075', processingTimeInMilliseconds: '12', status: undefined, location: JSON.stringify(props['location']), authenticationProcessingDetails: '[{"key":"Is CAE Token","value":"False"}]' },
  };
  const noCategory = { ...S.azureSignIn, category: undefined, properties: { ...props, id: 'la-drift-2' } };
  const r = await post('signIns?format=azure-monitor', [drifted, noCategory], true);
  assert.equal(r.json.accepted, 1, JSON.stringify(r.json));
  assert.deepEqual(r.json.rejected.map((x: any) => [x.index, x.id]), [[1, 'la-drift-2']]);
  assert.match(r.json.rejected[0].reason, /without a category is not an activity idtrail stores/);
  const s = await signIn('la-drift-1');
  assert.deepEqual([s.autonomousSystemNumber, s.processingTimeInMilliseconds, s.location.city], [8075, 12, 'Bellevue']);
  assert.deepEqual(s.status, { errorCode: 50140, failureReason: S.azureSignIn['resultDescription'], additionalDetails: null }, 'status from resultType / resultDescription');
  assert.deepEqual(s.authenticationProcessingDetails, [{ key: 'Is CAE Token', value: 'False' }]);
});

test('okta: System Log sign-in events map to sign-ins with status, location and MFA facts; admin events to audits', async () => {
  const r = await post('signIns?format=okta', [S.oktaSessionStart, S.oktaBadPassword, S.oktaMfa, S.oktaUserCreate]);
  assert.equal(r.json.accepted, 3, JSON.stringify(r.json));
  assert.match(r.json.rejected[0].reason, /okta event of type 'user.lifecycle.create' belongs to directoryAudits/);

  const ok = await signIn(id(S.oktaSessionStart, 'uuid'));
  assert.deepEqual(
    [ok.userId, ok.userPrincipalName, ok.userDisplayName, ok.ipAddress, ok.correlationId, ok.sessionId, ok.autonomousSystemNumber],
    ['00u1abvz4pYqdM8ms4x6', 'jane.doe@example.com', 'Jane Doe', '198.51.100.23', 'XkcAsWb8WjwDP76xh@1v8wAABp0', '102bZDNFfWaQSyEZQuDgWt-uQ', 7922],
  );
  assert.deepEqual(ok.location, { city: 'Dublin', state: 'California', countryOrRegion: 'US', geoCoordinates: { altitude: null, latitude: 37.7201, longitude: -121.919 } });
  assert.equal(ok.status.errorCode, 0);
  assert.match(ok.userAgent, /Firefox\/72/);
  assert.deepEqual([ok.authenticationDetails[0].authenticationMethod, ok.authenticationDetails[0].succeeded], ['Password', true]);
  assert.equal(ok.idtrailSource.event.uuid, id(S.oktaSessionStart, 'uuid'), 'the LogEvent is kept whole');

  const bad = await signIn(id(S.oktaBadPassword, 'uuid'));
  assert.deepEqual([bad.status.errorCode, bad.status.failureReason], [50126, 'INVALID_CREDENTIALS']);
  const failed = await get(`/beta/auditLogs/signIns?$filter=status/errorCode%20eq%2050126`);
  assert.ok(failed.value.some((x: any) => x.id === id(S.oktaBadPassword, 'uuid')), 'filterable like an Entra bad-password sign-in');

  const mfa = await signIn(id(S.oktaMfa, 'uuid'));
  assert.equal(mfa.authenticationRequirement, 'multiFactorAuthentication');
  assert.deepEqual([mfa.authenticationDetails[0].authenticationMethod, mfa.authenticationDetails[0].authenticationStepRequirement], ['Mobile app notification', 'Multi-factor authentication']);

  // An event hook delivery carries events under data.events.
  const a = await post('directoryAudits?format=okta', { eventType: 'com.okta.event_hook', cloudEventsVersion: '0.1', data: { events: [S.oktaUserCreate] } });
  assert.deepEqual([a.status, a.json.accepted], [200, 1]);
  const au = await audit(id(S.oktaUserCreate, 'uuid'));
  assert.deepEqual([au.activityDisplayName, au.category, au.operationType, au.result, au.loggedByService], ['Create Okta user', 'UserManagement', 'Add', 'success', 'Okta']);
  assert.equal(au.initiatedBy.user.userPrincipalName, 'admin@example.com');
  assert.deepEqual(au.targetResources[0].modifiedProperties, [{ displayName: 'department', oldValue: null, newValue: '"Finance"' }]);
  assert.equal(au.targetResources[0].userPrincipalName, 'sam.new@example.com');

  const again = await post('signIns?format=okta', [S.oktaSessionStart, S.oktaBadPassword, S.oktaMfa]);
  assert.deepEqual([again.json.accepted, again.json.duplicates], [0, 3]);
});

test('okta: a malformed event is rejected alone, with its index and why', async () => {
  const fresh = { ...S.oktaSessionStart, uuid: 'okta-fresh-1' };
  const r = await post('signIns?format=okta', [
    fresh,
    { eventType: 'user.session.start', published: '2020-02-14T20:18:57.718Z' },
    '"user.session.start"',
    { uuid: 'okta-bad-time', eventType: 'user.session.start', published: 'yesterday' },
    '{"uuid": "broken',
    { uuid: 'okta-no-type', published: '2020-02-14T20:18:57.718Z' },
  ], true);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.accepted, 1);
  assert.deepEqual(r.json.rejected.map((x: any) => x.index), [1, 2, 3, 4, 5]);
  const reasons = r.json.rejected.map((x: any) => x.reason);
  assert.match(reasons[0], /okta event: 'uuid' is missing/);
  assert.match(reasons[1], /must be a JSON object, got a string/);
  assert.match(reasons[2], /'published' is missing or not a date-time/);
  assert.match(reasons[3], /line 5 is not valid JSON/);
  assert.match(reasons[4], /okta event without an eventType/);
  assert.equal(r.json.rejected[2].id, 'okta-bad-time');
  assert.equal((await signIn('okta-fresh-1')).userPrincipalName, 'jane.doe@example.com');
});

test('auth0: logins, failures and client-credential exchanges map to sign-ins; management API calls to audits', async () => {
  // A custom-webhook log stream wraps each event as {log_id, data}.
  const wrapped = { log_id: S.auth0WrongPassword['log_id'], data: S.auth0WrongPassword };
  const r = await post('signIns?format=auth0', [S.auth0Success, wrapped, S.auth0ClientCredentials, S.auth0ApiOperation]);
  assert.equal(r.json.accepted, 3, JSON.stringify(r.json));
  assert.match(r.json.rejected[0].reason, /auth0 event of log type 'sapi' belongs to directoryAudits/);

  const s = await signIn(id(S.auth0Success, 'log_id'));
  assert.deepEqual([s.userId, s.userPrincipalName, s.appId, s.appDisplayName, s.ipAddress, s.sessionId], ['auth0|6012d7eccvf1c41076d8ed3d', 'altha@example.com', 'WflrpooXWyDv3vzf6LxIzYBd6fafewjw', 'My application Name', '192.0.2.19', 'dt1G5nlxkGV10uJx4sKKBH7hwEVbaHAx']);
  assert.deepEqual([s.deviceDetail.browser, s.deviceDetail.operatingSystem], ['Chrome 120.0.0', 'Mac OS X 10.15.7']);
  assert.deepEqual([s.location.city, s.location.countryOrRegion], ['London', 'GB']);
  assert.deepEqual([s.status.errorCode, s.signInEventTypes, s.authenticationRequirement], [0, ['interactiveUser'], 'multiFactorAuthentication']);

  const fp = await signIn(id(S.auth0WrongPassword, 'log_id'));
  assert.deepEqual([fp.status.errorCode, fp.status.failureReason], [50126, 'Wrong email or password.']);
  assert.match(fp.status.additionalDetails, /Auth0 log type fp/);

  const m2m = await signIn(id(S.auth0ClientCredentials, 'log_id'));
  assert.deepEqual([m2m.signInEventTypes, m2m.isInteractive, m2m.servicePrincipalName, m2m.userId, m2m.resourceId, m2m.authenticationProtocol], [['servicePrincipal'], false, 'Billing worker', null, 'https://api.example.com/', 'oAuth2']);

  const a = await post('directoryAudits?format=auth0', [S.auth0ApiOperation], true);
  assert.deepEqual([a.status, a.json.accepted], [200, 1]);
  const au = await audit(id(S.auth0ApiOperation, 'log_id'));
  assert.deepEqual([au.activityDisplayName, au.category, au.operationType, au.result, au.initiatedBy.user.userPrincipalName], ['Update a user', 'UserManagement', 'Update', 'success', 'dana@example.com']);
  assert.equal(au.idtrailSource.event.details.request.method, 'patch');

  const again = await post('signIns?format=auth0', [S.auth0Success, S.auth0WrongPassword, S.auth0ClientCredentials]);
  assert.deepEqual([again.json.accepted, again.json.duplicates], [0, 3]);
});

test('keycloak: login events map to sign-ins (an id derived when the event has none), admin events to audits', async () => {
  const r = await post('signIns?format=keycloak', [S.keycloakLogin, S.keycloakLoginError, S.keycloakAdminCreateUser]);
  assert.equal(r.json.accepted, 2, JSON.stringify(r.json));
  assert.match(r.json.rejected[0].reason, /keycloak admin event belongs to directoryAudits/);

  const ok = await signIn(id(S.keycloakLogin, 'id'));
  assert.deepEqual(
    [ok.createdDateTime, ok.userId, ok.userPrincipalName, ok.appId, ok.ipAddress, ok.sessionId, ok.authenticationProtocol, ok.status.errorCode],
    ['2023-11-14T22:13:20.123Z', '9e1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', 'jdoe', 'account-console', '203.0.113.50', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', 'oAuth2', 0],
  );
  const errs = await get(`/beta/auditLogs/signIns?$filter=userPrincipalName%20eq%20'jdoe'%20and%20status/errorCode%20ne%200`);
  assert.equal(errs.value.length, 1);
  assert.match(errs.value[0].id, /^kc-[0-9a-f]{32}$/);
  assert.deepEqual([errs.value[0].status.errorCode, errs.value[0].status.failureReason], [50126, 'invalid_user_credentials']);

  const again = await post('signIns?format=keycloak', [S.keycloakLogin, S.keycloakLoginError]);
  assert.deepEqual([again.json.accepted, again.json.duplicates], [0, 2], 'the derived id is stable');

  const a = await post('directoryAudits?format=keycloak', [S.keycloakAdminCreateUser]);
  assert.deepEqual([a.status, a.json.accepted], [200, 1]);
  const au = await audit(id(S.keycloakAdminCreateUser, 'id'));
  assert.deepEqual([au.activityDisplayName, au.category, au.operationType, au.loggedByService], ['Create user', 'UserManagement', 'Add', 'Keycloak']);
  assert.deepEqual([au.targetResources[0].id, au.targetResources[0].displayName, au.initiatedBy.user.id], ['6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', 'new.user', '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a']);
});

test('an unknown format is a 400 in the Graph error envelope naming the valid formats; limits count opened envelopes', async () => {
  const r = await post('signIns?format=splunk', [S.oktaSessionStart]);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'BadRequest');
  assert.equal(r.json.error.innerError.idtrailCode, 'IDT_BAD_FORMAT');
  assert.match(r.json.error.message, /Unknown ingest format 'splunk'\. Use one of: graph, azure-monitor, okta, auth0, keycloak\./);
  const upper = await post('signIns?format=OKTA', [{ ...S.oktaSessionStart, uuid: 'okta-case-1' }]);
  assert.deepEqual([upper.status, upper.json.accepted], [200, 1], 'format names are case-insensitive');

  const records = Array.from({ length: 51 }, (_, i) => ({ ...S.azureNonInteractive, properties: { ...(S.azureNonInteractive['properties'] as object), id: `lim-${i}` } }));
  const big = await post('signIns?format=azure-monitor', { records });
  assert.equal(big.status, 400);
  assert.equal(big.json.error.innerError.idtrailCode, 'IDT_BATCH_TOO_LONG');
});

test('CLI: idtrail ingest --format opens a pretty-printed envelope file and reports rejects by record', async () => {
  const file = join(dir.path, 'eventhub.json');
  const fresh = (n: string) => ({ ...S.azureNonInteractive, properties: { ...(S.azureNonInteractive['properties'] as object), id: `cli-${n}` } });
  writeFileSync(file, JSON.stringify({ records: [fresh('a'), S.azureAudit, fresh('b')] }, null, 2));
  const log = console.log;
  const out: string[] = [];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  let code: number;
  try {
    code = await ingestFile('signIns', file, { url: base, batchSize: '2', quiet: true, format: 'azure-monitor' });
  } finally {
    console.log = log;
  }
  assert.equal(code, 2, out.join('\n'));
  assert.match(out[0]!, /signIns: 3 sent, 2 accepted, 0 duplicates, 1 rejected/);
  assert.match(out[1]!, /record 1: the azure-monitor record of category 'AuditLogs' belongs to directoryAudits/);
  assert.equal((await signIn('cli-b')).signInEventTypes[0], 'nonInteractiveUser');
  await assert.rejects(ingestFile('signIns', file, { url: base, batchSize: '2', quiet: true, format: 'csv' }), /Unknown ingest format 'csv'/);
});
