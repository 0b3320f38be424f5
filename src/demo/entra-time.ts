// Timestamps as Entra emits them: ISO-8601 UTC with 7 fractional digits (100 ns ticks).

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Sort keys are milliseconds since the clock's base × TICKS + sub-millisecond ticks. */
export const TICKS = 10_000;

export interface EntraClock {
  readonly base: number;
  /** Key for an instant `ms` (epoch) plus sub-millisecond ticks. */
  key(ms: number, tick: number): number;
  toMs(key: number): number;
  format(key: number): string;
}

const MILLIS: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const TICK_DIGITS: string[] = Array.from({ length: TICKS }, (_, i) => String(i).padStart(4, '0'));

/** Records are rendered in time order, so the second-level prefix is cached between calls. */
export function entraClock(base: number): EntraClock {
  let lastSecond = -1;
  let prefix = '';
  return {
    base,
    key: (ms, tick) => (ms - base) * TICKS + tick,
    toMs: (key) => base + Math.floor(key / TICKS),
    format(key) {
      const ms = base + Math.floor(key / TICKS);
      const second = Math.floor(ms / 1000);
      if (second !== lastSecond) {
        lastSecond = second;
        prefix = new Date(second * 1000).toISOString().slice(0, 20);
      }
      return prefix + MILLIS[ms - second * 1000] + TICK_DIGITS[key % TICKS] + 'Z';
    },
  };
}

/** The generated window [start, end) and the UTC midnight at or before start that day buckets count from. */
export interface DemoWindow {
  readonly start: number;
  readonly end: number;
  readonly base: number;
  /** Number of UTC day buckets from base that overlap the window. */
  readonly buckets: number;
}

export function demoWindow(endIso: string, days: number): DemoWindow {
  const end = Date.parse(endIso);
  if (!Number.isFinite(end)) throw new RangeError(`demo: endDate is not an ISO date: ${endIso}`);
  const start = end - days * DAY;
  const base = Math.floor(start / DAY) * DAY;
  return { start, end, base, buckets: Math.ceil((end - base) / DAY) };
}
