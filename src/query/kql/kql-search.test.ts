// `search` and `sample` on the seeded DuckDB store. Expected answers are recomputed in JS from the
// raw rows of each table (every string and dynamic value tested with a term match written here),
// so a wrong lowering of the term rules, the table list or `$table` fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';
import { KqlError, lowerKql, runKql, type RunKqlOptions } from './index.ts';
import { LA_TABLE_NAMES, findLaTable } from './la-tables.ts';

/** Every table's rows as the text of their string and dynamic columns. */
const texts = new Map<string, string[][]>();
const store = useSeededStore(async (s) => {
  for (const t of LA_TABLE_NAMES) {
    const r = (await runKql(s, TENANT, t, { now: NOW })).tables[0]!;
    const searchable = r.columns.map((c, i) => [c.type, i] as const).filter(([type]) => type === 'string' || type === 'dynamic').map(([, i]) => i);
    texts.set(t, r.rows.map((row) => searchable.map((i) => String(row[i] ?? ''))));
  }
});

async function table(q: string, opts: RunKqlOptions = {}): Promise<{ columns: string[]; rows: unknown[][] }> {
  const t = (await runKql(store(), TENANT, q, { now: NOW, ...opts })).tables[0]!;
  return { columns: t.columns.map((c) => c.name), rows: t.rows.map((r) => [...r]) };
}
/** Rows per table that the search should return, from the raw texts. */
function expected(test: (text: string) => boolean, tables: readonly string[] = LA_TABLE_NAMES): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const n = texts.get(t)!.filter((row) => row.some(test)).length;
    if (n) out[t] = n;
  }
  return out;
}
async function perTable(q: string, opts: RunKqlOptions = {}): Promise<Record<string, number>> {
  const r = await table(`${q} | summarize n = count() by $table`, opts);
  return Object.fromEntries(r.rows.map((row) => [String(row[0]), Number(row[1])]));
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termRe = (term: string, flags = 'i') => new RegExp(`(^|[^A-Za-z0-9])${esc(term)}($|[^A-Za-z0-9])`, flags);

describe('search', () => {
  it('finds a term in any string or dynamic column of every table, naming the table in $table', async () => {
    const want = expected((s) => termRe('Sydney').test(s));
    // Sydney is in the sign-in locations of two tables (a dynamic column in one of them).
    assert.ok(Object.keys(want).length >= 2, JSON.stringify(want));
    assert.deepEqual(await perTable('search "sydney"'), want);
    assert.equal((await table('search "sydney"')).columns[0], '$table');
  });

  it('matches whole terms only, and exact case with kind=case_sensitive', async () => {
    const want = expected((s) => termRe('user1').test(s));
    assert.deepEqual(await perTable('search "user1"'), want);
    // user1 is a whole term of user1@contoso.com but not of user10…user15.
    assert.ok(want['SigninLogs']! < expected((s) => /user1/i.test(s))['SigninLogs']!);
    assert.deepEqual(await perTable('search kind=case_sensitive "Sydney"'), expected((s) => termRe('Sydney', '').test(s)));
    assert.deepEqual(await perTable('search kind=case_sensitive "sydney"'), {});
  });

  it('reads a * in the term as prefix, suffix, substring or pattern', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Syd*', /(^|[^A-Za-z0-9])syd/i],
      ['*ney', /ney($|[^A-Za-z0-9])/i],
      ['*ontos*', /ontos/i],
      // A prefix must start a term and a suffix end one: "contoso" has neither of these.
      ['ontoso*', /(^|[^A-Za-z0-9])ontoso/i],
      ['*contos', /contos($|[^A-Za-z0-9])/i],
      ['Brute*ce', /(^|[^A-Za-z0-9])brute.*ce($|[^A-Za-z0-9])/i],
      ['Invalid*password', /(^|[^A-Za-z0-9])invalid.*password($|[^A-Za-z0-9])/i],
    ];
    for (const [term, re] of cases) assert.deepEqual(await perTable(`search "${term}"`), expected((s) => re.test(s)), term);
    assert.ok(Object.keys(expected((s) => /(^|[^A-Za-z0-9])invalid.*password/i.test(s))).length > 0, 'the pattern case finds rows');
    assert.ok(Object.keys(expected((s) => /ontos/i.test(s))).length > 0, 'the substring case finds rows');
  });

  it('restricts to the tables of `in (…)`, wildcards included, or to the piped input', async () => {
    const tables = ['SigninLogs', 'AuditLogs'];
    assert.deepEqual(await perTable('search in (SigninLogs, AuditLogs) "user13"'), expected((s) => termRe('user13').test(s), tables));
    const signIn = LA_TABLE_NAMES.filter((t) => t.startsWith('AAD') && t.endsWith('SignInLogs'));
    assert.ok(signIn.length >= 3);
    assert.deepEqual(await perTable('search in (AAD*SignInLogs) "10.0.0.3"'), expected((s) => termRe('10.0.0.3').test(s), signIn));
    assert.deepEqual(await perTable('SigninLogs | where ResultType != "0" | search "Moscow"'), { SigninLogs: (await table('SigninLogs | where ResultType != "0" and LocationDetails.city == "Moscow"')).rows.length });
  });

  it('combines terms, column terms and ordinary conditions', async () => {
    const user5Failures = (await table('SigninLogs | where UserPrincipalName has "user5" and ResultType == "50126"')).rows.length;
    assert.ok(user5Failures > 1);
    assert.deepEqual(await perTable('search in (SigninLogs) UserPrincipalName:"user5" and ResultType == "50126"'), { SigninLogs: user5Failures });
    const both = expected((s) => termRe('Moscow').test(s), ['SigninLogs']);
    const notTerm = texts.get('AuditLogs')!.filter((row) => !row.some((s) => termRe('admin').test(s))).length;
    assert.deepEqual(await perTable('search in (SigninLogs) "Moscow" and ("50126" or "nothing-like-this")'), both);
    assert.deepEqual(await perTable('search in (AuditLogs) not("admin")'), { AuditLogs: notTerm });
    assert.deepEqual(await perTable('search in (AuditLogs) * has "admin"'), expected((s) => termRe('admin').test(s), ['AuditLogs']));
    assert.equal((await table('search in (AuditLogs) *')).rows.length, texts.get('AuditLogs')!.length);
  });

  it('searches only the logs the caller may read when no table is named', async () => {
    const canRead = (kind: string) => kind !== 'signIns';
    const readable = LA_TABLE_NAMES.filter((t) => findLaTable(t)!.kind !== 'signIns');
    assert.deepEqual(await perTable('search "contoso"', { canRead }), expected((s) => termRe('contoso').test(s), readable));
  });

  it('refuses what it would answer wrongly, with a 400 and a position', () => {
    const refuse = (q: string, code: string, re: RegExp) =>
      assert.throws(() => lowerKql(q, TENANT, { now: NOW }), (e: unknown) => e instanceof KqlError && e.code === code && e.position !== null && re.test(e.message));
    refuse('search kind=case_sensitive "x" and UserPrincipalName =~ "a"', 'IDT_KQL_UNSUPPORTED', /case-insensitive.*_cs/);
    refuse('SigninLogs | search in (AuditLogs) "x"', 'IDT_KQL_SEMANTIC', /not both/);
    refuse('search in (NoSuch*) "x"', 'IDT_KQL_SEMANTIC', /no table matches/);
    refuse('search in (SigninLogs) NoColumn:"x"', 'IDT_KQL_SEMANTIC', /no column 'NoColumn'/);
    refuse('search in (SigninLogs) 42', 'IDT_KQL_SEMANTIC', /quoted term or a condition/);
  });
});

describe('sample', () => {
  it('returns N distinct rows of the input, all of them when there are fewer', async () => {
    const all = new Set((await table('SigninLogs | where UserPrincipalName == "user5@contoso.com" | project Id')).rows.map((r) => r[0]));
    assert.ok(all.size > 10);
    const got = (await table('SigninLogs | where UserPrincipalName == "user5@contoso.com" | sample 5 | project Id')).rows.map((r) => r[0]);
    assert.equal(got.length, 5);
    assert.equal(new Set(got).size, 5);
    for (const id of got) assert.ok(all.has(id), String(id));
    assert.equal((await table(`SigninLogs | where UserPrincipalName == "user5@contoso.com" | sample ${all.size + 10}`)).rows.length, all.size);
  });

  it('draws afresh each run', async () => {
    const draws = new Set<string>();
    for (let i = 0; i < 10; i++) draws.add(JSON.stringify((await table('SigninLogs | sample 3 | project Id')).rows.map((r) => r[0]).sort()));
    // 10 draws of 3 out of 360 rows coinciding has probability far below 1e-20.
    assert.ok(draws.size > 1);
  });
});
