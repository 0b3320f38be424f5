// The sign-in kind mask (_evmask) must answer "signInEventTypes contains one of these" exactly as
// the list does, for every list shape (null, empty, several kinds, members the mask has no bit
// for), through the OData filters and KQL-style scopes that compile to it, and in files written
// before the column existed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from './duckdb-store.ts';
import { LOG_KINDS, normalizeRecord, type JsonObject } from '../../model/index.ts';
import { sampleRecord } from '../../model/sample-record.ts';
import { parseFilter } from '../../query/odata/index.ts';
import { field, lambda, lit, not, or, eq, v, scan, where, project, named, inList } from '../../query/ir/factories.ts';
import type { Expr } from '../../query/ir/index.ts';
import { compile, duckdbDialect } from '../../query/sql/index.ts';
import { tempDir } from '../../testing/temp-dir.ts';

const def = LOG_KINDS.signIns;
const LISTS: Array<string[] | null> = [
  null, [], ['interactiveUser'], ['nonInteractiveUser'], ['interactiveUser', 'nonInteractiveUser'], ['servicePrincipal'],
  ['managedIdentity'], ['unknownFutureValue'], ['unknownFutureValue', 'interactiveUser'], ['servicePrincipal', 'managedIdentity'],
];
const records = LISTS.map((l, i) => {
  const r = sampleRecord(def.schema, i + 1, { id: `m${i}` }) as JsonObject;
  r['signInEventTypes'] = l;
  return normalizeRecord(def.schema, r);
});

async function ids(store: DuckDbStore, predicate: Expr): Promise<{ ids: string[]; sql: string }> {
  const plan = project(where(scan('signIns', 'T'), predicate), [named('id', field('id'))]);
  const sql = compile(plan, duckdbDialect, (k) => store.scanTarget(k)).sql;
  const rows = (await store.query(plan)).rows;
  return { ids: rows.map((r) => String(r['id'])).sort(), sql };
}

const expected = (pred: (l: string[] | null) => boolean) => LISTS.map((l, i) => (pred(l) ? `m${i}` : null)).filter((x): x is string => x !== null).sort();
const has = (l: string[] | null, ...vs: string[]) => (l ?? []).some((x) => vs.includes(x));

const CASES: Array<{ name: string; expr: Expr; want: (l: string[] | null) => boolean; usesMask: boolean }> = [
  { name: 'eq interactive', expr: lambda('any', field('signInEventTypes'), 't', eq(v('t'), lit('interactiveUser'))), want: (l) => has(l, 'interactiveUser'), usesMask: true },
  { name: 'in (servicePrincipal, managedIdentity)', expr: lambda('any', field('signInEventTypes'), 't', inList(v('t'), [lit('servicePrincipal'), lit('managedIdentity')])), want: (l) => has(l, 'servicePrincipal', 'managedIdentity'), usesMask: true },
  { name: 'not nonInteractive', expr: not(lambda('any', field('signInEventTypes'), 't', eq(v('t'), lit('nonInteractiveUser')))), want: (l) => !has(l, 'nonInteractiveUser'), usesMask: true },
  { name: 'a member without a bit', expr: lambda('any', field('signInEventTypes'), 't', eq(v('t'), lit('unknownFutureValue'))), want: (l) => has(l, 'unknownFutureValue'), usesMask: false },
  { name: 'known and unknown together', expr: lambda('any', field('signInEventTypes'), 't', inList(v('t'), [lit('managedIdentity'), lit('unknownFutureValue')])), want: (l) => has(l, 'managedIdentity', 'unknownFutureValue'), usesMask: false },
  { name: 'or of two scopes', expr: or(lambda('any', field('signInEventTypes'), 't', eq(v('t'), lit('interactiveUser'))), lambda('any', field('signInEventTypes'), 'u', eq(v('u'), lit('managedIdentity')))), want: (l) => has(l, 'interactiveUser', 'managedIdentity'), usesMask: true },
];

async function checkAll(store: DuckDbStore): Promise<void> {
  for (const c of CASES) {
    const r = await ids(store, c.expr);
    assert.deepEqual(r.ids, expected(c.want), c.name);
    assert.equal(r.sql.includes('_evmask'), c.usesMask, `${c.name}: ${r.sql}`);
  }
  // The same through the OData filter a Graph client sends.
  const f = parseFilter("signInEventTypes/any(t: t eq 'nonInteractiveUser' or t eq 'servicePrincipal')", def, 'beta');
  assert.deepEqual((await ids(store, f.expr)).ids, expected((l) => has(l, 'nonInteractiveUser', 'servicePrincipal')));
}

test('the kind mask answers like the list for every list shape', async () => {
  const store = await DuckDbStore.open({ dataDir: ':memory:', threads: 1 });
  try {
    await store.append('signIns', 'T', records);
    await checkAll(store);
    // Stored exactly once per bit, whatever the list order: the column itself, row by row.
    const rows = await store.rawQuery(`SELECT id, _evmask::INTEGER AS m FROM sign_ins ORDER BY _seq`);
    assert.deepEqual(rows.map((r) => Number(r['m'])), [0, 0, 1, 2, 3, 4, 8, 0, 1, 12]);
  } finally {
    await store.close();
  }
});

test('a file written before the mask gets it filled at open', async () => {
  const dir = tempDir();
  try {
    let store = await DuckDbStore.open({ dataDir: dir.path });
    await store.append('signIns', 'T', records);
    await store.exec('ALTER TABLE sign_ins DROP COLUMN _evmask');
    await store.close();
    store = await DuckDbStore.open({ dataDir: dir.path });
    try {
      await checkAll(store);
      const col = await store.rawQuery(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'sign_ins' AND column_name = '_evmask'`);
      assert.equal(col[0]?.['is_nullable'], 'NO', 'the filled column refuses rows without a mask');
      // New appends after the migration carry their mask too.
      const more = normalizeRecord(def.schema, { ...(sampleRecord(def.schema, 99, { id: 'late' }) as JsonObject), signInEventTypes: ['managedIdentity'] });
      await store.append('signIns', 'T', [more]);
      const r = await ids(store, lambda('any', field('signInEventTypes'), 't', eq(v('t'), lit('managedIdentity'))));
      assert.deepEqual(r.ids, [...expected((l) => has(l, 'managedIdentity')), 'late'].sort());
    } finally {
      await store.close();
    }
  } finally {
    dir.remove();
  }
});
