// top-nested … with others = v on the seeded DuckDB store: the others rows are recomputed in JS from
// the raw rows (what falls outside each parent's top N), with a non-additive aggregate (dcount) too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, lowerKql, runKql } from './index.ts';

let raw: Array<{ loc: string; user: string }>;
const store = useSeededStore(async (s) => {
  const t = (await runKql(s, TENANT, 'SigninLogs | project Location, UserPrincipalName', { now: NOW })).tables[0]!;
  raw = t.rows.map((r) => ({ loc: String(r[0]), user: String(r[1]) }));
});

type Row = Record<string, unknown>;
async function rows(q: string): Promise<Row[]> {
  const t = (await runKql(store(), TENANT, q, { now: NOW })).tables[0]!;
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
}
const countBy = <T>(xs: T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
const topCounts = (m: Map<string, number>, n: number) => [...m.values()].sort((a, b) => b - a).slice(0, n);

describe('top-nested with others', () => {
  it('adds one row for everything outside the top N of a level', async () => {
    const byLoc = countBy(raw, (r) => r.loc);
    assert.ok(byLoc.size > 2);
    const got = await rows('SigninLogs | top-nested 2 of Location with others = "Other" by n = count()');
    const top = got.filter((r) => r['Location'] !== 'Other');
    assert.deepEqual(top.map((r) => r['n']).sort((a, b) => Number(b) - Number(a)), topCounts(byLoc, 2));
    for (const r of top) assert.equal(byLoc.get(String(r['Location'])), r['n']);
    const others = got.filter((r) => r['Location'] === 'Other');
    assert.deepEqual(others.map((r) => r['n']), [raw.length - topCounts(byLoc, 2).reduce((a, b) => a + b, 0)]);
  });

  it('aggregates the others rather than subtracting: dcount over the leftover rows', async () => {
    const d = await rows('SigninLogs | top-nested 2 of Location with others = "Other" by u = dcount(UserPrincipalName)');
    const kept = d.filter((r) => r['Location'] !== 'Other');
    assert.equal(kept.length, 2);
    for (const r of kept) assert.equal(r['u'], new Set(raw.filter((x) => x.loc === r['Location']).map((x) => x.user)).size);
    const leftover = new Set(raw.filter((r) => !kept.some((x) => x['Location'] === r.loc)).map((r) => r.user));
    assert.ok(leftover.size > 0);
    assert.deepEqual(d.filter((r) => r['Location'] === 'Other').map((r) => r['u']), [leftover.size]);
  });

  it('adds others rows under each kept parent, with the deeper levels empty under a level\'s own others row', async () => {
    const byLoc = countBy(raw, (r) => r.loc);
    const got = await rows('SigninLogs | top-nested 2 of Location with others = "Other" by n = count(), top-nested 2 of UserPrincipalName with others = "rest" by m = count()');
    const parents = [...new Set(got.filter((r) => r['Location'] !== 'Other').map((r) => String(r['Location'])))];
    assert.equal(parents.length, 2);
    for (const l of parents) {
      const users = countBy(raw.filter((r) => r.loc === l), (r) => r.user);
      const under = got.filter((r) => r['Location'] === l);
      const top = under.filter((r) => r['UserPrincipalName'] !== 'rest');
      assert.deepEqual(top.map((r) => r['m']).sort((a, b) => Number(b) - Number(a)), topCounts(users, 2));
      const rest = byLoc.get(l)! - topCounts(users, 2).reduce((a, b) => a + b, 0);
      assert.deepEqual(under.filter((r) => r['UserPrincipalName'] === 'rest').map((r) => r['m']), rest > 0 ? [rest] : []);
      for (const r of under) assert.equal(r['n'], byLoc.get(l));
    }
    const other = got.filter((r) => r['Location'] === 'Other');
    assert.equal(other.length, 1);
    assert.deepEqual([other[0]!['UserPrincipalName'], other[0]!['m']], [null, null]);
  });

  it('adds no others row when nothing is left, and refuses an others value of another type', async () => {
    const locations = countBy(raw, (r) => r.loc).size;
    const got = await rows(`SigninLogs | top-nested ${locations} of Location with others = "Other" by count()`);
    assert.equal(got.length, locations);
    assert.ok(!got.some((r) => r['Location'] === 'Other'));
    assert.throws(() => lowerKql('SigninLogs | top-nested 2 of Location with others = 1 by count()', TENANT, { now: NOW }),
      (e: unknown) => e instanceof KqlError && e.code === 'IDT_KQL_SEMANTIC' && /others value is a long/.test(e.message));
  });
});
