// make-series without `from`/`to` takes its bounds from the data, so its length is only known once
// the data is read: a probe counts the bins first and a series over MAX_BINS is refused (400). The
// expected counts are recomputed here from the raw timestamps of the seeded store.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, runKql } from './index.ts';
import { MAX_BINS } from './kql-make-series.ts';

let times: number[];
const store = useSeededStore(async (s) => {
  const r = await runKql(s, TENANT, 'SigninLogs | project TimeGenerated', { now: NOW });
  times = r.tables[0]!.rows.map((row) => Date.parse(String(row[0])));
});

/** Bins from the first value's bin to the end of the last value's bin (or from a given start). */
function expectedBins(stepMs: number, fromMs?: number): number {
  const first = fromMs ?? Math.floor(Math.min(...times) / stepMs) * stepMs;
  const last = Math.floor(Math.max(...times) / stepMs) * stepMs + stepMs;
  return Math.ceil((last - first) / stepMs);
}

async function seriesLength(q: string): Promise<number> {
  const r = await runKql(store(), TENANT, `${q} | project n = array_length(count_)`, { now: NOW });
  return Number(r.tables[0]!.rows[0]![0]);
}

async function refused(q: string, bins: number): Promise<void> {
  await assert.rejects(runKql(store(), TENANT, q, { now: NOW }), (e: unknown) => {
    assert.ok(e instanceof KqlError, String(e));
    assert.equal(e.code, 'IDT_KQL_UNSUPPORTED');
    assert.equal(e.httpStatus, 400);
    assert.match(e.message, new RegExp(`make-series of ${bins} bins \\(at most ${MAX_BINS}`));
    assert.ok(e.position, 'points at the operator');
    return true;
  });
}

describe('make-series bounded by the data', () => {
  it('builds a series just under the limit, as long as the data spans', async () => {
    const stepMs = 60_000;
    const n = expectedBins(stepMs);
    // The fixture spans just under a week: a minute step stays under the cap, half a minute does not.
    assert.ok(n <= MAX_BINS && expectedBins(stepMs / 2) > MAX_BINS, `fixture span gives ${n} bins`);
    assert.equal(await seriesLength('SigninLogs | make-series count() on TimeGenerated step 1m'), n);
  });

  it('refuses a series over the limit with a 400 that gives the number of bins', async () => {
    await refused('SigninLogs | make-series count() on TimeGenerated step 30s', expectedBins(30_000));
    await refused('SigninLogs | make-series count() on TimeGenerated step 10s by UserPrincipalName', expectedBins(10_000));
  });

  it('counts from a given start to the data when only `from` is given', async () => {
    const from = NOW.getTime() - 2 * 864e5;
    assert.equal(await seriesLength('SigninLogs | make-series count() on TimeGenerated from ago(2d) step 20s'), expectedBins(20_000, from));
    await refused('SigninLogs | make-series count() on TimeGenerated from ago(2d) step 10s', expectedBins(10_000, from));
  });

  it('lets an empty input through: it has no bins, and so no series (not a 400)', async () => {
    const r = await runKql(store(), TENANT, 'SigninLogs | where UserPrincipalName == "nobody" | make-series count() on TimeGenerated step 1s', { now: NOW });
    assert.equal(r.tables[0]!.rows.length, 0);
  });
});
