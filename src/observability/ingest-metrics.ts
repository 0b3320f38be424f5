// Ingest record counts. Accepted records are counted by a commit listener (so only what was
// durably stored counts); duplicates and rejections come from the batch's report.
import type { IngestService } from '../ingest/index.ts';
import type { Metrics } from './metrics.ts';

export function instrumentIngest(inner: IngestService, metrics: Metrics): IngestService {
  inner.onCommit((batch) => {
    metrics.ingestRecords.inc({ kind: batch.kind, outcome: 'accepted' }, batch.records.length);
  });
  return {
    onCommit: (l) => inner.onCommit(l),
    async ingest(kind, tenantId, items, opts) {
      const report = await inner.ingest(kind, tenantId, items, opts);
      if (report.duplicates) metrics.ingestRecords.inc({ kind, outcome: 'duplicate' }, report.duplicates);
      if (report.rejected.length) metrics.ingestRecords.inc({ kind, outcome: 'rejected' }, report.rejected.length);
      return report;
    },
  };
}
