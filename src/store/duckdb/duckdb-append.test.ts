// The append's duplicate check and sequence numbers live in the writer's memory (tenant-log.ts);
// these tests hold them to what the table says: across restarts, rollbacks, concurrent batches and
// batches mixing stored and new ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb-store.ts';
import { LOG_KINDS, normalizeRecord } from '../../model/index.ts';
import { sampleRecord } from '../../model/sample-record.ts';
import { tempDir } from '../../testing/temp-dir.ts';

const schema = LOG_KINDS.signIns.schema;
const rec = (id: string, n = 1) => normalizeRecord(schema, sampleRecord(schema, n, { id }));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

async function storedRows(s: DuckDbStore, tenant: string): Promise<Array<{ id: string; seq: number }>> {
  const rows = await s.rawQuery(`SELECT id, _seq::INTEGER AS seq FROM ${LOG_KINDS.signIns.table} WHERE _tenant = $1 ORDER BY _seq`, [tenant]);
  return rows.map((r) => ({ id: String(r['id']), seq: Number(r['seq']) }));
}

test('records stored before a restart are recognised as duplicates after it', async () => {
  const dir = tempDir();
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    await s.append('signIns', 'T', ids('a', 3000).map((id) => rec(id)));
    await s.close();
    s = await DuckDbStore.open({ dataDir: dir.path });
    // Old ids spread through the batch, between new ones.
    const mixed = [...ids('a', 3000).filter((_, i) => i % 300 === 0), ...ids('b', 5)].map((id) => rec(id));
    const r = await s.append('signIns', 'T', mixed);
    assert.equal(r.inserted, 5);
    assert.equal(r.duplicates, 10);
    assert.deepEqual(r.stored, ids('b', 5).map((id, i) => ({ id, seq: 3001 + i })));
    assert.equal((await storedRows(s, 'T')).length, 3005);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('a batch resent whole stores nothing, and the same ids stay free in another tenant', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    const batch = ids('x', 500).map((id) => rec(id));
    assert.equal((await s.append('signIns', 'T', batch)).inserted, 500);
    const again = await s.append('signIns', 'T', batch);
    assert.deepEqual([again.inserted, again.duplicates, again.stored.length], [0, 500, 0]);
    assert.equal((await s.append('signIns', 'U', batch)).inserted, 500);
  } finally {
    await s.close();
  }
});

test('a rolled-back append leaves no trace: its ids and sequence numbers are used by the next one', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    await s.append('signIns', 'T', [rec('first')]);
    const batch = ['r1', 'r2'].map((id) => rec(id));
    await assert.rejects(
      s.append('signIns', 'T', batch, { anchor: () => { throw new Error('anchor failed'); } }),
      /anchor failed/,
    );
    const r = await s.append('signIns', 'T', batch, { anchor: () => null });
    assert.deepEqual(r.stored, [{ id: 'r1', seq: 2 }, { id: 'r2', seq: 3 }]);
    assert.deepEqual((await storedRows(s, 'T')).map((x) => x.seq), [1, 2, 3]);
  } finally {
    await s.close();
  }
});

test('concurrent overlapping batches store each id once with gap-free sequence numbers', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    const results = await Promise.all(
      [0, 1, 2, 3].map((k) => s.append('signIns', 'T', ids('c', 400).slice(k * 100, k * 100 + 200).map((id) => rec(id)))),
    );
    assert.equal(results.reduce((n, r) => n + r.inserted, 0), 400);
    const rows = await storedRows(s, 'T');
    assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: 400 }, (_, i) => i + 1));
    assert.equal(new Set(rows.map((r) => r.id)).size, 400);
  } finally {
    await s.close();
  }
});

test('an idle store checkpoints, leaving no WAL for a restart to replay', async () => {
  const dir = tempDir();
  try {
    const s = await DuckDbStore.open({ dataDir: dir.path, idleCheckpointMs: 50 });
    const wal = join(dir.path, 'idtrail.duckdb.wal');
    await s.append('signIns', 'T', ids('w', 200).map((id) => rec(id)));
    assert.ok(existsSync(wal) && statSync(wal).size > 0, 'the commit is in the WAL');
    const deadline = Date.now() + 10_000;
    while (existsSync(wal) && statSync(wal).size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the WAL was checkpointed');
    assert.equal((await storedRows(s, 'T')).length, 200);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('ids that need quoting are hashed and matched as themselves', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    const odd = ['a,b', '[x]', "o'brien", 'say "hi"', 'back\\slash', 'ünï-çødé', '  ', 'null', 'NULL', '{"a":1}', '\u2028line'];
    assert.equal((await s.append('signIns', 'T', odd.map((id) => rec(id)))).inserted, odd.length);
    // Each resent alone and all together with one new id: only the new one is stored.
    for (const id of odd) assert.equal((await s.append('signIns', 'T', [rec(id)])).duplicates, 1, id);
    const r = await s.append('signIns', 'T', [...odd, 'fresh'].map((id) => rec(id)));
    assert.deepEqual(r.stored.map((x) => x.id), ['fresh']);
    assert.deepEqual((await storedRows(s, 'T')).map((x) => x.id), [...odd, 'fresh']);
  } finally {
    await s.close();
  }
});

test('a file written with the old id-hash column opens, drops it, and keeps deduplicating', async () => {
  const dir = tempDir();
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    await s.append('signIns', 'T', ids('o', 20).map((id) => rec(id)));
    // The layout before the filter hashed ids itself: a NOT NULL _idh column holding a hash.
    await s.exec(`ALTER TABLE ${LOG_KINDS.signIns.table} ADD COLUMN _idh BIGINT DEFAULT 7`);
    await s.close();
    s = await DuckDbStore.open({ dataDir: dir.path });
    const cols = await s.rawQuery(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [LOG_KINDS.signIns.table]);
    assert.ok(!cols.some((c) => c['column_name'] === '_idh'), 'the old column is gone');
    const r = await s.append('signIns', 'T', [...ids('o', 20), 'n1'].map((id) => rec(id)));
    assert.deepEqual([r.inserted, r.duplicates], [1, 20]);
    assert.equal((await storedRows(s, 'T')).length, 21);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('sequence numbers are never reused after retention deleted the newest or all records', async () => {
  const dir = tempDir();
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    const anchor = (stored: ReadonlyArray<{ seq: number }>) => ({ seqFrom: stored[0]!.seq, seqTo: stored[stored.length - 1]!.seq, link: 'l', prints: 'p' });
    await s.append('signIns', 'T', ids('r', 5).map((id) => rec(id)), { anchor });
    await s.append('signIns', 'U', ids('u', 3).map((id) => rec(id)));
    // Retention removed all of T's records and left a base at 5; U lost its newest record (seq 3)
    // to retention, which signed a redaction for it.
    await s.exec(`DELETE FROM ${LOG_KINDS.signIns.table} WHERE _tenant = 'T' OR (_tenant = 'U' AND _seq = 3)`);
    await s.exec(`INSERT INTO _chain_bases VALUES ('T', 'signIns', 5, 'l', 'now', 'sig')`);
    await s.exec(`DELETE FROM _chain_anchors WHERE _tenant = 'T'`);
    await s.exec(`INSERT INTO _chain_redactions VALUES ('U', 'signIns', 3, 'd', 'sig')`);
    await s.close();
    s = await DuckDbStore.open({ dataDir: dir.path });
    assert.deepEqual((await s.append('signIns', 'T', [rec('after')])).stored, [{ id: 'after', seq: 6 }]);
    assert.deepEqual((await s.append('signIns', 'U', [rec('after-u')])).stored, [{ id: 'after-u', seq: 4 }]);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('Node hashes ids as the filter load does in DuckDB (md5_number_upper >> 11), for any text', async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { idHash53, HASH_53 } = await import('./tenant-log.ts');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    const samples = ['', 'a', '86e89097-c625-4e2d-94e8-59c617ac0a6d', 'ünï"code\'s', '🙂 emoji', 'x'.repeat(5000), 'nul\u0000inside', '\u00e9'.normalize('NFD')];
    const r = await c.runAndReadAll(`SELECT list_transform(from_json($1::JSON, '["VARCHAR"]'), x -> ${HASH_53('x')}) AS h`, [JSON.stringify(samples)]);
    const list = r.getRowObjectsJS()[0]!['h'] as { items: number[] } | number[];
    const fromDuck = (Array.isArray(list) ? list : list.items).map(Number);
    assert.deepEqual(samples.map(idHash53), fromDuck);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
});
