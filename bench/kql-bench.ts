// KQL latency: every detection-suite query run N times on a store; prints nothing itself and
// asserts nothing — the bench harness prints the figures (p50/p99 per query).
import type { LogStore } from '../src/store/index.ts';
import { runKql, warmKqlParser } from '../src/query/kql/index.ts';
import { DETECTION_CASES } from '../src/query/kql/detection-cases.ts';

export interface KqlBenchRow {
  readonly name: string;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly rows: number;
  readonly error?: string;
}

export async function benchKql(store: LogStore, tenantId: string, opts: { runs?: number; now?: Date } = {}): Promise<KqlBenchRow[]> {
  warmKqlParser();
  const runs = opts.runs ?? 5;
  const out: KqlBenchRow[] = [];
  for (const { name, q } of DETECTION_CASES) {
    const times: number[] = [];
    let rows = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await runKql(store, tenantId, q, opts.now ? { now: opts.now } : {});
        times.push(performance.now() - t0);
        rows = r.tables[0]?.rows.length ?? 0;
      }
    } catch (e) {
      out.push({ name, p50ms: NaN, p99ms: NaN, rows: 0, error: (e as Error).message });
      continue;
    }
    times.sort((a, b) => a - b);
    const pick = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    out.push({ name, p50ms: pick(0.5), p99ms: pick(0.99), rows });
  }
  return out;
}

/** The harness section (`npm run bench -- --only kql`): every detection query, target < 2 s each. */
export async function kqlSection(ctx: import('./bench-context.ts').BenchContext): Promise<import('./figures.ts').Figure[]> {
  const rows = await benchKql(ctx.store, ctx.tenantId, { runs: ctx.runs });
  return rows.map((r) => ({
    section: 'kql', name: r.error ? `${r.name} (error: ${r.error.slice(0, 60)})` : r.name, unit: 'ms',
    value: Number.isNaN(r.p50ms) ? null : r.p50ms, p99: Number.isNaN(r.p99ms) ? null : r.p99ms, better: 'lower' as const,
    target: { op: '<' as const, value: 2000 },
  }));
}
