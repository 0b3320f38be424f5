// POST /ingest (no kind in the path): a mixed batch whose events were each given a kind by their
// adapter is stored kind by kind through the ordinary per-kind ingest (validate, enrich, dedupe,
// chained append, commit listeners). Rejections keep their index in the whole batch.
//
// Kinds live in separate logs (tables, hash chains) and the store has no transaction across them, so
// a batch is one commit per kind, each all-or-nothing. When one kind's append fails after another's
// committed, the rest are still tried and the outcome says which kinds are committed; the caller
// must not acknowledge the batch (see api/ingest-routes.ts). Nothing is half-written within a kind,
// and record ids are deterministic, so resending the whole batch stores what is missing and counts
// what was committed as duplicates.
import { ALL_KINDS, LOG_KINDS, type LogKind } from '../model/index.ts';
import type { RoutedItem } from './adapters/index.ts';
import type { IngestOptions, IngestReport, IngestService } from './ingest-service.ts';

export interface KindCounts {
  readonly received: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** false: this kind's append failed and none of its records were stored (the cause is logged, not returned). */
  readonly committed: boolean;
}

export interface RoutedIngestReport {
  readonly received: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** `kind`: the kind the event was classified as, when it got that far. */
  readonly rejected: ReadonlyArray<{ readonly index: number; readonly id?: string; readonly kind?: string; readonly reason: string }>;
  /** Per kind present in the batch, by collection name. */
  readonly kinds: Readonly<Record<string, KindCounts>>;
}

export interface RoutedOutcome {
  readonly report: RoutedIngestReport;
  /** The failure of each kind whose append failed (empty: every accepted record is committed). */
  readonly failures: ReadonlyArray<{ readonly kind: LogKind; readonly error: unknown }>;
}

export async function ingestRouted(service: IngestService, tenantId: string, items: readonly RoutedItem[], opts?: IngestOptions): Promise<RoutedOutcome> {
  const byKind = new Map<LogKind, RoutedItem[]>();
  const rejected: Array<RoutedIngestReport['rejected'][number]> = [];
  for (const item of items) {
    if (item.kind === undefined) {
      rejected.push({ index: item.index, ...(item.id ? { id: item.id } : {}), reason: item.error ?? 'no log kind' });
      continue;
    }
    let list = byKind.get(item.kind);
    if (!list) byKind.set(item.kind, (list = []));
    list.push(item);
  }
  const kinds: Record<string, KindCounts> = {};
  const failures: Array<{ kind: LogKind; error: unknown }> = [];
  let accepted = 0;
  let duplicates = 0;
  // A fixed order, so a partial outcome is the same on every try of the same batch.
  for (const kind of ALL_KINDS) {
    const list = byKind.get(kind);
    if (!list) continue;
    const collection = LOG_KINDS[kind].collection;
    let r: IngestReport;
    try {
      r = await service.ingest(kind, tenantId, list, opts);
    } catch (error) {
      failures.push({ kind, error });
      kinds[collection] = { received: list.length, accepted: 0, duplicates: 0, rejected: 0, committed: false };
      continue;
    }
    accepted += r.accepted;
    duplicates += r.duplicates;
    for (const x of r.rejected) rejected.push({ ...x, kind: collection });
    kinds[collection] = { received: r.received, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected.length, committed: true };
  }
  rejected.sort((a, b) => a.index - b.index);
  return { report: { received: items.length, accepted, duplicates, rejected, kinds }, failures };
}
