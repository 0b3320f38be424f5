// What the embedded store keeps in memory so list pages are cheap (page-reader.ts): decoded records
// (record-cache.ts), the keys of answered pages (page-keys-cache.ts), each log's time extent and its
// committed sequence watermark. The store tells it about appends and deletions; it never writes.
import { LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import type { Relation, ScanRel } from '../../query/ir/index.ts';
import type { PreparedRecord, QueryResult } from '../log-store.ts';
import { extentPlan, matchPagePlan, readPage, type KeyedRecord } from '../page-reader.ts';
import { PageKeysCache, type PageKeysCacheStats } from '../page-keys-cache.ts';
import { admitAppended, type RecordCache, type RecordCacheStats } from '../record-cache.ts';

export interface PageReadEngine {
  query(plan: Relation): Promise<QueryResult>;
  /** Rows of a plan decoded as records of `kind`, each with its `_seq`. */
  readDirect(kind: LogKind, plan: Relation): Promise<KeyedRecord[]>;
  rawQuery(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

const logKey = (kind: LogKind, tenantId: string) => `${kind}\u0000${tenantId}`;
const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

export class DuckDbPageReads {
  private readonly keys = new PageKeysCache();
  private readonly extents = new Map<string, { v: { oldest: number; newest: number } | null; at: number }>();
  /** Per (kind, tenant): every record with a seq up to this is committed (see watermark()). */
  private readonly committed = new Map<string, number>();

  constructor(private readonly engine: PageReadEngine, private readonly records: RecordCache) {}

  async readRecords(kind: LogKind, plan: Relation): Promise<JsonObject[]> {
    // Newest-N pages take the two-step path (see page-reader.ts): ~1 s → a few ms on 1M rows.
    const page = matchPagePlan(plan);
    if (page) {
      return readPage({
        query: (p) => this.engine.query(p), readDirect: (k, p) => this.engine.readDirect(k, p), extent: (s, t) => this.extent(s, t),
        cache: this.records, keys: this.keys, watermark: (s) => this.watermark(s.log, s.tenantId),
      }, page, plan);
    }
    return (await this.engine.readDirect(kind, plan)).map((g) => g.record);
  }

  /** A staged batch's records into the record cache: keyed by seq and immutable, so before the load is safe. */
  admit(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], stored: ReadonlyArray<{ id: string; seq: number }>): void {
    admitAppended(this.records, kind, tenantId, records, stored);
  }

  /** Every record of the log up to `lastSeq` is committed (or gone for good): the watermark moves. */
  loaded(kind: LogKind, tenantId: string, lastSeq: number): void {
    const key = logKey(kind, tenantId);
    this.committed.set(key, Math.max(this.committed.get(key) ?? 0, lastSeq));
    this.extents.delete(key);
  }

  /**
   * Around a statement that deletes records: remembered page keys are dropped before it (so no page
   * is answered from keys it is deleting) and after it (so none computed meanwhile survives).
   */
  async deleting<T>(run: () => Promise<T>): Promise<T> {
    this.extents.clear();
    this.records.clear();
    this.keys.invalidate();
    try {
      return await run();
    } finally {
      this.keys.invalidate();
    }
  }

  /** Empty the record cache and the remembered page keys (benchmarks measure the uncached path). */
  drop(): void {
    this.records.clear();
    this.keys.invalidate();
  }

  /** Benchmarks: remembered page keys act as if `records` records had been appended since. */
  rewindPageKeys(records: number): void {
    this.keys.rewind(records);
  }

  pageKeysStats(): PageKeysCacheStats {
    return this.keys.stats();
  }

  recordCacheStats(): RecordCacheStats {
    return this.records.stats();
  }

  /**
   * The highest seq below which every record of the log is committed (see PageReaderDeps.watermark).
   * Appends raise it after their commit; the first ask after a start reads it from the table. Seqs
   * are handed out and committed in one order by the single writer, so the committed records of a
   * log are always every seq up to some point, and a max() over them is such a watermark.
   */
  private async watermark(kind: LogKind, tenantId: string): Promise<number | null> {
    const key = logKey(kind, tenantId);
    const known = this.committed.get(key);
    if (known !== undefined) return known;
    const r = await this.engine.rawQuery(`SELECT coalesce(max(_seq), 0)::DOUBLE AS s FROM ${q(LOG_KINDS[kind].table)} WHERE _tenant = $1`, [tenantId]);
    const s = Math.max(Number(r[0]?.['s'] ?? 0), this.committed.get(key) ?? 0);
    this.committed.set(key, s);
    return s;
  }

  /**
   * Oldest and newest record time per kind and tenant, cached for a minute: a scan of the time
   * column is cheap once but not on every page. Staleness only costs the page reader a probe.
   */
  private async extent(scan: ScanRel, timeField: string): Promise<{ oldest: number; newest: number } | null> {
    const key = logKey(scan.log, scan.tenantId);
    const hit = this.extents.get(key);
    if (hit && hit.at > Date.now() - 60_000) return hit.v;
    const r = (await this.engine.query(extentPlan(scan, timeField))).rows[0];
    const v = typeof r?.['lo'] === 'string' && typeof r['hi'] === 'string' ? { oldest: Date.parse(r['lo']), newest: Date.parse(r['hi']) } : null;
    this.extents.set(key, { v, at: Date.now() });
    return v;
  }
}
