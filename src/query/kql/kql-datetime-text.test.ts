// Datetimes as text, on the seeded DuckDB store: tostring() gives Kusto's ISO-8601 form with seven
// fractional digits, and a dynamic value (make_list/make_set, a make-series axis, pack_array,
// bag_pack, todynamic) holds a datetime as ISO-8601 text, as Kusto shows it, never DuckDB's
// "2024-01-01 10:00:00". Workbook trend charts read the make-series axis.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlRows, useSeededStore } from './kql-test-fixture.ts';

const store = useSeededStore();
const rows = (q: string) => kqlRows(store(), q);

describe('tostring() of a datetime', () => {
  it('is ISO-8601 UTC with seven fractional digits, and reads back as the same instant', async () => {
    assert.deepEqual(await rows('print a = tostring(datetime(2024-01-01)), b = tostring(datetime(2024-01-01T10:11:12.1234567Z)), c = strcat("at ", datetime(2024-06-15T01:02:03Z))'),
      [{ a: '2024-01-01T00:00:00.0000000Z', b: '2024-01-01T10:11:12.1234567Z', c: 'at 2024-06-15T01:02:03.0000000Z' }]);
    const [r] = await rows(`SigninLogs | where UserPrincipalName == "user7@contoso.com" | top 1 by TimeGenerated desc
      | project t = tostring(TimeGenerated), back = todatetime(tostring(TimeGenerated)) == TimeGenerated`);
    assert.deepEqual(r, { t: '2024-06-15T07:30:00.0000000Z', back: true });
  });
});

describe('datetimes inside dynamic values', () => {
  it('make_list and make_set of TimeGenerated hold ISO-8601 text', async () => {
    const [r] = await rows('SigninLogs | where UserPrincipalName == "user7@contoso.com" and TimeGenerated > ago(6h) | summarize l = make_list(TimeGenerated), s = make_set(TimeGenerated)');
    assert.deepEqual(JSON.parse(String(r!['l'])).sort(), ['2024-06-15T07:00:00Z', '2024-06-15T07:30:00Z']);
    assert.deepEqual(JSON.parse(String(r!['s'])).sort(), ['2024-06-15T07:00:00Z', '2024-06-15T07:30:00Z']);
  });
  it('the make-series axis holds ISO-8601 text, and mv-expand reads it back as datetimes', async () => {
    const q = 'SigninLogs | make-series n = count() on TimeGenerated from datetime(2024-06-13) to datetime(2024-06-15) step 1d';
    const [r] = await rows(q);
    assert.deepEqual(JSON.parse(String(r!['TimeGenerated'])), ['2024-06-13T00:00:00Z', '2024-06-14T00:00:00Z']);
    const expanded = await rows(`${q} | mv-expand TimeGenerated to typeof(datetime), n to typeof(long) | project TimeGenerated`);
    assert.deepEqual(expanded.map((x) => x['TimeGenerated']), ['2024-06-13T00:00:00Z', '2024-06-14T00:00:00Z']);
  });
  it('pack_array, bag_pack and todynamic of a datetime, with its fraction and no trailing zeros', async () => {
    assert.deepEqual(await rows('print p = pack_array(datetime(2024-01-01), 1), b = bag_pack("t", datetime(2024-01-01T01:02:03.25Z)), d = todynamic(datetime(2024-01-01T10:00:00Z))'),
      [{ p: '["2024-01-01T00:00:00Z",1]', b: '{"t":"2024-01-01T01:02:03.25Z"}', d: '"2024-01-01T10:00:00Z"' }]);
  });
});
