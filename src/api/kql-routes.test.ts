// The Log Analytics-style query route, in-process with inject() on a seeded store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerKqlRoutes } from './kql-routes.ts';
import { seedStore, NOW, TENANT } from '../query/kql/kql-test-fixture.ts';
import type { DuckDbStore } from '../store/index.ts';

let store: DuckDbStore;
let app: FastifyInstance;
before(async () => {
  store = await seedStore();
  app = Fastify();
  registerKqlRoutes(app, { store, resolveTenant: () => TENANT, now: () => NOW });
});
after(async () => {
  await app.close();
  await store.close();
});

describe('POST /v1/workspaces/{tenant}/query', () => {
  it('returns LA-shaped tables', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'SigninLogs | where ResultType == 500121 | summarize n = count(), Last = max(TimeGenerated) by UserPrincipalName' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { tables: [{ name: 'PrimaryResult', columns: [{ name: 'UserPrincipalName', type: 'string' }, { name: 'n', type: 'long' }, { name: 'Last', type: 'datetime' }], rows: [['user14@contoso.com', 6, '2024-06-15T08:25:00Z']] }] });
  });
  it('applies the timespan', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'SigninLogs | count', timespan: 'PT3H' } });
    assert.deepEqual(res.json().tables[0].rows, [[2]]);
  });
  it('gives errors with position', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'SigninLogs\n| where Nope == 1' } });
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.equal(e.idtrailCode, 'IDT_KQL_SEMANTIC');
    assert.deepEqual([e.innererror.line, e.innererror.pos], [2, 9]);
  });
  it('answers a value the engine refuses while running with a 400 that says what, not a 500', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'SigninLogs | take 1 | extend a = extract("(", 1, UserPrincipalName) | project a' } });
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.equal(e.idtrailCode, 'IDT_QUERY_RUNTIME');
    assert.match(e.message, /failed while running: Invalid Input Error: .*missing \)/);
    assert.doesNotMatch(e.message, /SELECT|LINE 1/, 'the generated SQL is not shown');
  });
  it('bins of size zero or less are null, as Kusto documents', async () => {
    for (const size of ['0s', '-1h', '0', '-2']) {
      const x = /s|h/.test(size) ? 'TimeGenerated' : 'ResultType';
      const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: `SigninLogs | summarize n = count() by b = bin(${x}, ${size})` } });
      assert.equal(res.statusCode, 200, `${size}: ${res.body}`);
      const rows = res.json().tables[0].rows as unknown[][];
      assert.equal(rows.length, 1, size);
      assert.equal(rows[0]![0], null, size);
    }
  });
  it('values out of range are null, as Kusto documents: datetime overflow, log and sqrt of negatives', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'print b = datetime(2024-01-01) + 1000000000d, c = log(-1), d = sqrt(-4), e = sqrt(4), f = log(0)' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().tables[0].rows, [[null, null, null, 2, '-Infinity']]);
    // A number past 64 bits cannot even be bound here: a clear 400, not a 500.
    const big = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'print a = toint(1e30)' } });
    assert.equal(big.statusCode, 400, big.body);
    assert.equal(big.json().error.idtrailCode, 'IDT_QUERY_RUNTIME');
  });
  it('a JSON path no document can match (a fractional or huge index, an empty key) is null, not a 500', async () => {
    const q = 'SigninLogs | take 1 | extend p = todynamic(ConditionalAccessPolicies) | project a = p[1e30], b = p[0.5], c = tostring(p[0][""]), d = tostring(p[1e30].displayName)';
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: q } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().tables[0].rows, [[null, null, '', '']]);
    // The document may hold bound values of its own; they must keep their places in the statement.
    const withValues = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'print a = todynamic(strcat("[", "1,2", "]"))[1e30], s = substring("abcdef", 1.0, 2.0)' } });
    assert.equal(withValues.statusCode, 200, withValues.body);
    assert.deepEqual(withValues.json().tables[0].rows, [[null, 'bc']]);
  });
  it("a let's value sees only the names defined before it: shadowing a table reads the table, a self-reference is a 400", async () => {
    const shadow = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'let SigninLogs = SigninLogs | take 2; SigninLogs | count' } });
    assert.equal(shadow.statusCode, 200, shadow.body);
    assert.deepEqual(shadow.json().tables[0].rows, [[2]]);
    const self = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'let T = T | take 1; T' } });
    assert.equal(self.statusCode, 400, self.body);
    assert.equal(self.json().error.idtrailCode, 'IDT_KQL_SEMANTIC');
  });
  it('a column name with a NUL character is a 400', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query: 'print ["a\u0000b"] = 1' } });
    assert.equal(res.statusCode, 400, res.body);
  });
  it("refuses another tenant's workspace", async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/workspaces/tenant-b/query', payload: { query: 'SigninLogs | count' } });
    assert.notEqual(res.statusCode, 200);
  });
  it('timespan of a result is LA text', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/workspaces/${TENANT}/query?query=${encodeURIComponent('print_me = 1')}` });
    assert.equal(res.statusCode, 400);
  });
});

describe('data-dependent constructs and role-scoped search through the route', () => {
  let scoped: FastifyInstance;
  before(async () => {
    scoped = Fastify();
    // A caller who may read every log but the sign-ins.
    registerKqlRoutes(scoped, {
      store, resolveTenant: () => TENANT, now: () => NOW, resolveRoles: async () => ['Reports Reader'],
      authorizeRead: (_roles, def) => {
        if (def.kind === 'signIns') throw Object.assign(new Error('forbidden'), { statusCode: 403 });
      },
    });
  });
  after(async () => {
    await scoped.close();
  });
  const post = (a: FastifyInstance, query: string) => a.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query } });

  it('a search without tables skips the logs the caller may not read; naming one is refused', async () => {
    const res = await post(scoped, 'search "contoso" | distinct $table');
    assert.equal(res.statusCode, 200);
    const tables = (res.json().tables[0].rows as string[][]).map((r) => r[0]);
    assert.ok(tables.includes('AuditLogs'), tables.join());
    assert.ok(!tables.some((t) => /SignIn/i.test(t)), tables.join());
    assert.equal((await post(app, 'search "contoso" | distinct $table')).json().tables[0].rows.some((r: string[]) => r[0] === 'SigninLogs'), true);
    assert.equal((await post(scoped, 'search in (SigninLogs) "contoso"')).statusCode, 403);
  });

  it('bag_unpack runs its probe through the route and its refusals are 400s', async () => {
    const ok = await post(app, 'SigninLogs | take 1 | project d = todynamic(DeviceDetail) | evaluate bag_unpack(d)');
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.json().tables[0].columns.some((c: { name: string; type: string }) => c.name === 'operatingSystem' && c.type === 'string'));
    const bad = await post(app, 'datatable(Name:string, d:dynamic)["a", dynamic({"Name": "b"})] | evaluate bag_unpack(d)');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.idtrailCode, 'IDT_KQL_SEMANTIC');
  });
});
