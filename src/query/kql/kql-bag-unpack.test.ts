// evaluate bag_unpack on the seeded DuckDB store: the columns come from the keys found in the data
// (a probe query), so each test checks names, order and types against the rows it planted or reads
// the raw values back another way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, runKql } from './index.ts';
import { MAX_BAG_KEYS } from './kql-bag-unpack.ts';

const store = useSeededStore();

type Row = Record<string, unknown>;
async function table(q: string, timespan?: string): Promise<{ columns: string[]; rows: Row[] }> {
  const t = (await runKql(store(), TENANT, q, { now: NOW, ...(timespan ? { timespan } : {}) })).tables[0]!;
  return { columns: t.columns.map((c) => `${c.name}:${c.type}`), rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]]))) };
}
async function rejects(q: string, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(runKql(store(), TENANT, q, { now: NOW }), (e: unknown) => {
    assert.ok(e instanceof KqlError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

const PEOPLE = `datatable(Id:long, d:dynamic)[
  1, dynamic({"Name": "John", "Age": 20}),
  2, dynamic({"Name": "Dave", "Age": 40, "Height": 1.8}),
  3, dynamic({"Name": "Jasmine", "Age": 30, "Tags": ["a"], "Married": true})]`;

describe('evaluate bag_unpack', () => {
  it('adds one column per key found, sorted, typed by the values, after the input columns', async () => {
    const t = await table(`${PEOPLE} | evaluate bag_unpack(d) | sort by Id asc`);
    assert.deepEqual(t.columns, ['Id:long', 'Age:long', 'Height:real', 'Married:bool', 'Name:string', 'Tags:dynamic']);
    assert.deepEqual(t.rows.map((r) => [r['Name'], r['Age'], r['Height'], r['Married']]), [['John', 20, null, null], ['Dave', 40, 1.8, null], ['Jasmine', 30, null, true]]);
    assert.deepEqual(JSON.parse(String(t.rows[2]!['Tags'])), ['a']);
  });

  it('gives dynamic to a key whose values differ in type, and ignores nulls when typing', async () => {
    const t = await table('datatable(d:dynamic)[dynamic({"a": 1, "b": null}), dynamic({"a": "x", "b": 2}), dynamic({"c": null})] | evaluate bag_unpack(d)');
    assert.deepEqual(t.columns, ['a:dynamic', 'b:long', 'c:dynamic']);
    assert.deepEqual(t.rows.map((r) => r['b']).sort(), [2, null, null]);
    // A JSON null is no value, also in a dynamic column.
    assert.deepEqual(t.rows.map((r) => r['c']), [null, null, null]);
  });

  it('unpacks DeviceDetail of SigninLogs into its fields, the values those of the record', async () => {
    const unpacked = await table('SigninLogs | extend d = todynamic(DeviceDetail) | evaluate bag_unpack(d, "Device_") | project Id, Device_operatingSystem, Device_isCompliant, Device_browser');
    const direct = await table('SigninLogs | project Id, os = tostring(DeviceDetail.operatingSystem), compliant = tobool(DeviceDetail.isCompliant), browser = tostring(DeviceDetail.browser)');
    assert.deepEqual(unpacked.columns, ['Id:string', 'Device_operatingSystem:string', 'Device_isCompliant:bool', 'Device_browser:string']);
    const byId = new Map(direct.rows.map((r) => [r['Id'], [r['os'], r['compliant'], r['browser']]]));
    assert.ok(unpacked.rows.length > 100);
    assert.equal(unpacked.rows.length, direct.rows.length);
    for (const r of unpacked.rows) assert.deepEqual([r['Device_operatingSystem'], r['Device_isCompliant'], r['Device_browser']], byId.get(r['Id']));
    // Both compliance values occur, so a constant column would fail the comparison above.
    assert.deepEqual(new Set(unpacked.rows.map((r) => r['Device_isCompliant'])), new Set([true, false]));
  });

  it('removes the unpacked column and keeps the others in their order', async () => {
    const t = await table('SigninLogs | take 1 | project UserPrincipalName, d = todynamic(LocationDetails), IPAddress | evaluate bag_unpack(d)');
    assert.deepEqual(t.columns.slice(0, 2), ['UserPrincipalName:string', 'IPAddress:string']);
    assert.ok(t.columns.includes('city:string') && t.columns.includes('geoCoordinates:dynamic'), t.columns.join());
    assert.ok(!t.columns.some((c) => c.startsWith('d:')));
  });

  it('finds only the keys of the rows that reach it', async () => {
    const t = await table('datatable(n:long, d:dynamic)[1, dynamic({"a": 1}), 2, dynamic({"b": "x"})] | where n == 2 | evaluate bag_unpack(d)');
    assert.deepEqual(t.columns, ['n:long', 'b:string']);
    assert.deepEqual(t.rows, [{ n: 2, b: 'x' }]);
  });

  it('probes each use of a function separately', async () => {
    const t = await table(`let A = datatable(d:dynamic)[dynamic({"a": 1})];
      let B = datatable(d:dynamic)[dynamic({"b": "x"})];
      let f = (T:(d:dynamic)) { T | evaluate bag_unpack(d) };
      union f(A), f(B)`);
    assert.deepEqual(t.columns.sort(), ['a:long', 'b:string']);
    assert.equal(t.rows.length, 2);
  });

  it('resolves a clash with an input column as columnsConflict says, and refuses it by default', async () => {
    const q = 'datatable(Name:string, d:dynamic)["Old", dynamic({"Name": "John", "Age": 20})] | evaluate bag_unpack(d';
    await rejects(`${q})`, 'IDT_KQL_SEMANTIC', /key 'Name' would become the column 'Name'.*columnsConflict/);
    assert.deepEqual((await table(`${q}, columnsConflict='keep_source')`)).rows, [{ Name: 'Old', Age: 20 }]);
    assert.deepEqual((await table(`${q}, columnsConflict='replace_source')`)).rows, [{ Age: 20, Name: 'John' }]);
    // A prefix avoids the clash altogether.
    assert.deepEqual((await table(`${q}, 'p_')`)).rows, [{ Name: 'Old', p_Age: 20, p_Name: 'John' }]);
    await rejects(`${q}, columnsConflict='merge')`, 'IDT_KQL_SEMANTIC', /columnsConflict must be/);
  });

  it('skips ignoredProperties', async () => {
    const t = await table(`${PEOPLE} | evaluate bag_unpack(d, ignoredProperties=dynamic(["Age", "Tags"]))`);
    assert.deepEqual(t.columns, ['Id:long', 'Height:real', 'Married:bool', 'Name:string']);
  });

  it('takes an output schema instead of probing: only its columns, or the input too with *', async () => {
    const withInput = await table(`${PEOPLE} | evaluate bag_unpack(d) : (*, Name:string, Age:long, Missing:string) | sort by Id asc`);
    assert.deepEqual(withInput.columns, ['Id:long', 'Name:string', 'Age:long', 'Missing:string']);
    assert.deepEqual(withInput.rows.map((r) => [r['Name'], r['Age']]), [['John', 20], ['Dave', 40], ['Jasmine', 30]]);
    const only = await table(`${PEOPLE} | evaluate bag_unpack(d) : (Age:long)`);
    assert.deepEqual(only.columns, ['Age:long']);
    assert.deepEqual(only.rows.map((r) => r['Age']).sort(), [20, 30, 40]);
  });

  it(`refuses more than ${MAX_BAG_KEYS} keys with a 400 that says what to do, and accepts exactly that many`, async () => {
    const bag = (n: number) => `range i from 1 to ${n} step 1 | summarize d = make_bag(bag_pack(strcat("k", i), i))`;
    const ok = await table(`${bag(MAX_BAG_KEYS)} | evaluate bag_unpack(d)`);
    assert.equal(ok.columns.length, MAX_BAG_KEYS);
    assert.equal(ok.rows[0]!['k17'], 17);
    await rejects(`${bag(MAX_BAG_KEYS + 1)} | evaluate bag_unpack(d)`, 'IDT_KQL_UNSUPPORTED', /more than 500 distinct keys.*output schema/);
  });

  it('refuses other plugins and columns that cannot hold a bag', async () => {
    await rejects('SigninLogs | evaluate autocluster()', 'IDT_KQL_UNSUPPORTED', /evaluate autocluster\(\)/);
    await rejects('SigninLogs | evaluate bag_unpack(TimeGenerated)', 'IDT_KQL_SEMANTIC', /unpacks a dynamic column/);
    await rejects('SigninLogs | evaluate bag_unpack()', 'IDT_KQL_SEMANTIC', /needs the column/);
    await rejects('print d = dynamic({"__x": 1}) | evaluate bag_unpack(d)', 'IDT_KQL_UNSUPPORTED', /'__x'.*reserved/);
    assert.deepEqual((await table('print d = dynamic({"__x": 1}) | evaluate bag_unpack(d, "p")')).rows, [{ p__x: 1 }]);
  });
});
