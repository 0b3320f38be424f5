// Reports and risk rules against the demo tenant, whose true values the generator knows
// (DemoSummary.expected and the attack ground truth). Every figure must match exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS, normalizeDateTime, normalizeRecord, type LogKind } from '../model/index.ts';
import { generateDemo, type DemoSummary } from '../demo/index.ts';
import { DuckDbStore, type PreparedRecord } from '../store/index.ts';
import { createRiskEngine } from '../risk/index.ts';
import { findReport } from './report-registry.ts';
import { runReport } from './run-report.ts';

let store: DuckDbStore;
let demo: DemoSummary;
const OPTS = { seed: 11, users: 200, days: 10, endDate: '2025-03-08T00:00:00Z', attacks: true };

before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', readConnections: 2 });
  const batches = new Map<LogKind, PreparedRecord[]>();
  demo = await generateDemo(OPTS, {
    write(kind, record) {
      const b = batches.get(kind) ?? [];
      b.push(normalizeRecord(LOG_KINDS[kind].schema, record));
      batches.set(kind, b);
    },
  });
  for (const [kind, recs] of batches) {
    for (let i = 0; i < recs.length; i += 50_000) await store.append(kind, demo.tenant.id, recs.slice(i, i + 50_000));
  }
});
after(() => store.close());

const run = (name: string, params: Record<string, string> = {}) =>
  runReport(store, findReport(name), { tenantId: demo.tenant.id, from: demo.groundTruth.windowStart, to: demo.groundTruth.windowEnd, params });
const t = (v: unknown) => (v === null || v === undefined ? null : normalizeDateTime(String(v)));

test('sign-up funnel matches the generator: conversion, per-stage entered/left, slices, existing accounts', async () => {
  const s = (await run('signUpFunnel')).summary as any;
  const e = demo.expected.signUps;
  assert.ok(e.attempts > 50, `demo has ${e.attempts} sign-up attempts`);
  const slice = (x: any) => ({
    attempts: x.attempts, completed: x.completed, conversion: x.conversion, highestDropOffStage: x.highestDropOffStage,
    stages: Object.fromEntries(x.stages.map((c: any) => [c.stage, [c.entered, c.left]])),
  });
  assert.deepEqual(slice(s.all), slice(e));
  assert.deepEqual(slice(s.local), slice(e.local));
  assert.deepEqual(slice(s.social), slice(e.social));
  for (const [p, ps] of Object.entries(e.byProvider)) if ((ps as any).attempts > 0) assert.deepEqual(slice(s.byProvider[p]), slice(ps), p);
  assert.equal(s.existingAccountAttempts, e.existingAccountAttempts);
  assert.deepEqual(s.statusCodes, e.statusCodes);
});

test('per-application interactive success and failure counts match', async () => {
  const v = (await run('applicationSignInSummary')).tables['value']!;
  const got = Object.fromEntries(v.map((x) => [x['id'], [x['successfulSignInCount'], x['failedSignInCount']]]));
  const want = Object.fromEntries(Object.entries(demo.expected.apps).map(([id, a]) => [id, [a.success, a.failure]]));
  assert.deepEqual(got, want);
});

test("each user's last, last non-interactive and last successful sign-in match", async () => {
  const v = (await run('lastSignIns')).tables['value']!;
  const got = Object.fromEntries(v.map((x) => {
    const a = x['signInActivity'] as Record<string, unknown>;
    return [x['id'], [t(a['lastSignInDateTime']), t(a['lastNonInteractiveSignInDateTime']), t(a['lastSuccessfulSignInDateTime'])]];
  }));
  const want = Object.fromEntries(Object.entries(demo.expected.users).map(([id, u]) => [id, [t(u.lastSignInDateTime), t(u.lastNonInteractiveSignInDateTime), t(u.lastSuccessfulSignInDateTime)]]));
  assert.deepEqual(got, want);
});

test('workload last sign-ins match (servicePrincipalSignInActivities, app-only client)', async () => {
  const v = (await run('servicePrincipalSignInActivities')).tables['value']!;
  for (const [appId, w] of Object.entries(demo.expected.workloads)) {
    const row = v.find((x) => x['appId'] === appId);
    assert.ok(row, appId);
    assert.equal(t((row['applicationAuthenticationClientSignInActivity'] as any).lastSignInDateTime), t(w.lastSignInDateTime), appId);
  }
});

test('risk rules find the planted attacks', async () => {
  const found = await createRiskEngine({ store }).run(demo.tenant.id, { from: demo.groundTruth.windowStart, to: demo.groundTruth.windowEnd });
  const attack = (type: string) => demo.groundTruth.attacks.find((a) => a.type === type)!;
  const spray = attack('passwordSpray');
  assert.ok(found.some((d) => d.riskEventType === 'passwordSpray' && d.userId === spray.facts['compromisedUserId'] && d.riskLevel === 'high'), 'spray: compromised account');
  const userHit = (type: string, riskEventType: string) => {
    const a = attack(type);
    assert.ok(found.some((d) => d.riskEventType === riskEventType && d.userId === a.targets.userIds[0]), `${type} → ${riskEventType}`);
  };
  userHit('bruteForce', 'unfamiliarFeatures');
  userHit('impossibleTravel', 'unlikelyTravel');
  userHit('anonymizedIp', 'anonymizedIPAddress');
  userHit('mfaFatigue', 'mfaFatigue');
  const sp = attack('servicePrincipalNewCountry');
  assert.ok(found.some((d) => d.riskEventType === 'newCountry' && d.location?.countryOrRegion === sp.facts['newCountry']), 'service principal new country');
});
