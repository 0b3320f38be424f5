// Wording of three 400s clients meet often: a repeated query option (a plain message, with no
// "at position" tail pointing nowhere), OData v3 literals (what to write instead, and where), and
// /$count under a report at every depth (the same message as for shorter report paths).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { localAuthenticator } from './request-context.ts';
import { createIngestService } from '../ingest/index.ts';
import { memoryStore, TENANT } from '../reports/report-fixtures.ts';
import type { DuckDbStore } from '../store/index.ts';

let store: DuckDbStore;
let app: FastifyInstance;
before(async () => {
  store = await memoryStore();
  app = await buildApp({ store, ingest: createIngestService({ store, enrichers: {} }), authenticate: localAuthenticator(TENANT) });
});
after(async () => {
  await app.close();
  await store.close();
});

async function error(url: string): Promise<{ status: number; message: string; position: unknown }> {
  const r = await app.inject({ method: 'GET', url });
  const body = r.json() as { error?: { message: string; innerError: Record<string, unknown> } };
  assert.ok(body.error, `${url}: a Graph error envelope, got ${r.body}`);
  return { status: r.statusCode, message: body.error.message, position: body.error.innerError['position'] };
}
const q = (s: string) => encodeURIComponent(s);

test('a repeated $filter (or $filter with filter): a plain message without a position', async () => {
  for (const url of [`/beta/auditLogs/signIns?$filter=${q("id eq 'a'")}&$filter=${q("id eq 'b'")}`,
    `/v1.0/auditLogs/directoryAudits?$filter=${q("id eq 'a'")}&filter=${q("id eq 'b'")}`]) {
    const e = await error(url);
    assert.equal(e.status, 400);
    assert.equal(e.message, "The query option '$filter' was given more than once.");
    assert.equal(e.position, undefined);
  }
});

test('OData v3 datetime/guid literals: say to write the value unquoted, at the literal', async () => {
  const cases = [
    { f: "createdDateTime ge datetime'2024-01-01T00:00:00Z'", at: 19, want: /datetime'…' is OData v3: write the DateTimeOffset unquoted, as in 2024-01-01T00:00:00Z/ },
    { f: "createdDateTime lt DateTimeOffset'2024-01-01T00:00:00Z'", at: 19, want: /DateTimeOffset'…' is OData v3: write the DateTimeOffset unquoted, as in 2024-01-01T00:00:00Z/ },
    { f: "userId eq guid'00000000-0000-0000-0000-000000000001' and id eq 'x'", at: 10, want: /guid'…' is OData v3: write the GUID bare, without quotes, as in 00000000-0000-0000-0000-000000000001/ },
  ];
  for (const c of cases) {
    const e = await error(`/beta/auditLogs/signIns?$filter=${q(c.f)}`);
    assert.equal(e.status, 400, c.f);
    assert.match(e.message, c.want, c.f);
    assert.match(e.message, new RegExp(`^Invalid filter clause: .* at position ${c.at}$`), c.f);
    assert.equal(e.position, c.at, c.f);
  }
});

test('/$count under a report gives the reports message at every depth', async () => {
  for (const url of ['/beta/reports/applicationSignInDetailedSummary/$count', '/beta/reports/authenticationMethods/userEventsSummary/$count',
    '/beta/reports/userInsights/daily/signUps/$count', '/beta/reports/userInsights/monthly/signUps/$count']) {
    const e = await error(url);
    assert.equal(e.status, 400, url);
    assert.match(e.message, /\/\$count is not supported on reports/, url);
  }
});
