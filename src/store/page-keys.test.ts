// Remembered page keys (page-keys-cache.ts) must never change an answer: a page asked again after
// newer records, late records (old times, new sequence numbers), unrelated records, a restart or a
// retention purge is exactly the plain plan's page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_KINDS, normalizeRecord, type JsonObject } from '../model/index.ts';
import { buildListPlan } from '../api/graph-list-plan.ts';
import { parseListOptions } from '../query/odata/index.ts';
import { FIXTURE_START, loadFixtures, signIn } from '../query/odata/odata-test-fixtures.ts';
import { compile, duckdbDialect } from '../query/sql/index.ts';
import { DuckDbStore } from './index.ts';
import { mergeKeys, PageKeysCache, type PageKey } from './page-keys-cache.ts';

const def = LOG_KINDS.signIns;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'idtrail-page-keys-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

type Cursor = { t: string; id: string } | null;
const planOf = (tenant: string, filter: string, order: 'asc' | 'desc', top: number, cursor: Cursor = null) =>
  buildListPlan(def, 'beta', tenant, parseListOptions(def, 'beta', { $top: String(top), $orderby: `createdDateTime ${order}`, ...(filter ? { $filter: filter } : {}) }), cursor);

async function expectPlain(store: DuckDbStore, tenant: string, filter: string, order: 'asc' | 'desc', top: number, cursor: Cursor = null): Promise<JsonObject[]> {
  const plan = planOf(tenant, filter, order, top, cursor);
  const got = await store.readRecords('signIns', plan);
  const c = compile(plan, duckdbDialect, (k) => store.scanTarget(k));
  const want = (await store.rawQuery(c.sql, c.params as unknown[])).map((r) => String(r['id']));
  assert.deepEqual(got.map((r) => String(r['id'])), want, `${order} ${filter || '(no filter)'}`);
  return got;
}

/** Sign-ins `i` of the fixtures, placed `secondsAfter` the fixtures' newest time when given. */
async function append(store: DuckDbStore, tenant: string, from: number, count: number, secondsAfter?: number): Promise<void> {
  const batch = [];
  for (let i = from; i < from + count; i++) {
    const raw = signIn(i);
    if (secondsAfter !== undefined) raw['createdDateTime'] = new Date(FIXTURE_START + (secondsAfter + i - from) * 1000).toISOString();
    const n = normalizeRecord(def.schema, raw);
    batch.push({ record: n.record, extra: n.extra });
  }
  await store.append('signIns', tenant, batch);
}

const FILTERS = ['', 'status/errorCode eq 50126', "userPrincipalName eq 'zoë@northwind.example' and location/city eq 'Tokyo'", "userId eq 'nobody'"];

test('pages asked again after newer, late and unrelated records equal the plain plan, from remembered keys', async () => {
  const store = await DuckDbStore.open({ dataDir: ':memory:', threads: 2 });
  try {
    await loadFixtures(store, 'signIns', 'a', 2000);
    await loadFixtures(store, 'signIns', 'other', 200);
    for (const f of FILTERS) for (const o of ['desc', 'asc'] as const) await expectPlain(store, 'a', f, o, 30);
    const hits0 = store.pageKeysStats().hits;
    // Asked again with nothing new: answered from the remembered keys.
    for (const f of FILTERS) for (const o of ['desc', 'asc'] as const) await expectPlain(store, 'a', f, o, 30);
    assert.equal(store.pageKeysStats().hits - hits0, FILTERS.length * 2, 'every repeated page hits the remembered keys');
    // Newer records (they lead desc pages), late ones (older than all: they lead asc pages), and
    // another tenant's: each page must move exactly as the plain plan does.
    await append(store, 'a', 5000, 40, 60);
    await append(store, 'a', 2000, 300);
    await append(store, 'other', 6000, 50, 10);
    const hits1 = store.pageKeysStats().hits;
    for (const f of FILTERS) for (const o of ['desc', 'asc'] as const) await expectPlain(store, 'a', f, o, 30);
    assert.equal(store.pageKeysStats().hits - hits1, FILTERS.length * 2, 'pages after appends start from the remembered keys');
    // A keyset walk over remembered pages still visits every record once.
    const all = new Set<string>();
    let cursor: Cursor = null;
    for (;;) {
      const page = await expectPlain(store, 'a', '', 'desc', 250, cursor);
      for (const r of page) all.add(String(r['id']));
      if (page.length < 250) break;
      const last = page[page.length - 1]!;
      cursor = { t: String(last['createdDateTime']), id: String(last['id']) };
    }
    const c = compile(buildListPlan(def, 'beta', 'a', parseListOptions(def, 'beta', { $top: '999' }), null), duckdbDialect, (k) => store.scanTarget(k));
    const scoped = (await store.rawQuery(`SELECT count(*) AS n FROM (${c.sql.replace(/LIMIT \d+$/, '')})`, c.params as unknown[]))[0]!['n'];
    assert.equal(all.size, Number(scoped));
  } finally {
    await store.close();
  }
});

test('a retention purge forgets remembered pages, so no page comes back short', async () => {
  const store = await DuckDbStore.open({ dataDir: ':memory:', threads: 2 });
  try {
    await loadFixtures(store, 'signIns', 'p', 600); // all on 2026-02-28
    await append(store, 'p', 7000, 20, 3600); // 2026-03-01
    const before = await expectPlain(store, 'p', '', 'asc', 30);
    assert.ok(before.every((r) => String(r['createdDateTime']) < '2026-03-01'));
    assert.ok(store.pageKeysStats().entries > 0);
    await store.purgeBefore('2026-03-01T00:00:00Z');
    assert.equal(store.pageKeysStats().entries, 0, 'the purge forgot the remembered keys');
    const afterPurge = await expectPlain(store, 'p', '', 'asc', 30);
    assert.ok(afterPurge.length > 0 && afterPurge.every((r) => String(r['createdDateTime']) >= '2026-03-01'));
  } finally {
    await store.close();
  }
});

test('after a restart the watermark comes from the table and later appends are seen', async () => {
  const path = join(dir, 'restart');
  let store = await DuckDbStore.open({ dataDir: path, threads: 2 });
  await loadFixtures(store, 'signIns', 'r', 500);
  await store.close();
  store = await DuckDbStore.open({ dataDir: path, threads: 2 });
  try {
    await expectPlain(store, 'r', '', 'desc', 20);
    await append(store, 'r', 8000, 5, 30);
    const page = await expectPlain(store, 'r', '', 'desc', 20);
    assert.ok(String(page[0]!['createdDateTime']) > '2026-03-01', 'the new records lead the page');
  } finally {
    await store.close();
  }
});

const k = (t: string, id: string, s = 0): PageKey => ({ t, id, s });

test('mergeKeys orders by time with fractions of any length, then id in UTF-8 byte order, each id once', () => {
  const a = [k('2026-03-01T00:00:00.1Z', 'b', 1), k('2026-03-01T00:00:00Z', 'z', 2)];
  const b = [k('2026-03-01T00:00:00.05Z', 'c', 3), k('2026-03-01T00:00:00.1Z', 'b', 1), k('2026-03-01T00:00:00.1Z', 'a', 4)];
  assert.deepEqual(mergeKeys(a, b, 'desc', 10).map((x) => x.id), ['b', 'a', 'c', 'z']);
  assert.deepEqual(mergeKeys(a, b, 'asc', 3).map((x) => x.id), ['z', 'c', 'a']);
  // U+FF5E sorts before U+1F600 in UTF-8 (EF… < F0…), the other way round in UTF-16 code units.
  const t = '2026-03-01T00:00:00Z';
  assert.deepEqual(mergeKeys([k(t, 'x\u{1F600}')], [k(t, 'x\uFF5E')], 'asc', 2).map((x) => x.id), ['x\uFF5E', 'x\u{1F600}']);
});

test('a computation that overlapped an invalidation is not kept, and the cache stays within bounds', () => {
  const c = new PageKeysCache(2, 100);
  const ticket = c.ticket();
  c.invalidate();
  c.put(ticket, 'p', [k('2026-01-01T00:00:00Z', 'a')], 5);
  assert.equal(c.get('p'), undefined);
  c.put(c.ticket(), 'p', [k('2026-01-01T00:00:00Z', 'a')], 5);
  c.put(c.ticket(), 'q', [k('2026-01-01T00:00:00Z', 'b')], 5);
  c.put(c.ticket(), 'r', [k('2026-01-01T00:00:00Z', 'c')], 5);
  assert.equal(c.stats().entries, 2);
  assert.equal(c.get('p'), undefined, 'the least recently used entry went first');
  assert.equal(c.get('r')?.watermark, 5);
});
