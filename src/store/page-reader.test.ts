// The page reader must return exactly what the plain plan returns: same rows, same order, for
// dense and sparse filters, both directions, with and without a keyset cursor, ties included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS } from '../model/index.ts';
import { buildListPlan } from '../api/graph-list-plan.ts';
import { parseListOptions } from '../query/odata/index.ts';
import { loadFixtures } from '../query/odata/odata-test-fixtures.ts';
import { compile, duckdbDialect } from '../query/sql/index.ts';
import { DuckDbStore } from './index.ts';
import { matchPagePlan } from './page-reader.ts';

const T = 'pages';
let store: DuckDbStore;
before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', threads: 2 });
  await loadFixtures(store, 'signIns', T, 3000);
});
after(() => store.close());

const FILTERS = ['', "status/errorCode eq 50126", "userPrincipalName eq 'zoë@northwind.example' and location/city eq 'Tokyo'",
  "riskEventTypes_v2/any(r: r eq 'unlikelyTravel')", "createdDateTime le 2026-02-28T22:00:00Z", "userId eq 'nobody'"];

for (const f of FILTERS) {
  for (const dir of ['desc', 'asc'] as const) {
    test(`page reader = plain plan: ${dir} ${f || '(no filter)'}`, async () => {
      const def = LOG_KINDS.signIns;
      const q = { $top: '40', $orderby: `createdDateTime ${dir}`, ...(f ? { $filter: f } : {}) };
      const opts = parseListOptions(def, 'beta', q);
      let cursor = null;
      for (let page = 0; page < 3; page++) {
        const plan = buildListPlan(def, 'beta', T, opts, cursor);
        assert.ok(matchPagePlan(plan), 'list plans take the page path');
        const got = (await store.readRecords('signIns', plan)).map((r) => String(r['id']));
        const c = compile(plan, duckdbDialect, (k) => store.scanTarget(k));
        const want = (await store.rawQuery(c.sql, c.params as unknown[])).map((r) => String(r['id']));
        assert.deepEqual(got, want, `page ${page}`);
        if (want.length <= 40) break;
        const last = (await store.readRecords('signIns', plan))[39]!;
        cursor = { t: String(last['createdDateTime']), id: String(last['id']) };
      }
    });
  }
}

test('an empty tenant pages to nothing, and shows records as soon as they are appended', async () => {
  const def = LOG_KINDS.signIns;
  const plan = (t: string) => buildListPlan(def, 'beta', t, parseListOptions(def, 'beta', { $top: '25' }), null);
  assert.deepEqual(await store.readRecords('signIns', plan('later')), []);
  await loadFixtures(store, 'signIns', 'later', 100);
  const c = compile(plan('later'), duckdbDialect, (k) => store.scanTarget(k));
  const want = (await store.rawQuery(c.sql, c.params as unknown[])).map((r) => String(r['id']));
  assert.ok(want.length > 0);
  assert.deepEqual((await store.readRecords('signIns', plan('later'))).map((r) => String(r['id'])), want);
});
