// Every registered report and risk rule on every backend, over a small demo tenant (all five kinds, attacks on):
// each report, once per value of each enumerated parameter, must return exactly what it returns on
// the DuckDB reference (whose figures reports/demo-reports.test.ts checks against the generator's
// ground truth). A report the ClickHouse dialect cannot compile must fail with the error listed
// here (and in docs/scale-out.md).
import assert from 'node:assert/strict';
import { LOG_KINDS, normalizeRecord, type LogKind } from '../../model/index.ts';
import { generateDemo, type DemoSummary } from '../../demo/index.ts';
import { REPORTS } from '../../reports/report-registry.ts';
import { RISK_RULES } from '../../risk/risk-rules.ts';
import { runReport } from '../../reports/run-report.ts';
import type { ReportDef } from '../../reports/report-types.ts';
import type { LogStore, PreparedRecord } from '../log-store.ts';
import { REPORT_CASES } from './conformance-cases.ts';
import { loadOnce, referenceStore } from './reference-store.ts';

const OPTS = { seed: 5, users: 20, days: 5, endDate: '2025-03-08T00:00:00Z', attacks: true };

/** Reports ClickHouse refuses, by report name, with the error it must give. Keep docs/scale-out.md in step. */
export const CLICKHOUSE_UNSUPPORTED_REPORTS: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([
  // Unnests authenticationDetails (a list of objects, stored as JSON text plus parallel arrays of
  // its scalars) and reads item properties of the unnested rows.
  ['userSignInsByAuthMethodSummary', /nested property succeeded of a derived column cannot be read on ClickHouse/],
]);

/** Risk rules ClickHouse refuses: 18.16 has no window functions, and these compare each sign-in with the one before. */
export const CLICKHOUSE_UNSUPPORTED_RULES: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([
  ['unlikelyTravel', /window functions \(lag: .*\) are not available on ClickHouse/],
  ['newCountry', /window functions \(min: .*\) are not available on ClickHouse/],
]);

let demo: Promise<{ summary: DemoSummary; batches: Map<LogKind, PreparedRecord[]> }> | null = null;
function demoData() {
  demo ??= (async () => {
    const batches = new Map<LogKind, PreparedRecord[]>();
    const summary = await generateDemo(OPTS, {
      write(kind, record) {
        const b = batches.get(kind) ?? [];
        b.push(normalizeRecord(LOG_KINDS[kind].schema, record));
        batches.set(kind, b);
      },
    });
    return { summary, batches };
  })();
  return demo;
}

const loaded = (st: LogStore) => loadOnce(st, 'reports-demo', async (s) => {
  const { summary, batches } = await demoData();
  for (const [kind, recs] of batches) await s.append(kind, summary.tenant.id, recs);
});

/**
 * Lists of rows compared as multisets: reports order by counts, and rows tied on every sort key
 * come back in either order on either engine (two DuckDB stores differ there too).
 */
function unordered(v: unknown): unknown {
  if (Array.isArray(v)) {
    const xs = v.map(unordered);
    return xs.every((x) => x !== null && typeof x === 'object') ? xs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : xs;
  }
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unordered(x)]));
  return v;
}

/** One run per value of each enumerated parameter (the others at their defaults), or one run. */
function variants(r: ReportDef): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [{}];
  for (const p of r.params) for (const v of p.values ?? []) if (v !== p.default) out.push({ [p.name]: v });
  return out;
}

for (const r of REPORTS) {
  for (const params of variants(r)) {
    const name = `report ${r.name}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`;
    REPORT_CASES.push({
      name,
      async run({ store }) {
        const ref = await referenceStore();
        await Promise.all([loaded(store), loaded(ref)]);
        const { summary } = await demoData();
        const req = { tenantId: summary.tenant.id, from: summary.groundTruth.windowStart, to: summary.groundTruth.windowEnd, params, now: new Date(OPTS.endDate) };
        const gap = store.backend === 'clickhouse' ? CLICKHOUSE_UNSUPPORTED_REPORTS.get(r.name) : undefined;
        if (gap) {
          await assert.rejects(runReport(store, r, req), gap);
          return;
        }
        assert.deepEqual(unordered(await runReport(store, r, req)), unordered(await runReport(ref, r, req)));
      },
    });
  }
}

for (const rule of RISK_RULES) {
  REPORT_CASES.push({
    name: `risk rule ${rule.riskEventType}`,
    async run({ store }) {
      const ref = await referenceStore();
      await Promise.all([loaded(store), loaded(ref)]);
      const { summary } = await demoData();
      const ctx = { tenantId: summary.tenant.id, range: { from: summary.groundTruth.windowStart, to: summary.groundTruth.windowEnd } };
      const detect = async (st: LogStore) => rule.detect((await st.query(rule.build(ctx))).rows, ctx);
      const gap = store.backend === 'clickhouse' ? CLICKHOUSE_UNSUPPORTED_RULES.get(rule.riskEventType) : undefined;
      if (gap) {
        await assert.rejects(detect(store), gap);
        return;
      }
      assert.deepEqual(unordered(await detect(store)), unordered(await detect(ref)));
    },
  });
}
