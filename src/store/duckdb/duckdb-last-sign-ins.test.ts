// The merge hands its rows to DuckDB as one JSON parameter: text of any kind must arrive unchanged,
// and the later sign-in must win slot by slot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from './duckdb-store.ts';
import { openDuckDbLastSignIns } from './duckdb-last-sign-ins.ts';
import type { LastSignInRow } from '../last-sign-in-store.ts';

const row = (id: string, name: string | null, at: string, req: string, ok: boolean): LastSignInRow => ({
  tenantId: "t'1", kind: 'user', id,
  name: { at, requestId: req, value: name }, last: { at, requestId: req }, lastNonInteractive: null,
  lastSuccessful: ok ? { at, requestId: req } : null,
});

test('merged rows keep awkward text intact and the later sign-in per slot', async () => {
  const s = await DuckDbStore.open({ dataDir: ':memory:' });
  try {
    const table = await openDuckDbLastSignIns(s);
    const odd = 'O\'Brien "Ö" \\ 名前 \n😀';
    await table.merge([row('u1', odd, '2024-05-01T10:00:00.1234567Z', 'r1', true), row('u2', null, '2024-05-01T10:00:00Z', 'r2', false)], { tenantId: "t'1", seq: 2 });
    // Later but failed: replaces last and name, keeps the earlier lastSuccessful.
    await table.merge([row('u1', 'later', '2024-05-02T10:00:00Z', 'r3', false), row('u2', 'earlier', '2024-04-01T10:00:00Z', 'r4', true)], { tenantId: "t'1", seq: 4 });
    const got = await table.list("t'1", 'user');
    assert.deepEqual(got.map((r) => [r.id, r.name?.value, r.last?.requestId, r.lastSuccessful?.requestId ?? null]), [
      ['u1', 'later', 'r3', 'r1'],
      ['u2', null, 'r2', 'r4'],
    ]);
    await table.merge([row('u3', odd, '2024-05-03T10:00:00Z', 'r5', true)], null);
    const u3 = (await table.list("t'1", 'user')).find((r) => r.id === 'u3');
    assert.equal(u3?.name?.value, odd);
    assert.equal(u3?.last?.at, '2024-05-03T10:00:00Z');
    assert.equal(got[0]!.lastSuccessful?.at, '2024-05-01T10:00:00.1234567Z');
  } finally {
    await s.close();
  }
});
