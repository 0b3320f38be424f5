// evaluate pivot() on the seeded DuckDB store: the value columns come from a probe of the data, each
// cell is the aggregation over its value's rows (0 for count where there are none), and the
// answers are recomputed here from the raw rows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlTable, useSeededStore, NOW, TENANT, type KqlRow as Row } from './kql-test-fixture.ts';
import { KqlError, runKql } from './index.ts';

const store = useSeededStore();
const table = (q: string) => kqlTable(store(), q);
const USERS = 'UserPrincipalName in ("user5@contoso.com", "user7@contoso.com", "user9@contoso.com")';

describe('evaluate pivot', () => {
  it('counts per value of the pivot column, one column per value in ordinal order, 0 where none', async () => {
    const raw = (await table(`SigninLogs | where ${USERS} | project UserPrincipalName, Location`)).rows;
    const locations = [...new Set(raw.map((r) => String(r['Location'])))].sort();
    const t = await table(`SigninLogs | where ${USERS} | evaluate pivot(Location, count(), UserPrincipalName) | sort by UserPrincipalName asc`);
    assert.deepEqual(t.columns, ['UserPrincipalName:string', ...locations.map((l) => `${l}:long`)]);
    const users = [...new Set(raw.map((r) => String(r['UserPrincipalName'])))].sort();
    assert.deepEqual(t.rows, users.map((u) => ({
      UserPrincipalName: u,
      ...Object.fromEntries(locations.map((l) => [l, raw.filter((r) => r['UserPrincipalName'] === u && r['Location'] === l).length])),
    })));
    assert.equal((t.rows as Row[]).find((r) => r['UserPrincipalName'] === 'user9@contoso.com')!['BR'], 1);
  });
  it('without group columns groups by every other column; without an aggregation counts', async () => {
    const t = await table('SigninLogs | where UserPrincipalName == "user5@contoso.com" | project IPAddress, Location | evaluate pivot(Location) | sort by IPAddress asc');
    assert.deepEqual(t.columns, ['IPAddress:string', 'CN:long', 'RU:long', 'US:long']);
    assert.deepEqual(t.rows, [
      { IPAddress: '10.0.0.5', CN: 0, RU: 0, US: 14 },
      { IPAddress: '10.9.9.9', CN: 0, RU: 0, US: 5 },
      { IPAddress: '198.51.100.7', CN: 13, RU: 0, US: 0 },
      { IPAddress: '203.0.113.66', CN: 0, RU: 1, US: 0 },
    ]);
  });
  it('applies other aggregations to each value\'s rows; the columns they read are not grouped', async () => {
    const t = await table(`SigninLogs | where UserPrincipalName == "user5@contoso.com" | project Location, IPAddress, ResultType
      | evaluate pivot(Location, dcount(IPAddress))`);
    // ResultType is the only column left to group by.
    assert.deepEqual(t.columns, ['ResultType:string', 'CN:long', 'RU:long', 'US:long']);
    const byCode = Object.fromEntries(t.rows.map((r) => [r['ResultType'], r]));
    assert.deepEqual(byCode['0'], { ResultType: '0', CN: 1, RU: 0, US: 1 });
    assert.deepEqual(byCode['50053'], { ResultType: '50053', CN: 0, RU: 0, US: 1 });
    const sets = await table('SigninLogs | where UserPrincipalName == "user5@contoso.com" | project Location, IPAddress | evaluate pivot(Location, make_set(IPAddress))');
    assert.deepEqual(sets.columns, ['CN:dynamic', 'RU:dynamic', 'US:dynamic']);
    assert.deepEqual(JSON.parse(String(sets.rows[0]!['US'])).sort(), ['10.0.0.5', '10.9.9.9']);
  });
  it('runs the pivot-table queries of published Sentinel content (bracketed names, a bag_unpack input)', async () => {
    const t = await table(`SigninLogs | extend CA = parse_json(ConditionalAccessPolicies) | mv-expand bagexpansion=array CA | evaluate bag_unpack(CA)
      | extend ['CA Outcome'] = tostring(column_ifexists('result', "")), ['CA Policy Name'] = column_ifexists('displayName', "")
      | evaluate pivot(['CA Outcome'], count(), ['CA Policy Name'])`);
    assert.deepEqual(t.columns, ['CA Policy Name:string', 'failure:long']);
    assert.deepEqual(t.rows, [{ 'CA Policy Name': 'Require MFA', failure: 2 }]);
  });
  it('refuses what it does not do, naming it', async () => {
    const refused = async (q: string, re: RegExp) => assert.rejects(runKql(store(), TENANT, q, { now: NOW }), (e: unknown) => e instanceof KqlError && e.position !== null && re.test(e.message));
    await refused('SigninLogs | evaluate pivot(Location, count(), strlen(IPAddress))', /groups by columns of its input; 'strlen\(IPAddress\)'/);
    await refused('SigninLogs | project Location | evaluate pivot(Location) : (US:long)', /output schema for evaluate pivot/);
    await refused('SigninLogs | evaluate autocluster()', /evaluate autocluster\(\)/);
  });
});
