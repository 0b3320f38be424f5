// Queries that can be stopped inside DuckDB: a request given up (deadline, client gone) must not
// leave its query holding the engine's threads.
import type { DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import { StoreError } from '../log-store.ts';

/**
 * Run on a connection of its own: DuckDB interrupts whatever a connection is running, and the
 * store's shared readers may be running someone else's query.
 */
export async function runCancellable(instance: DuckDBInstance, sql: string, params: readonly unknown[], signal: AbortSignal): Promise<DuckDBResultReader> {
  if (signal.aborted) throw new StoreError('the query was cancelled before it started', 'IDT_QUERY_CANCELLED');
  const conn = await instance.connect();
  // DuckDB clears a connection's interrupt flag when a statement begins, so an abort that lands
  // while the statement is still being prepared would be lost: keep interrupting until it ends.
  let repeat: NodeJS.Timeout | undefined;
  const stop = () => {
    conn.interrupt();
    repeat = setInterval(() => conn.interrupt(), 50);
  };
  signal.addEventListener('abort', stop, { once: true });
  // An abort while the connection was being opened fired before the listener existed.
  if (signal.aborted) stop();
  try {
    return await conn.runAndReadAll(sql, params as never);
  } catch (e) {
    if (signal.aborted) throw new StoreError('the query was cancelled', 'IDT_QUERY_CANCELLED', { cause: e });
    throw e;
  } finally {
    signal.removeEventListener('abort', stop);
    clearInterval(repeat);
    conn.closeSync();
  }
}
