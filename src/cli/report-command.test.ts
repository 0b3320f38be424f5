import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../store/index.ts';
import { put, signIn, TENANT } from '../reports/report-fixtures.ts';
import { reportText } from './report-command.ts';

test('idtrail report prints a readable table and --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-report-'));
  try {
    const store = await DuckDbStore.open({ dataDir: dir, readConnections: 1 });
    await put(store, 'signIns', [signIn({ t: '2025-03-07T08:00:00Z' }), signIn({ t: '2025-03-07T09:00:00Z', code: 50126 })]);
    await store.close();
    const opts = { tenant: TENANT, dataDir: dir, from: '2025-03-01T00:00:00Z', to: '2025-03-08T00:00:00Z', param: ['period=D7'] };
    const text = await reportText('applicationSignInSummary', opts);
    assert.match(text, /^value \(1\)\nid\s+appDisplayName\s+successfulSignInCount\s+failedSignInCount\s+successPercentage\n/);
    assert.match(text, /app-1\s+App app-1\s+1\s+1\s+50/);
    const json = JSON.parse(await reportText('applicationSignInSummary', { ...opts, json: true }));
    assert.equal(json.tables.value[0].failedSignInCount, 1);
    await assert.rejects(reportText('nope', opts), /unknown report 'nope'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
