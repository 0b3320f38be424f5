// The spool between an acknowledgement and the table (append-spool.ts, spool-loader.ts): what a
// crash leaves is loaded once at the next open, a torn write is cut off, a batch DuckDB refuses is
// set aside without holding back the others, and each acknowledgement mode keeps its promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from './duckdb-store.ts';
import { AppendSpool } from './append-spool.ts';
import { appendStatement } from './duckdb-schema.ts';
import { stagedLines } from './spooled-appends.ts';
import { LOG_KINDS, normalizeRecord } from '../../model/index.ts';
import { sampleRecord } from '../../model/sample-record.ts';
import { tempDir } from '../../testing/temp-dir.ts';

const schema = LOG_KINDS.signIns.schema;
const rec = (id: string, n = 1) => normalizeRecord(schema, sampleRecord(schema, n, { id }));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const masks = appendStatement(LOG_KINDS.signIns).masks;

async function rows(s: DuckDbStore, tenant: string): Promise<Array<{ id: string; seq: number }>> {
  const r = await s.rawQuery(`SELECT id, _seq::INTEGER AS seq FROM sign_ins WHERE _tenant = $1 ORDER BY _seq`, [tenant]);
  return r.map((x) => ({ id: String(x['id']), seq: Number(x['seq']) }));
}

/** What a process that died after acknowledging, before loading, leaves: spooled batches (spool files only). */
function spoolBatches(dataDir: string, tenant: string, batches: string[][], firstSeq = 1): string {
  const spool = new AppendSpool(join(dataDir, 'spool'), true);
  let seq = firstSeq;
  let name = '';
  for (const b of batches) {
    const items = b.map((id) => ({ p: { ...rec(id) }, seq: seq++ }));
    const anchor = { seqFrom: items[0]!.seq, seqTo: seq - 1, link: 'ab'.repeat(32), prints: '' };
    name = spool.append({ kind: 'signIns', tenantId: tenant, count: b.length, lastSeq: seq - 1, anchor }, stagedLines(masks, tenant, items)).segment.name;
  }
  return join(dataDir, 'spool', name);
}

test('batches spooled by a process that died before loading them are loaded, with their anchors, at the next open', async () => {
  const dir = tempDir();
  try {
    // A store that exists (tables made), then a crash image: two acknowledged batches in the spool.
    await (await DuckDbStore.open({ dataDir: dir.path })).close();
    spoolBatches(dir.path, 'T', [ids('a', 3), ids('b', 2)]);
    const s = await DuckDbStore.open({ dataDir: dir.path });
    try {
      assert.deepEqual(await rows(s, 'T'), [...ids('a', 3), ...ids('b', 2)].map((id, i) => ({ id, seq: i + 1 })));
      const anchors = await s.rawQuery(`SELECT seq_from::INTEGER AS f, seq_to::INTEGER AS t FROM _chain_anchors WHERE _tenant = 'T' ORDER BY seq_from`);
      assert.deepEqual(anchors.map((a) => [a['f'], a['t']]), [[1, 3], [4, 5]]);
      assert.deepEqual(readdirSync(join(dir.path, 'spool')).filter((f) => f.endsWith('.ndjson')), [], 'loaded segments are deleted');
      // The log continues after the recovered batches: the next append knows their ids and seqs.
      const r = await s.append('signIns', 'T', [rec('a1'), rec('c0')]);
      assert.deepEqual(r.stored, [{ id: 'c0', seq: 6 }]);
    } finally {
      await s.close();
    }
  } finally {
    dir.remove();
  }
});

test('a torn last batch (never acknowledged) is cut off; the whole batches before it are loaded', async () => {
  const dir = tempDir();
  try {
    await (await DuckDbStore.open({ dataDir: dir.path })).close();
    const file = spoolBatches(dir.path, 'T', [ids('a', 2)]);
    const torn = stagedLines(masks, 'T', [{ p: rec('z0'), seq: 3 }])[0]!;
    appendFileSync(file, `{"_spool":{"kind":"signIns","tenantId":"T","count":2,"lastSeq":4,"anchor":null}}\n${torn}\n${torn.slice(0, 40)}`);
    const s = await DuckDbStore.open({ dataDir: dir.path });
    try {
      assert.deepEqual((await rows(s, 'T')).map((r) => r.id), ids('a', 2));
    } finally {
      await s.close();
    }
  } finally {
    dir.remove();
  }
});

test('a segment whose load committed before the crash is not loaded twice', async () => {
  const dir = tempDir();
  try {
    const s0 = await DuckDbStore.open({ dataDir: dir.path });
    await s0.append('signIns', 'T', ids('a', 3).map((id) => rec(id)));
    await s0.close();
    // The crash came after the load's commit and before the file's deletion: the file is back,
    // and _spool_loaded names its batch, as the load's transaction left it.
    const file = spoolBatches(dir.path, 'T', [ids('a', 3)]);
    const inst = await DuckDBInstance.create(join(dir.path, 'idtrail.duckdb'));
    const c = await inst.connect();
    await c.run('INSERT INTO _spool_loaded VALUES ($1, 0)', [file.split('/').pop()!]);
    c.closeSync();
    inst.closeSync();
    const s = await DuckDbStore.open({ dataDir: dir.path });
    try {
      assert.deepEqual(await rows(s, 'T'), ids('a', 3).map((id, i) => ({ id, seq: i + 1 })));
      assert.equal(existsSync(file), false);
    } finally {
      await s.close();
    }
  } finally {
    dir.remove();
  }
});

for (const ack of ['visible', 'durable'] as const) {
  test(`a batch DuckDB refuses is set aside without holding back the batches loaded with it (ack ${ack})`, async () => {
    const dir = tempDir();
    const quarantined: string[] = [];
    try {
      const s = await DuckDbStore.open({ dataDir: dir.path, onSpoolQuarantine: (f) => quarantined.push(f) });
      try {
        // Valid for the model's types but not for the column: a timestamp DuckDB cannot read.
        const bad = rec('bad0');
        const json = JSON.stringify(bad.record).replace(/"createdDateTime":"[^"]*"/, '"createdDateTime":"not a time"');
        const [r1, r2, r3] = await Promise.allSettled([
          s.append('signIns', 'T', ids('a', 2).map((id) => rec(id)), { ack }),
          s.append('signIns', 'T', [{ ...bad, json }], { ack }),
          s.append('signIns', 'U', ids('u', 2).map((id) => rec(id)), { ack }),
        ]);
        assert.equal(r1.status, 'fulfilled');
        assert.equal(r3.status, 'fulfilled');
        if (ack === 'visible') {
          // Answered only once readable: the refused batch is an error its sender sees.
          assert.equal(r2.status, 'rejected');
          assert.match(String((r2 as PromiseRejectedResult).reason), /set aside/);
        } else {
          // Answered once durable, before the load: the refusal is the operator's to see.
          assert.equal(r2.status, 'fulfilled');
          await s.exec('SELECT 1'); // writes wait for every acknowledged batch
        }
        assert.deepEqual((await rows(s, 'T')).map((r) => r.id), ids('a', 2));
        assert.deepEqual((await rows(s, 'U')).map((r) => r.id), ids('u', 2));
        assert.equal(quarantined.length, 1);
        assert.match(readFileSync(quarantined[0]!, 'utf8'), /"id":"bad0"/);
        assert.equal(s.spoolStats().quarantined, 1);
        // The id was never stored, so it may be sent again (here with a valid time).
        assert.equal((await s.append('signIns', 'T', [rec('bad0')])).inserted, 1);
        assert.deepEqual((await rows(s, 'T')).map((r) => r.id), [...ids('a', 2), 'bad0']);
      } finally {
        await s.close();
      }
    } finally {
      dir.remove();
    }
  });
}

test('a durable acknowledgement comes before the load; the batch is readable once loaded, and a restart keeps it', async () => {
  const dir = tempDir();
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    const r = await s.append('signIns', 'T', ids('d', 20).map((id) => rec(id)), { ack: 'durable' });
    assert.equal(r.inserted, 20);
    // Readable after the loads the acknowledged batches are waiting for (writes wait for them).
    await s.exec('SELECT 1');
    assert.equal((await rows(s, 'T')).length, 20);
    assert.equal((await s.append('signIns', 'T', ids('d', 20).map((id) => rec(id)), { ack: 'durable' })).duplicates, 20);
    await s.close();
    s = await DuckDbStore.open({ dataDir: dir.path });
    assert.deepEqual((await rows(s, 'T')).map((x) => x.seq), Array.from({ length: 20 }, (_, i) => i + 1));
    await s.close();
  } finally {
    dir.remove();
  }
});

test('concurrent appends share loads, keep gap-free sequence numbers, and are all readable after their acks', async () => {
  const dir = tempDir();
  try {
    const s = await DuckDbStore.open({ dataDir: dir.path });
    try {
      const batches = Array.from({ length: 12 }, (_, b) => ids(`b${b}-`, 50).map((id) => rec(id)));
      // Every batch also resends two ids of the one before it: found among the staged, unloaded ones.
      const resent = batches.map((b, i) => (i === 0 ? b : [...b, batches[i - 1]![0]!, batches[i - 1]![1]!]));
      const results = await Promise.all(resent.map((b) => s.append('signIns', 'T', b)));
      assert.equal(results.reduce((n, r) => n + r.inserted, 0), 600);
      assert.equal(results.reduce((n, r) => n + r.duplicates, 0), 22);
      const stored = await rows(s, 'T');
      assert.equal(stored.length, 600);
      assert.deepEqual(stored.map((r) => r.seq), Array.from({ length: 600 }, (_, i) => i + 1));
      const st = s.spoolStats();
      assert.equal(st.loadedBatches, 12);
      assert.ok(st.loads < 12, `12 batches took ${st.loads} loads`);
      assert.equal(st.batches, 0);
    } finally {
      await s.close();
    }
  } finally {
    dir.remove();
  }
});
