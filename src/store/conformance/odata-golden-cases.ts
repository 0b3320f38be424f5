// Every OData golden case (query/odata/filter-golden-cases.ts) on every backend: the $filter is
// parsed and run as a plan on the store under test, and must select exactly the rows the golden
// table's hand-written SQL selects on the DuckDB reference. Also the newest-first page of those rows
// read as full records, which exercises sorting and record decoding of the backend.
// A filter the ClickHouse dialect cannot express must fail with the compile error listed here
// (and in docs/scale-out.md), never with wrong rows.
import assert from 'node:assert/strict';
import { LOG_KINDS } from '../../model/index.ts';
import { desc, field, limit, named, project, scan, sort, where, type Relation } from '../../query/ir/index.ts';
import { parseFilter } from '../../query/odata/filter-parser.ts';
import { loadFixtures } from '../../query/odata/odata-test-fixtures.ts';
import { GOLDEN, type Golden } from '../../query/odata/filter-golden-cases.ts';
import type { LogStore } from '../log-store.ts';
import { ODATA_GOLDEN_CASES } from './conformance-cases.ts';
import { loadOnce, referenceStore } from './reference-store.ts';

const T = 'tenant-odata-golden';
const N = 600;
const KINDS = ['signIns', 'directoryAudits', 'provisioning', 'customSecurityAttributeAudits', 'signUps'] as const;

/** Golden filters ClickHouse refuses, with the error it must give. Keep docs/scale-out.md in step. */
export const CLICKHOUSE_UNSUPPORTED: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([]);

const fixtures = (st: LogStore) => loadOnce(st, 'odata-golden', async (s) => {
  for (const k of KINDS) await loadFixtures(s, k, T, N);
  await loadFixtures(s, 'signIns', `${T}-other`, 50);
});

function plan(g: Golden): Relation {
  return where(scan(g.kind, T), parseFilter(g.filter, LOG_KINDS[g.kind], g.version).expr);
}
const newestPage = (g: Golden) => limit(sort(plan(g), [desc(field(LOG_KINDS[g.kind].timeField)), desc(field('id'))]), 20);

for (const g of GOLDEN) {
  ODATA_GOLDEN_CASES.push({
    name: `odata golden ${g.kind} ${g.version}: ${g.filter}`,
    async run({ store }) {
      const ref = await referenceStore();
      await Promise.all([fixtures(store), fixtures(ref)]);
      const gap = store.backend === 'clickhouse' ? CLICKHOUSE_UNSUPPORTED.get(g.filter) : undefined;
      if (gap) {
        await assert.rejects(store.query(project(plan(g), [named('id', field('id'))])), gap);
        return;
      }
      const want = (await ref.rawQuery(`SELECT id FROM "${LOG_KINDS[g.kind].table}" WHERE _tenant = $1 AND (${g.sql})`, [T])).map((r) => String(r['id'])).sort();
      const got = (await store.query(project(plan(g), [named('id', field('id'))]))).rows.map((r) => String(r['id'])).sort();
      assert.deepEqual(got, want);
      // The page: the same records, field for field, in the same order as on the reference.
      assert.deepEqual(await store.readRecords(g.kind, newestPage(g)), await ref.readRecords(g.kind, newestPage(g)));
    },
  });
}
