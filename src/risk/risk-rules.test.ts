import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, put, signIn, TENANT } from '../reports/report-fixtures.ts';
import type { DuckDbStore } from '../store/index.ts';
import { createRiskEngine } from './risk-engine.ts';
import type { RiskDetection } from './risk-types.ts';

let store: DuckDbStore;
let found: RiskDetection[];
const at = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000).toISOString();
const RANGE = { from: '2025-03-01T00:00:00Z', to: '2025-03-10T00:00:00Z' };

before(async () => {
  store = await memoryStore();
  const recs: Record<string, unknown>[] = [];
  // Baseline: every user signs in from Seattle for weeks (this also gives newCountry its history).
  for (const u of ['alice', 'bob', 'carol', 'erin']) for (let d = 0; d < 20; d++) recs.push(signIn({ t: at('2025-02-10T16:00:00Z', d * 1440), user: u }));
  // Spray: one IP, 12 accounts, 1 try each, one password works (victim07).
  for (let i = 0; i < 12; i++) recs.push(signIn({ t: at('2025-03-05T03:00:00Z', i * 2), user: `victim${String(i).padStart(2, '0')}`, ip: '41.58.10.7', country: 'NG', code: 50126 }));
  recs.push(signIn({ t: '2025-03-05T03:40:00Z', user: 'victim07', ip: '41.58.10.7', country: 'NG' }));
  // A second spray-like burst below the threshold (8 accounts): no detection.
  for (let i = 0; i < 8; i++) recs.push(signIn({ t: at('2025-03-06T03:00:00Z', i), user: `quiet${i}`, ip: '41.58.10.8', code: 50126 }));
  // Brute force: 15 bad passwords on bob in 30 minutes, then a success.
  for (let i = 0; i < 15; i++) recs.push(signIn({ t: at('2025-03-07T10:00:00Z', i * 2), user: 'bob', ip: '5.101.10.9', country: 'RU', code: 50126 }));
  recs.push(signIn({ t: '2025-03-07T10:45:00Z', user: 'bob', ip: '5.101.10.9', country: 'RU', city: 'Moscow', lat: 55.75, lon: 37.62 }));
  // Impossible travel: alice in Seattle at 08:00, in Sydney 2 hours later.
  recs.push(signIn({ t: '2025-03-08T08:00:00Z', user: 'alice' }));
  recs.push(signIn({ t: '2025-03-08T10:00:00Z', user: 'alice', ip: '1.2.3.4', country: 'AU', city: 'Sydney', lat: -33.87, lon: 151.21 }));
  // Tor: carol twice from a Tor exit the same day (one detection), erin once.
  recs.push(signIn({ t: '2025-03-04T12:00:00Z', user: 'carol', ip: '185.220.101.33', country: 'DE' }));
  recs.push(signIn({ t: '2025-03-04T12:05:00Z', user: 'carol', ip: '185.220.101.33', country: 'DE', type: 'nonInteractiveUser' }));
  recs.push(signIn({ t: '2025-03-04T13:00:00Z', user: 'erin', ip: '171.25.193.20', country: 'SE', code: 50126 }));
  // MFA fatigue: 6 denied prompts for erin, then approval.
  for (let i = 0; i < 6; i++) recs.push(signIn({ t: at('2025-03-09T02:00:00Z', i * 3), user: 'erin', code: 500121 }));
  recs.push(signIn({ t: '2025-03-09T02:30:00Z', user: 'erin' }));
  await put(store, 'signIns', recs);
  found = await createRiskEngine({ store }).run(TENANT, RANGE);
});
after(() => store.close());

const of = (type: string) => found.filter((d) => d.riskEventType === type);

test('passwordSpray: raised on the account whose password the spray validated, not below the threshold', () => {
  const d = of('passwordSpray');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.userPrincipalName, 'victim07@contoso.com');
  assert.equal(d[0]!.riskLevel, 'high');
  assert.equal(d[0]!.ipAddress, '41.58.10.7');
  assert.match(d[0]!.additionalInfo, /"targetedAccounts","Value":"12"/);
});

test('unfamiliarFeatures (brute force): burst of bad passwords on one account, high when one worked', () => {
  const d = of('unfamiliarFeatures');
  assert.deepEqual(d.map((x) => [x.userPrincipalName, x.riskLevel, x.ipAddress]), [['bob@contoso.com', 'high', '5.101.10.9']]);
});

test('unlikelyTravel: Seattle to Sydney in two hours', () => {
  const d = of('unlikelyTravel');
  assert.deepEqual(d.map((x) => [x.userPrincipalName, x.location?.countryOrRegion]), [['alice@contoso.com', 'AU']]);
  assert.match(d[0]!.additionalInfo, /distanceKm","Value":"12\d\d\d"/);
});

test('anonymizedIPAddress: one per account, IP and day', () => {
  assert.deepEqual(of('anonymizedIPAddress').map((x) => [x.userPrincipalName, x.ipAddress]).sort(), [['carol@contoso.com', '185.220.101.33'], ['erin@contoso.com', '171.25.193.20']]);
});

test('newCountry: first success from a new country after a history; victims with no history are not flagged', () => {
  const d = of('newCountry').map((x) => [x.userPrincipalName, x.location?.countryOrRegion]).sort();
  assert.deepEqual(d, [['alice@contoso.com', 'AU'], ['bob@contoso.com', 'RU'], ['carol@contoso.com', 'DE']]);
});

test('mfaFatigue: repeated denied prompts then approval', () => {
  assert.deepEqual(of('mfaFatigue').map((x) => [x.userPrincipalName, x.riskLevel]), [['erin@contoso.com', 'high']]);
});

test('ids are stable across runs and unique', async () => {
  const again = await createRiskEngine({ store }).run(TENANT, RANGE);
  assert.deepEqual(again.map((d) => d.id), found.map((d) => d.id));
  assert.equal(new Set(found.map((d) => d.id)).size, found.length);
});
