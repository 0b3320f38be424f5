// `consume` lets ingest drop an accepted item's parsed value once normalized (the HTTP routes own
// their parsed bodies); without it the caller's items are left as given. Either way the stored
// records, the report and what listeners see are the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_KINDS, type JsonObject } from '../model/index.ts';
import { sampleRecord } from '../model/sample-record.ts';
import type { LogStore, PreparedRecord } from '../store/index.ts';
import { createIngestService, type CommittedBatch } from './ingest-service.ts';
import type { ParsedItem } from './body-parser.ts';

function memoryStore(): { store: LogStore; appended: PreparedRecord[] } {
  const appended: PreparedRecord[] = [];
  const seen = new Set<string>();
  const store = {
    async append(_kind: string, _tenant: string, records: readonly PreparedRecord[]) {
      const stored: Array<{ id: string; seq: number }> = [];
      for (const p of records) {
        const id = String(p.record['id']);
        if (seen.has(id)) continue;
        seen.add(id);
        appended.push(p);
        stored.push({ id, seq: appended.length });
      }
      return { inserted: stored.length, duplicates: records.length - stored.length, stored };
    },
  };
  return { store: store as unknown as LogStore, appended };
}

const batch = (): ParsedItem[] => [
  { index: 0, value: sampleRecord(LOG_KINDS.signIns.schema, 1) },
  { index: 1, value: { id: 'bad', createdDateTime: 'not a time' } },
  { index: 2, error: 'line 3 is not valid JSON' },
  { index: 3, value: sampleRecord(LOG_KINDS.signIns.schema, 2) },
];

for (const consume of [false, true]) {
  test(`consume: ${consume} — accepted values ${consume ? 'are released' : 'stay'}, rejected ones stay, results are the same`, async () => {
    const { store, appended } = memoryStore();
    const svc = createIngestService({ store, enrichers: {} });
    const seen: CommittedBatch[] = [];
    svc.onCommit((b) => void seen.push(b));
    const items = batch();
    const before = items.map((i) => i.value);
    const report = await svc.ingest('signIns', 't', items, consume ? { consume } : undefined);
    assert.deepEqual([report.received, report.accepted, report.duplicates, report.rejected.map((r) => r.index)], [4, 2, 0, [1, 2]]);
    assert.equal(items[1]!.value, before[1], 'a rejected record is left as given');
    for (const i of [0, 3]) assert.equal(items[i]!.value, consume ? undefined : before[i], `item ${i}`);
    assert.deepEqual(appended.map((p) => p.json), appended.map((p) => JSON.stringify(p.record)));
    assert.deepEqual(seen[0]!.records.map((r) => (r.record as JsonObject)['id']), appended.map((p) => p.record['id']));
  });
}
