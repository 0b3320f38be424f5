// The embedded LogStore on DuckDB: one file under the data directory, owned by this process.
// Appends hand a batch to DuckDB's own NDJSON reader (5–9× faster than value-by-value appends,
// see notes/ingest-probe.md) in one plain INSERT … SELECT: duplicates are dropped and sequence
// numbers assigned beforehand, in JS, from the writer's per-tenant state (tenant-log.ts), because an
// anti-join against the stored table grew with it (530 ms a batch at 1M rows, notes/ingest-perf.md).
// The commit (WAL fsync) happens before append() resolves.

import { mkdirSync, writeFileSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ALL_KINDS, LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import type { Relation, ScanRel } from '../../query/ir/index.ts';
import { compile, duckdbDialect, type ScanTarget } from '../../query/sql/index.ts';
import { StoreError, type AppendOptions, type AppendResult, type LogStore, type PreparedRecord, type PurgeResult, type QueryOptions, type QueryResult, type StoreStats, type IdFilterStats, type WarmStartSummary } from '../log-store.ts';
import { decodeRecord } from '../record-decoder.ts';
import { extentPlan, matchPagePlan, readPage, type KeyedRecord } from '../page-reader.ts';
import { PageKeysCache, type PageKeysCacheStats } from '../page-keys-cache.ts';
import { admitAppended, RecordCache, type RecordCacheStats } from '../record-cache.ts';
import { runCancellable } from './duckdb-cancellable.ts';
import { appendStatement, CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL, createTableSql, listMasks, maskOf, tableColumns } from './duckdb-schema.ts';
import { migrateColumns } from './duckdb-migrate.ts';
import { idHashes, storedIds, type TenantLog } from './tenant-log.ts';
import { TenantLogs } from './tenant-logs.ts';
import { WarmStart, type WarmStartHooks } from './warm-start.ts';
import { convertRow } from './duckdb-values.ts';

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
}

export const DEFAULT_RECORD_CACHE_BYTES = 64 * 1024 * 1024;
const DEFAULT_WAL_AUTOCHECKPOINT = '256MB';
const DEFAULT_IDLE_CHECKPOINT_MS = 5_000;

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

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
  private stagingSeq = 0;
  private closed = false;
  private closing = false;
  private readonly targets: Record<LogKind, ScanTarget>;
  private readonly appendStatements = Object.fromEntries(ALL_KINDS.map((k) => [k, appendStatement(LOG_KINDS[k])])) as Record<LogKind, ReturnType<typeof appendStatement>>;
  private readonly extentCache = new Map<string, { v: { oldest: number; newest: number } | null; at: number }>();
  private readonly pageKeys = new PageKeysCache();
  /** Per (kind, tenant): every record with a seq up to this is committed (see watermark()). */
  private readonly committed = new Map<string, number>();
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly tmpDir: string,
    private readonly dbPath: string | null,
    private readonly idleCheckpointMs: number,
    private readonly recordCache: RecordCache,
  ) {
    this.logs = new TenantLogs(writer);
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
    const store = new DuckDbStore(instance, writer, join(dir, 'tmp'), dbPath, memory ? 0 : opts.idleCheckpointMs ?? DEFAULT_IDLE_CHECKPOINT_MS,
      new RecordCache(opts.recordCacheBytes ?? DEFAULT_RECORD_CACHE_BYTES));
    for (const k of ALL_KINDS) await writer.run(createTableSql(LOG_KINDS[k]));
    for (const ddl of [CHAIN_ANCHORS_SQL, CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL]) await writer.run(ddl);
    await migrateColumns(writer);
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
        if (this.pending > 0) return this.scheduleIdleCheckpoint();
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
    // One writer at a time: sequence numbers and the duplicate check need a stable view.
    this.pending++;
    const run = this.writeQueue.then(() => this.appendNow(kind, tenantId, records, options)).finally(() => this.pending--);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], options?: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new StoreError('the store is closed', 'IDT_STORE_UNAVAILABLE');
    const def = LOG_KINDS[kind];
    const key = `${kind}\u0000${tenantId}`;
    let log: TenantLog;
    try {
      log = await this.logs.forAppend(kind, tenantId);
    } catch (e) {
      throw new StoreError(`append to ${kind} failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
    }
    // Repeats within the batch keep their first occurrence; repeats of stored records are found
    // through the filter, and only its "maybe" answers are checked against the table.
    const seen = new Set<string>();
    const unique: Array<{ p: PreparedRecord; id: string }> = [];
    for (const p of records) {
      const id = String(p.record['id']);
      if (seen.has(id)) continue;
      seen.add(id);
      unique.push({ p, id });
    }
    let file: string | null = null;
    // The records and their chain anchor commit together, so an acknowledged batch is always anchored.
    const txn = options?.anchor !== undefined;
    let began = false;
    try {
      const hashes = await idHashes(this.writer, unique.map((u) => u.id));
      const fresh = unique.map((u, i) => ({ ...u, h: hashes[i]! }));
      const maybe = fresh.filter((f) => log.filter.mightContain(f.h)).map((f) => f.id);
      const dup = maybe.length ? await storedIds(this.writer, def.table, tenantId, maybe) : null;
      const toStore = dup?.size ? fresh.filter((f) => !dup.has(f.id)) : fresh;
      if (toStore.length === 0) return { inserted: 0, duplicates: records.length, stored: [] };
      const stored = toStore.map((f, i) => ({ id: f.id, seq: log.seq + 1 + i }));
      const tenantJson = JSON.stringify(tenantId);
      const { sql, masks } = this.appendStatements[kind];
      const lines = toStore.map(({ p }, i) => {
        // The record's JSON with the internal columns appended: one serialization per record.
        const json = p.json ?? JSON.stringify(p.record);
        const maskJson = masks.map(([list, m]) => `,"${m.column}":${maskOf(p.record[list], m.bits)}`).join('');
        return `${json.slice(0, -1)},"_tenant":${tenantJson},"_seq":${stored[i]!.seq}${maskJson},"_extra":${p.extra ? JSON.stringify(p.extra) : 'null'}}`;
      });
      file = join(this.tmpDir, `batch-${process.pid}-${this.stagingSeq++}.ndjson`);
      writeFileSync(file, lines.join('\n') + '\n');
      if (txn) {
        await this.writer.run('BEGIN TRANSACTION');
        began = true;
      }
      await this.writer.run(sql, [file]);
      const a = options?.anchor ? options.anchor(stored) : null;
      if (a) {
        await this.writer.run('INSERT INTO _chain_anchors VALUES ($1, $2, $3, $4, $5, $6, now()::TIMESTAMP)', [tenantId, kind, a.seqFrom, a.seqTo, a.link, a.prints]);
      }
      if (txn) await this.writer.run('COMMIT');
      began = false;
      log.seq = stored[stored.length - 1]!.seq;
      for (const f of toStore) log.filter.add(f.h);
      admitAppended(this.recordCache, kind, tenantId, records, stored);
      this.committed.set(key, Math.max(this.committed.get(key) ?? 0, log.seq));
      // The page reader's cached time extent may now be wrong (an empty tenant, a late record).
      this.extentCache.delete(key);
      this.scheduleIdleCheckpoint();
      return { inserted: stored.length, duplicates: records.length - stored.length, stored };
    } catch (e) {
      if (began) await this.writer.run('ROLLBACK').catch(() => undefined);
      // Whatever did or did not commit, the table is the truth: reload the state from it next time.
      this.logs.drop(kind, tenantId);
      throw new StoreError(`append to ${kind} failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
    } finally {
      if (file) rmSync(file, { force: true });
    }
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

  async readRecords(kind: LogKind, plan: Relation): Promise<JsonObject[]> {
    // Newest-N pages take the two-step path (see page-reader.ts): ~1 s → a few ms on 1M rows.
    const page = matchPagePlan(plan);
    if (page) {
      return readPage({
        query: (p) => this.query(p), readDirect: (k, p) => this.readDirect(k, p), extent: (s, t) => this.extent(s, t),
        cache: this.recordCache, keys: this.pageKeys, watermark: (s) => this.watermark(s.log, s.tenantId),
      }, page, plan);
    }
    return (await this.readDirect(kind, plan)).map((g) => g.record);
  }

  /**
   * The highest seq below which every record of the log is committed (see PageReaderDeps.watermark).
   * Appends raise it after their commit; the first ask after a start reads it from the table. Seqs
   * are handed out and committed in one order by the single writer, so the committed records of a
   * log are always every seq up to some point, and a max() over them is such a watermark.
   */
  private async watermark(kind: LogKind, tenantId: string): Promise<number | null> {
    const key = `${kind}\u0000${tenantId}`;
    const known = this.committed.get(key);
    if (known !== undefined) return known;
    const r = await this.rawQuery(`SELECT coalesce(max(_seq), 0)::DOUBLE AS s FROM ${q(LOG_KINDS[kind].table)} WHERE _tenant = $1`, [tenantId]);
    const s = Number(r[0]?.['s'] ?? 0);
    this.committed.set(key, Math.max(s, this.committed.get(key) ?? 0));
    return this.committed.get(key)!;
  }

  /**
   * Oldest and newest record time per kind and tenant, cached for a minute: a scan of the time
   * column is cheap once but not on every page. Staleness only costs the page reader a probe.
   */
  private async extent(scan: ScanRel, timeField: string): Promise<{ oldest: number; newest: number } | null> {
    const key = `${scan.log}\u0000${scan.tenantId}`;
    const hit = this.extentCache.get(key);
    if (hit && hit.at > Date.now() - 60_000) return hit.v;
    const r = (await this.query(extentPlan(scan, timeField))).rows[0];
    const v = typeof r?.['lo'] === 'string' && typeof r['hi'] === 'string' ? { oldest: Date.parse(r['lo']), newest: Date.parse(r['hi']) } : null;
    this.extentCache.set(key, { v, at: Date.now() });
    return v;
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
  exec(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const run = this.writeQueue.then(async () => (await this.writer.runAndReadAll(sql, params as never)).getRowObjectsJson() as Record<string, unknown>[]);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  async purge(kind: LogKind, tenantId: string, fromSeq: number, toSeq: number, before: string): Promise<number> {
    this.extentCache.delete(`${kind}\u0000${tenantId}`);
    this.recordCache.clear();
    const def = LOG_KINDS[kind];
    const cutoff = before.replace('T', ' ').replace(/Z$/, '');
    const r = await this.execDeleting(
      `DELETE FROM ${q(def.table)} WHERE _tenant = $1 AND _seq BETWEEN $2 AND $3 AND ${q(def.timeField)} < CAST($4 AS TIMESTAMP_NS) RETURNING _seq`,
      [tenantId, fromSeq, toSeq, cutoff],
    );
    return r.length;
  }

  /**
   * A statement that deletes records: remembered page keys are dropped before it (so no page is
   * answered from keys it is deleting) and after it (so none computed meanwhile survives).
   */
  private async execDeleting(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    this.pageKeys.invalidate();
    try {
      return await this.exec(sql, params);
    } finally {
      this.pageKeys.invalidate();
    }
  }

  /** Several writer statements in one transaction (admin and chain bookkeeping), serialized with appends. */
  transaction(statements: ReadonlyArray<readonly [string, unknown[]]>): Promise<void> {
    const run = this.writeQueue.then(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        for (const [sql, params] of statements) await this.writer.run(sql, params as never);
        await this.writer.run('COMMIT');
      } catch (e) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw new StoreError(`transaction failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
      }
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Retention by whole UTC days, the same unit ClickHouse drops (see LogStore.purgeBefore). */
  async purgeBefore(cutoffIso: string): Promise<PurgeResult> {
    this.extentCache.clear();
    this.recordCache.clear();
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

  pendingWrites(): number {
    return this.pending;
  }

  /** Empty the record cache and the remembered page keys (benchmarks measure the uncached path with it). */
  dropRecordCache(): void {
    this.recordCache.clear();
    this.pageKeys.invalidate();
  }

  /** Benchmarks: remembered page keys act as if `records` records had been appended since (PageKeysCache.rewind). */
  rewindPageKeys(records: number): void {
    this.pageKeys.rewind(records);
  }

  /** Entries, keys, hits and misses of the remembered page keys (for /metrics and the bench). */
  pageKeysStats(): PageKeysCacheStats {
    return this.pageKeys.stats();
  }

  /** Hits, misses and size of the page reader's record cache (for /metrics and the bench). */
  recordCacheStats(): RecordCacheStats {
    return this.recordCache.stats();
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
    // Before draining the queue: an append waiting for a stopped load then loads on the writer.
    await this.warm?.stop();
    await this.writeQueue;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const c of this.readers) c.closeSync();
    try {
      await this.writer.run('CHECKPOINT');
    } catch {
      // a checkpoint is an optimisation at close; the WAL already holds every commit
    }
    this.writer.closeSync();
    this.instance.closeSync();
  }
}

/**
 * DuckDB's errors that the query's own values cause, as IDT_QUERY_RUNTIME with the engine's first
 * line (the rest quotes the generated SQL, which the asker never wrote). Others stay as they are.
 */
function runtimeError(e: unknown): StoreError | null {
  const msg = e instanceof Error ? e.message : '';
  // The client refuses to bind a number past 64 bits where DuckDB typed the parameter BIGINT.
  if (/^bigint out of int64 range/.test(msg)) return new StoreError('a number in the query is beyond the 64-bit integer range', 'IDT_QUERY_RUNTIME', { cause: e });
  if (!/^(Conversion Error|Invalid Input Error|Out of Range Error):/.test(msg)) return null;
  return new StoreError(msg.split('\n')[0]!, 'IDT_QUERY_RUNTIME', { cause: e });
}
