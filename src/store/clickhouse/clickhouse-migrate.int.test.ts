// Opening a ClickHouse table an older idtrail created (its schema lacked some properties) adds the
// missing columns, and rows stored before read back exactly as the same records ingested now.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { LOG_KINDS, normalizeRecord, type JsonObject } from '../../model/index.ts';
import { audits } from '../../query/kql/kql-test-fixture.ts';
import { clickhouseIdent as q, clickhouseLiteral as lit } from '../../query/sql/index.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from '../conformance/clickhouse-test-server.ts';
import { idHash } from '../id-hash.ts';
import { decodeRecord } from '../record-decoder.ts';
import { clickhouseLayout } from './clickhouse-layout.ts';
import { ClickHouseStore } from './clickhouse-store.ts';

const skip = clickhouseSkipReason();
const database = `idtrail_migrate_${process.pid}_${Date.now()}`;
const def = LOG_KINDS.directoryAudits;
const layout = clickhouseLayout(def);

// Properties the "older" schema did not have, one of each shape the layout stores differently: a
// top-level scalar, a list of objects (JSON text + parallel item arrays), a scalar inside an object
// (a flattened column) and a scalar inside list items (one more parallel array beside others).
const DROPPED = ['loggedByService', 'additionalDetails', 'additionalDetails__key', 'additionalDetails__value',
  'initiatedBy__user__ipAddress', 'targetResources__userPrincipalName'];

// Generated once: the fixture numbers ids as it goes.
const FULL: readonly JsonObject[] = audits().map((r, i) => normalizeRecord(def.schema, {
  ...r, loggedByService: `svc-${i}`,
  additionalDetails: i % 3 === 0 ? [] : [{ key: `k${i}`, value: `v${i}` }, { key: 'two', value: null }],
  initiatedBy: { user: { id: `u${i}`, ipAddress: `10.0.0.${i}` } },
}).record);
const full = (): JsonObject[] => structuredClone(FULL) as JsonObject[];

/** What the older idtrail stored: the record without the properties its schema lacked. */
function older(r: JsonObject): JsonObject {
  const o = structuredClone(r) as Record<string, unknown>;
  delete o['loggedByService'];
  delete o['additionalDetails'];
  const user = (o['initiatedBy'] as { user?: Record<string, unknown> | null } | null)?.user;
  if (user) delete user['ipAddress'];
  for (const t of (o['targetResources'] as Array<Record<string, unknown>>)) delete t['userPrincipalName'];
  return o as JsonObject;
}

describe('ClickHouse column migration at open', { skip: skip ?? false }, () => {
  let server: TestClickHouse | null = null;
  let raw: ClickHouseClient;
  let store: ClickHouseStore | null = null;

  before(async () => {
    server = await testClickHouse();
    assert.ok(server, 'a ClickHouse server');
    // The older table: today's layout minus the dropped columns, holding older records.
    const first = await ClickHouseStore.open({ url: server.url, database });
    await first.close();
    raw = createClient({ url: server.url, database });
    await raw.command({ query: `ALTER TABLE ${q(def.table)} ${DROPPED.map((c) => `DROP COLUMN ${q(c)}`).join(', ')}` });
    const lines = full().map((r, i) => layout.encodeLine(older(r), { tenant: 'old', seq: i + 1, idh: idHash(String(r['id'])), ingestedSec: 1_700_000_000, extra: null }));
    // The line encoder writes today's columns; the older table ignores those it lacks.
    const res = await raw.exec({ query: `INSERT INTO ${q(def.table)} FORMAT JSONEachRow`, values: Readable.from(lines), clickhouse_settings: { input_format_skip_unknown_fields: 1 } });
    for await (const _ of res.stream) void _;
    store = await ClickHouseStore.open({ url: server.url, database });
  });
  after(async () => {
    await store?.close();
    await raw?.command({ query: `DROP DATABASE IF EXISTS ${q(database)}` }).catch(() => undefined);
    await raw?.close();
    await server?.stop();
  });

  const select = async (sql: string) => (await (await raw.query({ query: sql, format: 'JSONEachRow' })).json<Record<string, unknown>>());
  const records = async (tenant: string) =>
    (await store!.rawQuery(`SELECT ${layout.scanColumns.map(q).join(', ')} FROM ${q(def.table)} WHERE _tenant = ${lit(tenant)} ORDER BY id`))
      .map((row) => decodeRecord(def.schema, layout.decodeTop(row)));

  it('adds every column of the layout the table lacked', async () => {
    const have = new Set((await select(`SELECT name FROM system.columns WHERE database = ${lit(database)} AND table = ${lit(def.table)}`)).map((r) => String(r['name'])));
    assert.deepEqual(layout.columns.map((c) => c.name).filter((c) => !have.has(c)), []);
  });

  it('reads older rows exactly as the same records ingested today, column by column', async () => {
    await store!.append('directoryAudits', 'again', full().map((r) => normalizeRecord(def.schema, older(r))));
    const cols = ['id', ...DROPPED].map(q).join(', ');
    const of = (t: string) => select(`SELECT ${cols} FROM ${q(def.table)} WHERE _tenant = ${lit(t)} ORDER BY id`);
    const [old, again] = [await of('old'), await of('again')];
    assert.equal(old.length, FULL.length);
    assert.deepEqual(old, again);
    // And decoded: the properties the older schema lacked are absent (null, or [] for a list).
    const decoded = await records('old');
    assert.deepEqual(decoded, await records('again'));
    for (const r of decoded) {
      assert.equal(r['loggedByService'], null);
      assert.deepEqual(r['additionalDetails'], []);
    }
  });

  it('stores and reads back the new properties of new rows', async () => {
    const want = full();
    await store!.append('directoryAudits', 'new', want.map((record) => ({ record, extra: null })));
    const byId = (xs: JsonObject[]) => [...xs].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
    assert.deepEqual(await records('new'), byId(want));
  });

  it('a second open finds nothing to add and keeps the rows', async () => {
    const again = await ClickHouseStore.open({ url: server!.url, database });
    await again.close();
    assert.equal((await records('old')).length, FULL.length);
  });
});
