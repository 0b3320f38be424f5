// The adapter step without a server: envelope opening and record numbering, the batch limit after
// opening, format lookup, the Azure Monitor type coercion, the country-name lookup, and that mapped
// records go through enrichment like Graph ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS } from '../../model/index.ts';
import { IngestError } from '../ingest-errors.ts';
import { enrichRecord } from '../enrich.ts';
import { createUserAgentEnricher } from '../user-agent-enricher.ts';
import type { JsonObject } from '../../model/index.ts';
import { countryCode } from './adapter.ts';
import { adaptItems, findFormat, INGEST_FORMATS, routeItems } from './index.ts';
import { kindOfContext } from './graph-adapter.ts';
import { coerceObject } from './schema-coercion.ts';
import * as S from './sample-events.ts';

const items = (...values: unknown[]) => values.map((value, index) => ({ index, value }));

test('envelopes are opened and records numbered after opening; parse errors keep their place', () => {
  const page = { '@odata.context': 'x', value: [{ id: 'a' }, { id: 'b' }] };
  const out = adaptItems(findFormat('graph'), 'signIns', [...items(page), { index: 1, error: 'line 2 is not valid JSON' }, { index: 2, value: { id: 'c' } }], { maxRecords: 10 });
  assert.deepEqual(out.map((i) => [i.index, (i.value as { id?: string } | undefined)?.id ?? i.error]), [[0, 'a'], [1, 'b'], [2, 'line 2 is not valid JSON'], [3, 'c']]);
  // A record that merely has a `value` property is not a list page.
  const rec = { id: 'd', value: [1], createdDateTime: '2024-01-01T00:00:00Z' };
  assert.equal(adaptItems(findFormat(undefined), 'signIns', items(rec), { maxRecords: 10 })[0]!.value, rec);
});

test('the batch limit applies to records after envelopes are opened', () => {
  const msg = { records: [S.azureNonInteractive, S.azureNonInteractive, S.azureNonInteractive] };
  assert.throws(() => adaptItems(findFormat('azure-monitor'), 'signIns', items(msg), { maxRecords: 2 }), (e) => e instanceof IngestError && e.code === 'IDT_BATCH_TOO_LONG');
  assert.equal(adaptItems(findFormat('azure-monitor'), 'signIns', items(msg), { maxRecords: 3 }).length, 3);
});

test('formats are looked up case-insensitively; an unknown one names the valid ones', () => {
  assert.equal(findFormat('Azure-Monitor').name, 'azure-monitor');
  assert.deepEqual(INGEST_FORMATS, ['graph', 'azure-monitor', 'okta', 'auth0', 'keycloak']);
  assert.throws(() => findFormat(''), (e) => e instanceof IngestError && e.code === 'IDT_BAD_FORMAT' && /Use one of: graph, azure-monitor/.test(e.message));
});

test('Azure Monitor drift is coerced toward the Graph types; what does not fit is left for the validator', () => {
  const schema = LOG_KINDS.signIns.schema;
  const out = coerceObject(schema, {
    id: 12345, autonomousSystemNumber: '8075', isInteractive: 'True', userType: 'Guest', tokenIssuerType: 'AzureAD',
    appliedConditionalAccessPolicies: [{ conditionsSatisfied: 4096 + 2, conditionsNotSatisfied: 0, result: 'Success' }],
    networkLocationDetails: '', deviceDetail: '{"browser":"Edge 120.0.0"}', status: '', processingTimeInMilliseconds: 'n/a',
    StatusSequence: '7',
  });
  assert.deepEqual(out, {
    id: '12345', autonomousSystemNumber: 8075, isInteractive: true, userType: 'guest', tokenIssuerType: 'AzureAD',
    appliedConditionalAccessPolicies: [{ conditionsSatisfied: 'users,unknownFutureValue', conditionsNotSatisfied: 'none', result: 'success' }],
    networkLocationDetails: [], deviceDetail: { browser: 'Edge 120.0.0' }, status: null, processingTimeInMilliseconds: 'n/a',
    StatusSequence: '7',
  });
});

test('coercion copies only what changes and never modifies the event it was given', () => {
  const before = structuredClone(S.azureSignIn);
  const [item] = adaptItems(findFormat('azure-monitor'), 'signIns', items(S.azureSignIn), { maxRecords: 10 });
  assert.deepEqual(S.azureSignIn, before);
  const r = item!.value as JsonObject;
  const props = S.azureSignIn['properties'] as JsonObject;
  assert.equal(r['location'], props['location'], 'an unchanged nested object is shared, not copied');
  assert.notEqual(r['appliedConditionalAccessPolicies'], props['appliedConditionalAccessPolicies'], 'a list with a coerced item is a copy');
});

test('country names become ISO codes; codes and unknown names pass through or drop', () => {
  assert.deepEqual([countryCode('United States'), countryCode('germany'), countryCode('GB'), countryCode('Atlantis'), countryCode(null)], ['US', 'DE', 'GB', null, null]);
});

test('a mapped record is enriched like a Graph one: the raw user agent becomes deviceDetail; a provider summary is kept', () => {
  const enrichers = { userAgent: createUserAgentEnricher() };
  const [okta] = adaptItems(findFormat('okta'), 'signIns', items(S.oktaSessionStart), { maxRecords: 10 });
  enrichRecord('signIns', okta!.value as JsonObject, enrichers);
  assert.deepEqual((okta!.value as JsonObject)['deviceDetail'], { browser: 'Firefox 72.0.0', operatingSystem: 'MacOs' });
  const [auth0] = adaptItems(findFormat('auth0'), 'signIns', items(S.auth0Success), { maxRecords: 10 });
  enrichRecord('signIns', auth0!.value as JsonObject, enrichers);
  assert.deepEqual((auth0!.value as JsonObject)['deviceDetail'], { browser: 'Chrome 120.0.0', operatingSystem: 'Mac OS X 10.15.7' });
});

test('routing: each event gets the kind its adapter classifies it as; the limit counts the whole batch', () => {
  const out = routeItems(findFormat('auth0'), items(S.auth0Success, S.auth0SignUp, S.auth0ApiOperation, { log_id: 'x' }), { maxRecords: 10 });
  assert.deepEqual(out.map((i) => [i.index, i.kind ?? i.error]), [[0, 'signIns'], [1, 'signUps'], [2, 'directoryAudits'], [3, 'the auth0 event without a type is not an activity idtrail stores']]);
  const msg = { records: [S.azureNonInteractive, S.azureAudit, S.azureProvisioning] };
  assert.throws(() => routeItems(findFormat('azure-monitor'), items(msg), { maxRecords: 2 }), (e) => e instanceof IngestError && e.code === 'IDT_BATCH_TOO_LONG');
});

test('graph routing reads @odata.type and @odata.context; detach carries a page\'s context onto its members', () => {
  assert.deepEqual(
    ['https://graph.microsoft.com/beta/$metadata#auditLogs/signUps', '…$metadata#auditLogs/signIns(id,createdDateTime)', '…#auditLogs/directoryAudits/$entity', '…#users', null].map((c) => kindOfContext(c)),
    ['signUps', 'signIns', 'directoryAudits', null, null],
  );
  const graph = findFormat('graph');
  const page = { '@odata.context': 'x/$metadata#auditLogs/provisioning', value: [{ id: 'p1' }, { '@odata.type': '#microsoft.graph.signIn', id: 's1' }] };
  assert.deepEqual(routeItems(graph, items(page, { id: 'bare' }), { maxRecords: 10 }).map((i) => i.kind ?? null), ['provisioning', null, null], 'an item type that disagrees with its page is refused');
  const detached = graph.detach!(page)!;
  assert.deepEqual(detached[0], { '@odata.context': 'x/$metadata#auditLogs/provisioning', id: 'p1' });
  assert.deepEqual(routeItems(graph, items(...detached), { maxRecords: 10 }).map((i) => i.kind ?? null), ['provisioning', null], 'sent alone, the disagreement is still seen');
  // On /ingest/{kind} the path decides, as before: annotations are not consulted.
  assert.equal(adaptItems(graph, 'signIns', items(page), { maxRecords: 10 })[0]!.error, undefined);
});
