// runCancellable must honour an abort that lands while its connection is being opened: the
// listener is added only after `instance.connect()` resolves, and an AbortSignal never fires
// 'abort' for a listener added after it was aborted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCancellable } from './duckdb-cancellable.ts';
import { StoreError } from '../log-store.ts';

// Minutes of work if nothing stops it.
const RUNAWAY = 'SELECT count(*) AS n FROM range(100000) AS a(x), range(100000) AS b(y) WHERE (a.x * 7 + b.y) % 1000003 = 5';

test('an abort during connect still cancels the query', { timeout: 20_000 }, async () => {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  try {
    const ac = new AbortController();
    const t0 = performance.now();
    const running = runCancellable(instance, RUNAWAY, [], ac.signal);
    ac.abort(); // runCancellable is awaiting instance.connect() now
    await assert.rejects(running, (e: unknown) => e instanceof StoreError && e.code === 'IDT_QUERY_CANCELLED');
    const took = performance.now() - t0;
    assert.ok(took < 5_000, `cancelled after ${Math.round(took)} ms`);
  } finally {
    instance.closeSync();
  }
});
