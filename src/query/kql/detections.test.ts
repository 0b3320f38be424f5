// Detection and hunting queries in the style of public Microsoft Sentinel content, run on a real
// DuckDB store seeded with planted attacks (kql-test-fixture.ts); each answer is known by hand.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DETECTION_CASES as CASES } from './detection-cases.ts';
import { seedStore, NOW, TENANT } from './kql-test-fixture.ts';
import { runKql } from './kql-service.ts';
import type { DuckDbStore } from '../../store/index.ts';

let store: DuckDbStore;
before(async () => {
  store = await seedStore();
});
after(async () => {
  await store.close();
});

async function rows(q: string): Promise<Record<string, unknown>[]> {
  const r = await runKql(store, TENANT, q, { now: NOW });
  const t = r.tables[0]!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]])));
}
describe('KQL detection suite', () => {
  it(`has at least 60 queries (${CASES.length})`, () => assert.ok(CASES.length >= 60));
  for (const c of CASES) it(c.name, async () => c.check(await rows(c.q)));
});

