// The escaping proven on a real server: `SELECT <literal>` returns exactly the string sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { clickhouseLiteral } from '../../query/sql/index.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from '../conformance/clickhouse-test-server.ts';

let server: TestClickHouse | null = null;
let client: ClickHouseClient | null = null;
const skip = clickhouseSkipReason();

before(async () => {
  server = await testClickHouse();
  if (server) client = createClient({ url: server.url });
});
after(async () => {
  await client?.close();
  await server?.stop();
});

async function roundTrip(values: readonly string[]): Promise<string[]> {
  const sql = `SELECT ${values.map((v, i) => `${clickhouseLiteral(v)} AS c${i}`).join(', ')}`;
  const r = await client!.query({ query: sql, format: 'JSONEachRow' });
  const [row] = await r.json<Record<string, string>>();
  return values.map((_, i) => row![`c${i}`]!);
}

test('SELECT <literal> returns the same string (table and fast-check)', { skip: skip ?? false }, async () => {
  const fixed = ["O'Brien", 'a\\b', 'nul\u0000', "'); DROP TABLE x; --", 'ünï 🙂 ✓', '\\x41', "\\'", '\t\r\n'];
  assert.deepEqual(await roundTrip(fixed), fixed);
  // Batches of generated strings per query keep the property test fast.
  await fc.assert(fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 50 }), async (vals) => {
    assert.deepEqual(await roundTrip(vals), vals);
  }), { numRuns: 60 });
});
