// One behaviour suite for every LogStore backend: the same cases, data and expectations run
// against DuckDB and ClickHouse (see *.conformance.test.ts). Expected values are computed here in
// plain TypeScript from the seed data, never read back from one engine to check the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_KINDS, LOG_KINDS, mergeExtra, normalizeRecord, type JsonObject, type JsonValue } from '../../model/index.ts';
import {
  agg, aggregate, and, call, cmp, desc, dt, eq, field, lambda, limit, lit, named, or, scan, sort, v, where, type Expr, type Relation,
} from '../../query/ir/index.ts';
import type { LogStore } from '../log-store.ts';
import { fullRecord, prepared, signInRecord, signInSpecs, type SignInSpec } from './conformance-data.ts';

/** A case colleagues can add without touching the runner: it gets the seeded store and tenants. */
export interface ConformanceCase {
  readonly name: string;
  run(ctx: ConformanceContext): Promise<void>;
}
export interface ConformanceContext {
  readonly store: LogStore;
  /** Tenant holding the 40 sign-ins of signInSpecs() (see conformance-data.ts). */
  readonly signInTenant: string;
  readonly specs: readonly SignInSpec[];
}

/**
 * Plug-in point: OData golden cases (query/odata) and report cases (reports/) register here, and
 * run on every backend. Add entries by pushing from your own module imported by the test files,
 * or list them in this array.
 */
export const ODATA_GOLDEN_CASES: ConformanceCase[] = [];
export const REPORT_CASES: ConformanceCase[] = [];
/** Run after the suite on each backend (e.g. closing the DuckDB reference the plug-in cases share). */
export const CONFORMANCE_TEARDOWN: Array<() => Promise<void>> = [];

const ids = (recs: readonly JsonObject[]) => recs.map((r) => String(r['id']));
const byNewest = (a: SignInSpec, b: SignInSpec) => (a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1);

export function runConformance(name: string, makeStore: () => Promise<LogStore | null>, cleanup?: () => Promise<void>): void {
  describe(`LogStore conformance: ${name}`, () => {
    let store: LogStore | null = null;
    const SI = 'tenant-signins';
    const specs = signInSpecs();
    const newest = [...specs].sort(byNewest);

    before(async () => {
      store = await makeStore();
      if (!store) return;
      await store.append('signIns', SI, specs.map((s) => prepared('signIns', signInRecord(s))));
    });
    after(async () => {
      await store?.close();
      for (const t of CONFORMANCE_TEARDOWN.splice(0)) await t();
      await cleanup?.();
    });
    const s = (t: { skip: (m: string) => void }): LogStore | null => {
      if (!store) t.skip(`${name} is not available`);
      return store;
    };
    const readSignIns = (st: LogStore, pred: Expr) => st.readRecords('signIns', sort(where(scan('signIns', SI), pred), [desc(field('createdDateTime')), desc(field('id'))]));

    test('round trip: a fully populated record of every kind comes back exactly', async (t) => {
      const st = s(t);
      if (!st) return;
      for (const kind of ALL_KINDS) {
        const input = fullRecord(kind, `full-${kind}`);
        const r = normalizeRecord(LOG_KINDS[kind].schema, input);
        const res = await st.append(kind, 'tenant-roundtrip', [{ record: r.record, extra: r.extra }]);
        assert.equal(res.inserted, 1, kind);
        const [back] = await st.readRecords(kind, scan(kind, 'tenant-roundtrip'));
        const expected = mergeExtra(structuredClone(r.record), r.extra);
        assert.deepEqual(back, expected, kind);
      }
    });

    test('round trip: empty lists stay [] at the top, inside objects and inside list items', async (t) => {
      const st = s(t);
      if (!st) return;
      // Every list emptied, and (separately) only the lists inside list items, so a list of
      // records holds items whose own lists are empty.
      const emptied = (v: JsonValue, depth: number, from: number): JsonValue =>
        Array.isArray(v) ? (depth >= from ? [] : v.map((x) => emptied(x, depth + 1, from)))
          : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, emptied(x, depth, from)])) : v;
      for (const kind of ALL_KINDS) {
        for (const from of [0, 1]) {
          const r = normalizeRecord(LOG_KINDS[kind].schema, emptied(fullRecord(kind, `empty-${from}-${kind}`), 0, from) as JsonObject);
          await st.append(kind, `tenant-empty-${from}`, [{ record: r.record, extra: r.extra }]);
          const [back] = await st.readRecords(kind, scan(kind, `tenant-empty-${from}`));
          assert.deepEqual(back, mergeExtra(structuredClone(r.record), r.extra), `${kind}, lists emptied from depth ${from}`);
        }
      }
    });

    test('dedupe: (tenant, id) is stored once, across and within batches', async (t) => {
      const st = s(t);
      if (!st) return;
      const recs = specs.slice(0, 5).map((x) => prepared('signIns', signInRecord(x)));
      const first = await st.append('signIns', 'tenant-dedupe', [...recs, recs[0]!]);
      assert.deepEqual([first.inserted, first.duplicates], [5, 1]);
      assert.deepEqual(first.stored.map((x) => x.seq), [1, 2, 3, 4, 5]);
      const again = await st.append('signIns', 'tenant-dedupe', [recs[1]!, prepared('signIns', signInRecord({ ...specs[9]!, id: 'new-one' }))]);
      assert.deepEqual([again.inserted, again.duplicates, again.stored], [1, 1, [{ id: 'new-one', seq: 6 }]]);
    });

    test('paging newest first by (time desc, id desc) with keyset predicates visits every record once', async (t) => {
      const st = s(t);
      if (!st) return;
      const seen: string[] = [];
      let last: { time: string; id: string } | null = null;
      for (let page = 0; page < 20; page++) {
        const keyset: Expr | null = last
          ? or(cmp('lt', field('createdDateTime'), dt(last.time)), and(eq(field('createdDateTime'), dt(last.time)), cmp('lt', field('id'), lit(last.id))))
          : null;
        const base = scan('signIns', SI);
        const plan = limit(sort(keyset ? where(base, keyset) : base, [desc(field('createdDateTime')), desc(field('id'))]), 7);
        const recs = await st.readRecords('signIns', plan);
        if (recs.length === 0) break;
        seen.push(...ids(recs));
        const tail = recs[recs.length - 1]!;
        last = { time: String(tail['createdDateTime']), id: String(tail['id']) };
      }
      assert.deepEqual(seen, newest.map((x) => x.id));
    });

    const filterCases: Array<{ name: string; pred: Expr; expect: (x: SignInSpec) => boolean }> = [
      { name: 'eq on a nested int', pred: eq(field('status', 'errorCode'), lit(50126, 'int')), expect: (x) => x.errorCode === 50126 },
      { name: 'ne on a nested int', pred: cmp('ne', field('status', 'errorCode'), lit(0, 'int')), expect: (x) => x.errorCode !== 0 },
      {
        name: 'time range ge/lt with fractional seconds',
        pred: and(cmp('ge', field('createdDateTime'), dt(newest[30]!.time)), cmp('lt', field('createdDateTime'), dt(newest[10]!.time))),
        expect: (x) => x.time >= newest[30]!.time && x.time < newest[10]!.time,
      },
      { name: 'startswith ignores case', pred: call('startswith', field('userPrincipalName'), lit('ALICE1')), expect: (x) => x.upn.toLowerCase().startsWith('alice1') },
      { name: 'eq on a string with the exact case', pred: eq(field('appDisplayName'), lit('Azure Portal')), expect: (x) => x.app === 'Azure Portal' },
      {
        name: 'any() over a list of objects',
        pred: lambda('any', field('appliedConditionalAccessPolicies'), 'p', eq(v('p', 'result'), lit('failure'))),
        expect: (x) => x.caResults.includes('failure'),
      },
      {
        name: 'any() with two item properties of the same item',
        pred: lambda('any', field('appliedConditionalAccessPolicies'), 'p', and(eq(v('p', 'id'), lit('pol-1')), eq(v('p', 'result'), lit('success')))),
        expect: (x) => x.caResults[1] === 'success',
      },
      { name: 'any() over a list of strings', pred: lambda('any', field('riskEventTypes_v2'), 'r', eq(v('r'), lit('anonymizedIPAddress'))), expect: (x) => x.risks.includes('anonymizedIPAddress') },
      // What OData's predicate-less any() lowers to: ClickHouse keeps a list of objects as JSON text.
      { name: 'a list of objects is not empty', pred: cmp('gt', call('array_length', field('appliedConditionalAccessPolicies')), lit(0, 'long')), expect: (x) => x.caResults.length > 0 },
      { name: 'a list of strings is not empty', pred: cmp('gt', call('array_length', field('riskEventTypes_v2')), lit(0, 'long')), expect: (x) => x.risks.length > 0 },
      { name: 'a value with quotes matches nothing and breaks nothing', pred: eq(field('userId'), lit("x'); DROP TABLE sign_ins; --")), expect: () => false },
    ];
    for (const fc of filterCases) {
      test(`filter: ${fc.name}`, async (t) => {
        const st = s(t);
        if (!st) return;
        const got = ids(await readSignIns(st, fc.pred));
        const want = newest.filter(fc.expect).map((x) => x.id);
        assert.ok(want.length > 0 || fc.name.startsWith('a value'), 'the case must select something');
        assert.deepEqual(got, want);
      });
    }

    test('aggregate: count by a nested field and dcount', async (t) => {
      const st = s(t);
      if (!st) return;
      const plan = sort(
        aggregate(scan('signIns', SI), [named('code', field('status', 'errorCode'))], [named('n', agg('count')), named('users', agg('dcount', [field('userId')]))]),
        [{ expr: field('code'), direction: 'asc' }],
      );
      const r = await st.query(plan);
      const want = [0, 50126].map((code) => {
        const rows = specs.filter((x) => x.errorCode === code);
        return { code, n: rows.length, users: new Set(rows.map((x) => x.userId)).size };
      });
      assert.deepEqual(r.rows, want);
    });

    test('query: datetimes come back as ISO-8601 with the fraction kept', async (t) => {
      const st = s(t);
      if (!st) return;
      const plan = limit(sort(scan('signIns', SI), [desc(field('createdDateTime')), desc(field('id'))]), 1);
      const r = await st.query({ kind: 'project', input: plan, columns: [named('t', field('createdDateTime')), named('id', field('id'))] });
      assert.deepEqual(r.rows, [{ t: newest[0]!.time, id: newest[0]!.id }]);
    });

    test('tenant isolation: a scan of tenant A never returns B\'s rows', async (t) => {
      const st = s(t);
      if (!st) return;
      const a = specs.slice(0, 3).map((x) => prepared('signIns', signInRecord(x)));
      const b = specs.slice(0, 4).map((x) => prepared('signIns', signInRecord({ ...x, upn: 'b@fabrikam.com' })));
      await st.append('signIns', 'tenant-A', a);
      assert.equal((await st.append('signIns', 'tenant-B', b)).inserted, 4, 'the same ids are new in another tenant');
      const recs = await st.readRecords('signIns', scan('signIns', 'tenant-A'));
      assert.equal(recs.length, 3);
      assert.ok(recs.every((r) => r['userPrincipalName'] !== 'b@fabrikam.com'));
      const n = await st.query(aggregate(scan('signIns', 'tenant-B'), [], [named('n', agg('count'))]));
      assert.deepEqual(n.rows, [{ n: 4 }]);
    });

    for (const c of [...ODATA_GOLDEN_CASES, ...REPORT_CASES]) {
      test(c.name, async (t) => {
        const st = s(t);
        if (st) await c.run({ store: st, signInTenant: SI, specs });
      });
    }

    // Last: retention removes whole UTC days across tenants, so it runs on its own dates.
    test('retention: purgeBefore drops whole days before the cutoff, nothing else', async (t) => {
      const st = s(t);
      if (!st) return;
      const old = (d: string, id: string) => prepared('directoryAudits', { id, activityDateTime: `${d}T12:00:00.5Z`, activityDisplayName: 'Add user' });
      await st.append('directoryAudits', 'tenant-retention', [old('2023-01-01', 'r1'), old('2023-01-01', 'r2'), old('2023-01-02', 'r3')]);
      await st.append('directoryAudits', 'tenant-retention-2', [old('2023-01-01', 'r1')]);
      const res = await st.purgeBefore('2023-01-02T18:00:00Z');
      assert.equal(res.removed, 3);
      assert.deepEqual(ids(await st.readRecords('directoryAudits', scan('directoryAudits', 'tenant-retention'))), ['r3']);
      assert.equal((await st.readRecords('signIns', scan('signIns', SI))).length, specs.length);
    });
  });
}

export type { Relation };
