import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime } from '../runtime/runtime.ts';
import { createMetrics } from './index.ts';

/** The value of one sample line (`name{labels} value`), or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    const m = /^([^{\s]+)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

const rec = (id: string) => ({ id, createdDateTime: '2024-05-01T00:00:00Z', userPrincipalName: `${id}@contoso.example`, signInEventTypes: ['interactiveUser'] });

test('an ingest request and a Graph read move the metrics they should', async () => {
  const rt = await createRuntime({ dataDir: ':memory:', enrich: false });
  const scrape = async () => (await rt.app.inject({ url: '/metrics' })).body;
  const before = await scrape();
  assert.equal(sample(before, 'idtrail_ingest_records_total', { kind: 'signIns', outcome: 'accepted' }), 0);

  const body = [rec('m1'), rec('m2'), rec('m3'), rec('m1'), { createdDateTime: 'x' }].map((r) => JSON.stringify(r)).join('\n');
  const res = await rt.app.inject({ method: 'POST', url: '/ingest/signIns', payload: body, headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(res.statusCode, 200);
  const refused = await rt.app.inject({ method: 'POST', url: '/ingest/directoryAudits', payload: '[{"nope":1}]', headers: { 'content-type': 'application/json' } });
  assert.equal(refused.statusCode, 400);
  const mixed = JSON.stringify([{ '@odata.type': '#microsoft.graph.signIn', ...rec('m4') }, { '@odata.type': '#microsoft.graph.directoryAudit', id: 'a1', activityDateTime: '2024-05-01T00:00:00Z' }]);
  assert.equal((await rt.app.inject({ method: 'POST', url: '/ingest', payload: mixed, headers: { 'content-type': 'application/json' } })).statusCode, 200);
  await rt.app.inject({ url: `/v1.0/auditLogs/signIns?$top=2&$filter=${encodeURIComponent("userPrincipalName eq 'm1@contoso.example'")}` });
  await rt.app.inject({ url: '/v1.0/auditLogs/directoryAudits' });
  const page = await rt.app.inject({ url: '/beta/auditLogs/signIns?$top=2' });
  assert.equal(page.json().value.length, 2);

  const m = await scrape();
  assert.equal(sample(m, 'idtrail_ingest_records_total', { kind: 'signIns', outcome: 'accepted' }), 4, 'the routed batch counts per kind');
  const audits = (x: string) => sample(x, 'idtrail_ingest_records_total', { kind: 'directoryAudits', outcome: 'accepted' });
  assert.equal(audits(m) - audits(before), 1);
  assert.equal(sample(m, 'idtrail_ingest_bytes_total', { kind: 'mixed', outcome: 'accepted' }), Buffer.byteLength(mixed));
  assert.equal(sample(m, 'idtrail_ingest_records_total', { kind: 'signIns', outcome: 'duplicate' }), 1);
  assert.equal(sample(m, 'idtrail_ingest_records_total', { kind: 'signIns', outcome: 'rejected' }), 1);
  assert.equal(sample(m, 'idtrail_ingest_records_total', { kind: 'directoryAudits', outcome: 'rejected' }), 1);
  assert.equal(sample(m, 'idtrail_ingest_bytes_total', { kind: 'signIns', outcome: 'accepted' }), Buffer.byteLength(body));
  assert.equal(sample(m, 'idtrail_ingest_bytes_total', { kind: 'directoryAudits', outcome: 'rejected' }), 12);
  // Latency is labelled by route pattern: two different collections, one series.
  assert.equal(sample(m, 'idtrail_http_request_duration_seconds_count', { method: 'GET', route: '/v1.0/auditLogs/:collection', status_code: '200' }), 2);
  assert.equal(sample(m, 'idtrail_http_request_duration_seconds_count', { method: 'POST', route: '/ingest/:kind', status_code: '200' }), 1);
  assert.ok(!m.includes('route="/v1.0/auditLogs/signIns'), 'raw URLs must not become labels');
  assert.equal(sample(m, 'idtrail_store_records', { kind: 'signIns' }), 4);
  assert.match(m, /idtrail_queue_depth\{queue="store_writes"\} 0/);
  // The ingested records entered the record cache, and the newest page was served from it.
  assert.ok(sample(m, 'idtrail_record_cache_bytes', {}) > 0);
  assert.ok(sample(m, 'idtrail_record_cache_lookups_total', { outcome: 'hit' }) >= 2);
  // Both list pages were computed once and their keys remembered.
  assert.ok(sample(m, 'idtrail_page_keys_lookups_total', { outcome: 'miss' }) >= 2);
  assert.ok(sample(m, 'idtrail_page_keys', {}) >= 3);
  // The ingest loaded the duplicate filter of its log (no warm start ran: each load was an append's).
  assert.ok(sample(m, 'idtrail_id_filters', {}) >= 1);
  assert.ok(sample(m, 'idtrail_id_filter_bytes', {}) > 0);
  assert.equal(sample(m, 'idtrail_id_filter_loads_total', { origin: 'append' }), sample(m, 'idtrail_id_filters', {}));
  assert.equal(sample(m, 'idtrail_id_filter_loads_total', { origin: 'warm_start' }), 0);
  // Every acknowledged batch went through the spool and was loaded before the reads above.
  assert.equal(sample(m, 'idtrail_spool_backlog_rows', {}), 0);
  assert.ok(sample(m, 'idtrail_spool_loaded_batches_total', {}) >= 3, 'the tenant audit, the signIns batch, the routed batch');
  assert.ok(sample(m, 'idtrail_spool_loads_total', {}) >= 1);
  assert.ok(sample(m, 'idtrail_spool_loads_total', {}) <= sample(m, 'idtrail_spool_loaded_batches_total', {}));
  assert.equal(sample(m, 'idtrail_spool_set_aside_batches_total', {}), 0);
  assert.match(m, /# TYPE idtrail_retention_deleted_records_total counter/);
  assert.match(m, /# TYPE idtrail_job_runs_total counter/);
  await rt.close();
});

test('background jobs count runs and failures; each registry is separate', async () => {
  const a = createMetrics({ processMetrics: false });
  const b = createMetrics({ processMetrics: false });
  assert.equal(await a.runJob('retention', async () => 7), 7);
  await assert.rejects(a.runJob('retention', async () => {
    throw new Error('disk full');
  }), /disk full/);
  a.retentionDeleted.inc({ kind: 'signIns' }, 42);
  const text = await a.render();
  assert.equal(sample(text, 'idtrail_job_runs_total', { job: 'retention' }), 2);
  assert.equal(sample(text, 'idtrail_job_failures_total', { job: 'retention' }), 1);
  assert.equal(sample(text, 'idtrail_job_duration_seconds_count', { job: 'retention' }), 2);
  assert.equal(sample(text, 'idtrail_retention_deleted_records_total', { kind: 'signIns' }), 42);
  assert.equal(sample(await b.render(), 'idtrail_job_runs_total', { job: 'retention' }), 0);
});
