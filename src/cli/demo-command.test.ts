import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime } from '../runtime/runtime.ts';
import { seedDemo } from './demo-command.ts';

test('seedDemo stores every generated record through ingest validation, none rejected', async () => {
  const rt = await createRuntime({ dataDir: ':memory:', enrich: false, metrics: null });
  try {
    // The runtime writes audits of its own (tenant set-up), so count what seeding adds.
    const before = await rt.store.stats();
    const summary = await seedDemo(rt.ingest, 'default', { seed: 5, users: 40, days: 2, endDate: '2025-03-08T00:00:00Z', attacks: true }, false);
    const stats = await rt.store.stats();
    for (const [kind, n] of Object.entries(summary.counts)) {
      assert.ok(n > 0, kind);
      const k = kind as keyof typeof stats.kinds;
      assert.equal(stats.kinds[k].records - before.kinds[k].records, n, kind);
    }
  } finally {
    await rt.close();
  }
});
