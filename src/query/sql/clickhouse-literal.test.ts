import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clickhouseIdent, clickhouseLiteral, ClickHouseLiteralError } from './clickhouse-literal.ts';

const table: Array<[string | number | boolean | null, string]> = [
  ['plain', "'plain'"],
  ["O'Brien", "'O\\'Brien'"],
  ['back\\slash', "'back\\x5cslash'"],
  ['nul\u0000byte', "'nul\\x00byte'"],
  ['line\nbreak', "'line\\x0abreak'"],
  ['é', "'\\xc3\\xa9'"],
  ["'); DROP TABLE sign_ins; --", "'\\'); DROP TABLE sign_ins; --'"],
  ["\\'", "'\\x5c\\''"],
  [42, '42'],
  [-0, '0'],
  [1.5, '1.5'],
  [true, '1'],
  [null, 'NULL'],
];

test('literal table: every special character is escaped, output is printable ASCII', () => {
  for (const [value, sql] of table) assert.equal(clickhouseLiteral(value), sql, String(value));
});

test('no string literal can end early: the only quotes are the outer two and escaped ones', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
    const lit = clickhouseLiteral(s);
    assert.match(lit, /^'[\x20-\x7e]*'$/);
    // Remove escape pairs; no bare quote may remain inside.
    assert.ok(!lit.slice(1, -1).replace(/\\./g, '').includes("'"));
  }), { numRuns: 2000 });
});

test('values that cannot be literals are refused', () => {
  assert.throws(() => clickhouseLiteral(Number.NaN), ClickHouseLiteralError);
  assert.throws(() => clickhouseLiteral(Number.POSITIVE_INFINITY), ClickHouseLiteralError);
  assert.throws(() => clickhouseLiteral('\ud800'), ClickHouseLiteralError);
});

test('identifiers are backtick-quoted with escapes', () => {
  assert.equal(clickhouseIdent('status__errorCode'), '`status__errorCode`');
  assert.equal(clickhouseIdent('a`b\\c'), '`a\\`b\\\\c`');
});
