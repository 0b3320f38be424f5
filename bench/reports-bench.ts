// The reports section of `npm run bench`: every report and every risk rule on the loaded tenant,
// p50/p99 against the target (< 1 s each on 10M records). Reports run over the whole
// dataset window (heavier than their own default windows). bench/reports-bench-run.ts runs the
// same measurements alone on N sign-ins.
import type { LogStore } from '../src/store/index.ts';
import { REPORTS, reportContext, runReportWith, type ReportSources, type TimeRange } from '../src/reports/index.ts';
import { RISK_RULES } from '../src/risk/index.ts';
import type { BenchContext } from './bench-context.ts';
import { openLastSignInIndex } from '../src/runtime/last-sign-in-wiring.ts';
import { lt, type Figure } from './figures.ts';

export interface ReportBenchFigure {
  readonly name: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The timed calls, one per report and per risk rule. */
export function reportCalls(store: LogStore, tenantId: string, now: Date, range: TimeRange, sources: ReportSources = {}): Array<{ name: string; run: () => Promise<unknown> }> {
  return [
    ...REPORTS.map((def) => {
      // A report answered by a derived table (lastSignIns) is timed on its own default range, the one it serves.
      const ctx = reportContext(def, def.fromSources && sources.lastSignIns ? { tenantId, now } : { tenantId, now, from: range.from, to: range.to });
      return { name: `report ${def.name}`, run: () => runReportWith(store, def, ctx, sources) };
    }),
    ...RISK_RULES.map((rule) => {
      const ctx = { tenantId, range };
      return { name: `risk ${rule.riskEventType}`, run: async () => rule.detect((await store.query(rule.build(ctx))).rows, ctx) };
    }),
  ];
}

/** Plain measurement: warm up twice, then `runs` timed calls each. */
export async function measureReports(store: LogStore, tenantId: string, now: Date, range: TimeRange, runs = 5, sources: ReportSources = {}, only?: readonly string[]): Promise<ReportBenchFigure[]> {
  const out: ReportBenchFigure[] = [];
  const calls = reportCalls(store, tenantId, now, range, sources);
  const unknown = (only ?? []).filter((n) => !calls.some((c) => c.name.endsWith(` ${n}`)));
  if (unknown.length) throw new Error(`no report or risk rule named ${unknown.join(', ')}`);
  for (const c of calls.filter((c) => !only || only.some((n) => c.name.endsWith(` ${n}`)))) {
    for (let i = 0; i < 2; i++) await c.run();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await c.run();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]! * 10) / 10;
    out.push({ name: c.name, p50Ms: at(0.5), p99Ms: at(0.99) });
  }
  return out;
}

/** SectionBench for bench/sections.ts. */
export async function benchReports(ctx: BenchContext): Promise<Figure[]> {
  const end = new Date(ctx.dataset.endDate);
  const range = { from: new Date(end.getTime() - 90 * 86_400_000).toISOString(), to: end.toISOString() };
  const figures: Figure[] = [];
  // As the server runs: lastSignIns reads the table kept at ingest (built once here if missing).
  const lastSignIns = await openLastSignInIndex(ctx.store);
  for (const c of reportCalls(ctx.store, ctx.tenantId, end, range, { lastSignIns })) {
    const l = await ctx.time(c.run);
    figures.push({ section: 'reports', name: c.name, unit: 'ms', value: l.p50, p99: l.p99, better: 'lower', target: lt(1000) });
    ctx.log(`reports: ${c.name} p50 ${l.p50} ms`);
  }
  return figures;
}
