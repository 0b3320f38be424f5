import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDemo, SMALL } from './demo-test-fixture.ts';
import { HOME_CITIES } from './geo-table.ts';
import { SIGN_UP_INTERRUPT_CODES } from './sign-up-funnel.ts';

const demo = await captureDemo(SMALL);
const signIns = demo.records.signIns as any[];
const interactive = signIns.filter((r) => r.isInteractive);
const share = (code: number) => interactive.filter((r) => r.status.errorCode === code).length / interactive.length;

test('every sign-in sets signInEventTypes, consistent with isInteractive', () => {
  for (const r of signIns) {
    assert.equal(r.signInEventTypes.length, 1);
    assert.equal(r.isInteractive, r.signInEventTypes[0] === 'interactiveUser');
  }
});

test('non-interactive sign-ins are 5–10× the interactive ones; workloads sign in too', () => {
  const { byEventType } = demo.summary.expected.signIns;
  const ratio = byEventType.nonInteractiveUser / byEventType.interactiveUser;
  assert.ok(ratio >= 5 && ratio <= 10, `ratio ${ratio}`);
  assert.ok(byEventType.servicePrincipal > 0 && byEventType.managedIdentity > 0);
  assert.equal(byEventType.interactiveUser, interactive.length);
});

test('the interactive error-code mix stays within its bands', () => {
  const bands: [number, number, number][] = [
    [0, 0.75, 0.9], [50074, 0.04, 0.1], [50126, 0.015, 0.05], [50140, 0.01, 0.04], [53003, 0.005, 0.04],
    [500121, 0.002, 0.015], [50076, 0.002, 0.02], [50053, 0, 0.01], [50057, 0.0001, 0.01],
  ];
  for (const [code, lo, hi] of bands) {
    const s = share(code);
    assert.ok(s >= lo && s <= hi, `${code}: ${(s * 100).toFixed(2)}% not in [${lo * 100}%, ${hi * 100}%]`);
  }
  // Every MFA interrupt resolves: the same correlation id carries a later MFA success or failure.
  const byCorrelation = new Map<string, number[]>();
  for (const r of interactive) byCorrelation.set(r.correlationId, [...(byCorrelation.get(r.correlationId) ?? []), r.status.errorCode]);
  for (const codes of byCorrelation.values()) {
    const i = codes.indexOf(50074);
    if (i >= 0) assert.ok([0, 500121].includes(codes[i + 1]), `50074 followed by ${codes[i + 1]}`);
  }
});

test('legacy protocols appear, single-factor, and some are blocked by Conditional Access', () => {
  const legacy = interactive.filter((r) => ['IMAP', 'Exchange ActiveSync', 'Authenticated SMTP'].includes(r.clientAppUsed));
  assert.ok(legacy.length > 0);
  assert.ok(legacy.every((r) => r.authenticationRequirement === 'singleFactorAuthentication'));
  assert.ok(legacy.some((r) => r.status.errorCode === 53003 && r.conditionalAccessStatus === 'failure'));
});

test('more interactive sign-ins in local working hours than at night', () => {
  const offset = new Map(HOME_CITIES.map((c) => [c.city, c.utcOffsetMinutes]));
  let work = 0;
  let night = 0;
  for (const r of interactive) {
    const m = offset.get(r.location.city);
    if (m === undefined) continue;
    const local = new Date(Date.parse(r.createdDateTime) + m * 60_000);
    const h = local.getUTCHours();
    const weekday = local.getUTCDay() % 6 !== 0;
    if (weekday && h >= 9 && h < 17) work++;
    if (h >= 0 && h < 6) night++;
  }
  // Per hour, working hours should be far busier than the night.
  assert.ok(work / 8 > 10 * (night / 6), `work ${work}, night ${night}`);
});

test('weekends are quieter than weekdays', () => {
  const perDay = new Map<number, number>();
  for (const r of interactive) {
    const d = new Date(r.createdDateTime).getUTCDay();
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const weekday = ((perDay.get(2) ?? 0) + (perDay.get(3) ?? 0)) / 2;
  const weekend = ((perDay.get(0) ?? 0) + (perDay.get(6) ?? 0)) / 2;
  assert.ok(weekend < weekday / 3, `weekend ${weekend} vs weekday ${weekday}`);
});

test('IP addresses and locations agree: one city per /24 prefix', () => {
  const cityOfPrefix = new Map<string, string>();
  for (const r of signIns) {
    const prefix = r.ipAddress.split('.').slice(0, 3).join('.');
    const city = cityOfPrefix.get(prefix);
    if (city === undefined) cityOfPrefix.set(prefix, r.location.city);
    else assert.equal(r.location.city, city, prefix);
  }
});

test('sign-up funnel: drop-off differs between local and social, interruptions are not failures', () => {
  const f = demo.summary.expected.signUps;
  assert.ok(f.attempts > 100);
  assert.ok(f.social.conversion - f.local.conversion > 0.1, `social ${f.social.conversion} vs local ${f.local.conversion}`);
  assert.equal(f.local.highestDropOffStage, 'credentialCollection');
  assert.notEqual(f.social.highestDropOffStage, f.local.highestDropOffStage);
  assert.ok(f.existingAccountAttempts > 0);
  for (const code of SIGN_UP_INTERRUPT_CODES) assert.ok((f.statusCodes[code] ?? 0) > 0, `interrupt ${code} present`);
  // The funnel agrees with the records: attempts = distinct correlation ids, completions = userCreation events with a new user.
  const events = demo.records.signUps as any[];
  assert.equal(new Set(events.map((e) => e.correlationId)).size, f.attempts);
  const created = events.filter((e) => e.signUpStage === 'userCreation' && (e.status.errorCode === 0 || SIGN_UP_INTERRUPT_CODES.includes(e.status.errorCode)));
  assert.equal(created.length, f.completed);
  const entered = (stage: string) => events.filter((e) => e.signUpStage === stage).length;
  for (const s of f.stages) assert.equal(s.entered, entered(s.stage), s.stage);
});

test('expectations agree with the records: per-app counts and per-user last sign-ins', () => {
  const { apps, users } = demo.summary.expected;
  const appCounts = new Map<string, { success: number; failure: number }>();
  for (const r of interactive) {
    const c = appCounts.get(r.appId) ?? { success: 0, failure: 0 };
    if (r.status.errorCode === 0) c.success++;
    else c.failure++;
    appCounts.set(r.appId, c);
  }
  for (const [appId, c] of appCounts) assert.deepEqual({ success: apps[appId].success, failure: apps[appId].failure }, c, appId);
  const last = new Map<string, string>();
  for (const r of signIns) if (r.userId && r.status.errorCode === 0) last.set(r.userId, r.createdDateTime);
  for (const [userId, t] of last) assert.equal(users[userId].lastSuccessfulSignInDateTime, t);
  const audits = demo.records.directoryAudits as any[];
  const total = Object.values(demo.summary.expected.directoryAudits).reduce((x, y) => x + y, 0);
  assert.equal(total, audits.length);
});

test('provisioning cycles mix success, skipped and failure, with steps', () => {
  const rows = demo.records.provisioning as any[];
  const statuses = new Set(rows.map((r) => r.provisioningStatusInfo.status));
  assert.deepEqual([...statuses].sort(), ['failure', 'skipped', 'success']);
  for (const r of rows) {
    assert.ok(r.provisioningSteps.length >= 2);
    assert.equal(r.provisioningStatusInfo.errorInformation === null, r.provisioningStatusInfo.status === 'success');
  }
  assert.equal(new Set(rows.map((r) => r.jobId)).size, 2);
});
