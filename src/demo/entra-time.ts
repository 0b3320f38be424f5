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
  /** Writes format(key) as TIME_CHARS ASCII bytes at `p`, without making the string. */
  writeTime(key: number, out: Uint8Array, p: number): void;
}

/** Length of a formatted time: `YYYY-MM-DDTHH:MM:SS.fffffffZ`. */
export const TIME_CHARS = 28;

const MILLIS: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const TICK_DIGITS: string[] = Array.from({ length: TICKS }, (_, i) => String(i).padStart(4, '0'));
const TWO_DIGITS: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Every record formats its own time, and consecutive records rarely share a second, so the date
 * part (`YYYY-MM-DDT`) is cached per UTC day and the rest is assembled from digits.
 */
export function entraClock(base: number): EntraClock {
  let day = -1;
  let dayPrefix = '';
  const dayBytes = new Uint8Array(11);
  let lastSecond = -1;
  let prefix = '';
  const toDay = (ms: number): number => {
    const d = Math.floor(ms / DAY);
    if (d !== day) {
      day = d;
      dayPrefix = new Date(d * DAY).toISOString().slice(0, 11);
      for (let i = 0; i < 11; i++) dayBytes[i] = dayPrefix.charCodeAt(i);
    }
    return ms - d * DAY;
  };
  return {
    base,
    key: (ms, tick) => (ms - base) * TICKS + tick,
    toMs: (key) => base + Math.floor(key / TICKS),
    format(key) {
      const ms = base + Math.floor(key / TICKS);
      const second = Math.floor(ms / 1000);
      if (second !== lastSecond) {
        lastSecond = second;
        const s = Math.floor(toDay(ms) / 1000);
        prefix = dayPrefix + TWO_DIGITS[Math.floor(s / 3600)] + ':' + TWO_DIGITS[Math.floor(s / 60) % 60] + ':' + TWO_DIGITS[s % 60] + '.';
      }
      return prefix + MILLIS[ms - second * 1000] + TICK_DIGITS[key % TICKS] + 'Z';
    },
    writeTime(key, out, p) {
      const ms = base + Math.floor(key / TICKS);
      const inDay = toDay(ms);
      out.set(dayBytes, p);
      const s = Math.floor(inDay / 1000);
      const h = Math.floor(s / 3600);
      const m = Math.floor(s / 60) % 60;
      const sec = s % 60;
      out[p + 11] = 48 + Math.floor(h / 10); out[p + 12] = 48 + (h % 10); out[p + 13] = 58; // :
      out[p + 14] = 48 + Math.floor(m / 10); out[p + 15] = 48 + (m % 10); out[p + 16] = 58;
      out[p + 17] = 48 + Math.floor(sec / 10); out[p + 18] = 48 + (sec % 10); out[p + 19] = 46; // .
      // Seven fraction digits: milliseconds then ticks, least significant written first.
      let frac = (inDay - s * 1000) * TICKS + (key % TICKS);
      for (let i = p + 26; i >= p + 20; i--) {
        const q = Math.floor(frac / 10);
        out[i] = 48 + frac - q * 10;
        frac = q;
      }
      out[p + 27] = 90; // Z
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
