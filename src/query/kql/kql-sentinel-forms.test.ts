// Forms that published Sentinel rules, hunting queries and Entra workbooks use, found by running
// a corpus of them (kql-corpus.test.ts): bracketed names in project-away/-keep/-reorder, a tabular
// let in parentheses, extractjson's type argument, a comma left before `by`, union isfuzzy's
// errors, and the provisioning table's ResultSignature. Answers are checked on the seeded DuckDB store.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlRows, kqlTable, useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, runKql } from './index.ts';

const store = useSeededStore();
const table = (q: string) => kqlTable(store(), q);
const rows = (q: string) => kqlRows(store(), q);
async function rejects(q: string, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(runKql(store(), TENANT, q, { now: NOW }), (e: unknown) => {
    assert.ok(e instanceof KqlError, String(e));
    assert.equal(e.code, code, e.message);
    assert.ok(e.position, 'the error has a position');
    assert.match(e.message, pattern);
    return true;
  });
}

describe('bracketed column names in project-away, project-keep and project-reorder', () => {
  const input = `SigninLogs | summarize ['Total Count'] = count(), ['Failed Count'] = countif(ResultType != "0") by ['User Name'] = UserPrincipalName
    | where ['User Name'] == "user5@contoso.com"`;
  it('project-reorder moves the named columns first', async () => {
    const t = await table(`${input} | project-reorder ['Failed Count'], ['Total Count']`);
    assert.deepEqual(t.columns, ['Failed Count:long', 'Total Count:long', 'User Name:string']);
    // user5: 14 baseline + 1 spray + 12 brute force + 1 success + 5 lockouts; 18 of them failures.
    assert.deepEqual(t.rows, [{ 'Failed Count': 18, 'Total Count': 33, 'User Name': 'user5@contoso.com' }]);
  });
  it('project-away removes a bracketed name (it was kept before)', async () => {
    assert.deepEqual((await table(`${input} | project-away ['Total Count']`)).columns, ['User Name:string', 'Failed Count:long']);
  });
  it('project-keep keeps it, in input order', async () => {
    assert.deepEqual((await table(`${input} | project-keep ['Failed Count'], ['User Name']`)).columns, ['User Name:string', 'Failed Count:long']);
  });
  it('a bracketed name is literal: no wildcard, and a missing one is an error', async () => {
    await rejects(`${input} | project-reorder ['No Such']`, 'IDT_KQL_SEMANTIC', /no column named 'No Such'/);
  });
});

describe('tabular let in parentheses', () => {
  it('`let t = (T | …);` is a table, usable in a join and after a pipe', async () => {
    const [{ Count: failures }] = (await rows('SigninLogs | where ResultType == "50126" | count')) as [{ Count: number }];
    assert.ok(failures > 0);
    assert.deepEqual(await rows('let spray = (SigninLogs | where ResultType == "50126"); spray | count'), [{ Count: failures }]);
    const q = `let ts = (SigninLogs | where ResultType == "50126" | summarize n = count() by UserPrincipalName);
      let unseen = (ts | join kind=leftanti (ts | where n > 5) on UserPrincipalName);
      unseen | summarize users = count(), total = sum(n)`;
    const perUser = await rows('SigninLogs | where ResultType == "50126" | summarize n = count() by UserPrincipalName');
    const small = perUser.filter((r) => Number(r['n']) <= 5);
    assert.deepEqual(await rows(q), [{ users: small.length, total: small.reduce((s, r) => s + Number(r['n']), 0) }]);
  });
  it('a scalar in parentheses stays a scalar', async () => {
    assert.deepEqual(await rows('let k = (2 + 3); print k * 2'), [{ print_0: 10 }]);
  });
});

describe('extractjson with a type argument', () => {
  it('converts the extracted value to the type named by typeof()', async () => {
    const t = await table(`print a = extractjson("$.a", '{"a":41}', typeof(long)) + 1, b = extractjson("$.b", '{"b":"x"}', typeof(string)),
      c = extractjson("$.c", '{"c":[1,2]}', typeof(dynamic)), d = extractjson("$.d", '{"d":"2024-01-02T00:00:00Z"}', typeof(datetime)),
      e = extractjson("$.a", '{"a":41}')`);
    assert.deepEqual(t.columns, ['a:long', 'b:string', 'c:dynamic', 'd:datetime', 'e:string']);
    assert.deepEqual(t.rows, [{ a: 42, b: 'x', c: '[1,2]', d: '2024-01-02T00:00:00Z', e: '41' }]);
  });
  it('reads the audit target UPN as the InactiveAccounts hunting query does', async () => {
    const got = await rows(`AuditLogs | where OperationName == "Add user"
      | extend NewUserPrincipalName = tolower(extractjson("$.userPrincipalName", tostring(TargetResources[0]), typeof(string))) | project NewUserPrincipalName`);
    assert.deepEqual(got, [{ NewUserPrincipalName: 'user21@contoso.com' }]);
  });
  it('refuses a type it does not know, naming it', async () => {
    await rejects('print extractjson("$.a", "{}", typeof(foo))', 'IDT_KQL_UNSUPPORTED', /typeof\(foo\)/);
  });
});

describe('a comma left before `by`, and round(Name = …)', () => {
  it('summarize accepts `…, by` as the published LoginSpike hunting query writes it', async () => {
    const lenient = await rows('SigninLogs | summarize n = count(), users = dcount(UserPrincipalName), by ResultType | sort by ResultType asc');
    const strict = await rows('SigninLogs | summarize n = count(), users = dcount(UserPrincipalName) by ResultType | sort by ResultType asc');
    assert.ok(strict.length > 1);
    assert.deepEqual(lenient, strict);
  });
  it('also with a comment between the comma and `by`; other syntax errors still report', async () => {
    assert.deepEqual(await rows('SigninLogs | summarize n = count(),\n  // per code\n  by ResultType | count'), await rows('SigninLogs | summarize n = count() by ResultType | count'));
    await rejects('SigninLogs | summarize n = count(), , by ResultType', 'IDT_KQL_SYNTAX', /Missing expression/);
    await rejects('SigninLogs | where , by', 'IDT_KQL_SYNTAX', /./);
  });
  it('a call whose first argument is `Name = expr` gives the column that name', async () => {
    const t = await table('print x = 0.456 | project round(FailureRate = x * 100), tostring(x)');
    assert.deepEqual(t.columns, ['FailureRate:real', 'x:string']);
    assert.deepEqual(t.rows, [{ FailureRate: 46, x: '0.456' }]);
  });
});

describe('union isfuzzy=true', () => {
  it('drops a leg naming a table this workspace lacks', async () => {
    const [{ Count: n }] = (await rows('SigninLogs | count')) as [{ Count: number }];
    assert.deepEqual(await rows('union isfuzzy=true SigninLogs, IdentityInfo | count'), [{ Count: n }]);
  });
  it('does not drop a leg that uses something unsupported: that would answer with part of the data', async () => {
    await rejects('union isfuzzy=true (SigninLogs | extend s = row_window_session(TimeGenerated, 1h, 1h, true)), AuditLogs | count', 'IDT_KQL_UNSUPPORTED', /row_window_session/);
  });
  it('when no leg resolves, the error names the first failure and points at it', async () => {
    const q = 'let f = (t:string) { IdentityInfo | join (table(t)) on AccountUPN };\nunion isfuzzy=true f("SigninLogs"), f("AADNonInteractiveUserSignInLogs")';
    await assert.rejects(runKql(store(), TENANT, q, { now: NOW }), (e: unknown) => {
      assert.ok(e instanceof KqlError);
      assert.equal(e.code, 'IDT_KQL_SEMANTIC');
      assert.match(e.message, /none of its inputs resolves.*'IdentityInfo' is not a table/);
      assert.deepEqual([e.position?.line, e.position?.column], [1, 22]);
      return true;
    });
  });
});

describe('AADProvisioningLogs ResultSignature', () => {
  it('is the error code of a failed record, as documented; None otherwise', async () => {
    assert.deepEqual(await rows('AADProvisioningLogs | summarize count() by ErrorCode = ResultSignature, ResultType | sort by ErrorCode asc'), [
      { ErrorCode: 'None', ResultType: 'Success', count_: 7 },
      { ErrorCode: 'SalesforceDuplicateUser', ResultType: 'Failure', count_: 3 },
    ]);
  });
});

describe('sources outside the workspace are refused by what they are, at their position', () => {
  it('externaldata, other workspaces and clusters, watchlists, ASIM parsers', async () => {
    await rejects('externaldata(a:string) ["https://example.com/x.csv"] | take 1', 'IDT_KQL_UNSUPPORTED', /^externaldata\(\) reads data from outside the workspace.*\(line 1, column 1\)$/);
    await rejects('SigninLogs | union workspace("other").SigninLogs | count', 'IDT_KQL_SEMANTIC', /cross-resource queries \(workspace\("…"\)\).*column 20/);
    await rejects('cluster("c").database("d").SigninLogs | take 1', 'IDT_KQL_SEMANTIC', /cross-resource queries \(cluster/);
    await rejects('SigninLogs | where UserPrincipalName in (_GetWatchlist("VIP") | project SearchKey) | count', 'IDT_KQL_SEMANTIC', /Sentinel watchlists \(_GetWatchlist\).*datatable\(\).*column 42/);
    await rejects('_Im_Authentication(starttime=ago(1d)) | take 1', 'IDT_KQL_SEMANTIC', /ASIM parser _Im_Authentication/);
    await rejects('_ASim_Authentication | take 1', 'IDT_KQL_SEMANTIC', /ASIM parser _ASim_Authentication/);
  });
  it('tables of other products say which product writes them', async () => {
    await rejects('SigninLogs | join kind=leftouter (IdentityInfo | project AccountUPN) on $left.UserPrincipalName == $right.AccountUPN', 'IDT_KQL_SEMANTIC', /'IdentityInfo' is not a table.*Microsoft Sentinel UEBA table/);
    await rejects('DeviceInfo | take 1', 'IDT_KQL_SEMANTIC', /Microsoft Defender XDR table/);
  });
  it('union isfuzzy=true drops an inaccessible workspace as Kusto does, not externaldata', async () => {
    const [{ Count: n }] = (await rows('SigninLogs | count')) as [{ Count: number }];
    assert.deepEqual(await rows('union isfuzzy=true SigninLogs, workspace("other").SigninLogs | count'), [{ Count: n }]);
    await rejects('union isfuzzy=true SigninLogs, (externaldata(a:string) ["https://example.com/x.csv"]) | count', 'IDT_KQL_UNSUPPORTED', /externaldata/);
  });
});

describe('outer joins fill the missing side\'s strings with ""', () => {
  it('as the Entra workbooks rely on: fullouter with a datatable of all statuses, then iff(Status == \'\', Status1, Status)', async () => {
    const q = `SigninLogs | extend Status = iff(ResultType == "0", "Success", "Failure") | summarize Count = count() by Status
      | join kind = fullouter (datatable(Status:string)['Success', 'Pending action (Interrupts)', 'Failure']) on Status
      | project Status = iff(Status == '', Status1, Status), Count = iff(Status == '', 0, Count) | sort by Status asc`;
    const per = await rows('SigninLogs | summarize n = countif(ResultType == "0"), f = countif(ResultType != "0")');
    assert.deepEqual(await rows(q), [
      { Status: 'Failure', Count: per[0]!['f'] },
      { Status: 'Pending action (Interrupts)', Count: 0 },
      { Status: 'Success', Count: per[0]!['n'] },
    ]);
  });
  it('on either side; numbers stay null', async () => {
    assert.deepEqual(await rows(`datatable(a:string, n:long)["x", 1] | join kind=fullouter (datatable(a:string, m:long)["y", 2]) on a
      | project a, a1, n, m, empty = isempty(a) and a == "" | sort by a asc`), [
      { a: '', a1: 'y', n: null, m: 2, empty: true },
      { a: 'x', a1: '', n: 1, m: null, empty: false },
    ]);
    assert.deepEqual(await rows('datatable(a:string)["x"] | join kind=rightouter (datatable(a:string, b:string)["y", "z"]) on a'), [{ a: '', a1: 'y', b: 'z' }]);
  });
});
