// The scale-out LogStore on ClickHouse through @clickhouse/client. One table per kind (layout in
// clickhouse-layout.ts), MergeTree partitioned by day and ordered by (tenant, time). Works against
// 18.16 (Debian's) and current servers: no query parameters, DateTime64 or JSON functions are used.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { ALL_KINDS, LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import type { Relation } from '../../query/ir/index.ts';
import { clickhouseDialect, clickhouseIdent as q, clickhouseLiteral as lit, compile, type ScanTarget } from '../../query/sql/index.ts';
import { StoreError, type AppendResult, type LogStore, type PreparedRecord, type PurgeResult, type QueryOptions, type QueryResult, type StoreStats } from '../log-store.ts';
import { idHash } from '../id-hash.ts';
import { decodeRecord } from '../record-decoder.ts';
import { clickhouseLayout, createTableSql, type ChLayout } from './clickhouse-layout.ts';
import { migrateClickHouseTable, type MigrateClient } from './clickhouse-migrate.ts';
import { pruneForClickHouse } from './clickhouse-prune.ts';
import { convertResult } from './clickhouse-values.ts';

export interface ClickHouseStoreOptions {
  /** e.g. http://127.0.0.1:8123 (credentials may be in the URL). */
  readonly url: string;
  readonly database?: string;
  readonly username?: string;
  readonly password?: string;
  /** Rows per INSERT request; ClickHouse prefers few large inserts (one part each). */
  readonly insertChunkRows?: number;
  readonly requestTimeoutMs?: number;
}

/** Lines per slice of an insert body: large enough for few writes, small enough to overlap. */
const SLICE = 500;

function* linesOf<T>(items: readonly T[], line: (x: T) => string): Generator<string> {
  for (let i = 0; i < items.length; i += SLICE) {
    let text = '';
    for (let j = i; j < Math.min(items.length, i + SLICE); j++) text += line(items[j]!);
    yield text;
  }
}

/** Ids per existence-check query: keeps statements well under max_query_size-like limits. */
const CHECK_CHUNK = 5000;

/** How the compiler reads one log kind here: nested scalars are flattened into their own columns. */
export function clickhouseScanTarget(l: ChLayout): ScanTarget {
  return {
    table: l.def.table,
    tenantColumn: '_tenant',
    columns: l.scanColumns,
    field: (alias, path) => {
      const col = l.pathColumns.get(path.join('/'));
      return col === undefined ? undefined : `${alias}.${q(col)}`;
    },
  };
}

export class ClickHouseStore implements LogStore {
  readonly backend = 'clickhouse' as const;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private seqs = new Map<string, number>();
  private closed = false;
  private readonly targets: Record<LogKind, ScanTarget>;
  private readonly layouts: Record<LogKind, ChLayout>;

  private constructor(private readonly client: ClickHouseClient, readonly database: string, private readonly chunkRows: number) {
    this.layouts = Object.fromEntries(ALL_KINDS.map((k) => [k, clickhouseLayout(LOG_KINDS[k])])) as Record<LogKind, ChLayout>;
    this.targets = Object.fromEntries(ALL_KINDS.map((k) => [k, clickhouseScanTarget(this.layouts[k])])) as Record<LogKind, ScanTarget>;
  }

  static async open(opts: ClickHouseStoreOptions): Promise<ClickHouseStore> {
    const database = opts.database ?? 'idtrail';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new StoreError(`invalid ClickHouse database name ${JSON.stringify(database)}`, 'IDT_STORE_UNAVAILABLE');
    const make = (db: string) => createClient({
      url: opts.url,
      database: db,
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
      request_timeout: opts.requestTimeoutMs ?? 120_000,
      compression: { request: false, response: true },
      // Errors reach callers as StoreError; the client's own console logging would duplicate them.
      log: { level: ClickHouseLogLevel.OFF },
    });
    // The database must exist before a client can name it as its default.
    const boot = make('default');
    let client = boot;
    try {
      const ping = await boot.ping();
      if (!ping.success) throw ping.error;
      await boot.command({ query: `CREATE DATABASE IF NOT EXISTS ${q(database)}` });
      await boot.close();
      client = make(database);
      const store = new ClickHouseStore(client, database, opts.insertChunkRows ?? 100_000);
      const c = client;
      const migrate: MigrateClient = {
        columns: async (table) => {
          const rs = await c.query({ query: `SELECT name FROM system.columns WHERE database = ${lit(database)} AND table = ${lit(table)}`, format: 'JSONEachRow' });
          return new Set((await rs.json<{ name: string }>()).map((r) => r.name));
        },
        command: async (sql) => { await c.command({ query: sql }); },
      };
      for (const k of ALL_KINDS) {
        await client.command({ query: createTableSql(store.layouts[k], q) });
        // A table an older idtrail created lacks the columns of properties added since.
        await migrateClickHouseTable(store.layouts[k], migrate, q);
      }
      return store;
    } catch (e) {
      await client.close().catch(() => undefined);
      throw new StoreError(`cannot open the ClickHouse store at ${redact(opts.url)}: ${(e as Error).message}`, 'IDT_STORE_UNAVAILABLE', { cause: e });
    }
  }

  private table(kind: LogKind): string {
    return `${q(this.database)}.${q(this.layouts[kind].def.table)}`;
  }

  private async rows(sql: string, signal?: AbortSignal): Promise<{ meta: Array<{ name: string; type: string }>; data: Array<Record<string, unknown>> }> {
    if (this.closed) throw new StoreError('the store is closed', 'IDT_STORE_UNAVAILABLE');
    if (signal?.aborted) throw new StoreError('the query was cancelled before it started', 'IDT_QUERY_CANCELLED');
    // Closing the HTTP request does not stop a query on the server (18.16 has no setting for
    // that), so a cancelled query is also killed by its id.
    const queryId = signal ? randomUUID() : undefined;
    const kill = () => {
      this.client.command({ query: `KILL QUERY WHERE query_id = '${queryId}' ASYNC` }).catch(() => undefined);
    };
    signal?.addEventListener('abort', kill, { once: true });
    try {
      // Id lists of the existence check and long OData `in` lists exceed the default 256 KiB.
      const rs = await this.client.query({
        query: sql, format: 'JSON', clickhouse_settings: { max_query_size: '16777216' },
        ...(queryId ? { query_id: queryId, abort_signal: signal } : {}),
      });
      const j = await rs.json<Record<string, unknown>>();
      return { meta: j.meta ?? [], data: j.data };
    } catch (e) {
      if (signal?.aborted) throw new StoreError('the query was cancelled', 'IDT_QUERY_CANCELLED', { cause: e });
      // Errors the query's values cause (conversions, bad arguments, regular expressions).
      // The client parses newer servers' errors into `code`; 18.16's arrive as "Code: 427, e.displayText() = …".
      const msg = (e as Error).message;
      const code = Number((e as { code?: unknown }).code ?? /Code: (\d+)/.exec(msg)?.[1]);
      if (CH_RUNTIME_CODES.has(code)) throw new StoreError(`ClickHouse refused the query's values: ${msg.split('\n')[0]}`, 'IDT_QUERY_RUNTIME', { cause: e });
      throw new StoreError(`ClickHouse query failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
    } finally {
      signal?.removeEventListener('abort', kill);
    }
  }

  append(kind: LogKind, tenantId: string, records: readonly PreparedRecord[]): Promise<AppendResult> {
    // One append at a time per process: the existence check and sequence numbers need a stable view.
    // Several ingest nodes are serialized per tenant by routing, see docs/scale-out.md.
    const run = this.writeQueue.then(() => this.appendNow(kind, tenantId, records));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async existing(kind: LogKind, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += CHECK_CHUNK) {
      const part = ids.slice(i, i + CHECK_CHUNK);
      const hashes = [...new Set(part.map(idHash))];
      const r = await this.rows(
        `SELECT id FROM ${this.table(kind)} WHERE _tenant = ${lit(tenantId)} AND _idh IN (${hashes.join(', ')}) AND id IN (${part.map(lit).join(', ')})`,
      );
      for (const row of r.data) found.add(String(row['id']));
    }
    return found;
  }

  private async baseSeq(kind: LogKind, tenantId: string): Promise<number> {
    const key = `${kind}\u0000${tenantId}`;
    let s = this.seqs.get(key);
    if (s === undefined) {
      const r = await this.rows(`SELECT max(_seq) AS s FROM ${this.table(kind)} WHERE _tenant = ${lit(tenantId)}`);
      s = Number(r.data[0]?.['s'] ?? 0);
      this.seqs.set(key, s);
    }
    return s;
  }

  private async appendNow(kind: LogKind, tenantId: string, records: readonly PreparedRecord[]): Promise<AppendResult> {
    const seen = new Set<string>();
    const fresh: PreparedRecord[] = [];
    for (const p of records) {
      const id = String(p.record['id']);
      if (!seen.has(id)) {
        seen.add(id);
        fresh.push(p);
      }
    }
    if (fresh.length === 0) return { inserted: 0, duplicates: records.length, stored: [] };
    const have = await this.existing(kind, tenantId, [...seen]);
    const layout = this.layouts[kind];
    let seq = await this.baseSeq(kind, tenantId);
    const ingestedSec = Math.floor(Date.now() / 1000);
    const stored: Array<{ id: string; seq: number; p: PreparedRecord }> = [];
    for (const p of fresh) {
      const id = String(p.record['id']);
      if (have.has(id)) continue;
      seq += 1;
      stored.push({ id, seq, p });
    }
    try {
      for (let i = 0; i < stored.length; i += this.chunkRows) {
        // insert resolves after the server has written the part; a failure mid-way leaves earlier
        // chunks stored, and the retried batch is deduplicated by the existence check above.
        const part = stored.slice(i, i + this.chunkRows);
        await this.insertLines(layout.def.table, linesOf(part, (x) => layout.encodeLine(x.p.record, { tenant: tenantId, seq: x.seq, idh: idHash(x.id), ingestedSec, extra: x.p.extra })));
      }
    } catch (e) {
      this.seqs.delete(`${kind}\u0000${tenantId}`);
      throw new StoreError(`append to ${kind} failed: ${(e as Error).message}`, 'IDT_STORE_FAILED', { cause: e });
    }
    this.seqs.set(`${kind}\u0000${tenantId}`, seq);
    return { inserted: stored.length, duplicates: records.length - stored.length, stored: stored.map(({ id, seq }) => ({ id, seq })) };
  }

  /**
   * INSERT … FORMAT JSONEachRow with the body streamed as it is encoded: the server parses one
   * slice while this process encodes the next, instead of waiting for the whole chunk's text.
   */
  private async insertLines(table: string, lines: Iterable<string>): Promise<void> {
    const res = await this.client.exec({ query: `INSERT INTO ${q(table)} FORMAT JSONEachRow`, values: Readable.from(lines, { objectMode: false }) });
    // The (empty) response must be read to the end, or the keep-alive socket is never released.
    for await (const _ of res.stream) void _;
  }

  /** The SQL a plan compiles to here (for explain output and tests). */
  compile(plan: Relation): string {
    return compile(pruneForClickHouse(plan), clickhouseDialect, (k) => this.targets[k]).sql;
  }

  async query(plan: Relation, options?: QueryOptions): Promise<QueryResult> {
    const c = compile(pruneForClickHouse(plan), clickhouseDialect, (k) => this.targets[k]);
    const r = await this.rows(c.sql, options?.signal);
    return { columns: c.columns, rows: convertResult(r.meta, r.data) };
  }

  async readRecords(kind: LogKind, plan: Relation): Promise<JsonObject[]> {
    const r = await this.rows(this.compile(plan));
    const layout = this.layouts[kind];
    return r.data.map((row) => decodeRecord(layout.def.schema, layout.decodeTop(row)));
  }

  /**
   * Retention: drop every day partition before the cutoff's UTC day, in every kind and tenant.
   * Dropping a partition is a metadata operation, unlike a row DELETE (a rewrite of every part).
   */
  purgeBefore(cutoffIso: string): Promise<PurgeResult> {
    const day = cutoffIso.slice(0, 10).replace(/-/g, '');
    if (!/^\d{8}$/.test(day)) return Promise.reject(new StoreError(`invalid retention cutoff ${JSON.stringify(cutoffIso)}`));
    const run = this.writeQueue.then(async () => {
      let removed = 0;
      for (const k of ALL_KINDS) {
        const parts = await this.rows(
          `SELECT partition, sum(rows) AS n FROM system.parts WHERE active AND database = ${lit(this.database)} AND table = ${lit(this.layouts[k].def.table)} AND partition < ${lit(day)} GROUP BY partition`,
        );
        for (const p of parts.data) {
          // The partition id is toYYYYMMDD (UInt32): 18.16 wants it as a number, not text.
          const id = String(p['partition']);
          if (!/^\d{8}$/.test(id)) continue;
          await this.client.command({ query: `ALTER TABLE ${this.table(k)} DROP PARTITION ${id}` });
          removed += Number(p['n']);
        }
      }
      return { removed };
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Raw SQL for benchmarks and maintenance; never fed user text. */
  async rawQuery(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.rows(sql)).data;
  }

  async stats(): Promise<StoreStats> {
    const kinds = {} as Record<LogKind, { records: number }>;
    for (const k of ALL_KINDS) {
      const r = await this.rows(`SELECT count() AS n FROM ${this.table(k)}`);
      kinds[k] = { records: Number(r.data[0]?.['n'] ?? 0) };
    }
    const b = await this.rows(`SELECT sum(bytes_on_disk) AS b FROM system.parts WHERE active AND database = ${lit(this.database)}`);
    return { kinds, bytesOnDisk: Number(b.data[0]?.['b'] ?? 0) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writeQueue;
    this.closed = true;
    await this.client.close();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * ClickHouse error codes a query's values cause: CANNOT_PARSE_TEXT 6, CANNOT_PARSE_DATE 38,
 * CANNOT_PARSE_DATETIME 41, ARGUMENT_OUT_OF_BOUND 69, CANNOT_CONVERT_TYPE 70, CANNOT_PARSE_NUMBER 72,
 * CANNOT_COMPILE_REGEXP 427, ILLEGAL_DIVISION 153, CANNOT_PARSE_INPUT_ASSERTION_FAILED 27.
 */
const CH_RUNTIME_CODES = new Set([6, 27, 38, 41, 69, 70, 72, 153, 427]);
