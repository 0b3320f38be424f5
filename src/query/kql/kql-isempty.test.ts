// isempty()/isnotempty() as the Kusto documentation defines them: true for null and the empty
// string only. An empty list's JSON text ("[]", which RiskEventTypes_V2 holds: a string column in
// Log Analytics) and an empty dynamic array or bag are not empty. The ClickHouse store's answers are
// compared with these in kql-clickhouse.int.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedStore, NOW, TENANT } from './kql-test-fixture.ts';
import { runKql } from './index.ts';
import type { DuckDbStore } from '../../store/index.ts';

let store: DuckDbStore;
before(async () => {
  store = await seedStore();
});
after(async () => {
  await store.close();
});

async function rows(q: string): Promise<Array<Record<string, unknown>>> {
  const t = (await runKql(store, TENANT, q, { now: NOW })).tables[0]!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]])));
}

describe('isempty', () => {
  it('answers the examples of the Kusto documentation', async () => {
    assert.deepEqual(
      await rows('print a = isempty(""), b = isempty("x"), c = isempty(parse_json("")), d = isempty(parse_json("[]")), e = isempty(parse_json("{}"))'),
      [{ a: true, b: false, c: true, d: false, e: false }],
    );
  });

  it('is false for the text of an empty list and for empty dynamic arrays, true for null', async () => {
    assert.deepEqual(
      await rows('print a = isempty("[]"), b = isnotempty("[]"), c = isempty(dynamic([])), d = isempty(pack_array()), e = isempty(dynamic(null)), f = isempty(tostring(dynamic(null)))'),
      [{ a: false, b: true, c: false, d: false, e: true, f: true }],
    );
  });

  it('stored empty lists read as "[]" in string columns, which are not empty', async () => {
    const all = await rows('SigninLogs | project RiskEventTypes_V2, e = isempty(RiskEventTypes_V2), n = isnotempty(RiskEventTypes_V2)');
    const emptyList = all.filter((r) => r['RiskEventTypes_V2'] === '[]');
    assert.ok(emptyList.length > 0, 'the fixture has sign-ins without risk events');
    for (const r of all) assert.deepEqual([r['e'], r['n']], [r['RiskEventTypes_V2'] === null || r['RiskEventTypes_V2'] === '', !(r['RiskEventTypes_V2'] === null || r['RiskEventTypes_V2'] === '')]);
    assert.deepEqual(await rows('SigninLogs | where isempty(RiskEventTypes_V2) | count'), [{ Count: all.filter((r) => r['e']).length }]);
  });
});
