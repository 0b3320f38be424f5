// The signed checkpoint of a tenant's chains: latest link, length, retained count and time. A third
// party keeps it; later `idtrail verify --checkpoint file` (or anyone with the records) checks that
// the chain still passes through the same link.
import type { LogKind } from '../model/index.ts';
import { countRecords, type IntegrityDeps } from './chain-verifier.ts';
import { genesisLink } from './hash-chain.ts';
import { signCheckpoint, type SignedCheckpoint } from './signed-statements.ts';

export async function issueCheckpoint(deps: IntegrityDeps, tenantId: string, kind: LogKind, now: Date = new Date()): Promise<SignedCheckpoint> {
  // The head link comes from the last anchor; the count is read after it, so it may only be
  // larger when a batch lands in between, never describe records the link does not cover.
  const last = await deps.admin.lastAnchor(tenantId, kind);
  const base = last ? null : await deps.admin.getBase(tenantId, kind);
  const seq = last?.seqTo ?? base?.seq ?? 0;
  const link = last?.link ?? base?.link ?? genesisLink(tenantId, kind).toString('hex');
  const records = Math.min(await countRecords(deps.store, kind, tenantId), seq);
  return signCheckpoint(deps.key, { tenantId, kind, seq, link, records, at: now.toISOString() });
}
