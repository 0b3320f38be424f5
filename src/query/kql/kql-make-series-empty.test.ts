// make-series over an empty input gives no rows, with or without `by` and whether the bounds are
// given or come from the data (Kusto's documented default; `kind=nonempty` asks for the one row of
// default-filled series instead). A non-empty input whose rows all fall outside from..to still
// gives its series of defaults: only an empty input is special.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, lowerKql, runKql } from './index.ts';

const store = useSeededStore();
async function rows(q: string): Promise<Array<Record<string, unknown>>> {
  const t = (await runKql(store(), TENANT, q, { now: NOW })).tables[0]!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]])));
}

const EMPTY = 'SigninLogs | where UserPrincipalName == "nobody@nowhere.example"';
const BOUNDS = 'from datetime(2024-06-01) to datetime(2024-06-04) step 1d';

describe('make-series on an empty input', () => {
  it('the input really is empty', async () => {
    assert.equal((await rows(`${EMPTY} | count`))[0]!['Count'], 0);
  });
  for (const [what, q] of [
    ['given bounds, no by', `${EMPTY} | make-series n = count() on TimeGenerated ${BOUNDS}`],
    ['bounds from the data, no by', `${EMPTY} | make-series n = count() on TimeGenerated step 1d`],
    ['given bounds, by a column', `${EMPTY} | make-series n = count() on TimeGenerated ${BOUNDS} by UserType`],
    ['bounds from the data, by a column', `${EMPTY} | make-series n = count() on TimeGenerated step 1d by UserType`],
  ] as const) {
    it(`returns no rows: ${what}`, async () => {
      assert.deepEqual(await rows(q), []);
    });
  }
  it('kind=nonempty gives the one row of defaults over the given bins', async () => {
    const [r, ...rest] = await rows(`${EMPTY} | make-series kind=nonempty n = count() default = 7 on TimeGenerated ${BOUNDS}`);
    assert.equal(rest.length, 0);
    assert.deepEqual(JSON.parse(String(r!['n'])), [7, 7, 7]);
    assert.equal(JSON.parse(String(r!['TimeGenerated'])).length, 3);
  });
  it('a non-empty input with no row in range still gives one series of defaults', async () => {
    const out = await rows(`SigninLogs | make-series n = count() default = 5 on TimeGenerated from datetime(1990-01-01) to datetime(1990-01-03) step 1d`);
    assert.equal(out.length, 1);
    assert.deepEqual(JSON.parse(String(out[0]!['n'])), [5, 5]);
  });
  it('refuses a kind it does not know, and kind=nonempty with by (400)', () => {
    for (const q of [`${EMPTY} | make-series kind=sparse count() on TimeGenerated ${BOUNDS}`,
      `${EMPTY} | make-series kind=nonempty count() on TimeGenerated ${BOUNDS} by UserType`]) {
      assert.throws(() => lowerKql(q, TENANT, { now: NOW }), (e: unknown) => e instanceof KqlError && e.httpStatus === 400 && /make-series/.test(e.message));
    }
  });
});
