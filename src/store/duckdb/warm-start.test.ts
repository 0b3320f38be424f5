// The warm start loads the duplicate filters in the background after a restart (warm-start.ts).
// These tests hold it to what the table says when appends race it, when it fails and when the store
// closes under it; a hook holds a load after its snapshot, where a racing append would do harm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from './duckdb-store.ts';
import { LOG_KINDS, normalizeRecord, type LogKind } from '../../model/index.ts';
import { sampleRecord } from '../../model/sample-record.ts';
import { tempDir } from '../../testing/temp-dir.ts';

const schema = LOG_KINDS.signIns.schema;
const rec = (id: string) => normalizeRecord(schema, sampleRecord(schema, 1, { id }));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

async function storedRows(s: DuckDbStore, tenant: string): Promise<Array<{ id: string; seq: number }>> {
  const rows = await s.rawQuery(`SELECT id, _seq::INTEGER AS seq FROM ${LOG_KINDS.signIns.table} WHERE _tenant = $1 ORDER BY _seq`, [tenant]);
  return rows.map((r) => ({ id: String(r['id']), seq: Number(r['seq']) }));
}

/** A store in a fresh directory holding `sizes[tenant]` sign-ins per tenant, reopened (a restart). */
async function restarted(dir: string, sizes: Record<string, number>): Promise<DuckDbStore> {
  const s = await DuckDbStore.open({ dataDir: dir });
  for (const [tenant, n] of Object.entries(sizes)) await s.append('signIns', tenant, ids('a', n).map(rec));
  await s.close();
  return DuckDbStore.open({ dataDir: dir });
}

/** A promise with its resolve and reject, to hold a load until the test lets it go. */
function gate(): { promise: Promise<void>; open(): void; fail(e: Error): void } {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { promise, open, fail };
}

/** Yield to the event loop until `done` holds (no deadline: node:test's own timeout bounds it). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}

/** Fires `batch` at the store and resolves once that append waits for a load, or has finished. */
async function appendThatMustWait(s: DuckDbStore, tenant: string, batch: string[]) {
  const waitsBefore = s.idFilterStats().waits;
  let settled = false;
  const p = s.append('signIns', tenant, batch.map(rec));
  p.then(() => (settled = true), () => (settled = true));
  await until(() => settled || s.idFilterStats().waits > waitsBefore);
  assert.equal(settled, false, 'the append did not wait for the load of its log');
  return { result: p };
}

test('after a warm start the first appends load nothing and still recognise every stored id', async () => {
  const dir = tempDir();
  try {
    const s = await restarted(dir.path, { T: 3000, U: 10 });
    const order: string[] = [];
    const summary = await s.warmStart({ afterSnapshot: (kind: LogKind, t: string) => void order.push(`${kind}/${t}`) });
    assert.deepEqual(order, ['signIns/U', 'signIns/T'], 'smallest log first');
    assert.deepEqual([summary.logs, summary.records, summary.failed, summary.stopped], [2, 3010, 0, false]);
    assert.equal(s.idFilterStats().filters, 2);
    assert.equal(s.idFilterStats().bytes, summary.bytes);

    const r = await s.append('signIns', 'T', [...ids('a', 3000).filter((_, i) => i % 300 === 0), ...ids('b', 5)].map(rec));
    assert.deepEqual([r.inserted, r.duplicates], [5, 10]);
    assert.deepEqual(r.stored, ids('b', 5).map((id, i) => ({ id, seq: 3001 + i })));
    const u = await s.append('signIns', 'U', ids('a', 11).map(rec));
    assert.deepEqual(u.stored, [{ id: 'a10', seq: 11 }]);
    assert.deepEqual(s.idFilterStats().loads, { append: 0, warmStart: 2 });
    // A log with nothing stored was not warmed: its first append loads it, as before.
    await s.append('signIns', 'V', [rec('v1')]);
    assert.deepEqual(s.idFilterStats().loads, { append: 1, warmStart: 2 });
    await s.close();
  } finally {
    dir.remove();
  }
});

test('an append racing the load of its log waits for it: resent ids found, sequence numbers continue', async () => {
  const dir = tempDir();
  try {
    const s = await restarted(dir.path, { T: 2000 });
    const held = gate();
    const reached = gate();
    const warm = s.warmStart({ afterSnapshot: () => (reached.open(), held.promise) });
    await reached.promise;
    // The load's snapshot is taken: an append committing now, unseen by it, would be lost to the filter.
    const racing = await appendThatMustWait(s, 'T', [...ids('a', 2000).slice(0, 50), ...ids('n', 20)]);
    held.open();
    const r1 = await racing.result;
    assert.deepEqual([r1.inserted, r1.duplicates], [20, 50]);
    assert.deepEqual(r1.stored.map((x) => x.seq), Array.from({ length: 20 }, (_, i) => 2001 + i));
    // The same ids again plus more: the racing batch's ids are in the filter, its seqs in the state.
    const r2 = await s.append('signIns', 'T', [...ids('n', 25), ...ids('a', 2000).slice(1990)].map(rec));
    assert.deepEqual(r2.stored, ids('n', 25).slice(20).map((id, i) => ({ id, seq: 2021 + i })));
    const rows = await storedRows(s, 'T');
    assert.deepEqual(rows.map((x) => x.seq), Array.from({ length: 2025 }, (_, i) => i + 1));
    assert.equal(new Set(rows.map((x) => x.id)).size, 2025);
    assert.deepEqual(s.idFilterStats().loads, { append: 0, warmStart: 1 });
    assert.equal((await warm).logs, 1);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('an append of a log the warm start has not reached loads it itself, and the warm start skips it', async () => {
  const dir = tempDir();
  try {
    const s = await restarted(dir.path, { small: 5, T: 500 });
    const held = gate();
    const reached = gate();
    const warm = s.warmStart({ afterSnapshot: (_k: LogKind, t: string) => (t === 'small' ? (reached.open(), held.promise) : undefined) });
    await reached.promise;
    const r = await s.append('signIns', 'T', [...ids('a', 3), 'new'].map(rec));
    assert.deepEqual(r.stored, [{ id: 'new', seq: 501 }]);
    held.open();
    const summary = await warm;
    assert.deepEqual([summary.logs, summary.skipped], [1, 1]);
    assert.deepEqual(s.idFilterStats().loads, { append: 1, warmStart: 1 });
    assert.equal((await s.append('signIns', 'T', [rec('new'), rec('new2')])).stored[0]?.seq, 502);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('a failed background load leaves its log to the first append, even one already waiting for it', async () => {
  const dir = tempDir();
  try {
    const s = await restarted(dir.path, { T: 800, U: 300 });
    const held = gate();
    const reached = gate();
    const warm = s.warmStart({
      afterSnapshot: (_k: LogKind, t: string) => {
        if (t === 'U') throw new Error('simulated read failure');
        reached.open();
        return held.promise;
      },
    });
    await reached.promise;
    const waiting = await appendThatMustWait(s, 'T', [...ids('a', 5), 'x1']);
    held.fail(new Error('simulated interrupted load'));
    // The waiting append loaded T on the writer instead of failing.
    assert.deepEqual((await waiting.result).stored, [{ id: 'x1', seq: 801 }]);
    const summary = await warm;
    assert.deepEqual([summary.logs, summary.failed], [0, 2]);
    assert.equal(s.idFilterStats().loads.append, 1);
    const u = await s.append('signIns', 'U', [...ids('a', 300), 'y1'].map(rec));
    assert.deepEqual([u.inserted, u.duplicates, u.stored[0]?.seq], [1, 300, 301]);
    assert.equal(s.idFilterStats().loads.append, 2);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('closing the store during a background load is clean and loses nothing', async () => {
  const dir = tempDir();
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    // Enough rows that the load is still reading them when close() interrupts it.
    await s.exec(
      `INSERT INTO ${LOG_KINDS.signIns.table} (_tenant, _seq, _ingested, _evmask, id, "createdDateTime") ` +
        `SELECT 'big', range + 1, now()::TIMESTAMP, 0, 'id' || range, now()::TIMESTAMP_NS FROM range(300000)`,
    );
    await s.append('signIns', 'held', ids('h', 10).map(rec));
    await s.close();

    // Held inside a load (after its snapshot): close stops the run once the load returns.
    s = await DuckDbStore.open({ dataDir: dir.path });
    const held = gate();
    const reached = gate();
    const warm = s.warmStart({ afterSnapshot: () => (reached.open(), held.promise) });
    await reached.promise;
    const closing = s.close();
    held.open();
    await closing;
    const summary = await warm;
    assert.equal(summary.stopped, true);
    assert.ok(summary.logs <= 1, 'nothing after the held load');

    // Interrupted while streaming a large log, with no hook in the way.
    s = await DuckDbStore.open({ dataDir: dir.path });
    const warm2 = s.warmStart();
    await s.close();
    assert.equal((await warm2).stopped, true);
    await assert.rejects(s.append('signIns', 'big', [rec('late')]), /closed/);

    s = await DuckDbStore.open({ dataDir: dir.path });
    const r = await s.append('signIns', 'big', [rec('id7'), rec('fresh')]);
    assert.deepEqual(r.stored, [{ id: 'fresh', seq: 300001 }]);
    await s.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    dir.remove();
  }
});
