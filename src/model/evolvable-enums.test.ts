// The evolvable-enum mask (spec 3.9): which properties of each kind can carry a member declared
// after `unknownFutureValue`, and how such values are replaced for clients that did not opt in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_KINDS, LOG_KINDS, type JsonObject } from './index.ts';
import { applyEnumMask, enumMask, evolvableEnum, maskPaths } from './evolvable-enums.ts';
import { signInEnums } from './kinds/sign-in-enums.ts';

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

test('members after the sentinel are the evolvable ones; the sentinel is matched whatever its case', () => {
  assert.equal(evolvableEnum(signInEnums.riskLevel), null, 'riskLevel ends with its sentinel');
  assert.equal(evolvableEnum(['a', 'b']), null, 'no sentinel, nothing evolvable');
  const tit = evolvableEnum(signInEnums.tokenIssuerType)!;
  assert.equal(tit.sentinel, 'UnknownFutureValue');
  assert.deepEqual([...tit.later], ['AzureADBackupAuth', 'ADFederationServicesMFAAdapter', 'NPSExtension']);
  assert.deepEqual([...evolvableEnum(signInEnums.appliedConditionalAccessPolicyResult)!.later],
    ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyNotApplied', 'reportOnlyInterrupted']);
});

test('per kind and version, the mask covers exactly the properties whose enum has later members', () => {
  const paths = (k: keyof typeof LOG_KINDS, v: 'v1.0' | 'beta') => maskPaths(enumMask(LOG_KINDS[k].schema, v)).sort();
  // v1.0 sign-ins: only riskDetail and the policy result; riskEventTypes' enum ends with its sentinel.
  assert.deepEqual(paths('signIns', 'v1.0'), ['appliedConditionalAccessPolicies/result', 'riskDetail']);
  assert.deepEqual(paths('signIns', 'beta'), [
    'appliedConditionalAccessPolicies/conditionsNotSatisfied', 'appliedConditionalAccessPolicies/conditionsSatisfied',
    'appliedConditionalAccessPolicies/excludeRulesSatisfied/conditionalAccessCondition',
    'appliedConditionalAccessPolicies/excludeRulesSatisfied/ruleSatisfied',
    'appliedConditionalAccessPolicies/includeRulesSatisfied/conditionalAccessCondition',
    'appliedConditionalAccessPolicies/includeRulesSatisfied/ruleSatisfied',
    'appliedConditionalAccessPolicies/result', 'appliedEventListeners/eventType', 'authenticationProtocol',
    'authenticationRequirementPolicies/requirementProvider', 'crossTenantAccessType', 'incomingTokenType', 'riskDetail',
    'tokenIssuerType',
  ]);
  assert.deepEqual(paths('signUps', 'beta'), ['appliedEventListeners/eventType']);
  // Kinds with no later member anywhere get no mask, so their responses do no per-record work.
  for (const k of ['directoryAudits', 'provisioning'] as const) for (const v of ['v1.0', 'beta'] as const) assert.equal(enumMask(LOG_KINDS[k].schema, v), null, `${k} ${v}`);
  assert.equal(enumMask(LOG_KINDS.customSecurityAttributeAudits.schema, 'beta'), null);
  for (const k of ALL_KINDS) assert.equal(enumMask(LOG_KINDS[k].schema, 'beta'), enumMask(LOG_KINDS[k].schema, 'beta'), 'computed once');
});

test('values are replaced at any depth, in collections and in flags; the input is never changed', () => {
  const mask = enumMask(LOG_KINDS.signIns.schema, 'beta')!;
  const rec = deepFreeze({
    id: 'a', riskDetail: 'adminDismissedRiskForSignIn', tokenIssuerType: 'NPSExtension', incomingTokenType: 'saml20',
    crossTenantAccessType: null,
    appliedConditionalAccessPolicies: [
      { id: 'p1', result: 'reportOnlyFailure', conditionsSatisfied: 'application,servicePrincipals,users,insiderRisk', conditionsNotSatisfied: 'none',
        includeRulesSatisfied: [{ conditionalAccessCondition: 'authenticationFlows', ruleSatisfied: 'deviceCodeFlow' }, { conditionalAccessCondition: 'users', ruleSatisfied: 'allUsers' }] },
      { id: 'p2', result: 'success', conditionsSatisfied: 'application, users' },
    ],
    futureProperty: { riskDetail: 'adminDismissedRiskForSignIn' },
  }) as unknown as JsonObject;
  const before = JSON.stringify(rec);
  const out = applyEnumMask(mask, rec) as any;
  assert.equal(JSON.stringify(rec), before);
  assert.deepEqual(out, {
    ...(rec as Record<string, unknown>), riskDetail: 'unknownFutureValue', tokenIssuerType: 'UnknownFutureValue',
    appliedConditionalAccessPolicies: [
      { id: 'p1', result: 'unknownFutureValue', conditionsSatisfied: 'application,unknownFutureValue,users', conditionsNotSatisfied: 'none',
        includeRulesSatisfied: [{ conditionalAccessCondition: 'unknownFutureValue', ruleSatisfied: 'unknownFutureValue' }, { conditionalAccessCondition: 'users', ruleSatisfied: 'allUsers' }] },
      { id: 'p2', result: 'success', conditionsSatisfied: 'application, users' },
    ],
  });
  // Unchanged branches are shared rather than copied; unknown properties are left alone.
  assert.equal((out as any).appliedConditionalAccessPolicies[1], (rec as any).appliedConditionalAccessPolicies[1]);
  assert.equal((out as any).futureProperty, (rec as any).futureProperty);
  const plain = deepFreeze({ id: 'b', riskDetail: 'none', appliedConditionalAccessPolicies: [] }) as unknown as JsonObject;
  assert.equal(applyEnumMask(mask, plain), plain, 'nothing to replace: the same object back');
});

test('a collection of evolvable members replaces each item', () => {
  const schema = { kind: 'object', meta: {}, fields: { kinds: { kind: 'list', meta: {}, item: { kind: 'scalar', type: 'string', meta: { enum: ['a', 'unknownFutureValue', 'b', 'c'] } } } } } as const;
  const m = enumMask(schema as any, null)!;
  assert.deepEqual(applyEnumMask(m, { kinds: ['a', 'b', 'c', 'unknownFutureValue'] }), { kinds: ['a', 'unknownFutureValue', 'unknownFutureValue', 'unknownFutureValue'] });
});

test('owned: objects of a fresh view change in place, while collections of scalars are still copied', () => {
  const mask = enumMask(LOG_KINDS.signIns.schema, 'beta')!;
  const shared = Object.freeze(['interactiveUser']);
  const kinds = { kind: 'object', meta: {}, fields: { k: { kind: 'list', meta: {}, item: { kind: 'scalar', type: 'string', meta: { enum: ['a', 'unknownFutureValue', 'b'] } } } } } as const;
  const view: any = { riskDetail: 'microsoftRevokedSessions', signInEventTypes: shared, appliedConditionalAccessPolicies: [{ result: 'reportOnlyInterrupted' }] };
  const policies = view.appliedConditionalAccessPolicies;
  assert.equal(applyEnumMask(mask, view, true), view);
  assert.deepEqual(view, { riskDetail: 'unknownFutureValue', signInEventTypes: ['interactiveUser'], appliedConditionalAccessPolicies: [{ result: 'unknownFutureValue' }] });
  assert.equal(view.appliedConditionalAccessPolicies, policies);
  const list = Object.freeze(['a', 'b']);
  const rec: any = { k: list };
  applyEnumMask(enumMask(kinds as any, null)!, rec, true);
  assert.deepEqual(rec.k, ['a', 'unknownFutureValue']);
  assert.deepEqual(list, ['a', 'b'], 'the stored collection is not written to');
});
