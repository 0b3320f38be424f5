// Property-based fuzzing of $filter through the HTTP API (in-process inject): random token soups,
// mutations of valid filters and raw unicode. Whatever comes in, the answer is a 200 with a value
// array or a well-formed Graph 400 — never a 5xx, never a crash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { createRuntime, type Runtime } from '../../runtime/runtime.ts';
import { loadFixtures } from './odata-test-fixtures.ts';

const RUNS = Number(process.env.IDT_FUZZ_RUNS ?? 10_000);

const VALID = [
  "createdDateTime ge 2026-02-28T23:30:00Z and status/errorCode ne 0",
  "startswith(appDisplayName,'Graph') or location/city eq 'O''Brien Town'",
  "signInEventTypes/any(t: t eq 'nonInteractiveUser' or t eq 'servicePrincipal')",
  "appliedConditionalAccessPolicies/any(p: p/result eq 'failure') and not (riskLevelAggregated eq 'high')",
  "userId in ('a', 'b') and createdDateTime le 2026-03-01",
  "riskEventTypes_v2/any(r: startswith(r, 'un'))",
  "(status/errorCode eq 50126 or status/errorCode eq 50074) and userPrincipalName eq 'zoë@northwind.example'",
];

const NAMES = ['createdDateTime', 'CreatedDateTime', 'status/errorCode', 'Status/ErrorCode', 'appDisplayName', 'userId', 'location/city',
  'signInEventTypes', 'isInteractive', 'status', 'nope', 'id', 'riskLevelAggregated', 'appliedConditionalAccessPolicies', 'deviceDetail/browser',
  'riskEventTypes_v2', 't', 't/result', 'p/result', 'userPrincipalName', 'agent/agentType', 'x/y/z', '_tenant', 'rowid'];
const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'has', 'and', 'or', 'not', 'EQ', 'Eq'];
const LITERALS = ["'x'", "''", "'O''Brien'", "'a'' OR 1=1 --'", "'; DROP TABLE sign_ins; --'", '0', '-1', '1.5', '1e400', '99999999999999999999',
  '2026-03-01', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00.123456789Z', '0001-01-01', '9999-12-31T23:59:59Z', '2026-02-30',
  "'2026-03-01T00:00:00Z'", 'null', 'true', 'false', '0c5e9a31-4b6d-4a2e-8f17-93d2c0e4b7a1', "microsoft.graph.riskLevel'high'", "'high'",
  "'nonInteractiveUser'", "'\u0000'", "'\u202e'", "'😀'", 'NaN', 'INF'];
const PUNCT = ['(', ')', ',', '/', ':', ' ', "'", '"', '/*', '*/', '--', ';', '\\', '%', '$', '@', '\u00a0', '\t'];
const FUNCS = ['startswith(', 'startsWith(', 'endswith(', 'contains(', 'tolower(', 'any(t: ', 'all(t: ', '/any(', '/any()', 'substringof('];

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...OPS) },
  { weight: 3, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 2, arbitrary: fc.constantFrom(...FUNCS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const soup = fc.array(token, { minLength: 1, maxLength: 14 }).map((ts) => ts.join(' '));

const mutation = fc.record({
  base: fc.constantFrom(...VALID),
  edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.oneof(fc.constantFrom(...PUNCT, ...OPS, ...LITERALS), fc.string({ unit: 'grapheme', maxLength: 3 })) }), { minLength: 1, maxLength: 4 }),
}).map(({ base, edits }) => edits.reduce((s, e) => {
  const at = e.at % (s.length + 1);
  return s.slice(0, at) + e.ins + s.slice(at + e.del);
}, base));

// Comparisons of the right shape with random names, operators and literals: mostly type errors and
// unknown names, some valid, which is where a type-checking gap would reach the engine.
const clause = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('eq', 'ne', 'ge', 'le', 'gt', 'lt'), fc.constantFrom(...LITERALS)).map((t) => t.join(' '));
const wellFormed = fc.array(clause, { minLength: 1, maxLength: 4 }).chain((cs) =>
  fc.array(fc.constantFrom(' and ', ' or '), { minLength: cs.length, maxLength: cs.length }).map((js) => cs.map((c, i) => (i ? js[i] : '') + c).join('')));

const filterText = fc.oneof(
  { weight: 4, arbitrary: soup },
  { weight: 4, arbitrary: mutation },
  { weight: 3, arbitrary: wellFormed },
  { weight: 1, arbitrary: fc.constantFrom(...VALID) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);
const target = fc.constantFrom('/beta/auditLogs/signIns', '/v1.0/auditLogs/signIns', '/v1.0/auditLogs/directoryAudits', '/v1.0/auditLogs/provisioning', '/beta/auditLogs/signUps');

/** Percent-encode every UTF-8 byte (lone surrogates become U+FFFD, as any real client sends them). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
/** Sometimes append bytes that are not UTF-8 at all. */
const rawTail = fc.constantFrom('', '', '', '', '%FF', '%C3%28', '%00', '%E2%82');

/** The Graph error envelope every rejection must have. */
export function assertGraphError(status: number, body: unknown, context: string): void {
  assert.ok(status >= 400 && status < 500, `${context}: status ${status}`);
  const e = (body as { error?: Record<string, unknown> }).error;
  assert.ok(e && typeof e['code'] === 'string' && typeof e['message'] === 'string', `${context}: ${JSON.stringify(body)}`);
  const inner = e['innerError'] as Record<string, unknown>;
  assert.match(String(inner?.['date']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, context);
  assert.equal(typeof inner['request-id'], 'string', context);
  if (inner['option'] === '$filter') {
    assert.match(String(e['message']), /^Invalid filter clause: .+ at position \d+$/s, context);
    assert.equal(typeof inner['position'], 'number', context);
  }
}

let rt: Runtime;
let app: FastifyInstance;
before(async () => {
  rt = await createRuntime({ dataDir: ':memory:', enrich: false, defaultTenant: 'fuzz', threads: 2 });
  app = rt.app;
  for (const k of ['signIns', 'directoryAudits', 'provisioning', 'signUps'] as const) await loadFixtures(rt.store, k, 'fuzz', 300);
});
after(() => rt.close());

test(`${RUNS} random and mutated filters: no 5xx, every rejection a Graph error`, { timeout: 600_000 }, async () => {
  let ok = 0;
  let rejected = 0;
  await fc.assert(
    fc.asyncProperty(target, filterText, rawTail, async (path, f, tail) => {
      const res = await app.inject({ method: 'GET', url: `${path}?$top=3&$filter=${pct(f)}${tail}` });
      const ctx = `${path} $filter=${JSON.stringify(f)}`;
      assert.ok(res.statusCode < 500, `${ctx}: ${res.statusCode} ${res.body}`);
      const body = res.json();
      if (res.statusCode === 200) {
        assert.ok(Array.isArray(body.value), ctx);
        ok++;
      } else {
        assertGraphError(res.statusCode, body, ctx);
        rejected++;
      }
    }),
    { numRuns: RUNS },
  );
  // The generators must reach both outcomes, or they test nothing.
  assert.ok(ok > RUNS / 100 && rejected > RUNS / 10, `ok=${ok} rejected=${rejected}`);
});

// The same generators over a real socket: URL parsing, header handling and connection reuse are
// Node's own here, not inject's, and a crash would show as a refused connection.
const SOCKET_RUNS = Number(process.env.IDT_FUZZ_SOCKET_RUNS ?? 300);
test(`${SOCKET_RUNS} random and mutated filters over a real HTTP connection`, { timeout: 300_000 }, async () => {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  let ok = 0;
  let rejected = 0;
  await fc.assert(
    fc.asyncProperty(target, filterText, rawTail, async (path, f, tail) => {
      const res = await fetch(`${base}${path}?$top=3&$filter=${pct(f)}${tail}`);
      const ctx = `${path} $filter=${JSON.stringify(f)}`;
      assert.ok(res.status < 500, `${ctx}: ${res.status}`);
      assert.match(String(res.headers.get('content-type')), /^application\/json/, ctx);
      const body = await res.json();
      if (res.status === 200) {
        assert.ok(Array.isArray(body.value), ctx);
        ok++;
      } else {
        assertGraphError(res.status, body, ctx);
        rejected++;
      }
    }),
    { numRuns: SOCKET_RUNS, seed: 20261122 },
  );
  assert.ok(ok > 0 && rejected > SOCKET_RUNS / 10, `ok=${ok} rejected=${rejected}`);
});
