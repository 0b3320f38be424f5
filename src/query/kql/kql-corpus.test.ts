// Real-world queries (corpus/*.kql: Sentinel analytic rules and hunting queries, Entra workbook
// queries, Microsoft Learn samples, community queries; each file names its source) run through the
// query route on the seeded store. Every one must either answer with the columns recorded in
// corpus/expected.json, or fail with the recorded well-formed error: a 400 with the stable code,
// the position of the offending token, and a message naming the unsupported or missing thing.
// Never a 500, never a generic "could not be translated". New corpus files need an entry.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerKqlRoutes } from '../../api/kql-routes.ts';
import { useSeededStore, NOW, TENANT } from './kql-test-fixture.ts';

type Expected =
  | { columns: string[] }
  | { error: { code: string; names: string; line: number; column: number } };

const DIR = new URL('./corpus/', import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<string, Expected>;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.kql')).sort();

let app: FastifyInstance;
useSeededStore(async (store) => {
  app = Fastify();
  registerKqlRoutes(app, { store, resolveTenant: () => TENANT, now: () => NOW });
});
after(async () => {
  await app.close();
});

describe('the real-world query corpus', () => {
  it('has an expectation for every query, and no stale ones', () => {
    assert.ok(FILES.length >= 80, `${FILES.length} queries`);
    assert.deepEqual(Object.keys(EXPECTED).sort(), FILES);
  });
  it('most of it runs', () => {
    const ran = FILES.filter((f) => 'columns' in EXPECTED[f]!).length;
    assert.ok(ran >= 68, `${ran} of ${FILES.length} run`);
  });
  for (const file of FILES) {
    it(file, async () => {
      const query = readFileSync(new URL(file, DIR), 'utf8');
      assert.match(query, /^\/\/ source: \S/, 'the first line names where the query comes from');
      const res = await app.inject({ method: 'POST', url: `/v1/workspaces/${TENANT}/query`, payload: { query } });
      const want = EXPECTED[file]!;
      const body = res.json() as { tables?: Array<{ columns: Array<{ name: string }>; rows: unknown[][] }>; error?: { message: string; idtrailCode: string; innererror?: { line: number; pos: number } } };
      if ('columns' in want) {
        assert.equal(res.statusCode, 200, body.error?.message);
        assert.deepEqual(body.tables![0]!.columns.map((c) => c.name), want.columns);
        for (const row of body.tables![0]!.rows) assert.equal(row.length, want.columns.length);
        return;
      }
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      const e = body.error!;
      assert.equal(e.idtrailCode, want.error.code, e.message);
      assert.deepEqual([e.innererror?.line, e.innererror?.pos], [want.error.line, want.error.column], e.message);
      assert.ok(e.message.includes(want.error.names), `'${e.message}' names ${want.error.names}`);
      assert.doesNotMatch(e.message, /could not be translated|internal error|\(\w+Expression\)/);
    });
  }
});
