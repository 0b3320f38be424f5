import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogKind } from '../model/log-kinds.ts';
import { captureDemo, SMALL } from './demo-test-fixture.ts';
import type { AttackType, PlantedAttack } from './ground-truth.ts';

const demo = await captureDemo({ ...SMALL, attacks: true });
const byId = new Map<string, { kind: LogKind; record: any }>();
for (const [kind, rows] of Object.entries(demo.records) as [LogKind, any[]][]) for (const r of rows) byId.set(r.id, { kind, record: r });
const attacks = demo.summary.groundTruth.attacks;
const recordsOf = (a: PlantedAttack) => a.records.map((r) => byId.get(r.id)!.record);
const attack = (type: AttackType) => {
  const a = attacks.find((x) => x.type === type);
  assert.ok(a, `attack ${type} planted`);
  return { a, rows: recordsOf(a) };
};
const time = (r: any) => r.createdDateTime ?? r.activityDateTime;

test('every attack type is planted once, and every ground-truth record exists with its kind, inside the attack window', () => {
  const types: AttackType[] = ['passwordSpray', 'bruteForce', 'impossibleTravel', 'anonymizedIp', 'mfaFatigue',
    'servicePrincipalNewCountry', 'dormantAccountActivity', 'adminRoleAfterConsent', 'bulkPasswordReset'];
  assert.deepEqual(attacks.map((a) => a.type).sort(), [...types].sort());
  for (const a of attacks) {
    assert.ok(a.records.length > 0, a.id);
    for (const ref of a.records) {
      const found = byId.get(ref.id);
      assert.ok(found, `${a.id}: ${ref.id} missing`);
      assert.equal(found.kind, ref.kind);
      const t = time(found.record);
      assert.ok(t.slice(0, 23) >= a.start.slice(0, 23) && t.slice(0, 23) <= a.end.slice(0, 23), `${a.id}: ${t} outside ${a.start}..${a.end}`);
    }
  }
});

test('password spray: few IPs, many accounts, bad passwords, one success', () => {
  const { a, rows } = attack('passwordSpray');
  assert.ok(rows.every((r) => a.sourceIps.includes(r.ipAddress)));
  assert.ok(a.sourceIps.length <= 3);
  assert.equal(new Set(rows.map((r) => r.userPrincipalName)).size, a.facts.targetAccounts);
  assert.equal(rows.length, a.facts.attempts);
  assert.ok(rows.every((r) => [0, 50126, 50034].includes(r.status.errorCode) && r.userAgent === 'BAV2ROPC'));
  const wins = rows.filter((r) => r.status.errorCode === 0);
  assert.equal(wins.length, 1);
  assert.equal(wins[0].userId, a.facts.compromisedUserId);
  assert.deepEqual(wins[0].riskEventTypes_v2, ['passwordSpray']);
});

test('brute force: one account, one IP, ten bad passwords then lockout', () => {
  const { a, rows } = attack('bruteForce');
  assert.equal(new Set(rows.map((r) => r.userId)).size, 1);
  assert.deepEqual([...new Set(rows.map((r) => r.ipAddress))], a.sourceIps);
  assert.equal(rows.filter((r) => r.status.errorCode === 50126).length, a.facts.badPassword);
  assert.equal(rows.filter((r) => r.status.errorCode === 50053).length, a.facts.locked);
});

test('impossible travel: two successful sign-ins, far apart, minutes apart', () => {
  const { a, rows } = attack('impossibleTravel');
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.status.errorCode === 0 && r.userId === a.targets.userIds[0]));
  assert.notEqual(rows[0].location.countryOrRegion, rows[1].location.countryOrRegion);
  const minutes = (Date.parse(rows[1].createdDateTime) - Date.parse(rows[0].createdDateTime)) / 60_000;
  assert.ok(Math.abs(minutes - Number(a.facts.minutesBetween)) < 1);
  assert.ok(Number(a.facts.speedKmh) > 1000);
});

test('anonymizing IP: sign-ins from the relay carry the risk detection', () => {
  const { a, rows } = attack('anonymizedIp');
  assert.ok(rows.every((r) => a.sourceIps.includes(r.ipAddress) && r.riskEventTypes_v2.includes('anonymizedIPAddress')));
  assert.ok(rows.some((r) => r.status.errorCode === 0));
});

test('MFA fatigue: many denied prompts, then an approval', () => {
  const { a, rows } = attack('mfaFatigue');
  assert.equal(rows.filter((r) => r.status.errorCode === 500121).length, a.facts.denied);
  assert.equal(rows.filter((r) => r.status.errorCode === 50074).length, a.facts.prompts);
  assert.equal(rows[rows.length - 1].status.errorCode, 0);
});

test('service principal new country: the country never appears in its baseline', () => {
  const { a, rows } = attack('servicePrincipalNewCountry');
  const spId = a.targets.servicePrincipalIds[0];
  assert.ok(rows.every((r) => r.servicePrincipalId === spId && r.location.countryOrRegion === a.facts.newCountry));
  const planted = new Set(a.records.map((r) => r.id));
  const baseline = (demo.records.signIns as any[]).filter((r) => r.servicePrincipalId === spId && !planted.has(r.id));
  assert.ok(baseline.length > 0);
  assert.ok(baseline.every((r) => r.location.countryOrRegion === a.facts.usualCountry));
});

test('dormant account: no activity in the window except the planted records', () => {
  const { a, rows } = attack('dormantAccountActivity');
  const userId = a.targets.userIds[0];
  const all = (demo.records.signIns as any[]).filter((r) => r.userId === userId);
  assert.equal(all.length, rows.length);
  assert.equal(demo.summary.expected.users[userId].lastSignInDateTime, rows[0].createdDateTime);
});

test('admin role after consent: consent to the app, then the app adds a Global Administrator', () => {
  const { a, rows } = attack('adminRoleAfterConsent');
  const consent = rows.find((r) => r.activityDisplayName === 'Consent to application');
  const grant = rows.find((r) => r.activityDisplayName === 'Add member to role');
  assert.ok(consent && grant && consent.activityDateTime < grant.activityDateTime);
  assert.equal(grant.initiatedBy.app.appId, a.facts.appId);
  assert.ok(grant.targetResources.some((t: any) => t.type === 'Role' && t.displayName === 'Global Administrator'));
  assert.equal(grant.targetResources[0].id, a.targets.userIds[0]);
});

test('bulk password reset: one initiator resets many passwords quickly', () => {
  const { a, rows } = attack('bulkPasswordReset');
  assert.equal(rows.length, a.facts.resets);
  assert.ok(rows.every((r) => r.activityDisplayName === 'Reset user password' && r.initiatedBy.user.id === a.facts.initiatorUserId));
  assert.deepEqual(rows.map((r) => r.targetResources[0].id), a.targets.userIds);
});
