import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { localAuthenticator } from './request-context.ts';
import { createIngestService } from '../ingest/index.ts';
import { memoryStore, signIn, signUpAttempt, TENANT } from '../reports/report-fixtures.ts';
import type { DuckDbStore } from '../store/index.ts';

let store: DuckDbStore;
let app: FastifyInstance;
const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

before(async () => {
  store = await memoryStore();
  const ingest = createIngestService({ store, enrichers: {} });
  app = await buildApp({ store, ingest, authenticate: localAuthenticator(TENANT) });
  const items = (recs: Record<string, unknown>[]) => recs.map((value, index) => ({ index, value: { id: `r-${Math.random()}`, ...value } }));
  await ingest.ingest('signIns', TENANT, items([
    signIn({ t: recent(60), user: 'alice' }),
    signIn({ t: recent(50), user: 'bob', code: 50126 }),
    signIn({ t: recent(40), user: 'bob', app: 'app-2' }),
  ]) as never);
  await ingest.ingest('signUps', TENANT, items(signUpAttempt(recent(30), 'Google', [['credentialFederation', 0], ['consent', 0], ['attributeCollectionAndValidation', 0], ['userCreation', 0]])) as never);
});
after(async () => {
  await app.close();
  await store.close();
});

const get = async (url: string) => {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json() as Record<string, any> };
};

test('getAzureADApplicationSignInSummary(period=...) matches the parenthesised segment', async () => {
  const r = await get("/beta/reports/getAzureADApplicationSignInSummary(period='D7')");
  assert.equal(r.status, 200);
  assert.match(r.body['@odata.context'], /\/beta\/\$metadata#Collection\(microsoft\.graph\.applicationSignInSummary\)$/);
  assert.deepEqual(r.body['value'].map((x: any) => [x.id, x.successfulSignInCount, x.failedSignInCount, x.successPercentage]), [['app-1', 1, 1, 50], ['app-2', 1, 0, 100]]);
  const bad = await get("/beta/reports/getAzureADApplicationSignInSummary(period='D9')");
  assert.equal(bad.status, 400);
  assert.equal((await get("/v1.0/reports/getAzureADApplicationSignInSummary(period='D7')")).status, 400);
});

test('applicationSignInDetailedSummary with $filter, $top and paging; get by id', async () => {
  const r = await get("/beta/reports/applicationSignInDetailedSummary?$filter=appId eq 'app-1'&$top=1");
  assert.equal(r.status, 200);
  assert.equal(r.body['value'].length, 1);
  assert.ok(r.body['@odata.nextLink']);
  const next = await get(r.body['@odata.nextLink'].replace(/^https?:\/\/[^/]+/, ''));
  assert.equal(next.body['value'].length, 1);
  assert.equal(next.body['@odata.nextLink'], undefined);
  const id = next.body['value'][0].id;
  const one = await get(`/beta/reports/applicationSignInDetailedSummary/${id}`);
  assert.equal(one.body['id'], id);
  assert.match(one.body['@odata.context'], /applicationSignInDetailedSummary\/\$entity$/);
});

test('authentication methods, userInsights, idtrail reports and unsupported options', async () => {
  assert.equal((await get("/beta/reports/authenticationMethods/userSignInsByAuthMethodSummary(period='d7')")).status, 200);
  assert.equal((await get('/beta/reports/authenticationMethods/userMfaSignInSummary?$top=1')).status, 400);
  const su = await get('/beta/reports/userInsights/daily/signUps');
  assert.deepEqual(su.body['value'].map((x: any) => [x.identityProvider, x.count]), [['Google', 1]]);
  const list = await get('/idtrail/reports');
  assert.ok(list.body['value'].some((r: any) => r.name === 'signUpFunnel'));
  const funnel = await get('/idtrail/reports/signUpFunnel');
  assert.equal(funnel.body['summary'].completed, 1);
  assert.equal((await get('/idtrail/reports/nope')).status, 400);
});

test('riskDetections and riskyUsers are served in both versions', async () => {
  const r = await get('/v1.0/identityProtection/riskDetections?$top=5');
  assert.equal(r.status, 200);
  assert.match(r.body['@odata.context'], /v1\.0\/\$metadata#identityProtection\/riskDetections$/);
  assert.deepEqual(r.body['value'], []);
  assert.equal((await get("/beta/identityProtection/riskDetections?$filter=riskEventType eq 'passwordSpray'")).status, 200);
  assert.equal((await get('/beta/identityProtection/riskDetections?$filter=nope eq 1')).status, 400);
  assert.equal((await get('/v1.0/identityProtection/riskyUsers')).status, 200);
});
