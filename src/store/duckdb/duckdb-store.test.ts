import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb-store.ts';
import { LOG_KINDS, ALL_KINDS, normalizeRecord } from '../../model/index.ts';
import { sampleRecord } from '../../model/sample-record.ts';
import { scan, where, eq, field, lit, sort, desc, aggregate, agg, named } from '../../query/ir/index.ts';
import { tempDir } from '../../testing/temp-dir.ts';

const prep = (kind: (typeof ALL_KINDS)[number], n: number, over = {}) => normalizeRecord(LOG_KINDS[kind].schema, sampleRecord(LOG_KINDS[kind].schema, n, over));

test('append stores each (tenant, id) once and numbers records per tenant and kind', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    const a = await s.append('signIns', 'T1', [prep('signIns', 1, { id: 'a' }), prep('signIns', 2, { id: 'b' }), prep('signIns', 3, { id: 'a' })]);
    assert.equal(a.inserted, 2);
    assert.equal(a.duplicates, 1);
    assert.deepEqual(a.stored, [{ id: 'a', seq: 1 }, { id: 'b', seq: 2 }]);
    const again = await s.append('signIns', 'T1', [prep('signIns', 4, { id: 'b' }), prep('signIns', 5, { id: 'c' })]);
    assert.deepEqual(again.stored, [{ id: 'c', seq: 3 }]);
    // The same id in another tenant is another record.
    const other = await s.append('signIns', 'T2', [prep('signIns', 6, { id: 'a' })]);
    assert.deepEqual(other.stored, [{ id: 'a', seq: 1 }]);
    const counts = await s.query(aggregate(scan('signIns', 'T1'), [], [named('n', agg('count'))]));
    assert.equal(counts.rows[0]!['n'], 3);
  } finally {
    await s.close();
  }
});

test('tenant scoping: a scan of one tenant never returns another tenant\'s rows', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    await s.append('directoryAudits', 'A', [prep('directoryAudits', 1, { id: 'x' })]);
    await s.append('directoryAudits', 'B', [prep('directoryAudits', 2, { id: 'y' })]);
    const rows = await s.readRecords('directoryAudits', scan('directoryAudits', 'A'));
    assert.deepEqual(rows.map((r) => r['id']), ['x']);
    const none = await s.readRecords('directoryAudits', where(scan('directoryAudits', 'A'), eq(field('id'), lit('y'))));
    assert.equal(none.length, 0);
  } finally {
    await s.close();
  }
});

test('every kind round-trips through the store unchanged, including unknown properties', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    for (const k of ALL_KINDS) {
      const input = sampleRecord(LOG_KINDS[k].schema, 7, { futureProperty: { a: [1, { b: 'c' }] } });
      await s.append(k, 'T', [normalizeRecord(LOG_KINDS[k].schema, structuredClone(input))]);
      const [back] = await s.readRecords(k, scan(k, 'T'));
      assert.deepEqual(back, input, k);
    }
  } finally {
    await s.close();
  }
});

test('records survive closing and reopening the store', async () => {
  const dir = tempDir();
  try {
    let s = await DuckDbStore.open({ dataDir: dir.path });
    await s.append('signIns', 'T', [prep('signIns', 1, { id: 'p1' }), prep('signIns', 2, { id: 'p2' })]);
    await s.close();
    s = await DuckDbStore.open({ dataDir: dir.path });
    const rows = await s.readRecords('signIns', sort(scan('signIns', 'T'), [desc(field('id'))]));
    assert.deepEqual(rows.map((r) => r['id']), ['p2', 'p1']);
    // Sequence numbers continue after a restart.
    const r = await s.append('signIns', 'T', [prep('signIns', 3, { id: 'p3' })]);
    assert.deepEqual(r.stored, [{ id: 'p3', seq: 3 }]);
    await s.close();
  } finally {
    dir.remove();
  }
});

test('a second process cannot open a held store, and an unwritable directory is a clear error', async () => {
  const dir = tempDir();
  try {
    const s = await DuckDbStore.open({ dataDir: dir.path });
    const { spawnSync } = await import('node:child_process');
    const code = `import('${join(process.cwd(), 'src/store/index.ts')}').then(m => m.DuckDbStore.open({ dataDir: '${dir.path}' })).then(() => process.exit(0), e => { console.log(e.code + ' ' + e.message); process.exit(3); })`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /IDT_STORE_LOCKED .*in use by another idtrail process/);
    await s.close();
    if (process.getuid?.() !== 0) {
      const ro = tempDir();
      chmodSync(ro.path, 0o500);
      await assert.rejects(DuckDbStore.open({ dataDir: join(ro.path, 'sub') }), /not writable/);
      ro.remove();
    }
    await assert.rejects(DuckDbStore.open({ dataDir: join(dir.path, 'idtrail.duckdb', 'below-a-file') }), /not writable/);
  } finally {
    dir.remove();
  }
});

test('a throwaway store leaves nothing behind in the temporary directory', async () => {
  const tmp = tempDir();
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp.path;
  try {
    const s = await DuckDbStore.open({ dataDir: ':memory:' });
    await s.append('signIns', 'T', [prep('signIns', 1, { id: 'm1' })]);
    assert.equal(readdirSync(tmp.path).length, 1, 'its scratch directory (the spool) while open');
    await s.close();
    assert.deepEqual(readdirSync(tmp.path), []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    tmp.remove();
  }
});
