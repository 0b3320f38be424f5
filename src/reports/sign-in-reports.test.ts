import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, put, signIn, signUpAttempt, TENANT } from './report-fixtures.ts';
import { runReport } from './run-report.ts';
import { REPORTS, findReport } from './report-registry.ts';
import type { DuckDbStore } from '../store/index.ts';

const NOW = new Date('2025-03-08T12:00:00Z');
let store: DuckDbStore;
const pw = { authenticationMethod: 'Password', succeeded: true };
const push = { authenticationMethod: 'Mobile app notification', succeeded: true };

before(async () => {
  store = await memoryStore();
  await put(store, 'signIns', [
    // app-1: 3 ok + 2 failed interactive (one an interrupt 50074, counted as failure like Entra)
    signIn({ t: '2025-03-07T08:00:00Z', user: 'alice', extra: { authenticationDetails: [pw, push], authenticationRequirement: 'multiFactorAuthentication' } }),
    signIn({ t: '2025-03-07T09:00:00Z', user: 'bob', browser: 'Chrome 121.0.1', os: 'MacOs', extra: { authenticationDetails: [pw] } }),
    signIn({ t: '2025-03-08T09:00:00Z', user: 'alice', browser: 'Edge 121.0.0' }),
    signIn({ t: '2025-03-08T10:00:00Z', user: 'carol', code: 50126, reason: 'Invalid username or password' }),
    signIn({ t: '2025-03-08T10:30:00Z', user: 'bob', code: 50074, reason: 'Strong Authentication is required.' }),
    // app-2: 1 ok interactive; non-interactive sign-ins do not count in the app summary
    signIn({ t: '2025-03-06T10:00:00Z', user: 'carol', app: 'app-2' }),
    signIn({ t: '2025-03-08T11:00:00Z', user: 'alice', app: 'app-2', type: 'nonInteractiveUser' }),
    signIn({ t: '2025-03-08T11:30:00Z', user: 'carol', app: 'app-2', type: 'nonInteractiveUser', code: 70044 }),
    // workloads: a service principal calling Graph and a managed identity calling Key Vault
    signIn({ t: '2025-03-07T01:00:00Z', user: null, app: 'sp-app', appName: 'Backup job', type: 'servicePrincipal', extra: { servicePrincipalCredentialKeyId: 'key-1', clientCredentialType: 'clientSecret' } }),
    signIn({ t: '2025-03-08T01:00:00Z', user: null, app: 'sp-app', appName: 'Backup job', type: 'servicePrincipal', code: 7000215, extra: { servicePrincipalCredentialKeyId: 'key-1', clientCredentialType: 'clientSecret' } }),
    signIn({ t: '2025-03-08T02:00:00Z', user: null, app: 'mi-app', appName: 'vm-identity', type: 'managedIdentity', resource: 'kv-app', resourceName: 'Azure Key Vault' }),
    // old, outside a 7-day window
    signIn({ t: '2025-02-01T10:00:00Z', user: 'dave' }),
  ]);
  await put(store, 'directoryAudits', [
    { activityDateTime: '2025-03-07T10:00:00Z', activityDisplayName: 'Reset password (self-service)', loggedByService: 'Self-service Password Management', result: 'success', initiatedBy: { user: { id: 'uid-bob', userPrincipalName: 'bob@contoso.com', displayName: 'bob' } } },
    { activityDateTime: '2025-03-07T11:00:00Z', activityDisplayName: 'User registered security info', loggedByService: 'Authentication Methods', result: 'failure', resultReason: 'timeout', initiatedBy: { user: { id: 'uid-carol', userPrincipalName: 'carol@contoso.com', displayName: 'carol' } } },
    { activityDateTime: '2025-03-07T12:00:00Z', activityDisplayName: 'Change password (self-service)', loggedByService: 'Self-service Password Management', result: 'success', initiatedBy: { user: { id: 'uid-bob', userPrincipalName: 'bob@contoso.com' } } },
    { activityDateTime: '2025-03-07T13:00:00Z', activityDisplayName: 'Reset user password', loggedByService: 'Core Directory', result: 'success', initiatedBy: { user: { id: 'uid-admin', userPrincipalName: 'admin@contoso.com' } } },
  ]);
  await put(store, 'signUps', signUpAttempt('2025-03-07T10:00:00Z', 'Google', [['credentialFederation', 0], ['consent', 0], ['attributeCollectionAndValidation', 0], ['userCreation', 0]]));
});
after(() => store.close());

const run = (name: string, params: Record<string, string> = {}, from?: string) =>
  runReport(store, findReport(name), { tenantId: TENANT, now: NOW, params, ...(from ? { from } : {}) });

test('every registered report runs on the fixture', async () => {
  for (const r of REPORTS) {
    const out = await runReport(store, r, { tenantId: TENANT, now: NOW });
    assert.ok(out.tables, r.name);
  }
});

test('getAzureADApplicationSignInSummary counts interactive successes and failures per app', async () => {
  const v = (await run('applicationSignInSummary', { period: 'D7' })).tables['value']!;
  assert.deepEqual(v, [
    { id: 'app-1', appDisplayName: 'App app-1', successfulSignInCount: 3, failedSignInCount: 2, successPercentage: 60 },
    { id: 'app-2', appDisplayName: 'App app-2', successfulSignInCount: 1, failedSignInCount: 0, successPercentage: 100 },
  ]);
  const d1 = (await run('applicationSignInSummary', { period: 'd1' })).tables['value']!;
  assert.deepEqual(d1.map((x) => [x['id'], x['successfulSignInCount'], x['failedSignInCount']]), [['app-1', 1, 2]]);
});

test('applicationSignInDetailedSummary: one row per app, UTC day and error code', async () => {
  const v = (await run('applicationSignInDetailedSummary')).tables['value']!;
  const app1 = v.filter((x) => x['appId'] === 'app-1').map((x) => [String(x['aggregatedEventDateTime']).slice(0, 10), (x['status'] as any).errorCode, x['signInCount']]);
  assert.deepEqual(app1, [['2025-03-08', 0, 1], ['2025-03-08', 50074, 1], ['2025-03-08', 50126, 1], ['2025-03-07', 0, 2]]);
});

test('last sign-in, last non-interactive and last successful per user', async () => {
  const v = (await run('lastSignIns')).tables['value']!;
  const act = Object.fromEntries(v.map((x) => [x['id'], x['signInActivity'] as Record<string, unknown>]));
  assert.equal(act['uid-alice']!['lastSignInDateTime'], '2025-03-08T09:00:00Z');
  assert.equal(act['uid-alice']!['lastNonInteractiveSignInDateTime'], '2025-03-08T11:00:00Z');
  assert.equal(act['uid-alice']!['lastSuccessfulSignInDateTime'], '2025-03-08T11:00:00Z');
  assert.equal(act['uid-carol']!['lastSignInDateTime'], '2025-03-08T10:00:00Z');
  assert.equal(act['uid-carol']!['lastSuccessfulSignInDateTime'], '2025-03-06T10:00:00Z');
  assert.equal(act['uid-dave']!['lastNonInteractiveSignInDateTime'], null);
  assert.equal(act['uid-bob']!['lastSuccessfulSignInDateTime'], '2025-03-07T09:00:00Z');
});

test('service principal activity splits delegated/app-only and client/resource', async () => {
  const v = (await run('servicePrincipalSignInActivities')).tables['value']!;
  const graph = v.find((x) => x['appId'] === '00000003-0000-0000-c000-000000000000')!;
  assert.equal((graph['delegatedResourceSignInActivity'] as any).lastSignInDateTime, '2025-03-08T11:30:00Z');
  assert.equal((graph['applicationAuthenticationResourceSignInActivity'] as any).lastSignInDateTime, '2025-03-08T01:00:00Z');
  const sp = v.find((x) => x['appId'] === 'sp-app')!;
  assert.equal(sp['id'], Buffer.from('sp-app').toString('base64'));
  assert.equal((sp['applicationAuthenticationClientSignInActivity'] as any).lastSignInDateTime, '2025-03-08T01:00:00Z');
  assert.equal((sp['delegatedClientSignInActivity'] as any).lastSignInDateTime, null);
  assert.equal((sp['lastSignInActivity'] as any).lastSignInDateTime, '2025-03-08T01:00:00Z');
  const cred = (await run('appCredentialSignInActivities')).tables['value']!;
  assert.deepEqual(cred.map((x) => [x['keyId'], x['appId'], x['keyType'], (x['signInActivity'] as any).lastSignInDateTime]), [['key-1', 'sp-app', 'clientSecret', '2025-03-08T01:00:00Z']]);
});

test('sign-in answers: users per app this week, failures by code, browsers, workload resources', async () => {
  const apps = (await run('appUsers')).tables['value']!;
  assert.deepEqual(apps.map((x) => [x['appId'], x['users'], x['usersSucceeded']]), [['app-1', 3, 2], ['app-2', 1, 1]]);
  const failed = await run('failedSignIns');
  assert.deepEqual(failed.tables['value']!.map((x) => [x['errorCode'], x['failures']]).sort(), [[50074, 1], [50126, 1], [7000215, 1], [70044, 1]].sort());
  const browsers = (await run('signInsByBrowser')).tables['value']!;
  assert.deepEqual(browsers.map((x) => [x['name'], x['signIns'], x['versions']]), [['Edge', 7, 2], ['Chrome', 1, 1]]);
  const wl = (await run('workloadResources')).tables['value']!;
  assert.deepEqual(wl.map((x) => [x['identityType'], x['servicePrincipalName'], x['resourceDisplayName'], x['signIns'], x['failures']]),
    [['servicePrincipal', 'Backup job', 'Microsoft Graph', 2, 1], ['managedIdentity', 'vm-identity', 'Azure Key Vault', 1, 0]]);
});

test('authentication methods: usage by method, MFA summary, registration/reset events, password summary', async () => {
  const usage = (await run('userSignInsByAuthMethodSummary')).tables['value']!;
  const m = Object.fromEntries(usage.map((x) => [x['authenticationMethod'], x['successActivityCount']]));
  assert.equal(m['password'], 2);
  assert.equal(m['microsoftAuthenticatorPush'], 1);
  assert.equal(m['fido2SecurityKey'], 0);
  const mfa = (await run('userMfaSignInSummary')).tables['value']!;
  const d7 = mfa.find((x) => String(x['createdDateTime']).startsWith('2025-03-07'))!;
  assert.deepEqual([d7['totalSignIns'], d7['multiFactorSignIns'], d7['singleFactorSignIns']], [2, 1, 1]);
  const ev = (await run('userEventsSummary')).tables['value']!;
  assert.deepEqual(ev.map((x) => [x['feature'], x['userPrincipalName'], x['isSuccess'], x['failureReason']]),
    [['registration', 'carol@contoso.com', false, 'timeout'], ['reset', 'bob@contoso.com', true, null]]);
  const pwd = (await run('userPasswordResetsAndChangesSummary')).tables['value']!;
  assert.deepEqual(pwd.map((x) => [x['passwordResetsByAdminCount'], x['passwordResetsSelfServiceCount'], x['changePasswordSelfServiceCount']]), [[1, 1, 1]]);
  const su = (await run('userInsightsSignUps')).tables['value']!;
  assert.deepEqual(su.map((x) => [x['factDate'], x['identityProvider'], x['count']]), [['2025-03-07', 'Google', 1]]);
});
