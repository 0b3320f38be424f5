import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS, ALL_KINDS } from './log-kinds.ts';
import { normalizeRecord, normalizeDateTime, mergeExtra, RecordError, type JsonValue } from './normalize.ts';
import { sampleRecord } from './sample-record.ts';
import { canonicalJson } from './canonical-json.ts';

test('date-times normalize to UTC ISO-8601 with the fraction trimmed', () => {
  assert.equal(normalizeDateTime('2025-03-04T09:41:27.1834567Z'), '2025-03-04T09:41:27.1834567Z');
  assert.equal(normalizeDateTime('2025-03-04T09:41:27.1000000Z'), '2025-03-04T09:41:27.1Z');
  assert.equal(normalizeDateTime('2025-03-04T09:41:27Z'), '2025-03-04T09:41:27Z');
  assert.equal(normalizeDateTime('2025-03-04T11:41:27+02:00'), '2025-03-04T09:41:27Z');
  assert.equal(normalizeDateTime('2025-03-04T00:30:00-01:30'), '2025-03-04T02:00:00Z');
  assert.equal(normalizeDateTime('2025-03-04'), '2025-03-04T00:00:00Z');
  assert.equal(normalizeDateTime('2025-02-30T00:00:00Z'), null);
  assert.equal(normalizeDateTime('2025-03-04T25:00:00Z'), null);
  assert.equal(normalizeDateTime('yesterday'), null);
});

test('every kind: a fully populated record normalizes to itself', () => {
  for (const k of ALL_KINDS) {
    const rec = sampleRecord(LOG_KINDS[k].schema, 3);
    const { record, extra } = normalizeRecord(LOG_KINDS[k].schema, structuredClone(rec));
    assert.equal(extra, null, k);
    assert.deepEqual(record, rec, k);
  }
});

test('absent properties become null, collections []', () => {
  const { record } = normalizeRecord(LOG_KINDS.signIns.schema, { id: 'x', createdDateTime: '2025-01-01T00:00:00Z' });
  assert.equal(record['userPrincipalName'], null);
  assert.deepEqual(record['signInEventTypes'], []);
  assert.equal(record['status'], null);
});

test('bad records are refused with the path and the reason', () => {
  const schema = LOG_KINDS.signIns.schema;
  const cases: Array<[unknown, RegExp]> = [
    [[], /must be a JSON object/],
    [{ createdDateTime: '2025-01-01T00:00:00Z' }, /^id: is required/],
    [{ id: 'x' }, /^createdDateTime: is required/],
    [{ id: 'x', createdDateTime: '2025-01-01' + 'T99' }, /createdDateTime: .* is not an ISO-8601/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', status: { errorCode: '50126' } }, /^status\/errorCode: expected a 32-bit integer, got the string "50126"/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', status: { errorCode: 2 ** 40 } }, /32-bit integer/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', riskState: 'exploded' }, /^riskState: "exploded" is not one of none, /],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', signInEventTypes: 'interactiveUser' }, /signInEventTypes: expected an array/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', signInEventTypes: [null] }, /signInEventTypes\[0\]: null items/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', isInteractive: 'yes' }, /isInteractive: expected true or false/],
    [{ id: 'x', createdDateTime: '2025-01-01T00:00:00Z', location: { geoCoordinates: { latitude: 'north' } } }, /location\/geoCoordinates\/latitude: expected a number/],
  ];
  for (const [input, re] of cases) {
    assert.throws(() => normalizeRecord(schema, input), (e: unknown) => e instanceof RecordError && re.test(e.message), String(re));
  }
});

test('a flags enum accepts several members joined by commas', () => {
  const rec = sampleRecord(LOG_KINDS.signIns.schema, 1);
  (rec['appliedConditionalAccessPolicies'] as Array<Record<string, JsonValue>>)[0]!['conditionsSatisfied'] = 'application,users';
  assert.doesNotThrow(() => normalizeRecord(LOG_KINDS.signIns.schema, rec));
  (rec['appliedConditionalAccessPolicies'] as Array<Record<string, JsonValue>>)[0]!['conditionsSatisfied'] = 'application,bogus';
  assert.throws(() => normalizeRecord(LOG_KINDS.signIns.schema, rec), /bogus/);
});

test('unknown properties at any depth are split off and merged back unchanged', () => {
  const input = {
    id: 'x', createdDateTime: '2025-01-01T00:00:00Z', brandNewField: { deep: [1, 2] },
    status: { errorCode: 0, newStatusDetail: 'kept' },
    appliedConditionalAccessPolicies: [{ id: 'p1' }, { id: 'p2', futureFlag: true }],
  };
  const { record, extra } = normalizeRecord(LOG_KINDS.signIns.schema, structuredClone(input));
  assert.deepEqual(extra, {
    brandNewField: { deep: [1, 2] },
    status: { newStatusDetail: 'kept' },
    appliedConditionalAccessPolicies: { $items: [null, { futureFlag: true }] },
  });
  const merged = mergeExtra(structuredClone(record), extra!) as Record<string, JsonValue>;
  assert.deepEqual(merged['brandNewField'], { deep: [1, 2] });
  assert.equal((merged['status'] as Record<string, JsonValue>)['newStatusDetail'], 'kept');
  assert.equal((merged['appliedConditionalAccessPolicies'] as Array<Record<string, JsonValue>>)[1]!['futureFlag'], true);
  assert.equal((merged['appliedConditionalAccessPolicies'] as Array<Record<string, JsonValue>>)[0]!['futureFlag'], undefined);
});

test('canonical JSON sorts keys at every depth and is independent of input order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
});
