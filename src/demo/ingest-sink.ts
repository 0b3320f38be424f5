// A sink that feeds generated records through the ingest service in batches, so a demo tenant is
// stored exactly like real data: validated, chained and acknowledged per batch.
import type { LogKind } from '../model/log-kinds.ts';
import { parseRecords, type IngestService, type ParsedItem } from '../ingest/index.ts';
import type { DemoNdjsonSink } from './demo-sink.ts';

const NO_LIMITS = { maxBytes: Infinity, maxRecords: Infinity };

export interface IngestSink extends DemoNdjsonSink {
  /** Send what is buffered; resolves when every record is committed. Returns the totals. */
  flush(): Promise<{ accepted: number; rejected: number }>;
}

export function createIngestSink(ingest: IngestService, tenantId: string, batchSize = 10_000): IngestSink {
  const buffers = new Map<LogKind, ParsedItem[]>();
  let accepted = 0;
  let rejected = 0;
  let firstRejection: string | null = null;
  const send = async (kind: LogKind) => {
    const items = buffers.get(kind);
    if (!items?.length) return;
    buffers.set(kind, []);
    const r = await ingest.ingest(kind, tenantId, items);
    accepted += r.accepted;
    rejected += r.rejected.length;
    firstRejection ??= r.rejected[0]?.reason ?? null;
  };
  return {
    // One batch at a time, as before: generation waits while a batch is committed.
    maxChunksHeld: 1,
    writeNdjson(kind, chunk) {
      // Parsed from the NDJSON bytes, as an ingest body is: each record is the sink's own object.
      let items = buffers.get(kind);
      if (!items) buffers.set(kind, (items = []));
      for (const item of parseRecords(chunk.toString('utf8'), NO_LIMITS)) items.push({ ...item, index: items.length });
      return items.length >= batchSize ? send(kind) : undefined;
    },
    async flush() {
      for (const kind of buffers.keys()) await send(kind);
      if (rejected) throw new Error(`demo: ${rejected} generated records were rejected by ingest (first: ${firstRejection})`);
      return { accepted, rejected };
    },
  };
}
