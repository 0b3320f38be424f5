// A bounded, least-recently-used cache of decoded Graph records for the page reader's fetch step.
//
// Why: at 10M sign-ins the keys of a first page cost ~5 ms, but fetching the 51 full records costs
// ~20 ms, because a columnar engine decompresses a vector of every one of ~300 nested leaf columns
// to return a handful of rows. Records are append-only and never change, so a record once decoded
// can be served again without asking the engine; the Graph API and the log blades re-read the same
// newest pages all day. Entries are keyed by (kind, tenant, sequence, id): a sequence number is
// assigned once per stored record, so a key can never name a different record's content, and
// purges/tenant deletions clear the cache anyway. Values are kept as JSON text (compact, and each
// hit hands out a fresh object, so no caller can alter what another caller gets).
import { mergeExtra, type JsonObject, type LogKind } from '../model/index.ts';
import type { PreparedRecord } from './log-store.ts';

export interface RecordCacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly hits: number;
  readonly misses: number;
}

/** Rough per-entry overhead (key string, Map slot) in bytes, so tiny records are not free. */
const ENTRY_OVERHEAD = 96;

/** A cached record in the recency list (oldest ← … → newest). */
interface Entry {
  readonly key: string;
  readonly json: string;
  readonly size: number;
  older: Entry | null;
  newer: Entry | null;
}

export class RecordCache {
  // Recency is an explicit doubly linked list, not the Map's insertion order: evicting "the first
  // entry of the Map" costs a scan over every slot deleted since V8 last compacted the table, so
  // once the cache was full each append paid ~5-13 µs per record (thousands of holes skipped).
  private readonly entries = new Map<string, Entry>();
  private oldest: Entry | null = null;
  private newest: Entry | null = null;
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  /** maxBytes 0 disables the cache (every lookup misses, nothing is kept). */
  constructor(readonly maxBytes: number) {
    if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new RangeError(`record cache size must be a non-negative number of bytes, got ${maxBytes}`);
  }

  private static key(kind: LogKind, tenantId: string, seq: number, id: string): string {
    return `${kind}\u0000${tenantId}\u0000${seq}\u0000${id}`;
  }

  private unlink(e: Entry): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = null;
  }

  private linkNewest(e: Entry): void {
    e.older = this.newest;
    e.newer = null;
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }

  /** A fresh copy of the cached record, or undefined. A hit becomes the most recently used entry. */
  get(kind: LogKind, tenantId: string, seq: number, id: string): JsonObject | undefined {
    const e = this.entries.get(RecordCache.key(kind, tenantId, seq, id));
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (e !== this.newest) {
      this.unlink(e);
      this.linkNewest(e);
    }
    return JSON.parse(e.json) as JsonObject;
  }

  put(kind: LogKind, tenantId: string, seq: number, id: string, record: JsonObject): void {
    if (this.maxBytes === 0) return;
    this.putJson(kind, tenantId, seq, id, JSON.stringify(record));
  }

  /** As put, with the record already serialized (ingest has that text at hand). */
  putJson(kind: LogKind, tenantId: string, seq: number, id: string, v: string): void {
    if (this.maxBytes === 0) return;
    const k = RecordCache.key(kind, tenantId, seq, id);
    // JS strings are UTF-16: two bytes per code unit is the honest memory figure.
    const size = (v.length + k.length) * 2 + ENTRY_OVERHEAD;
    if (size > this.maxBytes / 4) return; // one huge record must not flush everything else
    const old = this.entries.get(k);
    if (old !== undefined) {
      this.unlink(old);
      this.bytes -= old.size;
    }
    const e: Entry = { key: k, json: v, size, older: null, newer: null };
    this.entries.set(k, e);
    this.linkNewest(e);
    this.bytes += size;
    while (this.bytes > this.maxBytes && this.oldest) {
      const gone = this.oldest;
      this.unlink(gone);
      this.entries.delete(gone.key);
      this.bytes -= gone.size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.newest = null;
    this.bytes = 0;
  }

  stats(): RecordCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses };
  }
}

/**
 * New records are what the log blades ask for next, so they enter the cache as stored: the
 * normalized record with its unknown properties merged back is exactly what decoding the stored
 * row gives (record-cache.test.ts holds the two paths equal for every kind).
 */
export function admitAppended(cache: RecordCache, kind: LogKind, tenantId: string, records: readonly PreparedRecord[], stored: ReadonlyArray<{ id: string; seq: number }>): void {
  if (cache.maxBytes === 0) return;
  const first = new Map<string, PreparedRecord>();
  for (const p of records) {
    const id = String(p.record['id']);
    if (!first.has(id)) first.set(id, p);
  }
  for (const s of stored) {
    const p = first.get(s.id);
    if (!p) continue;
    const json = p.json ?? JSON.stringify(p.record);
    cache.putJson(kind, tenantId, s.seq, s.id, p.extra ? JSON.stringify(mergeExtra(JSON.parse(json) as JsonObject, p.extra)) : json);
  }
}
