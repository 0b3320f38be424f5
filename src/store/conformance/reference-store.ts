// The reference the plug-in cases (OData golden, reports) compare every backend with: an in-memory
// DuckDB store with the same data. DuckDB's answers are themselves pinned by hand-written
// expectations (the golden table's SQL in query/odata, the figures in reports/*.test.ts), so "the
// same rows as DuckDB" carries those expectations over to ClickHouse. Data sets load once per store.
import { DuckDbStore } from '../duckdb/duckdb-store.ts';
import type { LogStore } from '../log-store.ts';
import { CONFORMANCE_TEARDOWN } from './conformance-cases.ts';

let ref: Promise<DuckDbStore> | null = null;
const loaded = new WeakMap<object, Map<string, Promise<void>>>();

export function referenceStore(): Promise<DuckDbStore> {
  if (!ref) {
    ref = DuckDbStore.open({ dataDir: ':memory:', threads: 1 });
    const mine = ref;
    CONFORMANCE_TEARDOWN.push(async () => {
      ref = null;
      await (await mine).close();
    });
  }
  return ref;
}

/** Run `load` once per (store, name): the first case that needs a data set loads it. */
export function loadOnce(store: LogStore, name: string, load: (s: LogStore) => Promise<void>): Promise<void> {
  let m = loaded.get(store);
  if (!m) loaded.set(store, (m = new Map()));
  let p = m.get(name);
  if (!p) m.set(name, (p = load(store)));
  return p;
}
