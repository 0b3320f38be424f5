// The appends' state (tenant-log.ts) of every (kind, tenant) log loaded, and who loaded it: the first
// append of the log, in the stage queue (spooled-appends.ts), or the warm start, in the background on
// a connection of its own (warm-start.ts).
//
// Why the two agree on which records a filter covers: a log's entry is set synchronously, before its
// load reads anything, and an entry, once loaded, stays: a log with batches spooled and not loaded
// yet always has one (its appends staged them), and a restart loads the spool before anything else.
// So "no entry" means no record of that log is in flight; the warm start loads only logs without an
// entry, in the same tick that it sets one; and every append of that log then waits for the load
// before it reads or stages. The load's snapshot therefore holds every record of the log, and none
// is staged until the load is in place: nothing missed, nothing counted twice.
import type { DuckDBConnection } from '@duckdb/node-api';
import { LOG_KINDS, type LogKind } from '../../model/index.ts';
import { loadTenantLog, type TenantLog } from './tenant-log.ts';
import type { IdFilterStats } from '../log-store.ts';

const keyOf = (kind: LogKind, tenantId: string) => `${kind}\u0000${tenantId}`;

export class TenantLogs {
  private readonly logs = new Map<string, Promise<TenantLog>>();
  /** Loaded values, for stats() without awaiting. */
  private readonly loaded = new WeakMap<Promise<TenantLog>, TenantLog>();
  private readonly background = new WeakSet<Promise<TenantLog>>();
  private readonly loads = { append: 0, warmStart: 0 };
  private waits = 0;

  /** `conn`: the stager's connection (an append's first load reads the table on it). */
  constructor(private readonly conn: DuckDBConnection) {}

  private track(key: string, p: Promise<TenantLog>): void {
    this.logs.set(key, p);
    p.then(
      (log) => this.loaded.set(p, log),
      () => {
        // The next append loads it again (a rejection here is also seen by whoever awaits p).
        if (this.logs.get(key) === p) this.logs.delete(key);
      },
    );
  }

  /** The log's state for an append; call only in the stage queue (one append at a time). */
  async forAppend(kind: LogKind, tenantId: string): Promise<TenantLog> {
    const key = keyOf(kind, tenantId);
    const current = this.logs.get(key);
    if (current && this.background.has(current)) {
      if (!this.loaded.has(current)) this.waits++;
      try {
        return await current;
      } catch {
        // The warm start failed or was stopped on this log: load it here, as if it had never begun.
        if (this.logs.get(key) === current) this.logs.delete(key);
      }
    }
    let log = this.logs.get(key);
    if (!log) {
      log = loadTenantLog(this.conn, kind, tenantId);
      this.loads.append++;
      this.track(key, log);
    }
    return log;
  }

  /**
   * Begin `load` for a log nobody has loaded or is loading; null when somebody has. The check and the
   * entry happen in one tick, before `load` reads anything (see the head of this file).
   */
  claim(kind: LogKind, tenantId: string, load: () => Promise<TenantLog>): Promise<TenantLog> | null {
    const key = keyOf(kind, tenantId);
    if (this.logs.has(key)) return null;
    const p = load();
    this.loads.warmStart++;
    this.background.add(p);
    this.track(key, p);
    return p;
  }

  stats(): IdFilterStats {
    let filters = 0;
    let bytes = 0;
    for (const p of this.logs.values()) {
      const log = this.loaded.get(p);
      if (!log) continue;
      filters++;
      bytes += log.filter.bytes;
    }
    return { filters, bytes, loads: { ...this.loads }, waits: this.waits };
  }
}
