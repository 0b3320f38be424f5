// Accept a batch for one kind and tenant: validate each record (rejections carry their index and a
// readable reason), enrich, drop repeats, append durably, then tell listeners what was committed.
import { LOG_KINDS, normalizeRecord, RecordError, type JsonObject, type LogKind } from '../model/index.ts';
import type { AckMode, AppendOptions, AppendResult, LogStore, PreparedRecord } from '../store/index.ts';
import { enrichRecord, type Enrichers } from './enrich.ts';
import type { ParsedItem } from './body-parser.ts';

export interface IngestReport {
  readonly kind: LogKind;
  readonly received: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: ReadonlyArray<{ readonly index: number; readonly id?: string; readonly reason: string }>;
}

export interface CommittedBatch {
  readonly kind: LogKind;
  readonly tenantId: string;
  /** The newly stored records (duplicates excluded), in sequence order. */
  readonly records: ReadonlyArray<{ readonly seq: number; readonly record: JsonObject }>;
}

/** Called after a durable commit; risk rules, sinks and derived views subscribe here. */
export type CommitListener = (batch: CommittedBatch) => void | Promise<void>;

export interface IngestOptions {
  /**
   * The caller hands the items over (a parsed request body nobody else holds): each accepted item's
   * parsed value is dropped once it is normalized, so a batch does not keep the parsed and the
   * normalized copy of every record alive while it is appended (~2.4 of ~80 µs main-thread CPU per
   * HTTP-ingested sign-in went to collecting the extra copy). The items must not be reused.
   */
  readonly consume?: boolean;
  /** When the batch is acknowledged: once readable (default) or once durable (store.AppendOptions.ack). */
  readonly ack?: AckMode;
}

export interface IngestService {
  ingest(kind: LogKind, tenantId: string, items: readonly ParsedItem[], opts?: IngestOptions): Promise<IngestReport>;
  onCommit(listener: CommitListener): void;
}

/** Extends the tamper-evident chain with each batch (integrity/ChainRecorder fits). */
export interface AppendChain {
  prepare(kind: LogKind, tenantId: string, records: readonly PreparedRecord[]): Promise<{ options: AppendOptions; finish(result: AppendResult | null): Promise<void> }>;
}

export interface IngestDeps {
  readonly store: LogStore;
  readonly chain?: AppendChain;
  readonly enrichers: Enrichers;
  /** Where listener failures are reported; they never fail an acknowledged batch. */
  readonly onListenerError?: (err: unknown) => void;
}

/** Records normalized per event-loop turn (~3 ms of work for lean sign-ins). */
const YIELD_EVERY = 256;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createIngestService(deps: IngestDeps): IngestService {
  const listeners: CommitListener[] = [];
  return {
    onCommit(l) {
      listeners.push(l);
    },
    async ingest(kind, tenantId, items, opts) {
      const consume = opts?.consume === true;
      const schema = LOG_KINDS[kind].schema;
      const rejected: Array<{ index: number; id?: string; reason: string }> = [];
      const prepared: PreparedRecord[] = [];
      for (let i = 0; i < items.length; i++) {
        // Let other requests' I/O and the store's statements through now and then: a batch of
        // thousands of records is otherwise one long turn that every other await waits behind.
        if (i > 0 && i % YIELD_EVERY === 0) await yieldTurn();
        const item = items[i]!;
        if (item.error !== undefined) {
          rejected.push({ index: item.index, ...(item.id ? { id: item.id } : {}), reason: item.error });
          continue;
        }
        const v = item.value;
        try {
          if (v && typeof v === 'object' && !Array.isArray(v)) enrichRecord(kind, v as JsonObject, deps.enrichers);
          const n = normalizeRecord(schema, v);
          prepared.push({ record: n.record, extra: n.extra, json: JSON.stringify(n.record) });
          if (consume) (item as { value?: unknown }).value = undefined;
        } catch (e) {
          if (!(e instanceof RecordError)) throw e;
          const id = v && typeof v === 'object' && typeof (v as Record<string, unknown>)['id'] === 'string' ? String((v as Record<string, unknown>)['id']) : undefined;
          rejected.push({ index: item.index, ...(id ? { id } : {}), reason: e.message });
        }
      }
      const result = prepared.length ? await appendChained(deps, kind, tenantId, prepared, opts?.ack) : { inserted: 0, duplicates: 0, stored: [] };
      if (result.stored.length && listeners.length) {
        const byId = new Map(prepared.map((p) => [String(p.record['id']), p.record]));
        const batch: CommittedBatch = {
          kind, tenantId,
          records: result.stored.map((s) => ({ seq: s.seq, record: byId.get(s.id)! })),
        };
        for (const l of listeners) {
          try {
            await l(batch);
          } catch (e) {
            deps.onListenerError?.(e);
          }
        }
      }
      return { kind, received: items.length, accepted: result.inserted, duplicates: result.duplicates, rejected };
    },
  };
}

async function appendChained(deps: IngestDeps, kind: LogKind, tenantId: string, prepared: readonly PreparedRecord[], ack: AckMode | undefined): Promise<AppendResult> {
  const mode = ack ? { ack } : {};
  if (!deps.chain) return deps.store.append(kind, tenantId, prepared, mode);
  const batch = await deps.chain.prepare(kind, tenantId, prepared);
  let result: AppendResult | null = null;
  try {
    result = await deps.store.append(kind, tenantId, prepared, { ...batch.options, ...mode });
    return result;
  } finally {
    await batch.finish(result);
  }
}
