// The record cache must be invisible in answers: a page served from it is byte-for-byte the page
// the engine decodes, for every kind, for records with unknown properties, whether the cache was
// filled at ingest or by an earlier read; and it must stay inside its byte budget.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_KINDS, LOG_KINDS, normalizeRecord, type JsonObject, type LogKind } from '../model/index.ts';
import { buildListPlan } from '../api/graph-list-plan.ts';
import { parseListOptions } from '../query/odata/index.ts';
import { generateDemo } from '../demo/index.ts';
import { DuckDbStore, type PreparedRecord } from './index.ts';
import { RecordCache } from './record-cache.ts';

const rec = (id: string, pad = 0): JsonObject => ({ id, createdDateTime: '2026-03-01T00:00:00Z', note: 'x'.repeat(pad) });

test('a hit is a fresh copy: changing it does not change the next hit', () => {
  const c = new RecordCache(1 << 20);
  c.put('signIns', 't', 1, 'a', { id: 'a', status: { errorCode: 0 } });
  const first = c.get('signIns', 't', 1, 'a')!;
  (first['status'] as JsonObject)['errorCode'] = 999;
  assert.deepEqual(c.get('signIns', 't', 1, 'a'), { id: 'a', status: { errorCode: 0 } });
});

test('keys include kind, tenant, sequence and id: no record is served for another', () => {
  const c = new RecordCache(1 << 20);
  c.put('signIns', 't1', 5, 'a', rec('a'));
  assert.equal(c.get('signIns', 't2', 5, 'a'), undefined);
  assert.equal(c.get('signUps', 't1', 5, 'a'), undefined);
  assert.equal(c.get('signIns', 't1', 6, 'a'), undefined);
  assert.equal(c.get('signIns', 't1', 5, 'b'), undefined);
  assert.ok(c.get('signIns', 't1', 5, 'a'));
  assert.deepEqual({ hits: c.stats().hits, misses: c.stats().misses }, { hits: 1, misses: 4 });
});

test('the least recently used records go first, and the cache stays within its budget', () => {
  const c = new RecordCache(20_000);
  for (let i = 0; i < 10; i++) c.put('signIns', 't', i, `r${i}`, rec(`r${i}`, 1000));
  assert.ok(c.stats().bytes <= 20_000, `bytes ${c.stats().bytes}`);
  const kept = Array.from({ length: 10 }, (_, i) => i).filter((i) => c.get('signIns', 't', i, `r${i}`));
  assert.ok(kept.length >= 5 && kept.length < 10, `kept ${kept}`);
  assert.deepEqual(kept, kept.map((_, j) => 10 - kept.length + j), 'the newest entries survive');
  // Touch the oldest survivor, then add one more: the next-oldest goes instead of it.
  const oldest = kept[0]!;
  c.get('signIns', 't', oldest, `r${oldest}`);
  c.put('signIns', 't', 10, 'r10', rec('r10', 1000));
  assert.ok(c.get('signIns', 't', oldest, `r${oldest}`), 'a recently read entry is kept');
  assert.equal(c.get('signIns', 't', kept[1]!, `r${kept[1]}`), undefined);
});

test('many puts, hits and re-puts evict exactly in least-recently-used order (reference model)', () => {
  // A plain array model of LRU with the same byte accounting; a seeded walk of 5000 operations.
  const c = new RecordCache(60_000);
  const model: Array<{ k: string; size: number }> = [];
  let bytes = 0;
  let seed = 11;
  const rnd = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
  const keyOf = (i: number) => `signIns\u0000t\u0000${i}\u0000r${i}`;
  for (let step = 0; step < 5000; step++) {
    const i = rnd(120);
    const k = keyOf(i);
    const at = model.findIndex((m) => m.k === k);
    if (rnd(3) === 0) {
      const hit = c.get('signIns', 't', i, `r${i}`);
      assert.equal(hit !== undefined, at >= 0, `step ${step}: presence of ${i}`);
      if (at >= 0) model.push(...model.splice(at, 1));
    } else {
      const json = JSON.stringify(rec(`r${i}`, rnd(2000)));
      c.putJson('signIns', 't', i, `r${i}`, json);
      const size = (json.length + k.length) * 2 + 96;
      if (at >= 0) bytes -= model.splice(at, 1)[0]!.size;
      model.push({ k, size });
      bytes += size;
      while (bytes > 60_000) bytes -= model.shift()!.size;
    }
    assert.equal(c.stats().entries, model.length, `step ${step}: entries`);
    assert.equal(c.stats().bytes, bytes, `step ${step}: bytes`);
  }
  c.clear();
  assert.deepEqual([c.stats().entries, c.stats().bytes], [0, 0]);
  c.put('signIns', 't', 1, 'a', rec('a'));
  assert.deepEqual(c.get('signIns', 't', 1, 'a'), rec('a'), 'usable after clear');
});

test('size 0 disables the cache; a record bigger than a quarter of it is not kept; bad sizes are refused', () => {
  const off = new RecordCache(0);
  off.put('signIns', 't', 1, 'a', rec('a'));
  assert.equal(off.get('signIns', 't', 1, 'a'), undefined);
  assert.equal(off.stats().entries, 0);
  const small = new RecordCache(8_000);
  small.put('signIns', 't', 1, 'big', rec('big', 4000));
  assert.equal(small.stats().entries, 0);
  assert.throws(() => new RecordCache(-1), /non-negative/);
  assert.throws(() => new RecordCache(Number.NaN), /non-negative/);
});

// The same records in a cached and an uncached store; every page of every kind compared as text.
const T = 'cache';
let cached: DuckDbStore;
let plain: DuckDbStore;
const counts = new Map<LogKind, number>();

before(async () => {
  cached = await DuckDbStore.open({ dataDir: ':memory:', threads: 1 });
  plain = await DuckDbStore.open({ dataDir: ':memory:', threads: 1, recordCacheBytes: 0 });
  const batches = new Map<LogKind, PreparedRecord[]>();
  await generateDemo({ seed: 3, users: 12, days: 2, endDate: '2026-03-01T00:00:00Z', attacks: true, tenantId: T }, {
    write(kind, record) {
      const n = normalizeRecord(LOG_KINDS[kind].schema, record);
      (batches.get(kind) ?? batches.set(kind, []).get(kind)!).push({ record: n.record, extra: n.extra, json: JSON.stringify(n.record) });
    },
  });
  // Properties the schema does not know, at the top and nested, come back through `_extra`.
  const extra = normalizeRecord(LOG_KINDS.signIns.schema, {
    id: 'with-extra', createdDateTime: '2026-03-01T00:00:00.1234567Z', userPrincipalName: 'x@example.com', signInEventTypes: ['interactiveUser'], futureTopLevel: { a: [1, 2] },
    status: { errorCode: 50126, failureReason: 'bad password', additionalDetails: null, futureNested: true },
  });
  batches.get('signIns')!.push({ record: extra.record, extra: extra.extra });
  for (const [kind, b] of batches) {
    counts.set(kind, b.length);
    await cached.append(kind, T, b);
    await plain.append(kind, T, b);
  }
});
after(async () => {
  await cached.close();
  await plain.close();
});

async function pages(store: DuckDbStore, kind: LogKind): Promise<string[]> {
  const def = LOG_KINDS[kind];
  const out: string[] = [];
  // The beta sign-in list defaults to interactive sign-ins; filtering on the event type reaches all.
  const q = kind === 'signIns' ? { $top: '25', $filter: "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser' or t eq 'servicePrincipal' or t eq 'managedIdentity')" } : { $top: '25' };
  const opts = parseListOptions(def, 'beta', q);
  let cursor: { t: string; id: string } | null = null;
  for (let p = 0; p < 4; p++) {
    const recs = await store.readRecords(kind, buildListPlan(def, 'beta', T, opts, cursor));
    out.push(...recs.map((r) => JSON.stringify(r)));
    if (recs.length < 26) break;
    const last = recs[24]!;
    cursor = { t: String(last[def.timeField]), id: String(last['id']) };
  }
  return out;
}

test('pages filled into the cache at ingest equal the engine-decoded pages, every kind', async () => {
  for (const kind of ALL_KINDS) {
    assert.ok((counts.get(kind) ?? 0) > 0, `the demo made ${kind}`);
    const before = cached.recordCacheStats();
    const want = await pages(plain, kind);
    const got = await pages(cached, kind);
    assert.ok(want.length > 0, kind);
    assert.deepEqual(got, want, kind);
    const after = cached.recordCacheStats();
    // Nothing was fetched by key: a page came from the cache, or (a sparse page of a small kind)
    // from the engine's own plan, which the page reader hands over without its key step.
    assert.equal(after.misses - before.misses, 0, `${kind}: no page fetched records by key`);
    if (kind === 'signIns') assert.ok(after.hits - before.hits >= want.length, 'every dense sign-in page came from the cache');
  }
  const withExtra = (await pages(cached, 'signIns')).map((s) => JSON.parse(s) as JsonObject).find((r) => r['id'] === 'with-extra')!;
  assert.deepEqual(withExtra['futureTopLevel'], { a: [1, 2] });
  assert.equal((withExtra['status'] as JsonObject)['futureNested'], true);
});

test('after a purge empties it, the cache refills from reads and still answers the same', async () => {
  await cached.purgeBefore('1990-01-01T00:00:00Z'); // removes nothing, clears the cache
  assert.equal(cached.recordCacheStats().entries, 0);
  const want = await pages(plain, 'signIns');
  const s0 = cached.recordCacheStats();
  assert.deepEqual(await pages(cached, 'signIns'), want);
  const s1 = cached.recordCacheStats();
  assert.ok(s1.misses - s0.misses > 0 && s1.entries > 0, 'the first read fetched and kept');
  assert.deepEqual(await pages(cached, 'signIns'), want);
  const s2 = cached.recordCacheStats();
  assert.equal(s2.misses - s1.misses, 0, 'the second read was served from the cache');
});
