// Random and mutated KQL must never crash the front end: either it lowers, or it fails with a
// KqlError carrying a code. Queries that lower must also compile to SQL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KqlError, lowerKql } from './index.ts';
import { compile, duckdbDialect, SqlCompileError } from '../sql/index.ts';
import { DETECTION_CASES } from './detection-cases.ts';
import { NOW, TENANT } from './kql-test-fixture.ts';
import { LOG_KINDS } from '../../model/index.ts';
import { tableColumns } from '../../store/duckdb/duckdb-schema.ts';

const resolve = (k: keyof typeof LOG_KINDS) => ({ table: LOG_KINDS[k].table, tenantColumn: '_tenant', columns: tableColumns(LOG_KINDS[k]).map((c) => c.name) });

function attempt(text: string): void {
  try {
    const q = lowerKql(text, TENANT, { now: NOW });
    compile(q.plan, duckdbDialect, resolve);
  } catch (e) {
    if (e instanceof KqlError) {
      assert.match(e.code, /^IDT_KQL_(SYNTAX|UNSUPPORTED|SEMANTIC)$/);
      return;
    }
    if (e instanceof SqlCompileError) return;
    throw new Error(`crash on ${JSON.stringify(text)}: ${(e as Error).stack}`);
  }
}

const seeds = DETECTION_CASES.map((c) => c.q);
const TOKENS = ['|', 'where', 'summarize', 'by', '(', ')', '==', '"x"', '1d', 'count()', ',', 'join', 'on', '.', '[0]', 'mv-expand', 'extend', 'x =', 'let', ';', 'dynamic([1])', 'in', '!', '~', 'between', '..'];

describe('KQL fuzz', () => {
  it('mutated detection queries never crash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), fc.nat(), fc.constantFrom(...TOKENS), fc.constantFrom('delete', 'insert', 'swap'), (i, a, b, tok, how) => {
        const s = seeds[i]!;
        const p = a % (s.length + 1);
        const q = b % (s.length + 1);
        const text = how === 'delete' ? s.slice(0, Math.min(p, q)) + s.slice(Math.max(p, q)) : how === 'insert' ? s.slice(0, p) + ` ${tok} ` + s.slice(p) : s.slice(0, p) + s.slice(q) + s.slice(p, q);
        attempt(text);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
  it('random token soup never crashes', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS, 'SigninLogs', 'AuditLogs', 'ResultType', 'TimeGenerated'), { maxLength: 20 }), (toks) => attempt(toks.join(' '))), { numRuns: 300, seed: 11 });
  });
});
