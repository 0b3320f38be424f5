// The DuckDB fast form of `any(x: x in (…))` over a list column (listContainsAny) must answer
// exactly what the general lambda form answers, nulls included, for every list shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from '../../store/index.ts';
import { duckdbDialect } from './duckdb-dialect.ts';

let store: DuckDbStore;
before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', threads: 1 });
});
after(() => store.close());

const LISTS = [
  'NULL::VARCHAR[]', '[]::VARCHAR[]', "['a']", "['b', 'a']", "['c']", '[NULL]::VARCHAR[]', "['c', NULL]", "['a', NULL]", "['e', 'd', 'c']",
];
const VALUE_SETS = [["'a'"], ["'a'", "'b'"], ["'c'", "'d'", "'x'"], ["'a'", "'b'", "'c'", "'d'", "'e'"], ["'z'", "'y'", "'x'", "'w'", "'v'", "'u'"]];

for (const values of VALUE_SETS) {
  test(`listContainsAny over ${values.length} value(s) equals the lambda form`, async () => {
    const fast = duckdbDialect.listContainsAny!('l', values);
    const slow = duckdbDialect.lambda('any', 'l', 'x', `(x IN (${values.join(', ')}))`);
    const rows = await store.rawQuery(`SELECT l::VARCHAR AS l, ${fast} AS fast, ${slow} AS slow FROM (${LISTS.map((l, i) => `SELECT ${i} AS i, ${l} AS l`).join(' UNION ALL ')}) ORDER BY i`);
    assert.equal(rows.length, LISTS.length);
    for (const r of rows) assert.equal(r['fast'], r['slow'], `list ${String(r['l'])}`);
    // Never null: the sign-in scope filters and CASE branches rely on a plain true/false.
    assert.ok(rows.every((r) => typeof r['fast'] === 'boolean'));
  });
}
