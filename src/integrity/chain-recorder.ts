// Extends each tenant's chain at append time. The ingest service asks for append options before a
// batch; the store calls the anchor hook inside its write transaction with the sequence numbers it
// assigned, so links are computed in exactly the stored order and committed with the records.
import type { LogKind } from '../model/index.ts';
import type { AdminStore, AppendOptions, AppendResult, ChainAnchorRow, PreparedRecord } from '../store/index.ts';
import { fingerprint, genesisLink, nextLink, recordDigest } from './hash-chain.ts';

export interface ChainBatch {
  readonly options: AppendOptions;
  /** Call after append() resolves (or rejects, with null) so the recorder keeps or drops its state. */
  finish(result: AppendResult | null): Promise<void>;
}

export interface ChainRecorder {
  prepare(kind: LogKind, tenantId: string, records: readonly PreparedRecord[]): Promise<ChainBatch>;
}

/** Recent (seq → link) points of one chain; a few are kept so a rolled-back batch can be skipped. */
interface ChainState {
  points: Array<{ seq: number; link: Buffer }>;
}

const HISTORY = 16;

export function createChainRecorder(admin: AdminStore): ChainRecorder {
  const states = new Map<string, Promise<ChainState>>();

  async function load(tenantId: string, kind: LogKind): Promise<ChainState> {
    const last = await admin.lastAnchor(tenantId, kind);
    if (last) return { points: [{ seq: last.seqTo, link: Buffer.from(last.link, 'hex') }] };
    const base = await admin.getBase(tenantId, kind);
    if (base) return { points: [{ seq: base.seq, link: Buffer.from(base.link, 'hex') }] };
    return { points: [{ seq: 0, link: genesisLink(tenantId, kind) }] };
  }

  return {
    async prepare(kind, tenantId, records) {
      const key = `${tenantId}\u0000${kind}`;
      // Concurrent first batches of a chain must share one state: cache the load itself.
      let loading = states.get(key);
      if (!loading) {
        loading = load(tenantId, kind);
        states.set(key, loading);
        loading.catch(() => states.delete(key)); // a failed load is retried by the next batch
      }
      const st = await loading;
      // The store keeps the first of repeated ids; so does this map.
      const digests = new Map<string, Buffer>();
      for (const p of records) {
        const id = String(p.record['id']);
        if (!digests.has(id)) digests.set(id, recordDigest(p.record, p.extra, p.json));
      }
      let anchor: ChainAnchorRow | null = null;
      const compute = (stored: AppendResult['stored']): ChainAnchorRow | null => {
        if (!stored.length) return null;
        const from = stored[0]!.seq;
        const start = st.points.find((p) => p.seq === from - 1);
        if (!start) throw new Error(`hash chain of ${kind} for tenant ${tenantId} has no link at seq ${from - 1}; restart to reload it`);
        let link = start.link;
        const prints: Buffer[] = [];
        for (let i = 0; i < stored.length; i++) {
          const s = stored[i]!;
          if (s.seq !== from + i) throw new Error(`non-contiguous sequence ${s.seq} after ${from + i - 1}`);
          link = nextLink(link, digests.get(s.id)!);
          prints.push(fingerprint(link));
        }
        const to = stored[stored.length - 1]!.seq;
        // Optimistic: a later batch may run before this one's caller resumes; a rollback is
        // handled because the store then reuses the sequence numbers, found in the history.
        st.points.push({ seq: to, link });
        if (st.points.length > HISTORY) st.points.shift();
        anchor = { seqFrom: from, seqTo: to, link: link.toString('hex'), prints: Buffer.concat(prints).toString('base64') };
        return anchor;
      };
      return {
        options: { anchor: compute },
        async finish(result) {
          if (!result) return;
          if (result.stored.length && anchor === null) {
            // The backend had no transaction to carry the anchor: write it now, before the ack.
            const a = compute(result.stored);
            if (a) await admin.addAnchor(tenantId, kind, a);
          }
        },
      };
    },
  };
}
