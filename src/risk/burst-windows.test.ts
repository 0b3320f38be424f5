// The two-stage burst plans return exactly the rows of the plain one-pass aggregate they replace,
// on a demo tenant with attacks (sprays, brute force, MFA fatigue).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS, normalizeRecord, type LogKind } from '../model/index.ts';
import { generateDemo, type DemoSummary } from '../demo/index.ts';
import { DuckDbStore, type PreparedRecord } from '../store/index.ts';
import { burstWindows, burstWindowsOnePass, type BurstSpec } from './burst-windows.ts';
import { passwordSpraySpec } from './password-spray-rule.ts';
import { mfaFatigueSpec } from './mfa-fatigue-rule.ts';
import { unfamiliarFeaturesSpec } from './unfamiliar-features-rule.ts';
import type { RiskRuleContext } from './risk-types.ts';

let store: DuckDbStore;
let demo: DemoSummary;

before(async () => {
  store = await DuckDbStore.open({ dataDir: ':memory:', threads: 2 });
  const batches = new Map<LogKind, PreparedRecord[]>();
  demo = await generateDemo({ seed: 7, users: 80, days: 6, endDate: '2025-03-08T00:00:00Z', attacks: true }, {
    write(kind, record) {
      const b = batches.get(kind) ?? [];
      b.push(normalizeRecord(LOG_KINDS[kind].schema, record));
      batches.set(kind, b);
    },
  });
  const signIns = batches.get('signIns') ?? [];
  for (let i = 0; i < signIns.length; i += 50_000) await store.append('signIns', demo.tenant.id, signIns.slice(i, i + 50_000));
});
after(() => store.close());

/** Rows as sorted JSON lines, so the comparison ignores row order only. */
async function rowsOf(plan: Parameters<DuckDbStore['query']>[0]): Promise<string[]> {
  const r = await store.query(plan);
  return r.rows.map((x) => JSON.stringify(Object.keys(x).sort().map((k) => [k, x[k]]), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
}

const SPECS: Array<[string, (ctx: RiskRuleContext) => BurstSpec]> = [
  ['passwordSpray', passwordSpraySpec], ['mfaFatigue', mfaFatigueSpec], ['unfamiliarFeatures', unfamiliarFeaturesSpec],
];

for (const [name, spec] of SPECS) {
  test(`${name}: two-stage windows equal the one-pass aggregate`, async () => {
    const ctx = { tenantId: demo.tenant.id, range: { from: '2025-03-01T00:00:00Z', to: '2025-03-08T00:00:00Z' } };
    const want = await rowsOf(burstWindowsOnePass(spec(ctx)));
    assert.ok(want.length > 0, `the demo attacks give ${name} at least one window`);
    assert.deepEqual(await rowsOf(burstWindows(spec(ctx))), want);
  });
}
