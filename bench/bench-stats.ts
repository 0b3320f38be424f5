// Timing and resource helpers shared by every bench section. Percentiles use the nearest-rank
// method on sorted samples: with 30 runs, p99 is the slowest run, which is what a user would see.
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly n: number;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!;
}

export const latency = (xs: readonly number[]): Latency => ({ p50: round(percentile(xs, 0.5)), p99: round(percentile(xs, 0.99)), n: xs.length });

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** (x >= 100 ? 0 : digits);
  return Math.round(x * f) / f;
}

/** Run `fn` `warmup` times untimed (caches, JIT, plan caches), then `runs` times timed, in ms. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Samples this process's RSS and CPU every `everyMs` while a phase runs. CPU is reported in cores
 * (1.0 = one core busy), the figure that tells whether a path is bound by one JS thread.
 */
export class ResourceSampler {
  private timer: NodeJS.Timeout | null = null;
  private peak = 0;
  private cpu0 = process.cpuUsage();
  private t0 = performance.now();
  private static processPeak = 0;

  constructor(private readonly everyMs = 100) {}

  start(): this {
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  private sample(): void {
    const r = process.memoryUsage.rss();
    if (r > this.peak) this.peak = r;
    if (r > ResourceSampler.processPeak) ResourceSampler.processPeak = r;
  }

  stop(): { peakRssMb: number; cpuCores: number; wallS: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const c = process.cpuUsage(this.cpu0);
    const wallS = (performance.now() - this.t0) / 1000;
    return { peakRssMb: Math.round(this.peak / 2 ** 20), cpuCores: round((c.user + c.system) / 1e6 / wallS), wallS: round(wallS) };
  }

  /** Highest RSS any sampler saw, and the kernel's own high-water mark. */
  static peakRssMb(): number {
    return Math.round(Math.max(ResourceSampler.processPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  }
}
