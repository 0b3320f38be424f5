// The keys of pages already answered — (time, id, seq) of the newest (or oldest) n records matching a
// filter — kept with the sequence watermark they are complete up to, so asking again costs a look at
// the records appended since instead of a scan.
//
// Why: a sparse filter (one user among 10M sign-ins) has its page scattered over the whole table.
// Finding its keys scans the filter's column (30–60 ms at 10M) and no zone map helps. The Graph API
// and the log blades ask the same pages again and again (a help desk refreshing one user's sign-ins,
// a dashboard polling), so the answer is worth keeping.
//
// Why it stays exact: records are append-only and every stored record has a sequence number handed
// out in commit order, so "all records with seq ≤ w" never changes while no record is deleted. If a
// page's keys were computed over a snapshot holding every record with seq ≤ w, the page now is the
// top n of (those keys ∪ the top n of the records with seq > w): a record that was not in the old
// top n had n better records then, and they are all still there. Late records (old times, new seqs)
// are found by seq, not by time. Deletions (retention) clear everything, and a computation that
// overlapped a deletion is not kept (the generation check below).
import type { Expr, ScanRel } from '../query/ir/index.ts';
import { timeKey } from './last-sign-in-store.ts';

export interface PageKey {
  /** Record time as the engine returned it (ISO-8601, trailing fractional zeros stripped). */
  readonly t: string;
  readonly id: string;
  readonly s: number;
}

export interface PageKeysShape {
  readonly scan: ScanRel;
  readonly predicate: Expr | null;
  readonly timeField: string;
  readonly direction: 'asc' | 'desc';
  readonly count: number;
}

interface Entry {
  readonly keys: readonly PageKey[];
  /** Every record with seq ≤ watermark was visible to the query that produced `keys`. */
  readonly watermark: number;
}

export interface PageKeysCacheStats {
  readonly entries: number;
  readonly keys: number;
  readonly hits: number;
  readonly misses: number;
}

/** Pages kept at most; a key string plus up to `count` keys each. */
const DEFAULT_MAX_ENTRIES = 4096;
/** Keys kept in all (~100 bytes each in V8): bounds memory when pages are large. */
const DEFAULT_MAX_KEYS = 200_000;
/** Characters of entry keys (the filters' IR as JSON) kept in all: long `or` chains make long keys. */
const MAX_KEY_CHARS = 4_000_000;

export class PageKeysCache {
  private readonly entries = new Map<string, Entry>();
  private keyCount = 0;
  private keyChars = 0;
  private generation = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES, private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  static keyOf(page: PageKeysShape): string {
    // JSON of the IR is unambiguous (literals keep their type and exact text) and deterministic
    // for plans built by the same code; a differently built but equal filter only misses.
    return JSON.stringify([page.scan.log, page.scan.tenantId, page.timeField, page.direction, page.count, page.predicate]);
  }

  /** Taken before a computation starts; `put` with a stale ticket (a deletion happened) is ignored. */
  ticket(): number {
    return this.generation;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  put(ticket: number, key: string, keys: readonly PageKey[], watermark: number): void {
    if (ticket !== this.generation || keys.length > this.maxKeys / 4 || key.length > MAX_KEY_CHARS / 16) return;
    this.delete(key);
    this.entries.set(key, { keys, watermark });
    this.keyCount += keys.length;
    this.keyChars += key.length;
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.keyCount <= this.maxKeys && this.keyChars <= MAX_KEY_CHARS) break;
      this.delete(k);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.keyCount -= e.keys.length;
    this.keyChars -= key.length;
  }

  /** Records were (or are about to be) deleted: forget everything, and refuse what is in flight. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.keyCount = 0;
    this.keyChars = 0;
  }

  /**
   * For benchmarks: make every entry `records` sequence numbers older than it is, so the next ask
   * pays the query for that many newer records, as it would after that many appends.
   */
  rewind(records: number): void {
    for (const [k, e] of this.entries) this.entries.set(k, { keys: e.keys, watermark: Math.max(0, e.watermark - records) });
  }

  stats(): PageKeysCacheStats {
    return { entries: this.entries.size, keys: this.keyCount, hits: this.hits, misses: this.misses };
  }
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** The engine's VARCHAR order: bytes of UTF-8 (for ASCII, the same as JS's code-unit order). */
function compareText(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The top `count` of two key lists in page order, each key once (a key may be in both). */
export function mergeKeys(a: readonly PageKey[], b: readonly PageKey[], direction: 'asc' | 'desc', count: number): PageKey[] {
  const sign = direction === 'desc' ? -1 : 1;
  const seen = new Set<string>();
  const all: Array<{ k: PageKey; t: string }> = [];
  for (const k of [...b, ...a]) {
    if (seen.has(k.id)) continue;
    seen.add(k.id);
    all.push({ k, t: timeKey(k.t) });
  }
  all.sort((x, y) => sign * (x.t < y.t ? -1 : x.t > y.t ? 1 : compareText(x.k.id, y.k.id)));
  return all.slice(0, count).map((x) => x.k);
}
