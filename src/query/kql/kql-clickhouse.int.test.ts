// The newer KQL constructs on ClickHouse: each either gives DuckDB's answer or fails to compile
// with an error naming what ClickHouse lacks (never a wrong answer, never an engine error). The
// queries read no log table, so an empty database on a throwaway server is enough.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@clickhouse/client';
import { ClickHouseStore } from '../../store/clickhouse/clickhouse-store.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from '../../store/conformance/clickhouse-test-server.ts';
import { DuckDbStore } from '../../store/index.ts';
import { SqlCompileError } from '../sql/index.ts';
import { runKql } from './index.ts';

const NOW = new Date('2024-06-15T12:00:00Z');
const skip = clickhouseSkipReason();
const database = `idtrail_kql_${process.pid}_${Date.now()}`;
let server: TestClickHouse | null = null;
let ch: ClickHouseStore | null = null;
let duck: DuckDbStore;

const CASES: Array<{ q: string; missing?: RegExp }> = [
  { q: 'print x = 1, y = "a", z = 2 + 3' },
  { q: 'datatable(u:string, n:long)["a", 1, "b", -2] | where n > 0 | project u' },
  { q: 'let t = datatable(n:long)[3, 1, 2]; print m = toscalar(t | summarize max(n))' },
  { q: 'datatable(s:string)["user=alice rest", "nothing"] | parse s with "user=" User " " Rest | project User, Rest' },
  { q: 'datatable(k:string, n:long)["a", 1, "a", 2, "b", 5] | top-nested 1 of k by s = sum(n)', missing: /window functions \(row_number/ },
  { q: 'datatable(k:string, n:long)["a", 1, "a", 2, "b", 5] | top-nested of k by s = sum(n) | sort by k asc' },
  { q: 'range x from 1 to 3 step 1 | serialize | extend p = prev(x)', missing: /range_array|window functions/ },
  { q: 'datatable(s:string)["k=1", "x"] | parse s with "k=" K:long', missing: /try_long/ },
  { q: 'range x from 1 to 3 step 1', missing: /range_array/ },
  { q: 'print a = extract_all(@"(\\d+)", "a1b22")', missing: /extract_all/ },
  { q: 'datatable(k:string)["a"] | summarize b = make_bag(bag_pack(k, 1))', missing: /make_bag|bag_pack/ },
  { q: 'print ipv4_is_private("10.0.0.1")' },
];

describe('KQL constructs on ClickHouse', { skip: skip ?? false }, () => {
  before(async () => {
    duck = await DuckDbStore.open({ dataDir: ':memory:' });
    server = await testClickHouse();
    ch = server ? await ClickHouseStore.open({ url: server.url, database }) : null;
  });
  after(async () => {
    await duck?.close();
    await ch?.close();
    if (server) {
      const c = createClient({ url: server.url });
      await c.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
      await c.close();
      await server.stop();
    }
  });
  for (const c of CASES) {
    it(c.q, async () => {
      assert.ok(ch, 'a ClickHouse server');
      const expected = await runKql(duck, 't', c.q, { now: NOW });
      let got;
      try {
        got = await runKql(ch, 't', c.q, { now: NOW });
      } catch (e) {
        assert.ok(e instanceof SqlCompileError, `a compile error, not ${String(e)}`);
        assert.match(e.message, /not available on ClickHouse/);
        assert.ok(c.missing, `unexpected: ${e.message}`);
        assert.match(e.message, c.missing);
        return;
      }
      assert.equal(c.missing, undefined, 'expected a compile error');
      assert.deepEqual(got, expected);
    });
  }
});
