// Retention: per tenant and kind, delete records whose event time is older than the policy allows.
// Before deleting, the range is verified (tampered evidence is kept, not purged) and the chain is
// re-anchored: a signed base replaces the removed prefix, signed digests stand in for records
// removed from inside it (late arrivals with old timestamps), so what remains still verifies.
// Deletes go in seq-range batches, each its own turn on the writer queue, so ingest interleaves.
import { ALL_KINDS, LOG_KINDS, type LogKind } from '../model/index.ts';
import { and, asc, cmp, dt, field, lit, named, project, scan, sort, where } from '../query/ir/index.ts';
import type { AdminStore, LicenceTier, RedactionRow } from '../store/index.ts';
import { walkChain, type IntegrityDeps } from './chain-verifier.ts';
import { signBase, signRedaction } from './signed-statements.ts';

/** Entra's retention by licence tier (spec 5): Free keeps 7 days, P1/P2 keep 30. */
export const TIER_RETENTION_DAYS: Record<LicenceTier, number> = { free: 7, premium: 30 };

export interface RetentionOutcome {
  readonly tenantId: string;
  readonly kind: LogKind;
  readonly days: number;
  readonly deleted: number;
  readonly baseSeq: number;
  readonly redactions: number;
  readonly error?: string;
}

export async function retentionDays(admin: AdminStore, tenantId: string): Promise<Record<LogKind, number>> {
  const t = await admin.getTenant(tenantId);
  const def = TIER_RETENTION_DAYS[t?.tier ?? 'premium'];
  const out = Object.fromEntries(ALL_KINDS.map((k) => [k, def])) as Record<LogKind, number>;
  for (const r of await admin.listRetention(tenantId)) out[r.kind] = r.days;
  return out;
}

export async function purgeExpired(deps: IntegrityDeps, tenantId: string, kind: LogKind, days: number, now: Date, batchSeqs = 10_000): Promise<RetentionOutcome> {
  const { store, admin, key } = deps;
  const def = LOG_KINDS[kind];
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const base = await admin.getBase(tenantId, kind);
  const baseSeq = base?.seq ?? 0;
  const none = { tenantId, kind, days, deleted: 0, baseSeq, redactions: 0 };
  if (!store.purge) return { ...none, error: `the ${store.backend} store cannot purge records` };
  const expired = await store.query(
    project(sort(where(scan(kind, tenantId), and(cmp('lt', field(def.timeField), dt(cutoff)), cmp('gt', field('_seq'), lit(baseSeq)))), [asc(field('_seq'))]), [named('s', field('_seq'))]),
  );
  if (!expired.rows.length) return none;
  const doomed = new Set(expired.rows.map((r) => Number(r['s'])));
  const maxDoomed = Math.max(...doomed);

  // Walk the range being removed: it must verify, and yields each record's digest and link.
  let prefix = baseSeq;
  let prefixLink: string | null = null;
  let inPrefix = true;
  const redactions: RedactionRow[] = [];
  const walk = await walkChain(deps, tenantId, kind, {
    upToSeq: maxDoomed,
    onStep: (s) => {
      const gone = s.record === null || doomed.has(s.seq);
      if (inPrefix && gone) {
        prefix = s.seq;
        prefixLink = s.link.toString('hex');
      } else inPrefix = false;
      if (!inPrefix && s.record !== null && doomed.has(s.seq)) {
        redactions.push(signRedaction(key, { tenantId, kind, seq: s.seq, digest: s.digest.toString('hex') }));
      }
    },
  });
  if (!walk.ok) return { ...none, error: `not purged: the chain is broken at ${walk.firstBroken!.seq} (${walk.firstBroken!.reason})` };

  const newBase = prefix > baseSeq && prefixLink ? signBase(key, { tenantId, kind, seq: prefix, link: prefixLink, at: now.toISOString() }) : null;
  // Bookkeeping first: if we stop half-way, remaining records are still covered by it.
  await admin.recordRetention(newBase, redactions);
  let deleted = 0;
  for (let from = baseSeq + 1; from <= maxDoomed; from += batchSeqs) {
    deleted += await store.purge(kind, tenantId, from, Math.min(from + batchSeqs - 1, maxDoomed), cutoff);
  }
  return { tenantId, kind, days, deleted, baseSeq: newBase?.seq ?? baseSeq, redactions: redactions.length };
}

export async function runRetention(deps: IntegrityDeps, now: Date = new Date(), tenantIds?: readonly string[]): Promise<RetentionOutcome[]> {
  const out: RetentionOutcome[] = [];
  const tenants = tenantIds ?? (await deps.admin.listTenants()).map((t) => t.id);
  for (const tenantId of tenants) {
    const days = await retentionDays(deps.admin, tenantId);
    for (const kind of ALL_KINDS) out.push(await purgeExpired(deps, tenantId, kind, days[kind], now));
  }
  return out;
}

/** The background job: one pass per interval, never overlapping, stopped with the server. */
export function startRetentionJob(deps: IntegrityDeps, opts: { intervalMs: number; firstRunMs?: number; onResult?: (r: RetentionOutcome[]) => void; onError?: (e: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runRetention(deps)
      .then((r) => opts.onResult?.(r), (e) => opts.onError?.(e))
      .finally(() => (running = null));
  };
  const first = setTimeout(tick, opts.firstRunMs ?? 60_000);
  const every = setInterval(tick, opts.intervalMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
