// A query whose compiled text would grow without bound (shared subexpressions rendered once per
// use, nested) is refused with a compile error instead of exhausting the process's memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerKql } from '../kql/index.ts';
import { compile, duckdbDialect, clickhouseDialect, SqlCompileError } from './index.ts';

const target = () => ({ table: 't', tenantColumn: '_tenant', columns: ['x'] });

test('an expression that doubles per nesting level is refused quickly on both dialects', { timeout: 30_000 }, () => {
  const nested = (n: number) => `let f = (x:long) { x + x }; print y = ${'f('.repeat(n)}1${')'.repeat(n)}`;
  // A modest nesting still compiles (2^10 leaves).
  for (const d of [duckdbDialect, clickhouseDialect]) assert.ok(compile(lowerKql(nested(10), 't1').plan, d, target).sql.length > 0);
  for (const d of [duckdbDialect, clickhouseDialect]) {
    const t0 = performance.now();
    assert.throws(() => compile(lowerKql(nested(40), 't1').plan, d, target), (e: unknown) => e instanceof SqlCompileError && /too large/.test(e.message));
    assert.ok(performance.now() - t0 < 10_000, `${d.name}: refused after ${Math.round(performance.now() - t0)} ms`);
  }
});
