// Latency of every report and of the risk rules on a loaded store: p50/p99 over a few runs each.
// `npm run bench` wires this in; bench/reports-bench-run.ts runs it alone on N sign-ins.
import type { LogStore } from '../src/store/index.ts';
import { REPORTS, reportContext, runReportWith, type TimeRange } from '../src/reports/index.ts';
import { RISK_RULES } from '../src/risk/index.ts';

export interface ReportBenchFigure {
  readonly name: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly runs: number;
}

function pct(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50Ms: number; p99Ms: number }> {
  await fn(); // warm-up: first touch of the columns
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: pct(ms, 50), p99Ms: pct(ms, 99) };
}

/**
 * Every registered report (each over its own default window, or `range` when given) and every
 * risk rule (over `range`, default the last 90 days before `now`).
 */
export async function benchReports(store: LogStore, tenantId: string, opts: { runs?: number; now?: Date; range?: TimeRange } = {}): Promise<ReportBenchFigure[]> {
  const runs = opts.runs ?? 5;
  const now = opts.now ?? new Date();
  const out: ReportBenchFigure[] = [];
  for (const def of REPORTS) {
    const ctx = reportContext(def, { tenantId, now, from: opts.range?.from ?? null, to: opts.range?.to ?? null });
    out.push({ name: `report ${def.name}`, runs, ...(await time(runs, () => runReportWith(store, def, ctx))) });
  }
  const range = opts.range ?? { from: new Date(now.getTime() - 90 * 86_400_000).toISOString(), to: now.toISOString() };
  for (const rule of RISK_RULES) {
    const ctx = { tenantId, range };
    out.push({ name: `risk ${rule.riskEventType}`, runs, ...(await time(runs, async () => rule.detect((await store.query(rule.build(ctx))).rows, ctx))) });
  }
  return out;
}
