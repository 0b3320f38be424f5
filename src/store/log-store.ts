// The storage interface every backend implements (DuckDB embedded, ClickHouse scale-out).
// It knows nothing of Graph or KQL syntax: reads arrive as IR plans, writes as normalized records.
import type { JsonObject, LogKind } from '../model/index.ts';
import type { Relation } from '../query/ir/index.ts';

/** A record ready to store: normalized by the model, enriched by ingest. */
export interface PreparedRecord {
  readonly record: JsonObject;
  readonly extra: JsonObject | null;
  /** JSON.stringify(record), when ingest has already made it (saves serializing twice). */
  readonly json?: string;
}

export interface AppendResult {
  /** Records newly stored, in the order they were given. */
  readonly inserted: number;
  /** Records whose (tenant, id) was already stored, or repeated within the batch. */
  readonly duplicates: number;
  /** ids that were newly stored, each with its per-tenant, per-kind sequence number. */
  readonly stored: ReadonlyArray<{ readonly id: string; readonly seq: number }>;
}

/**
 * One hash-chain anchor (see integrity/): the link after `seqTo` and a 4-byte fingerprint of every
 * link in [seqFrom, seqTo] (base64), so verify can name the first broken record without a 32-byte
 * hash per row.
 */
export interface ChainAnchorRow {
  readonly seqFrom: number;
  readonly seqTo: number;
  readonly link: string;
  readonly prints: string;
}

export interface AppendOptions {
  /**
   * Called before the commit with the records just stored (sequence order). A backend with
   * transactions commits the returned anchor atomically with the records; one without leaves
   * the hook uncalled and the caller writes the anchor itself after append() resolves.
   */
  readonly anchor?: (stored: AppendResult['stored']) => ChainAnchorRow | null;
  /**
   * When append() resolves. 'visible' (default): once reads see the batch, so a read after the
   * acknowledgement finds it. 'durable': once a crash can no longer lose it; reads see it within
   * one load of the embedded store's spool (its loads follow one another; typically well under a
   * second). A backend without a spool treats both alike.
   */
  readonly ack?: AckMode;
}

export type AckMode = 'visible' | 'durable';
export const ACK_MODES: readonly AckMode[] = ['visible', 'durable'];

export interface QueryResult {
  readonly columns: readonly string[];
  /** JSON-friendly values: datetimes as ISO strings, 64-bit integers as numbers, dynamic as parsed JSON. */
  readonly rows: ReadonlyArray<Record<string, unknown>>;
}

export interface PurgeResult {
  /** Records removed, over every kind and tenant. */
  readonly removed: number;
}

export interface StoreStats {
  readonly kinds: Record<LogKind, { readonly records: number }>;
  readonly bytesOnDisk: number | null;
}

export interface IdFilterStats {
  /** Logs (kind, tenant) whose filter is in memory. */
  readonly filters: number;
  readonly bytes: number;
  /** Loads begun, by who began them: an append (that batch waited for it) or the warm start. */
  readonly loads: { readonly append: number; readonly warmStart: number };
  /** Appends that found their log's warm-start load in progress and waited for it. */
  readonly waits: number;
}

/** The embedded store's ingest spool (duckdb/spooled-appends.ts). */
export interface SpoolStats {
  /** Batches, rows and bytes acknowledged (or about to be) but not loaded into the table yet. */
  readonly batches: number;
  readonly rows: number;
  readonly bytes: number;
  /** Loads so far (one transaction each) and the batches they took. */
  readonly loads: number;
  readonly loadedBatches: number;
  /** Batches the engine refused even alone, set aside in the spool's failed/ directory. */
  readonly quarantined: number;
}

export interface WarmStartSummary {
  /** Logs loaded by the warm start, their stored records and their filters' bytes. */
  readonly logs: number;
  readonly records: number;
  readonly bytes: number;
  /** Logs an append had loaded (or was loading) already. */
  readonly skipped: number;
  /** Logs whose load failed; each loads on its first append instead. */
  readonly failed: number;
  readonly seconds: number;
  /** Cut short by close(). */
  readonly stopped: boolean;
  /** Why the list of stored logs could not be read, if it could not (then nothing was loaded). */
  readonly error?: string;
}

export interface LogStore {
  readonly backend: 'duckdb' | 'clickhouse';
  /**
   * Store records durably. Resolves only after a durable commit, so the caller may acknowledge.
   * Duplicates of (tenant, id) are skipped, not stored twice.
   */
  append(kind: LogKind, tenantId: string, records: readonly PreparedRecord[], options?: AppendOptions): Promise<AppendResult>;
  /** Run a compiled plan and return plain rows. */
  query(plan: Relation, options?: QueryOptions): Promise<QueryResult>;
  /** Run a plan over a scan of `kind` whose output is the stored columns, and decode Graph records. */
  readRecords(kind: LogKind, plan: Relation): Promise<JsonObject[]>;
  /**
   * Retention: remove every record, of every kind and tenant, whose time falls on a UTC day before
   * the cutoff's day. Whole days, because that is what ClickHouse can drop as a partition.
   */
  purgeBefore(cutoffIso: string): Promise<PurgeResult>;
  stats(): Promise<StoreStats>;
  /** Write batches queued or running (the ingest backlog), for metrics; optional per backend. */
  pendingWrites?(): number;
  /** Size and hit counts of the page reader's record cache, where the backend has one. */
  recordCacheStats?(): { bytes: number; entries: number; hits: number; misses: number };
  /** Entries, keys and hit counts of the page reader's remembered page keys, where the backend has them. */
  pageKeysStats?(): { entries: number; keys: number; hits: number; misses: number };
  /**
   * Build the in-memory state appends need (DuckDB: each log's duplicate filter) in the background,
   * once the server takes traffic; never rejects. Where the backend has such state.
   */
  warmStart?(): Promise<WarmStartSummary>;
  /** The duplicate filters held in memory, where the backend has them. */
  idFilterStats?(): IdFilterStats;
  /** The ingest spool between acknowledgement and table, where the backend has one. */
  spoolStats?(): SpoolStats;
  /**
   * Retention only: delete this tenant's records of `kind` with sequence numbers in [fromSeq, toSeq]
   * whose event time is before `before` (ISO). Optional so a backend can ship without it.
   */
  purge?(kind: LogKind, tenantId: string, fromSeq: number, toSeq: number, before: string): Promise<number>;
  close(): Promise<void>;
}

export interface QueryOptions {
  /**
   * Aborting stops the query inside the engine, not just the wait for it: a request that timed out
   * or whose client went away must not keep a core busy for minutes.
   */
  readonly signal?: AbortSignal;
}

/**
 * IDT_QUERY_RUNTIME: the engine refused the query's values while running it (a text that does not
 * convert, a number out of range, a bad regular expression): the asker's to fix, not the store's.
 */
export class StoreError extends Error {
  constructor(message: string, readonly code: 'IDT_STORE_UNAVAILABLE' | 'IDT_STORE_LOCKED' | 'IDT_STORE_FAILED' | 'IDT_QUERY_CANCELLED' | 'IDT_QUERY_RUNTIME' = 'IDT_STORE_FAILED', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Internal columns every kind's table has besides the record's own properties. */
export const INTERNAL_COLUMNS = ['_tenant', '_seq', '_ingested', '_extra'] as const;
