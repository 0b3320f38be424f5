import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openChainFixture, signIn, iso, type ChainFixture } from './test-fixtures.ts';
import { walkChain } from './chain-verifier.ts';
import { issueCheckpoint } from './checkpoint.ts';
import { checkCheckpointSignature } from './signed-statements.ts';
import { purgeExpired } from './retention-job.ts';

const T = 'tenant-a';
const now = new Date('2025-03-01T12:00:00Z');
const daysAgo = (d: number) => iso(new Date(now.getTime() - d * 86_400_000));

async function seeded(n = 12): Promise<ChainFixture> {
  const f = await openChainFixture();
  // Several batches, so several anchors; one duplicate id that must not enter the chain twice.
  await f.add('signIns', T, [1, 2, 3, 4].map((i) => signIn(i, daysAgo(20 - i))));
  await f.add('signIns', T, [5, 6, 7, 4].map((i) => signIn(i, daysAgo(20 - i))));
  await f.add('signIns', T, Array.from({ length: n - 7 }, (_, k) => signIn(8 + k, daysAgo(12 - k))));
  await f.add('signIns', 'tenant-b', [signIn(1, daysAgo(1), 'b')]);
  return f;
}

test('an untouched chain verifies, per tenant', async () => {
  const f = await seeded();
  const r = await walkChain(f, T, 'signIns');
  assert.equal(r.ok, true, JSON.stringify(r.firstBroken));
  assert.equal(r.records, 12);
  assert.equal(r.lastSeq, 12);
  assert.equal((await walkChain(f, 'tenant-b', 'signIns')).records, 1);
  await f.store.close();
});

const tampers: Array<[string, string]> = [
  ['a top-level string', `UPDATE sign_ins SET userPrincipalName = 'user6@t.exampld' WHERE _tenant = '${T}' AND _seq = 6`],
  ['an IP address', `UPDATE sign_ins SET ipAddress = '10.0.0.7' WHERE _tenant = '${T}' AND _seq = 6`],
  ['a nested struct field', `UPDATE sign_ins SET location = struct_update(location, city := 'Oslp') WHERE _tenant = '${T}' AND _seq = 6`],
  ['a number', `UPDATE sign_ins SET status = struct_update(status, errorCode := 1) WHERE _tenant = '${T}' AND _seq = 6`],
  ['a timestamp by one nanosecond', `UPDATE sign_ins SET createdDateTime = createdDateTime + INTERVAL 1 MICROSECOND WHERE _tenant = '${T}' AND _seq = 6`],
  ['a list', `UPDATE sign_ins SET riskEventTypes_v2 = ['x'] WHERE _tenant = '${T}' AND _seq = 6`],
  ['an unknown property', `UPDATE sign_ins SET _extra = '{"vendorExtension":{"score":7,"note":"n6"}}' WHERE _tenant = '${T}' AND _seq = 6`],
  ['the id', `UPDATE sign_ins SET id = 't-si-X' WHERE _tenant = '${T}' AND _seq = 6`],
];

for (const [what, sql] of tampers) {
  test(`changing ${what} of one record is detected at that record`, async () => {
    const f = await seeded();
    await f.store.exec(sql);
    const r = await walkChain(f, T, 'signIns');
    assert.equal(r.ok, false);
    assert.equal(r.firstBroken!.seq, 6);
    assert.equal((await walkChain(f, 'tenant-b', 'signIns')).ok, true);
    await f.store.close();
  });
}

test('deleting a record, the last record, or moving one to another tenant is detected', async () => {
  for (const [sql, seq] of [
    [`DELETE FROM sign_ins WHERE _tenant = '${T}' AND _seq = 5`, 5],
    [`DELETE FROM sign_ins WHERE _tenant = '${T}' AND _seq = 12`, 12],
    [`UPDATE sign_ins SET _tenant = 'tenant-b' WHERE _tenant = '${T}' AND _seq = 3`, 3],
  ] as const) {
    const f = await seeded();
    await f.store.exec(sql);
    const r = await walkChain(f, T, 'signIns');
    assert.equal(r.ok, false, sql);
    assert.equal(r.firstBroken!.seq, seq, sql);
    await f.store.close();
  }
});

test('reordering two records is detected at the first of them', async () => {
  const f = await seeded();
  await f.store.exec(`UPDATE sign_ins SET _seq = CASE _seq WHEN 3 THEN 4 ELSE 3 END WHERE _tenant = '${T}' AND _seq IN (3, 4)`);
  const r = await walkChain(f, T, 'signIns');
  assert.equal(r.ok, false);
  assert.equal(r.firstBroken!.seq, 3);
  await f.store.close();
});

test('a record inserted behind ingest’s back is detected', async () => {
  const f = await seeded();
  await f.store.exec(`INSERT INTO sign_ins SELECT * REPLACE (13 AS _seq, 't-si-13' AS id) FROM sign_ins WHERE _tenant = '${T}' AND _seq = 12`);
  const r = await walkChain(f, T, 'signIns');
  assert.equal(r.ok, false);
  assert.equal(r.firstBroken!.seq, 13);
  await f.store.close();
});

test('a signed checkpoint checks later, and fails once the chain is rewritten', async () => {
  const f = await seeded();
  const cp = await issueCheckpoint(f, T, 'signIns', now);
  assert.equal(cp.payload.seq, 12);
  assert.equal(cp.payload.records, 12);
  assert.ok(checkCheckpointSignature(cp));
  assert.ok(!checkCheckpointSignature({ ...cp, payload: { ...cp.payload, records: 11 } }));
  await f.add('signIns', T, [signIn(40, daysAgo(1))]);
  assert.equal((await walkChain(f, T, 'signIns', { checkpoints: [cp.payload] })).checkpointsChecked, 1);
  // An attacker who rewrites a record and recomputes every anchor still disagrees with the checkpoint.
  await f.store.exec(`DELETE FROM _chain_anchors`);
  await f.store.exec(`UPDATE sign_ins SET ipAddress = '1.1.1.1' WHERE _tenant = '${T}' AND _seq = 2`);
  const r = await walkChain(f, T, 'signIns', { checkpoints: [cp.payload] });
  assert.equal(r.ok, false);
  await f.store.close();
});

test('retention removes exactly the expired records and what remains verifies', async () => {
  const f = await seeded();
  // A late arrival with an old timestamp lands in the middle of the chain (seq 13).
  await f.add('signIns', T, [signIn(50, daysAgo(40)), signIn(51, daysAgo(2))]);
  const before = await f.store.rawQuery(`SELECT id, createdDateTime < (TIMESTAMP '${daysAgo(10).replace('T', ' ').replace('Z', '')}') AS old FROM sign_ins WHERE _tenant = '${T}' ORDER BY _seq`);
  const expected = before.filter((r) => !r['old']).map((r) => String(r['id']));
  const out = await purgeExpired(f, T, 'signIns', 10, now, 3);
  assert.equal(out.error, undefined);
  const after = (await f.store.rawQuery(`SELECT id FROM sign_ins WHERE _tenant = '${T}' ORDER BY _seq`)).map((r) => String(r['id']));
  assert.deepEqual(after, expected);
  assert.equal(out.deleted, before.length - expected.length);
  assert.ok(out.baseSeq >= 9 && out.redactions === 1, JSON.stringify(out));
  const r = await walkChain(f, T, 'signIns');
  assert.equal(r.ok, true, JSON.stringify(r.firstBroken));
  assert.equal(r.redacted, 1);
  // New records extend the retained chain; a second pass is a no-op; other tenants are untouched.
  await f.add('signIns', T, [signIn(60, daysAgo(0))]);
  assert.equal((await purgeExpired(f, T, 'signIns', 10, now)).deleted, 0);
  assert.equal((await walkChain(f, T, 'signIns')).ok, true);
  assert.equal((await walkChain(f, 'tenant-b', 'signIns')).records, 1);
  // Deleting a retained record after retention is still detected; a forged base is refused.
  await f.store.exec(`UPDATE _chain_bases SET link = repeat('0', 64)`);
  assert.equal((await walkChain(f, T, 'signIns')).ok, false);
  await f.store.close();
});

test('flipping any single bit of any character of a stored string is detected, and undoing it verifies again', async () => {
  const f = await seeded();
  const [row] = await f.store.rawQuery(`SELECT id, userPrincipalName, ipAddress FROM sign_ins WHERE _tenant = '${T}' AND _seq = 7`);
  let flips = 0;
  for (const col of ['id', 'userPrincipalName', 'ipAddress'] as const) {
    const orig = String(row![col]);
    for (let i = 0; i < orig.length; i++) {
      const bit = 1 << (i % 7);
      const flipped = orig.slice(0, i) + String.fromCharCode(orig.charCodeAt(i) ^ bit) + orig.slice(i + 1);
      await f.store.exec(`UPDATE sign_ins SET "${col}" = $1 WHERE _tenant = $2 AND _seq = 7`, [flipped, T]);
      const r = await walkChain(f, T, 'signIns');
      assert.equal(r.firstBroken?.seq, 7, `${col}[${i}]`);
      await f.store.exec(`UPDATE sign_ins SET "${col}" = $1 WHERE _tenant = $2 AND _seq = 7`, [orig, T]);
      flips++;
    }
  }
  assert.equal((await walkChain(f, T, 'signIns')).ok, true);
  assert.ok(flips >= 29, `${flips} flips`);
  await f.store.close();
});

test('concurrent first batches of a fresh chain are all stored, in one chain that verifies', async () => {
  const f = await openChainFixture();
  try {
    // Three batches race for a chain nobody has loaded yet (the state load must be shared).
    const counts = await Promise.all([0, 1, 2].map((b) =>
      f.add('signIns', 'race', Array.from({ length: 300 }, (_, i) => signIn(b * 1000 + i, iso(new Date(Date.UTC(2025, 0, 1) + (b * 1000 + i) * 1000)), 'race')))));
    assert.deepEqual(counts, [300, 300, 300]);
    const r = await walkChain(f, 'race', 'signIns');
    assert.equal(r.ok, true, JSON.stringify(r.firstBroken));
    assert.equal(r.records, 900);
  } finally {
    await f.store.close();
  }
});
