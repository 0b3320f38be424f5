// A cancelled query must stop on the ClickHouse server too: closing the HTTP request does not
// stop it there (18.16), so the store kills it by query id. Checked through system.processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@clickhouse/client';
import { lowerKql } from '../../query/kql/index.ts';
import { StoreError } from '../log-store.ts';
import { ClickHouseStore } from './clickhouse-store.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from '../conformance/clickhouse-test-server.ts';

const skip = clickhouseSkipReason();
let server: TestClickHouse | null = null;
let store: ClickHouseStore | null = null;
const database = `idtrail_cancel_${process.pid}_${Date.now()}`;

before(async () => {
  if (skip) return;
  server = await testClickHouse();
  if (server) store = await ClickHouseStore.open({ url: server.url, database });
});
after(async () => {
  await store?.close();
  if (server) {
    const c = createClient({ url: server.url });
    await c.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    await c.close();
    await server.stop();
  }
});

test('an aborted query is killed on the ClickHouse server', { skip: skip ?? false, timeout: 120_000 }, async () => {
  assert.ok(store && server);
  // 3,000 equal keys joined three times: 2.7·10^10 rows, far longer than the test unless killed.
  const ones = Array.from({ length: 3000 }, () => '1').join(',');
  const { plan } = lowerKql(`let t = datatable(k:long)[${ones}]; t | join kind=inner t on k | join kind=inner t on k | summarize n = count()`, 't1');
  const ac = new AbortController();
  const running = store.query(plan, { signal: ac.signal });
  const admin = createClient({ url: server.url });
  const busy = async () => {
    const r = await (await admin.query({ query: `SELECT query_id FROM system.processes WHERE query LIKE '%toInt64(count())%' AND query NOT LIKE '%system.processes%'`, format: 'JSONEachRow' })).json();
    return r.length;
  };
  try {
    // Wait until the server really runs it, then give up on it.
    for (let i = 0; i < 50 && (await busy()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    if ((await busy()) !== 1) {
      ac.abort();
      await running.catch(() => undefined);
      assert.fail('the query never showed in system.processes');
    }
    ac.abort();
    await assert.rejects(running, (e: unknown) => e instanceof StoreError && e.code === 'IDT_QUERY_CANCELLED');
    let left = 1;
    for (let i = 0; i < 100 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await busy();
    }
    assert.equal(left, 0, 'the server stopped the query');
  } finally {
    await admin.close();
  }
});
