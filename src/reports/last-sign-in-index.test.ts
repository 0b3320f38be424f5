// The last-sign-ins table against the demo generator's ground truth (DemoSummary.expected): after
// ingest in two batches that each hold newer and older records, after a rebuild, after writes that
// bypassed the commit listener, and after retention removed sign-ins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDateTime, type JsonObject, type LogKind } from '../model/index.ts';
import { generateDemo, type DemoSummary } from '../demo/index.ts';
import { createIngestService } from '../ingest/index.ts';
import { DuckDbStore, openDuckDbLastSignIns, type LastSignInStore } from '../store/index.ts';
import { createLastSignInIndex, type LastSignInIndex } from './last-sign-in-index.ts';
import { findReport } from './report-registry.ts';
import { runReport } from './run-report.ts';

let store: DuckDbStore;
let table: LastSignInStore;
let index: LastSignInIndex;
let demo: DemoSummary;
const raw = new Map<LogKind, JsonObject[]>();
const OPTS = { seed: 11, users: 200, days: 10, endDate: '2025-03-08T00:00:00Z', attacks: true };
const t = (v: unknown) => (v === null || v === undefined ? null : normalizeDateTime(String(v)));

before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', readConnections: 2 });
  demo = await generateDemo(OPTS, {
    write(kind, record) {
      const b = raw.get(kind) ?? [];
      b.push(record as JsonObject);
      raw.set(kind, b);
    },
  });
  table = await openDuckDbLastSignIns(store);
  index = createLastSignInIndex({ store, table });
  await index.start();
  const ingest = createIngestService({ store, enrichers: {} });
  ingest.onCommit((b) => index.onCommit(b));
  // Every other record in each batch: both batches span the whole window, so the second brings
  // newer records for some principals and older ones for others.
  const all = raw.get('signIns')!;
  for (const half of [0, 1]) {
    const part = all.filter((_, i) => i % 2 === half);
    for (let i = 0; i < part.length; i += 20_000) {
      const rep = await ingest.ingest('signIns', demo.tenant.id, part.slice(i, i + 20_000).map((value, j) => ({ index: j, value })));
      assert.equal(rep.rejected.length, 0);
    }
    if (half === 0) {
      await index.idle();
      assert.ok((await table.list(demo.tenant.id, 'user')).length > 0, 'first batch merged');
    }
  }
  await index.idle();
});
after(() => store.close());

async function usersFromTable() {
  const rows = await table.list(demo.tenant.id, 'user');
  return Object.fromEntries(rows.map((r) => [r.id, [t(r.last?.at), t(r.lastNonInteractive?.at), t(r.lastSuccessful?.at)]]));
}
const expectedUsers = () => Object.fromEntries(Object.entries(demo.expected.users).map(([id, u]) => [id, [t(u.lastSignInDateTime), t(u.lastNonInteractiveSignInDateTime), t(u.lastSuccessfulSignInDateTime)]]));

test('after two interleaved batches the table equals the generator per user', async () => {
  assert.deepEqual(await usersFromTable(), expectedUsers());
});

test('workload rows carry each service principal / managed identity last sign-in', async () => {
  const rows = await table.list(demo.tenant.id, 'workload');
  const got = Object.fromEntries(rows.map((r) => [r.id, t(r.last?.at)]));
  for (const [appId, w] of Object.entries(demo.expected.workloads)) assert.equal(got[appId], t(w.lastSignInDateTime), appId);
});

test('the lastSignIns report reads the table and agrees with the IR aggregate', async () => {
  const def = findReport('lastSignIns');
  const req = { tenantId: demo.tenant.id, now: new Date(OPTS.endDate) };
  const fromTable = await runReport(store, def, req, { lastSignIns: index });
  const fromLogs = await runReport(store, def, req);
  const times = (o: typeof fromTable) => (o.tables['value'] ?? []).map((x) => {
    const a = x['signInActivity'] as Record<string, unknown>;
    return [x['id'], x['userPrincipalName'], t(a['lastSignInDateTime']), t(a['lastNonInteractiveSignInDateTime']), t(a['lastSuccessfulSignInDateTime'])];
  });
  assert.deepEqual(times(fromTable), times(fromLogs));
  assert.equal(fromTable.tables['value']!.length, Object.keys(demo.expected.users).length);
});

test('a rebuild from the logs gives the same table', async () => {
  await index.rebuild(null);
  assert.deepEqual(await usersFromTable(), expectedUsers());
});

test('records written past the listener are caught up at the next start', async () => {
  const [uid, u] = Object.entries(demo.expected.users)[0]!;
  const later = '2025-03-09T01:02:03.1234567Z';
  const rec = { ...(raw.get('signIns')!.find((r) => r['userId'] === uid && (r['signInEventTypes'] as string[] | undefined)?.includes('interactiveUser'))!), id: 'bypass-1', createdDateTime: later, status: { errorCode: 0 } };
  const { normalizeRecord, LOG_KINDS } = await import('../model/index.ts');
  await store.append('signIns', demo.tenant.id, [normalizeRecord(LOG_KINDS.signIns.schema, rec)]);
  assert.equal(t((await table.list(demo.tenant.id, 'user')).find((r) => r.id === uid)!.last?.at), t(u.lastSignInDateTime), 'not yet seen');
  const restarted = createLastSignInIndex({ store, table });
  await restarted.start();
  const row = (await table.list(demo.tenant.id, 'user')).find((r) => r.id === uid)!;
  assert.equal(t(row.last?.at), t(later));
  assert.equal(t(row.lastSuccessful?.at), t(later));
  assert.equal(row.last?.requestId, 'bypass-1');
});

test('after retention purges sign-ins the table is recomputed from what remains', async () => {
  const cutoff = '2025-03-05T00:00:00Z';
  const deleted = await store.purge('signIns', demo.tenant.id, 0, Number.MAX_SAFE_INTEGER, cutoff);
  assert.ok(deleted > 0);
  await index.afterRetention([{ tenantId: demo.tenant.id, kind: 'signIns', deleted }]);
  const def = findReport('lastSignIns');
  const req = { tenantId: demo.tenant.id, now: new Date('2025-03-10T00:00:00Z') };
  const fromLogs = (await runReport(store, def, req)).tables['value']!;
  const got = await usersFromTable();
  assert.equal(Object.keys(got).length, fromLogs.length);
  for (const x of fromLogs) {
    const a = x['signInActivity'] as Record<string, unknown>;
    assert.deepEqual(got[String(x['id'])], [t(a['lastSignInDateTime']), t(a['lastNonInteractiveSignInDateTime']), t(a['lastSuccessfulSignInDateTime'])]);
  }
  for (const [, v] of Object.entries(got)) for (const at of v) assert.ok(at === null || at >= cutoff, `nothing older than the cutoff survives: ${at}`);
});

test('batches committed while a merge runs share the next merge, and a read right after an ack sees them', async () => {
  const s2 = await DuckDbStore.open({ dataDir: ':memory:', readConnections: 1 });
  try {
    const inner = await openDuckDbLastSignIns(s2);
    let merges = 0;
    const counting: LastSignInStore = { ...inner, merge: async (rows, mark) => { merges++; await inner.merge(rows, mark); } };
    const idx = createLastSignInIndex({ store: s2, table: counting });
    await idx.start();
    const ing = createIngestService({ store: s2, enrichers: {} });
    ing.onCommit((b) => idx.onCommit(b));
    const all = raw.get('signIns')!.slice(0, 4000);
    const batches = Array.from({ length: 16 }, (_, i) => all.slice(i * 250, (i + 1) * 250));
    await Promise.all(batches.map((b) => ing.ingest('signIns', demo.tenant.id, b.map((value, index) => ({ index, value })))));
    const def = findReport('lastSignIns');
    const req = { tenantId: demo.tenant.id, now: new Date(OPTS.endDate) };
    const fromIndex = (await runReport(s2, def, req, { lastSignIns: idx })).tables['value']!;
    const fromLogs = (await runReport(s2, def, req)).tables['value']!;
    assert.ok(fromLogs.length > 0);
    assert.deepEqual(fromIndex, fromLogs, 'read right after the acks, the table holds every batch');
    assert.ok(merges < batches.length, `${merges} merges for ${batches.length} batches`);
    await idx.idle();
  } finally {
    await s2.close();
  }
});
