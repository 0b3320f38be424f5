// The last-sign-ins table for a store: the DuckDB table, or none on ClickHouse (reports then run
// the IR aggregate). Started before the server takes ingest, so a missing or stale table is rebuilt
// from the logs once, at start.
import { createLastSignInIndex, type LastSignInIndex } from '../reports/index.ts';
import { DuckDbStore, openDuckDbLastSignIns, type LogStore } from '../store/index.ts';

export async function openLastSignInIndex(store: LogStore, onError?: (e: unknown) => void): Promise<LastSignInIndex> {
  const table = store instanceof DuckDbStore ? await openDuckDbLastSignIns(store) : null;
  const index = createLastSignInIndex({ store, table, ...(onError ? { onError } : {}) });
  await index.start();
  return index;
}
