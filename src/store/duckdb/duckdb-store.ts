// The embedded LogStore on DuckDB: one file under the data directory, owned by this process.
// Appends hand batches to DuckDB's own NDJSON reader (5–9× faster than value-by-value appends,
// see notes/ingest-probe.md) in plain INSERT … SELECTs: duplicates are dropped and sequence
// numbers assigned beforehand, in JS, from per-tenant state (tenant-log.ts), because an anti-join
// against the stored table grew with it (530 ms a batch at 1M rows, notes/ingest-perf.md). A batch
// is durable in the spool, then loaded with whatever else is waiting by the single writer
// (spooled-appends.ts); append() resolves once the batch is readable, or durable if asked.

import { mkdirSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ALL_KINDS, LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import type { Relation } from '../../query/ir/index.ts';
import { compile, duckdbDialect, type ScanTarget } from '../../query/sql/index.ts';
import { StoreError, type AppendOptions, type AppendResult, type LogStore, type PreparedRecord, type PurgeResult, type QueryOptions, type QueryResult, type StoreStats, type IdFilterStats, type SpoolStats, type WarmStartSummary } from '../log-store.ts';
import { decodeRecord } from '../record-decoder.ts';
import type { KeyedRecord } from '../page-reader.ts';
import type { PageKeysCacheStats } from '../page-keys-cache.ts';
import { RecordCache, type RecordCacheStats } from '../record-cache.ts';
import { DuckDbPageReads } from './duckdb-page-reads.ts';
import { runCancellable } from './duckdb-cancellable.ts';
import { appendStatement, CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL, SPOOL_LOADED_SQL, createTableSql, listMasks, tableColumns } from './duckdb-schema.ts';
import { migrateColumns } from './duckdb-migrate.ts';
import { TenantLogs } from './tenant-logs.ts';
import { WarmStart, type WarmStartHooks } from './warm-start.ts';
import { convertRow } from './duckdb-values.ts';
import { runtimeError } from './duckdb-errors.ts';
import { AppendSpool } from './append-spool.ts';
import { SpooledAppends } from './spooled-appends.ts';

export interface DuckDbStoreOptions {
  /** Directory holding idtrail.duckdb; ':memory:' for a throwaway store. */
  readonly dataDir: string;
  readonly memoryLimit?: string;
  readonly threads?: number;
  readonly readConnections?: number;
  /**
   * WAL size that triggers an automatic checkpoint (DuckDB's wal_autocheckpoint). DuckDB's 16MB
   * made every few thousand sign-ins rewrite the open row group of a wide nested table: +35–50%
   * on the append and 230 instead of 150 bytes per record on disk. A bigger WAL costs restart
   * replay (about 16 ms per MB measured), so an idle writer also checkpoints (idleCheckpointMs).
   */
  readonly walAutocheckpoint?: string;
  /** Checkpoint after this long without appends, if the WAL holds anything; 0 disables. */
  readonly idleCheckpointMs?: number;
  /** Bytes of decoded records kept for repeated pages (record-cache.ts); 0 disables. Default 64 MiB. */
  readonly recordCacheBytes?: number;
  /** Told when the loader sets aside a spooled batch DuckDB refused (an acknowledged batch not stored). */
  readonly onSpoolQuarantine?: (file: string, err: unknown, batch: { kind: LogKind; tenantId: string; count: number }) => void;
}

export const DEFAULT_RECORD_CACHE_BYTES = 64 * 1024 * 1024;
const DEFAULT_WAL_AUTOCHECKPOINT = '256MB';
const DEFAULT_IDLE_CHECKPOINT_MS = 5_000;

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/**
 * Without a handler, a batch set aside is reported on stderr as a structured line: with ack
 * 'durable' its records were acknowledged and are not readable, which an operator must hear about
 * (the metric idtrail_spool_set_aside_batches_total counts them too).
 */
function reportQuarantine(file: string, err: unknown, batch: { kind: LogKind; tenantId: string; count: number }): void {
  process.stderr.write(`${JSON.stringify({
    level: 'error', time: new Date().toISOString(), msg: 'an ingest batch was refused by the store and set aside',
    kind: batch.kind, tenant: batch.tenantId, records: batch.count, file, error: (err as Error).message,
  })}\n`);
}

export class DuckDbStore implements LogStore {
  readonly backend = 'duckdb' as const;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readers: DuckDBConnection[] = [];
  private nextReader = 0;
  private readonly logs: TenantLogs;
  private warm: WarmStart | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private walDirty = false;
  private closed = false;
  /** A throwaway store's own directory (its spool), removed at close. */
  private scratchDir: string | null = null;
  private closing = false;
  private readonly targets: Record<LogKind, ScanTarget>;
  private readonly appendStatements = Object.fromEntries(ALL_KINDS.map((k) => [k, appendStatement(LOG_KINDS[k])])) as Record<LogKind, ReturnType<typeof appendStatement>>;
  private readonly pages: DuckDbPageReads;
  private readonly appends: SpooledAppends;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly stager: DuckDBConnection,
    spool: AppendSpool,
    private readonly dbPath: string | null,
    private readonly idleCheckpointMs: number,
    recordCache: RecordCache,
    onQuarantine: DuckDbStoreOptions['onSpoolQuarantine'],
  ) {
    this.logs = new TenantLogs(stager);
    this.appends = new SpooledAppends({
      writer, stager, spool, logs: this.logs, statements: this.appendStatements,
      enqueueWrite: (fn) => this.enqueue(fn),
      admit: (kind, tenantId, records, stored) => this.pages.admit(kind, tenantId, records, stored),
      committed: (kind, tenantId, lastSeq) => {
        this.pages.loaded(kind, tenantId, lastSeq);
        this.scheduleIdleCheckpoint();
      },
      onQuarantine: (file, meta, err) => (onQuarantine ?? reportQuarantine)(file, err, meta),
    });
    this.pages = new DuckDbPageReads({ query: (p) => this.query(p), readDirect: (k, p) => this.readDirect(k, p), rawQuery: (sql, ps) => this.rawQuery(sql, ps) }, recordCache);
    this.targets = Object.fromEntries(
      ALL_KINDS.map((k) => [k, { table: LOG_KINDS[k].table, tenantColumn: '_tenant', columns: tableColumns(LOG_KINDS[k]).map((c) => c.name), listMasks: listMasks(LOG_KINDS[k]) }]),
    ) as unknown as Record<LogKind, ScanTarget>;
  }

  static async open(opts: DuckDbStoreOptions): Promise<DuckDbStore> {
    const memory = opts.dataDir === ':memory:';
    const dir = memory ? join(process.env.TMPDIR ?? '/tmp', `idtrail-mem-${process.pid}-${Date.now()}`) : opts.dataDir;
    try {
      mkdirSync(join(dir, 'tmp'), { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (e) {
      throw new StoreError(`the data directory ${dir} is not writable: ${(e as Error).message}`, 'IDT_STORE_UNAVAILABLE', { cause: e });
    }
    const dbPath = memory ? null : join(dir, 'idtrail.duckdb');
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(dbPath ?? ':memory:', {
        memory_limit: opts.memoryLimit ?? '2GB',
        threads: String(opts.threads ?? 2),
        // Never reach for the network: the extensions we use (json) are built in. Without ICU every
        // timestamp is naive UTC, which is what the records hold.
        autoinstall_known_extensions: 'false',
        wal_autocheckpoint: opts.walAutocheckpoint ?? DEFAULT_WAL_AUTOCHECKPOINT,
      });
    } catch (e) {
      const msg = (e as Error).message;
      if (/lock/i.test(msg)) {
        throw new StoreError(`the data directory ${dir} is in use by another idtrail process (${msg})`, 'IDT_STORE_LOCKED', { cause: e });
      }
      throw new StoreError(`cannot open the store in ${dir}: ${msg}`, 'IDT_STORE_UNAVAILABLE', { cause: e });
    }
    const writer = await instance.connect();
    const spool = new AppendSpool(memory ? join(dir, 'tmp', 'spool') : join(dir, 'spool'), !memory);
    const store = new DuckDbStore(instance, writer, await instance.connect(), spool, dbPath, memory ? 0 : opts.idleCheckpointMs ?? DEFAULT_IDLE_CHECKPOINT_MS,
      new RecordCache(opts.recordCacheBytes ?? DEFAULT_RECORD_CACHE_BYTES), opts.onSpoolQuarantine);
    if (memory) store.scratchDir = dir;
    for (const k of ALL_KINDS) await writer.run(createTableSql(LOG_KINDS[k]));
    for (const ddl of [CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL, SPOOL_LOADED_SQL]) await writer.run(ddl);
    await migrateColumns(writer);
    // Batches a crash left in the spool were acknowledged: they are loaded before anything is read.
    await store.appends.recover();
    for (let i = 0; i < (opts.readConnections ?? 4); i++) store.readers.push(await instance.connect());
    return store;
  }

  scanTarget(kind: LogKind): ScanTarget {
    return this.targets[kind];
  }

  private reader(): DuckDBConnection {
    const c = this.readers[this.nextReader++ % this.readers.length];
    if (!c || this.closed) throw new StoreError('the store is closed', 'IDT_STORE_UNAVAILABLE');
    return c;
  }

  /**
   * Load the duplicate filter of every stored log in the background (warm-start.ts), so no tenant's
   * first batch after a start waits for it. Not part of open(): the caller starts it once the server
   * takes traffic. Idempotent; the promise never rejects (a log that fails loads on its first append).
   */
  warmStart(hooks?: WarmStartHooks): Promise<WarmStartSummary> {
    this.warm ??= new WarmStart(() => (this.closing ? Promise.reject(new Error('the store is closed')) : this.instance.connect()), this.logs, hooks);
    return this.warm.done;
  }

  /** The duplicate filters in memory and who loaded them (for /metrics and tests). */
  idFilterStats(): IdFilterStats {
    return this.logs.stats();
  }

  /**
   * Checkpoint once appends pause, so the WAL a restart must replay stays small without paying
   * checkpoints in the middle of a burst. It runs in the write queue, never beside an append.
   */
  private scheduleIdleCheckpoint(): void {
    this.walDirty = true;
    if (this.idleCheckpointMs <= 0) return;
    if (this.idleTimer) this.idleTimer.refresh();
    else {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (this.closed || !this.walDirty) return;
        if (this.pendingWrites() > 0) return this.scheduleIdleCheckpoint();
        this.walDirty = false;
        const run = this.writeQueue.then(() => (this.closed ? undefined : this.writer.run('CHECKPOINT')));
        // A failed checkpoint loses nothing (the WAL holds every commit); the next one retries.
        this.writeQueue = run.catch(() => {
          this.walDirty = true;
        });
      }, this.idleCheckpointMs);
      this.idleTimer.unref();
    }
  }

  append(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], options?: AppendOptions): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new StoreError('the store is closed', 'IDT_STORE_UNAVAILABLE'));
    this.pending++;
    return this.appends.append(kind, tenantId, records, options).then(
      (r) => r,
      (e: unknown) => {
        throw e instanceof StoreError ? e : new StoreError(`append to ${kind} failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
      },
    ).finally(() => this.pending--);
  }

  /** Run `fn` in the write queue, after everything queued before it. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(fn);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Staged batches waiting for the loader, their rows, and the loads and quarantines so far. */
  spoolStats(): SpoolStats {
    return this.appends.stats();
  }

  async query(plan: Relation, options?: QueryOptions): Promise<QueryResult> {
    const c = compile(plan, duckdbDialect, (k) => this.targets[k]);
    if (options?.signal && this.closed) throw new StoreError('the store is closed', 'IDT_STORE_UNAVAILABLE');
    let r;
    try {
      r = options?.signal ? await runCancellable(this.instance, c.sql, c.params, options.signal) : await this.reader().runAndReadAll(c.sql, c.params as never);
    } catch (e) {
      throw runtimeError(e) ?? e;
    }
    const columns = r.columnNames();
    const types = r.columnTypes();
    const rows = r.getRowObjectsJson().map((row) => convertRow(row, columns, types));
    return { columns, rows };
  }

  readRecords(kind: LogKind, plan: Relation): Promise<JsonObject[]> {
    return this.pages.readRecords(kind, plan);
  }

  private async readDirect(kind: LogKind, plan: Relation): Promise<KeyedRecord[]> {
    const c = compile(plan, duckdbDialect, (k) => this.targets[k]);
    const r = await this.reader().runAndReadAll(c.sql, c.params as never);
    const schema = LOG_KINDS[kind].schema;
    return r.getRowObjectsJson().map((row) => {
      const s = (row as Record<string, unknown>)['_seq'];
      return { record: decodeRecord(schema, row as Record<string, unknown>), seq: s === undefined || s === null ? null : Number(s) };
    });
  }

  /** Raw SQL for benchmarks' engine-floor comparisons and maintenance; never fed user text. */
  async rawQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const r = await this.reader().runAndReadAll(sql, params as never);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  }

  /** Raw statement on the writer connection (retention, maintenance), serialized with appends. */
  async exec(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    // After the batches acknowledged before it (a retention DELETE must see them).
    await this.appends.barrier();
    return this.enqueue(async () => (await this.writer.runAndReadAll(sql, params as never)).getRowObjectsJson() as Record<string, unknown>[]);
  }

  async purge(kind: LogKind, tenantId: string, fromSeq: number, toSeq: number, before: string): Promise<number> {
    const def = LOG_KINDS[kind];
    const cutoff = before.replace('T', ' ').replace(/Z$/, '');
    const r = await this.execDeleting(
      `DELETE FROM ${q(def.table)} WHERE _tenant = $1 AND _seq BETWEEN $2 AND $3 AND ${q(def.timeField)} < CAST($4 AS TIMESTAMP_NS) RETURNING _seq`,
      [tenantId, fromSeq, toSeq, cutoff],
    );
    return r.length;
  }

  /** A statement that deletes records: the page caches forget around it (DuckDbPageReads.deleting). */
  private execDeleting(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return this.pages.deleting(() => this.exec(sql, params));
  }

  /** Several writer statements in one transaction (admin and chain bookkeeping), serialized with appends. */
  async transaction(statements: ReadonlyArray<readonly [string, unknown[]]>): Promise<void> {
    await this.appends.barrier();
    return this.enqueue(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        for (const [sql, params] of statements) await this.writer.run(sql, params as never);
        await this.writer.run('COMMIT');
      } catch (e) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw new StoreError(`transaction failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
      }
    });
  }

  /** Retention by whole UTC days, the same unit ClickHouse drops (see LogStore.purgeBefore). */
  async purgeBefore(cutoffIso: string): Promise<PurgeResult> {
    if (!/^\d{4}-\d\d-\d\d/.test(cutoffIso)) throw new StoreError(`invalid retention cutoff ${JSON.stringify(cutoffIso)}`);
    const day = `${cutoffIso.slice(0, 10)} 00:00:00`;
    let removed = 0;
    for (const k of ALL_KINDS) {
      const def = LOG_KINDS[k];
      const r = await this.execDeleting(`DELETE FROM ${q(def.table)} WHERE ${q(def.timeField)} < CAST($1 AS TIMESTAMP_NS) RETURNING 1`, [day]);
      removed += r.length;
    }
    return { removed };
  }

  /** Appends being staged plus staged batches not loaded yet. */
  pendingWrites(): number {
    return this.pending + this.appends.stats().batches;
  }

  /** Empty the record cache and the remembered page keys (benchmarks measure the uncached path with it). */
  dropRecordCache(): void {
    this.pages.drop();
  }

  /** Benchmarks: remembered page keys act as if `records` records had been appended since (PageKeysCache.rewind). */
  rewindPageKeys(records: number): void {
    this.pages.rewindPageKeys(records);
  }

  /** Entries, keys, hits and misses of the remembered page keys (for /metrics and the bench). */
  pageKeysStats(): PageKeysCacheStats {
    return this.pages.pageKeysStats();
  }

  /** Hits, misses and size of the page reader's record cache (for /metrics and the bench). */
  recordCacheStats(): RecordCacheStats {
    return this.pages.recordCacheStats();
  }

  async stats(): Promise<StoreStats> {
    const kinds = {} as Record<LogKind, { records: number }>;
    for (const k of ALL_KINDS) {
      const r = await this.rawQuery(`SELECT count(*) AS n FROM ${q(LOG_KINDS[k].table)}`);
      kinds[k] = { records: Number(r[0]?.['n'] ?? 0) };
    }
    let bytesOnDisk: number | null = null;
    if (this.dbPath) {
      try {
        bytesOnDisk = statSync(this.dbPath).size;
      } catch {
        bytesOnDisk = null;
      }
    }
    return { kinds, bytesOnDisk };
  }

  async checkpoint(): Promise<void> {
    await this.exec('CHECKPOINT');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    // Before draining the queue: an append waiting for a stopped load then loads on the stager.
    await this.warm?.stop();
    // Every acknowledged batch into the table before the spool is left behind.
    await this.appends.drain().catch(() => undefined);
    await this.writeQueue;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const c of this.readers) c.closeSync();
    try {
      await this.writer.run('CHECKPOINT');
    } catch {
      // a checkpoint is an optimisation at close; the WAL already holds every commit
    }
    this.stager.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
    if (this.scratchDir) rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
