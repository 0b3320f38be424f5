// Golden table: KQL → printed IR → DuckDB SQL (checked for the key fragments) → rows, plus the
// error contract (code and position) for bad and unsupported queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { printPlan } from '../ir/index.ts';
import { compile, duckdbDialect } from '../sql/index.ts';
import { seedStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, lowerKql, runKql } from './index.ts';
import type { DuckDbStore } from '../../store/index.ts';

let store: DuckDbStore;
before(async () => {
  store = await seedStore();
});
after(async () => {
  await store.close();
});

const GOLDEN = [
  {
    kql: 'SigninLogs | where ResultType == 0 | count',
    ir: [/aggregate \[Count=count\(\)\]/, /filter \(ResultType eq "0"\)/, /scan signIns tenant=tenant-a/],
    sql: [/"_tenant" = \$1/, /CAST\(t0\."status"\."errorCode" AS VARCHAR\) AS "ResultType"/],
    rows: [[281 + 1 + 1 + 1 + 1 + 1 - 1]],
  },
  {
    kql: 'SigninLogs | where TimeGenerated > ago(1h) | project UserPrincipalName, ResultType',
    ir: [/filter \(TimeGenerated gt datetime\(2024-06-15T11:00:00.000Z\)\)/],
    sql: [/CAST\(\$\d+ AS TIMESTAMP_NS\)/],
    rows: [],
  },
  {
    kql: 'AuditLogs | where OperationName =~ "ADD USER" | project tostring(TargetResources[0].userPrincipalName)',
    ir: [/eq~/, /TargetResources\[0\]\.userPrincipalName/],
    sql: [/lower\(/, /json_extract\(/],
    rows: [['user21@contoso.com']],
  },
  {
    kql: 'SigninLogs | summarize dcount(IPAddress) by bin(TimeGenerated, 1d) | top 1 by dcount_IPAddress',
    ir: [/aggregate \[dcount_IPAddress=dcount\(IPAddress\)\] by \[TimeGenerated=bin_datetime\(TimeGenerated, 86400000000000\)\]/],
    sql: [/count\(DISTINCT/, /LIMIT 1/],
    rows: [['2024-06-15T00:00:00Z', 24]],
  },
];

describe('KQL golden table', () => {
  for (const g of GOLDEN) {
    it(g.kql, async () => {
      const q = lowerKql(g.kql, TENANT, { now: NOW });
      const ir = printPlan(q.plan);
      for (const re of g.ir) assert.match(ir, re);
      const sql = compile(q.plan, duckdbDialect, (k) => store.scanTarget(k)).sql;
      for (const re of g.sql) assert.match(sql, re);
      const r = await runKql(store, TENANT, g.kql, { now: NOW });
      assert.deepEqual(r.tables[0]!.rows, g.rows);
    });
  }
});

const ERRORS: Array<{ kql: string; code: string; line: number; column: number; msg: RegExp }> = [
  { kql: 'SigninLogs | where (ResultType == ', code: 'IDT_KQL_SYNTAX', line: 1, column: 34, msg: /./ },
  { kql: 'SigninLogs\n| where NoSuchColumn == 1', code: 'IDT_KQL_SEMANTIC', line: 2, column: 9, msg: /NoSuchColumn/ },
  { kql: 'NoSuchTable | take 1', code: 'IDT_KQL_SEMANTIC', line: 1, column: 1, msg: /NoSuchTable/ },
  { kql: 'SigninLogs | evaluate autocluster()', code: 'IDT_KQL_UNSUPPORTED', line: 1, column: 23, msg: /evaluate autocluster/ },
  { kql: 'SigninLogs | extend x = base64_decode_tostring(UserAgent)', code: 'IDT_KQL_UNSUPPORTED', line: 1, column: 25, msg: /base64_decode_tostring/ },
  { kql: 'SigninLogs | where count() > 1', code: 'IDT_KQL_SEMANTIC', line: 1, column: 20, msg: /aggregate/ },
  { kql: 'SigninLogs | join kind=weird (AuditLogs) on Id', code: 'IDT_KQL_UNSUPPORTED', line: 1, column: 14, msg: /weird/ },
];

describe('KQL errors carry a stable code and the position', () => {
  for (const e of ERRORS) {
    it(e.kql.replace(/\n/g, ' '), () => {
      assert.throws(() => lowerKql(e.kql, TENANT, { now: NOW }), (err: unknown) => {
        assert.ok(err instanceof KqlError, String(err));
        assert.equal(err.code, e.code, err.message);
        assert.equal(err.position?.line, e.line, err.message);
        assert.equal(err.position?.column, e.column, err.message);
        assert.match(err.message, e.msg);
        return true;
      });
    });
  }
});
