// Appends in two steps, so DuckDB loads big groups of batches instead of one small INSERT per request.
//
// Why: an INSERT into the wide sign-in table costs ~10 ms however few rows it carries (binding the
// nested schema, one column writer per leaf, the commit), and per row it costs less the more rows it
// carries: 50 µs of wall a lean sign-in in batches of 1,000, 25 µs in one of 90,000
// (notes/ingest-perf.md). With one INSERT per request, the writer was the bottleneck of HTTP ingest.
//
// 1. Stage (in order, one batch at a time, no query): drop repeats, hand out sequence numbers,
//    compute the chain anchor, and write the batch to the spool (append-spool.ts). The append
//    resolves once an fsync shared with the other batches of the moment has covered it: the batch
//    is durable, and a crash replays it from the spool at the next open.
// 2. Load (spool-loader.ts, on the writer): every batch staged since the last load goes in at once.
//    A busy writer therefore takes bigger groups: the group size follows the load, and an idle
//    store loads each batch at once.
//
// Reads see a batch once loaded and never wait for the spool. The acknowledgement waits for the
// batch's load by default (AppendOptions.ack 'visible'), so a read after it finds the batch; a
// sender that asks for 'durable' is answered after the fsync and its batches become visible with
// the next load. Writes that must see every acknowledged batch (retention, bookkeeping) call
// barrier() first.
import type { DuckDBConnection } from '@duckdb/node-api';
import { LOG_KINDS, type LogKind } from '../../model/index.ts';
import type { AppendOptions, AppendResult, PreparedRecord, SpoolStats } from '../log-store.ts';
import type { AppendSpool, Segment, SpoolMeta } from './append-spool.ts';
import { maskOf, type appendStatement } from './duckdb-schema.ts';
import { SpoolLoader } from './spool-loader.ts';
import { idHash53, storedIds } from './tenant-log.ts';
import type { TenantLogs } from './tenant-logs.ts';

/** Staging waits for the loads once this much is spooled and not loaded (bounds disk and lag). */
const BACKLOG_MAX_BYTES = 1024 * 1024 * 1024;

export interface SpooledAppendsDeps {
  readonly writer: DuckDBConnection;
  /** Connection for staging's rare reads (probing stored ids), so they never wait on a load. */
  readonly stager: DuckDBConnection;
  readonly spool: AppendSpool;
  readonly logs: TenantLogs;
  readonly statements: Record<LogKind, ReturnType<typeof appendStatement>>;
  /** Run `fn` in the store's write queue (after everything queued before it). */
  readonly enqueueWrite: <T>(fn: () => Promise<T>) => Promise<T>;
  /** A staged batch's records, for the record cache (records never change, so early is safe). */
  readonly admit: (kind: LogKind, tenantId: string, records: readonly PreparedRecord[], stored: AppendResult['stored']) => void;
  /** A batch is loaded or set aside: every seq ≤ lastSeq of the log is now committed or gone for good. */
  readonly committed: (kind: LogKind, tenantId: string, lastSeq: number) => void;
  /** A batch DuckDB refused even alone: kept aside in the spool's failed/ directory. */
  readonly onQuarantine: (file: string, meta: SpoolMeta, err: unknown) => void;
}

/** The spool lines of records: each one's JSON with the internal columns appended (one serialization). */
export function stagedLines(masks: ReturnType<typeof appendStatement>['masks'], tenantId: string, items: ReadonlyArray<{ p: PreparedRecord; seq: number }>): string[] {
  const tenantJson = JSON.stringify(tenantId);
  return items.map(({ p, seq }) => {
    const json = p.json ?? JSON.stringify(p.record);
    const maskJson = masks.map(([list, m]) => `,"${m.column}":${maskOf(p.record[list], m.bits)}`).join('');
    return `${json.slice(0, -1)},"_tenant":${tenantJson},"_seq":${seq}${maskJson},"_extra":${p.extra ? JSON.stringify(p.extra) : 'null'}}`;
  });
}

const keyOf = (kind: LogKind, tenantId: string) => `${kind}\u0000${tenantId}`;
const batchKey = (seg: Segment, index: number) => `${seg.name}#${index}`;

export class SpooledAppends {
  private stageQueue: Promise<unknown> = Promise.resolve();
  /** Ids staged and not yet loaded, per log: the table cannot answer for them yet. */
  private readonly pendingIds = new Map<string, Set<string>>();
  /** Per batch staged by this process and not loaded: its ids, its spool bytes, and its load's promise (what a 'visible' acknowledgement waits for). */
  private readonly batches = new Map<string, { ids: readonly string[]; bytes: number; resolve: () => void; reject: (e: Error) => void }>();
  private backlogRows = 0;
  private backlogBytes = 0;
  private staged = 0;
  private done = 0;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  private readonly loader: SpoolLoader;

  constructor(private readonly deps: SpooledAppendsDeps) {
    this.loader = new SpoolLoader({
      writer: deps.writer, spool: deps.spool, statements: deps.statements, enqueueWrite: deps.enqueueWrite,
      batchDone: (seg, i, meta, refused) => this.batchDone(seg, i, meta, refused),
      onQuarantine: deps.onQuarantine,
    });
  }

  append(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], options?: AppendOptions): Promise<AppendResult> {
    const run = this.stageQueue.then(() => this.stage(kind, tenantId, records, options));
    this.stageQueue = run.catch(() => undefined);
    // The acknowledgement waits outside the stage queue, so batches staged meanwhile share the
    // fsync or the load. 'visible' waits for the load only: its commit is durable in DuckDB's WAL.
    return run.then(async ({ result, loaded }) => {
      if (result.inserted) await (options?.ack === 'durable' ? this.deps.spool.synced() : loaded);
      return result;
    });
  }

  stats(): SpoolStats {
    return { batches: this.staged - this.done, rows: this.backlogRows, bytes: this.backlogBytes, loads: this.loader.loads, loadedBatches: this.done, quarantined: this.loader.quarantined };
  }

  /** Resolves once every batch staged before the call is loaded (or set aside); undefined if none waits. */
  barrier(): Promise<void> | undefined {
    if (this.done >= this.staged) return undefined;
    const target = this.staged;
    this.loader.schedule();
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }

  /** Wait for staging in progress, then for every load. */
  async drain(): Promise<void> {
    await this.stageQueue;
    await this.barrier();
  }

  /** Load what a previous process spooled; before the store serves anything. */
  async recover(): Promise<{ segments: number; quarantined: string[] }> {
    return this.loader.recover((segments) => {
      for (const s of segments) {
        this.staged += s.batches.length;
        this.backlogRows += s.rows;
      }
    });
  }

  private async stage(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], options?: AppendOptions): Promise<{ result: AppendResult; loaded?: Promise<void> }> {
    const { stager, logs, spool } = this.deps;
    if (this.backlogBytes > BACKLOG_MAX_BYTES) await this.barrier();
    const log = await logs.forAppend(kind, tenantId);
    // Repeats within the batch keep their first occurrence; repeats of stored records are found
    // through the filter, and only its "maybe" answers are checked: first against the batches not
    // loaded yet, then the table (in that order: a batch loaded in between is then in the table).
    const seen = new Set<string>();
    const fresh: Array<{ p: PreparedRecord; id: string; h: number }> = [];
    for (const p of records) {
      const id = String(p.record['id']);
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push({ p, id, h: idHash53(id) });
    }
    const key = keyOf(kind, tenantId);
    const maybe = fresh.filter((f) => log.filter.mightContain(f.h)).map((f) => f.id);
    const pending = this.pendingIds.get(key);
    const dup = new Set(maybe.filter((id) => pending?.has(id)));
    const ask = maybe.filter((id) => !dup.has(id));
    if (ask.length) for (const id of await storedIds(stager, LOG_KINDS[kind].table, tenantId, ask)) dup.add(id);
    const toStore = dup.size ? fresh.filter((f) => !dup.has(f.id)) : fresh;
    if (toStore.length === 0) return { result: { inserted: 0, duplicates: records.length, stored: [] } };
    const stored = toStore.map((f, i) => ({ id: f.id, seq: log.seq + 1 + i }));
    const lastSeq = stored[stored.length - 1]!.seq;
    // The anchor is computed now, in sequence order, and commits with the records in the load.
    const anchor = options?.anchor ? options.anchor(stored) : null;
    const lines = stagedLines(this.deps.statements[kind].masks, tenantId, toStore.map((f, i) => ({ p: f.p, seq: stored[i]!.seq })));
    const { segment, bytes } = spool.append({ kind, tenantId, count: stored.length, lastSeq, anchor }, lines);
    // Written: the log's state moves past the batch only now, so a failed write leaves nothing to
    // undo (the chain recorder finds the reused seqs in its history).
    log.seq = lastSeq;
    for (const f of toStore) log.filter.add(f.h);
    let set = pending;
    if (!set) this.pendingIds.set(key, (set = new Set()));
    for (const s of stored) set.add(s.id);
    const bk = batchKey(segment, segment.batches.length - 1);
    this.deps.admit(kind, tenantId, records, stored);
    const loaded = new Promise<void>((resolve, reject) => this.batches.set(bk, { ids: stored.map((s) => s.id), bytes, resolve, reject }));
    loaded.catch(() => undefined); // a 'durable' append does not wait for it
    this.staged++;
    this.backlogRows += stored.length;
    this.backlogBytes += bytes;
    this.loader.schedule();
    return { result: { inserted: stored.length, duplicates: records.length - stored.length, stored }, loaded };
  }

  private batchDone(seg: Segment, index: number, meta: SpoolMeta, refused?: unknown): void {
    const bk = batchKey(seg, index);
    const b = this.batches.get(bk); // none for a batch a previous process staged
    this.batches.delete(bk);
    this.backlogRows -= meta.count;
    this.backlogBytes -= b?.bytes ?? 0;
    this.deps.committed(meta.kind, meta.tenantId, meta.lastSeq);
    this.done++;
    const key = keyOf(meta.kind, meta.tenantId);
    const set = this.pendingIds.get(key);
    if (set && b) {
      for (const id of b.ids) set.delete(id);
      if (set.size === 0) this.pendingIds.delete(key);
    }
    if (b) {
      if (refused === undefined) b.resolve();
      else b.reject(new Error(`the store refused the batch (${(refused as Error).message}); it was set aside, resend it`));
    }
    if (this.waiters.length && this.waiters[0]!.target <= this.done) {
      const ready = this.waiters.filter((w) => w.target <= this.done);
      this.waiters = this.waiters.filter((w) => w.target > this.done);
      for (const w of ready) w.resolve();
    }
  }
}
