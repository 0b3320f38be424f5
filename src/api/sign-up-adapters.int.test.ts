// Sign-ups from identity providers, over real HTTP on a real DuckDB file: Auth0 `ss`/`fs` and
// Keycloak `REGISTER`/`REGISTER_ERROR` become selfServiceSignUp records (not directory audits), read
// back through the beta Graph API (their enum values readable without the unknown-members preference), and counted by the
// sign-up funnel and userInsights reports through their HTTP routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { listenInRange } from '../testing/listen.ts';
import * as S from '../ingest/adapters/sample-events.ts';

let dir: ReturnType<typeof tempDir>;
let rt: Runtime;
let base: string;

before(async () => {
  dir = tempDir();
  rt = await createRuntime({ dataDir: dir.path, enrich: false, authenticate: localAuthenticator('t1'), metrics: null, retentionIntervalMs: 0, defaultTenant: 't1' });
  // Ports 18350–18399 are this suite's.
  base = await listenInRange(rt.app, 18350, 18399);
});
after(async () => {
  await rt.close();
  dir.remove();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/ingest${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: await res.json() };
}
async function get(path: string, laterMembers = true): Promise<any> {
  const res = await fetch(`${base}${path}`, { headers: laterMembers ? { prefer: 'include-unknown-enum-members' } : {} });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
}
const signUp = (id: string, laterMembers = true) => get(`/beta/auditLogs/signUps/${encodeURIComponent(id)}`, laterMembers);
const logId = (e: unknown) => (e as { log_id: string }).log_id;

test('auth0: ss and fs are sign-ups (local or social by the connection strategy), no longer directory audits', async () => {
  const r = await post('/signUps?format=auth0', [{ log_id: logId(S.auth0SignUp), data: S.auth0SignUp }, S.auth0SignUpFailed, S.auth0SocialSignUp]);
  assert.deepEqual([r.status, r.json.accepted, r.json.rejected], [200, 3, []], JSON.stringify(r.json));

  const ok = await signUp(logId(S.auth0SignUp));
  assert.deepEqual(
    [ok.createdDateTime, ok.appId, ok.appDisplayName, ok.signUpIdentityProvider, ok.signUpStage, ok.userSnapshot, ok.correlationId],
    ['2021-11-03T03:21:19.503Z', '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', 'All Applications', 'Email Password', 'userCreation', { userId: 'auth0|6182002f34f4dd006b05b5c7' }, logId(S.auth0SignUp)],
  );
  assert.deepEqual(ok.signUpIdentity, { signUpIdentifier: 'neo@example.com', signUpIdentifierType: 'emailAddress' });
  assert.deepEqual(ok.status, { errorCode: 0, failureReason: null, additionalDetails: 'Auth0 log type ss via Username-Password-Authentication' });
  assert.equal(ok.idtrailSource.event.type, 'ss', 'the native event is kept');

  const failed = await signUp(logId(S.auth0SignUpFailed));
  assert.deepEqual([failed.status.errorCode, failed.status.failureReason, failed.userSnapshot], [1, 'Password is too weak', null]);
  assert.equal((await signUp(logId(S.auth0SocialSignUp))).signUpIdentityProvider, 'Google');

  // signUpStage is an evolvable enum; userCreation is declared before its unknownFutureValue, so every
  // client sees it, with or without Prefer: include-unknown-enum-members.
  assert.equal((await signUp(logId(S.auth0SignUp), false)).signUpStage, 'userCreation');
  const failures = await get(`/beta/auditLogs/signUps?$filter=status/errorCode%20eq%201`);
  assert.deepEqual(failures.value.map((x: any) => x.id), [logId(S.auth0SignUpFailed)]);

  const wrong = await post('/directoryAudits?format=auth0', [{ ...S.auth0SignUp, log_id: 'auth0-ss-as-audit' }]);
  assert.equal(wrong.status, 400);
  assert.match(wrong.json.error.message, /log type 'ss' belongs to signUps, not directoryAudits: send it to \/ingest\/signUps\?format=auth0/);
});

test('keycloak: REGISTER and REGISTER_ERROR are sign-ups; a brokered registration names its identity provider', async () => {
  const r = await post('?format=keycloak', [S.keycloakRegisterError, S.keycloakRegister, S.keycloakRegisterBroker, S.keycloakLogin]);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.kinds.signUps.accepted, r.json.kinds.signIns.accepted], [3, 1]);

  const id = (e: unknown) => (e as { id: string }).id;
  const ok = await signUp(id(S.keycloakRegister));
  assert.deepEqual(
    [ok.createdDateTime, ok.appId, ok.signUpIdentityProvider, ok.userSnapshot.userId, ok.correlationId, ok.status.errorCode, ok.signUpIdentity.signUpIdentifier],
    ['2023-11-14T22:18:20Z', 'web-shop', 'Email Password', '3c2b1a09-8f7e-4d6c-a5b4-c3d2e1f0a9b8', 'b7c6d5e4-f3a2-4b1c-8d9e-0f1a2b3c4d5e', 0, 'ana@example.com'],
  );
  const errs = await get(`/beta/auditLogs/signUps?$filter=correlationId%20eq%20'b7c6d5e4-f3a2-4b1c-8d9e-0f1a2b3c4d5e'%20and%20status/errorCode%20ne%200`);
  assert.equal(errs.value.length, 1, 'the refused first submission is in the same attempt');
  assert.match(errs.value[0].id, /^kc-[0-9a-f]{32}$/);
  assert.deepEqual([errs.value[0].status.failureReason, errs.value[0].status.additionalDetails], ['invalid_registration', 'Keycloak REGISTER_ERROR: invalid_registration']);
  assert.equal((await signUp(id(S.keycloakRegisterBroker))).signUpIdentityProvider, 'GitHub');

  const again = await post('/signUps?format=keycloak', [S.keycloakRegisterError, S.keycloakRegister]);
  assert.deepEqual([again.json.accepted, again.json.duplicates], [0, 2], 'ids are stable');
});

test('the sign-up funnel and userInsights count the providers\' sign-ups through their HTTP routes', async () => {
  const range = 'from=2021-01-01T00:00:00Z&to=2024-01-01T00:00:00Z';
  const f = await get(`/idtrail/reports/signUpFunnel?${range}`);
  const s = f.summary;
  // Attempts: auth0 ss (local, done), fs (local, failed), google ss (social, done); keycloak form
  // (refused then done: one attempt), github broker (social, done).
  assert.deepEqual([s.attempts, s.completed, s.all.failed], [5, 4, 1], JSON.stringify(s));
  assert.deepEqual([s.local.attempts, s.local.completed, s.social.attempts, s.social.completed], [3, 2, 2, 2]);
  assert.deepEqual(Object.keys(s.byProvider), ['Email Password', 'GitHub', 'Google']);
  assert.deepEqual(s.all.failedAtStage, { userCreation: 1 });

  const daily = await get(`/beta/reports/userInsights/daily/signUps?$filter=factDate%20ge%202021-01-01%20and%20factDate%20le%202024-01-01`);
  assert.equal(daily.value.reduce((n: number, x: any) => n + x.count, 0), 4, JSON.stringify(daily.value));
});
