// Loading every stored log's duplicate filter in the background after a start, so a tenant's first
// batch does not wait for it (0.3–0.7 s per million stored records, notes/ingest-perf.md).
//
// On a connection of its own rather than in the write queue: a large tenant's load would otherwise
// hold up every other tenant's appends for seconds. Appends of the log being loaded wait for it
// (tenant-logs.ts explains why the load and the appends then agree on the records it covers).
//
// Smallest logs first: each finishes quickly, so most tenants are covered within the first moments
// (shortest first minimises the mean wait), and a large log's own first batch, if it comes early,
// finds its load either not begun (it loads in the write queue, as without a warm start) or in
// progress (it waits only for the rest). One log at a time: the loads share the engine's threads with
// queries and appends, and running them side by side would not finish the last one sooner.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_KINDS, LOG_KINDS, type LogKind } from '../../model/index.ts';
import { loadTenantLog, type TenantLog } from './tenant-log.ts';
import type { TenantLogs } from './tenant-logs.ts';
import type { WarmStartSummary } from '../log-store.ts';

export interface WarmStartHooks {
  /** Called once a load's snapshot is taken, before it reads the ids (tests hold a load there). */
  readonly afterSnapshot?: (kind: LogKind, tenantId: string) => Promise<void> | void;
}

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

async function storedLogs(conn: DuckDBConnection): Promise<Array<{ kind: LogKind; tenantId: string; records: number }>> {
  const out: Array<{ kind: LogKind; tenantId: string; records: number }> = [];
  for (const kind of ALL_KINDS) {
    const r = await conn.runAndReadAll(`SELECT _tenant AS t, count(*)::DOUBLE AS n FROM ${q(LOG_KINDS[kind].table)} GROUP BY _tenant`);
    for (const row of r.getRowObjectsJS()) out.push({ kind, tenantId: String(row['t']), records: Number(row['n']) });
  }
  return out.sort((a, b) => a.records - b.records);
}

/** One log, its two reads in one transaction so its last _seq and its filter describe the same rows. */
async function loadInSnapshot(conn: DuckDBConnection, kind: LogKind, tenantId: string, hooks: WarmStartHooks): Promise<TenantLog> {
  await conn.run('BEGIN TRANSACTION');
  try {
    return await loadTenantLog(conn, kind, tenantId, hooks.afterSnapshot ? () => hooks.afterSnapshot!(kind, tenantId) : undefined);
  } finally {
    // Read-only: nothing to keep. Closing the connection would end it too, should this fail.
    await conn.run('ROLLBACK').catch(() => undefined);
  }
}

export class WarmStart {
  private stopping = false;
  private conn: DuckDBConnection | null = null;
  readonly done: Promise<WarmStartSummary>;

  constructor(connect: () => Promise<DuckDBConnection>, logs: TenantLogs, hooks: WarmStartHooks = {}) {
    this.done = this.run(connect, logs, hooks);
  }

  private async run(connect: () => Promise<DuckDBConnection>, logs: TenantLogs, hooks: WarmStartHooks): Promise<WarmStartSummary> {
    const t0 = performance.now();
    let loaded = 0, records = 0, bytes = 0, skipped = 0, failed = 0;
    let error: string | undefined;
    try {
      const conn = await connect();
      this.conn = conn;
      try {
        const todo = this.stopping ? [] : await storedLogs(conn);
        for (const t of todo) {
          if (this.stopping) break;
          const p = logs.claim(t.kind, t.tenantId, () => loadInSnapshot(conn, t.kind, t.tenantId, hooks));
          if (!p) {
            skipped++;
            continue;
          }
          try {
            const log = await p;
            loaded++;
            records += t.records;
            bytes += log.filter.bytes;
          } catch {
            failed++; // left to its first append (tenant-logs.ts drops the entry)
          }
        }
      } finally {
        this.conn = null;
        conn.closeSync();
      }
    } catch (e) {
      error = (e as Error).message;
    }
    return { logs: loaded, records, bytes, skipped, failed, seconds: (performance.now() - t0) / 1000, stopped: this.stopping, ...(error !== undefined ? { error } : {}) };
  }

  /** Stop between or inside loads (the store is closing); resolves once the connection is closed. */
  async stop(): Promise<void> {
    this.stopping = true;
    // DuckDB clears a connection's interrupt when a statement begins, so one interrupt can land
    // between the two reads of a load and be lost: repeat until the run has ended.
    const interrupt = () => this.conn?.interrupt();
    interrupt();
    const repeat = setInterval(interrupt, 50);
    try {
      await this.done;
    } finally {
      clearInterval(repeat);
    }
  }
}
