import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, put, signUpAttempt, TENANT } from './report-fixtures.ts';
import { runReport } from './run-report.ts';
import { signUpFunnelReport } from './sign-up-funnel-report.ts';

const CC = 'credentialCollection';
const CV = 'credentialValidation';
const ACV = 'attributeCollectionAndValidation';
const UC = 'userCreation';
const CF = 'credentialFederation';
const CONSENT = 'consent';

test('sign-up funnel: conversion, drop-off per stage, local vs social, failures, existing accounts', async () => {
  const store = await memoryStore();
  try {
    const d1 = '2025-03-01T10:00:00Z';
    const d2 = '2025-03-02T10:00:00Z';
    await put(store, 'signUps', [
      // local: 2 complete (one ends with the KMSI interruption), 1 abandons at CV, 1 fails OTP at CV, 1 fails creation
      ...signUpAttempt(d1, 'Email Password', [[CC, 1002013], [CV, 0], [ACV, 0], [UC, 0]]),
      ...signUpAttempt(d1, 'Email OTP', [[CC, 1002013], [CV, 0], [ACV, 0], [UC, 50140]]),
      ...signUpAttempt(d1, 'Email Password', [[CC, 1002013], [CV, 0]]),
      ...signUpAttempt(d2, 'Email Password', [[CC, 1002013], [CV, 50181]]),
      ...signUpAttempt(d2, 'Email Password', [[CC, 1002013], [CV, 0], [ACV, 0], [UC, 399279]]),
      // existing account: stops at the first stage with a user id
      ...signUpAttempt(d2, 'Email Password', [[CC, 0]], { userId: 'existing-user' }),
      // social: 1 complete, 2 abandon at consent, 1 abandons at federation
      ...signUpAttempt(d1, 'Google', [[CF, 0], [CONSENT, 0], [ACV, 0], [UC, 0]]),
      ...signUpAttempt(d1, 'Google', [[CF, 0], [CONSENT, 0]]),
      ...signUpAttempt(d2, 'Facebook', [[CF, 0], [CONSENT, 0]]),
      ...signUpAttempt(d2, 'Facebook', [[CF, 0]]),
    ]);
    const out = await runReport(store, signUpFunnelReport, { tenantId: TENANT, from: '2025-03-01T00:00:00Z', to: '2025-03-03T00:00:00Z' });
    const s = out.summary as any;
    assert.equal(s.attempts, 10);
    assert.equal(s.completed, 3);
    assert.equal(s.conversion, 0.3);
    assert.equal(s.existingAccountAttempts, 1);
    assert.equal(s.all.failed, 2);
    assert.deepEqual(s.all.failedAtStage, { credentialValidation: 1, userCreation: 1 });
    const stage = (slice: any, name: string) => slice.stages.find((x: any) => x.stage === name);
    assert.deepEqual({ ...stage(s.local, CC) }, { stage: CC, entered: 6, left: 1, dropOffRate: 1 / 6 });
    assert.deepEqual({ ...stage(s.local, CV) }, { stage: CV, entered: 5, left: 2, dropOffRate: 0.4 });
    assert.equal(stage(s.local, UC).left, 1);
    assert.equal(s.local.completed, 2);
    assert.equal(s.social.attempts, 4);
    assert.equal(s.social.highestDropOffStage, CONSENT);
    assert.equal(stage(s.social, CONSENT).left, 2);
    assert.equal(s.byProvider['Facebook'].attempts, 2);
    assert.equal(s.byProvider['Facebook'].completed, 0);
    assert.equal(s.highestDropOffStage, CV); // 2 left at CV, 2 at consent: the earlier stage wins
    assert.equal(s.statusCodes['1002013'], 5);
    assert.deepEqual(out.tables['daily']!.map((d) => [d['day'], d['attempts'], d['completed']]), [['2025-03-01', 5, 3], ['2025-03-02', 5, 0]]);
  } finally {
    await store.close();
  }
});
