// lastSignInDeltas folds a batch per principal without building a row per record; it must give
// exactly what folding one row per record with mergeRow gives (the definition, kept here as the
// reference), ties and all. timeKey's fast path must give the pattern's key for every input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../model/index.ts';
import { lastSignInDeltas, mergeRow, NIL_USER_ID, timeKey, type LastSignInRow } from './last-sign-in-store.ts';

function referenceDeltas(tenantId: string, records: readonly JsonObject[]): LastSignInRow[] {
  const out = new Map<string, LastSignInRow>();
  const put = (row: LastSignInRow) => {
    const k = `${row.kind}\u0000${row.id}`;
    const had = out.get(k);
    out.set(k, had ? mergeRow(had, row) : row);
  };
  for (const r of records) {
    const at = typeof r['createdDateTime'] === 'string' ? r['createdDateTime'] : null;
    const requestId = typeof r['id'] === 'string' ? r['id'] : null;
    if (!at || !requestId) continue;
    const types = Array.isArray(r['signInEventTypes']) ? (r['signInEventTypes'] as unknown[]) : [];
    const interactive = types.length === 0 || types.includes('interactiveUser');
    const nonInteractive = types.includes('nonInteractiveUser');
    const workload = types.includes('servicePrincipal') || types.includes('managedIdentity');
    const ok = (r['status'] as JsonObject | null | undefined)?.['errorCode'] === 0;
    const ref = { at, requestId };
    const userId = typeof r['userId'] === 'string' && r['userId'] !== '' ? r['userId'] : null;
    if ((interactive || nonInteractive) && userId && userId !== NIL_USER_ID) {
      const upn = typeof r['userPrincipalName'] === 'string' ? r['userPrincipalName'] : null;
      put({ tenantId, kind: 'user', id: userId, name: { ...ref, value: upn }, last: interactive ? ref : null, lastNonInteractive: nonInteractive ? ref : null, lastSuccessful: ok ? ref : null });
    }
    const appId = typeof r['appId'] === 'string' && r['appId'] !== '' ? r['appId'] : null;
    if (workload && appId) {
      const name = typeof r['appDisplayName'] === 'string' ? r['appDisplayName'] : null;
      put({ tenantId, kind: 'workload', id: appId, name: { ...ref, value: name }, last: ref, lastNonInteractive: null, lastSuccessful: ok ? ref : null });
    }
  }
  return [...out.values()];
}

test('lastSignInDeltas equals the per-record mergeRow fold on seeded random batches (ties, odd times, missing fields)', () => {
  let seed = 5;
  const rnd = (n: number) => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * n);
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  // Few principals, times and request ids, so the same principal, equal times and equal ids recur.
  const times = ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00.50Z', '2026-03-01T10:00:00.0000001Z', '2026-03-01T09:59:59.9999999Z', '2026-03-01T10:00:00.1234567890Z', 'not a time', ''];
  const typeSets = [[], ['interactiveUser'], ['nonInteractiveUser'], ['servicePrincipal'], ['managedIdentity'], ['interactiveUser', 'servicePrincipal'], null];
  for (let batch = 0; batch < 200; batch++) {
    const records: JsonObject[] = [];
    for (let i = 0, n = 1 + rnd(40); i < n; i++) {
      records.push({
        id: pick(['r1', 'r2', 'r3', 'r4', null]), createdDateTime: pick(times), signInEventTypes: pick(typeSets),
        userId: pick(['u1', 'u2', '', NIL_USER_ID, null]), userPrincipalName: pick(['a@x', 'b@x', null]),
        appId: pick(['app1', 'app2', '', null]), appDisplayName: pick(['App', null]),
        status: pick([{ errorCode: 0 }, { errorCode: 50126 }, null]),
      });
    }
    assert.deepEqual(lastSignInDeltas('t', records), referenceDeltas('t', records), `batch ${batch}`);
  }
});

test('timeKey: the fast path gives the pattern key for model times and falls back for everything else', () => {
  const byPattern = (iso: string) => {
    const m = /^(.{19})(?:\.(\d+))?Z$/.exec(iso);
    return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : iso;
  };
  const cases = [
    '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.1Z', '2026-03-01T10:00:00.1234567Z', '2026-03-01T10:00:00.123456789Z',
    '2026-03-01T10:00:00.1234567890Z', '2026-03-01T10:00:00.Z', '2026-03-01T10:00:00.12a4Z', '2026-03-01T10:00:00',
    '2026-03-01T10:00:0\nZ', '2026-03-01\u202810:00:00.5Z', '2026-03-01\u202910:00:00Z', '2026-03-01\r10:00:00Z', '2026-03-01\n10:00:00.25Z', '2026-03-01\u2028T10:00:00.5Z', 'xxxxxxxxxxxxxxxxxxxZ', '2026-03-01T10:00:00.123456789012345Z', '', 'Z',
  ];
  for (const c of cases) assert.equal(timeKey(c), byPattern(c), JSON.stringify(c));
});
