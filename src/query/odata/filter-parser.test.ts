// Parser and type-checker behaviour: what is accepted, how it lowers, and the 400s (message and
// position) for everything that is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS, type GraphVersion, type LogKind } from '../../model/index.ts';
import { printExpr } from '../ir/index.ts';
import { printFilterAst } from './filter-ast.ts';
import { parseFilter } from './filter-parser.ts';
import { parseFilterSyntax } from './filter-syntax.ts';
import { ODataError } from './odata-error.ts';

const ir = (f: string, kind: LogKind = 'signIns', v: GraphVersion = 'beta') => printExpr(parseFilter(f, LOG_KINDS[kind], v).expr);

function rejects(f: string, pos: number, fragment: string | RegExp, code = 'IDT_QUERY_SYNTAX', kind: LogKind = 'signIns', v: GraphVersion = 'beta') {
  try {
    parseFilter(f, LOG_KINDS[kind], v);
  } catch (e) {
    assert.ok(e instanceof ODataError, `${f}: ${e}`);
    assert.equal(e.position, pos, `${f}: position of "${e.message}"`);
    assert.equal(e.code, code, f);
    if (typeof fragment === 'string') assert.ok(e.message.includes(fragment), `${f}: "${e.message}" lacks "${fragment}"`);
    else assert.match(e.message, fragment);
    assert.match(e.graphMessage(), /^Invalid filter clause: .+ at position \d+$/);
    return;
  }
  assert.fail(`accepted: ${f}`);
}

test('precedence: or < and < not < comparison', () => {
  assert.equal(printFilterAst(parseFilterSyntax("a eq 1 or b eq 2 and not c eq 3")), '(a eq 1 or (b eq 2 and not c eq 3))');
  assert.equal(printFilterAst(parseFilterSyntax("(a eq 1 or b eq 2) and c eq 3")), '((a eq 1 or b eq 2) and c eq 3)');
  assert.equal(printFilterAst(parseFilterSyntax("not(a eq 'x''y')")), "not a eq 'x''y'");
});

test('names and functions match without regard to case; keywords too', () => {
  assert.equal(ir("Status/ErrorCode eq 0 AND createddatetime GE 2026-01-01"), '((status/errorCode eq 0) and (createdDateTime ge datetime(2026-01-01T00:00:00Z)))');
  assert.equal(ir("StartsWith(AppDisplayName, 'Graph')"), 'startswith(appDisplayName, "Graph")');
});

test('DateTimeOffset literals: 0 to 7 fractional digits, offsets, date-only', () => {
  for (const [lit, iso] of [
    ['2026-01-02T03:04Z', '2026-01-02T03:04:00Z'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
    ['2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.1Z'],
    ['2026-01-02T03:04:05.1234567Z', '2026-01-02T03:04:05.1234567Z'],
    ['2026-01-02T03:04:05-05:00', '2026-01-02T08:04:05Z'],
    ['2026-01-02', '2026-01-02T00:00:00Z'],
  ]) assert.equal(ir(`createdDateTime ge ${lit}`), `(createdDateTime ge datetime(${iso}))`);
  // An unencoded `+` arrives as a space.
  assert.equal(ir('createdDateTime ge 2026-01-02T03:04:05 02:00'), '(createdDateTime ge datetime(2026-01-02T01:04:05Z))');
});

test('or chains on one property fold into IN; long chains stay fast', () => {
  assert.equal(ir("userId eq 'a' or userId eq 'b' or appId eq 'c' or UserId eq 'd'"), '((userId in~ ["a", "b", "d"]) or (appId eq~ "c"))');
  const chain = Array.from({ length: 2000 }, (_, i) => `userId eq 'u${i}'`).join(' or ');
  const t0 = performance.now();
  const out = ir(`createdDateTime ge 2026-01-01 and (${chain})`);
  assert.ok(performance.now() - t0 < 500, 'a 2,000-term chain parses in well under a second');
  assert.match(out, /^\(\(createdDateTime ge .*\) and \(userId in~ \["u0", "u1", .*"u1999"\]\)\)$/);
});

test('lambdas over string lists and object lists; enum literals', () => {
  assert.equal(ir("signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"), 'signInEventTypes/any(t: (t in ["interactiveUser", "nonInteractiveUser"]))');
  assert.equal(ir("appliedConditionalAccessPolicies/any(p: p/result eq microsoft.graph.appliedConditionalAccessPolicyResult'failure')"), 'appliedConditionalAccessPolicies/any(p: (p/result eq "failure"))');
  assert.equal(ir("targetResources/any(t: t/id eq 'x')", 'directoryAudits', 'v1.0'), 'targetResources/any(t: (t/id eq~ "x"))');
  assert.equal(ir("riskLevelAggregated eq 'HIGH'"), '(riskLevelAggregated eq "high")');
  assert.equal(ir("userId eq 0c5e9a31-4b6d-4a2e-8f17-93d2c0e4b7a1"), '(userId eq~ "0c5e9a31-4b6d-4a2e-8f17-93d2c0e4b7a1")');
});

test('null, ne and not follow OData two-valued logic', () => {
  assert.equal(ir("location/city eq null"), '(location/city is null)');
  assert.equal(ir("location/city ne 'Tallinn'"), '((location/city is null) or (location/city ne~ "Tallinn"))');
  assert.equal(ir("not startswith(appDisplayName, 'G')"), 'not coalesce(startswith(appDisplayName, "G"), false)');
  assert.equal(ir("startswith(appDisplayName, 'G') eq false"), 'not coalesce(startswith(appDisplayName, "G"), false)');
});

test('provisioning filters are case-sensitive (spec 3.2)', () => {
  assert.equal(ir("contains(jobId, 'aws') and tenantId eq 'T'", 'provisioning', 'v1.0'), '(contains_cs(jobId, "aws") and (tenantId eq "T"))');
});

test('errors name the problem and its position', () => {
  rejects("createdDateTime ge '2026-01-01T00:00:00Z'", 19, 'must not be quoted');
  rejects("signInEventTypes eq 1", 17, 'is a collection', 'IDT_FIELD_NOT_FILTERABLE');
  rejects("signInEventTypes/any(t: t eq 1)", 29, 'type mismatch');
  rejects("signInEventTypes/any(t: t eq 'robot')", 29, "'robot' is not a member");
  rejects("status/errorCode eq '0'", 20, 'without quotes: 0');
  rejects("status/errorCode eq 1.5", 20, 'whole number');
  rejects("status/errorCode eq 99999999999", 20, 'out of range');
  rejects("riskLevelAggregated eq 'extreme'", 23, "expected one of: low, medium");
  rejects("isInteractive eq true", 0, 'cannot be used in a $filter', 'IDT_FIELD_NOT_FILTERABLE');
  rejects("appId ge 'x'", 6, "operator 'ge' is not supported on 'appId'; supported: eq", 'IDT_FIELD_NOT_FILTERABLE');
  rejects("nope eq 1", 0, "could not find a property named 'nope'", 'IDT_FIELD_UNKNOWN');
  rejects("status/nope eq 1", 7, "named 'nope'", 'IDT_FIELD_UNKNOWN');
  rejects("signInEventTypes/any(t: t eq 'x')", 0, "named 'signInEventTypes'", 'IDT_FIELD_UNKNOWN', 'signIns', 'v1.0');
  rejects("status eq 0", 0, 'complex property');
  rejects("appDisplayName eq \"x\"", 18, "unexpected character '\\\"'");
  rejects("appDisplayName eq 'x' /* c */", 23, "unexpected character '*'");
  rejects("appDisplayName eqq 'x'", 15, "unknown operator 'eqq'");
  rejects("(appDisplayName eq 'x'", 22, "expected ')'");
  rejects("appDisplayName eq 'x')", 21, 'unmatched closing parenthesis');
  rejects("appDisplayName eq 'x", 18, 'unterminated string');
  rejects("createdDateTime ge 2026-13-01", 19, 'not a valid DateTimeOffset');
  rejects("createdDateTime ge 2026-01-01T00:00:00.12345678Z", 19, '8 fractional digits');
  rejects("createdDateTime ge 0001-01-01", 19, 'outside the supported range');
  rejects("createdDateTime ge 2026-01-0", 19, 'malformed DateTimeOffset');
  rejects("tolower(appDisplayName) eq 'x'", 0, "unknown function 'tolower'");
  rejects("startswith(appDisplayName, 'x') eq 'x'", 32, "a condition can only be compared");
  rejects("substringof('x', appDisplayName)", 0, "unknown function 'substringof'");
  rejects("startswith(appDisplayName)", 0, 'takes 2 arguments');
  rejects("startswith(status/errorCode, '5')", 11, 'needs a string property');
  rejects("appId eq appId", 6, 'comparing two properties');
  rejects("", 0, 'the filter is empty');
  rejects("appDisplayName", 0, 'is not a condition');
  rejects("createdDateTime gt null", 19, 'null can only be compared');
  rejects('('.repeat(60) + "appId eq 'x'" + ')'.repeat(60), 40, 'nests more than');
  rejects("targetResources/any(t: t/id eq 'x' and targetResources/any(t: t/id eq 'y'))", 59, 'already in use', 'IDT_QUERY_SYNTAX', 'directoryAudits', 'v1.0');
});
