// Runs the risk rules on demand and keeps the result per tenant until the next committed batch of
// sign-ins or audits (the ingest commit listener invalidates it). Detections have ids derived from
// their evidence, so recomputing yields the same list and paging stays consistent.
import type { LogStore } from '../store/index.ts';
import type { CommittedBatch } from '../ingest/index.ts';
import type { TimeRange } from '../reports/index.ts';
import { RISK_RULES } from './risk-rules.ts';
import type { RiskDetection, RiskRule } from './risk-types.ts';

/** Graph's risk detections report covers 90 days. */
export const DETECTION_WINDOW_DAYS = 90;

export interface RiskEngine {
  /** Every detection of the tenant in the window, newest first. */
  detections(tenantId: string): Promise<readonly RiskDetection[]>;
  /** Run rules over an explicit range (tests, CLI, bench); not cached. */
  run(tenantId: string, range: TimeRange, rules?: readonly RiskRule[]): Promise<RiskDetection[]>;
  /** Hand this to IngestService.onCommit. */
  onCommit(batch: CommittedBatch): void;
}

export function sortDetections(list: RiskDetection[]): RiskDetection[] {
  return list.sort((a, b) => (a.activityDateTime === b.activityDateTime ? (a.id < b.id ? 1 : -1) : a.activityDateTime < b.activityDateTime ? 1 : -1));
}

export function createRiskEngine(deps: { store: LogStore; now?: () => Date; rules?: readonly RiskRule[] }): RiskEngine {
  const cache = new Map<string, Promise<readonly RiskDetection[]>>();
  const rules = deps.rules ?? RISK_RULES;
  const now = deps.now ?? (() => new Date());

  async function run(tenantId: string, range: TimeRange, only: readonly RiskRule[] = rules): Promise<RiskDetection[]> {
    const ctx = { tenantId, range };
    const perRule = await Promise.all(only.map(async (r) => r.detect((await deps.store.query(r.build(ctx))).rows, ctx)));
    return sortDetections(perRule.flat());
  }

  return {
    run,
    detections(tenantId) {
      let p = cache.get(tenantId);
      if (!p) {
        const t = now().getTime();
        // A day past now so records with slightly fast clocks are still seen.
        const range = { from: new Date(t - DETECTION_WINDOW_DAYS * 86_400_000).toISOString(), to: new Date(t + 86_400_000).toISOString() };
        p = run(tenantId, range);
        cache.set(tenantId, p);
        p.catch(() => cache.delete(tenantId));
      }
      return p;
    },
    onCommit(batch) {
      if (batch.kind === 'signIns' || batch.kind === 'directoryAudits') cache.delete(batch.tenantId);
    },
  };
}

const LEVEL_ORDER = ['none', 'low', 'medium', 'high'];

/** riskyUsers derived from detections: the highest level of the user's open detections. */
export function riskyUsersFrom(list: readonly RiskDetection[]): Array<Record<string, unknown>> {
  const users = new Map<string, Record<string, unknown>>();
  for (const d of list) {
    if (!d.userId) continue;
    const u = users.get(d.userId) ?? {
      id: d.userId, isDeleted: false, isProcessing: false, riskLevel: 'none', riskState: 'atRisk', riskDetail: 'none',
      riskLastUpdatedDateTime: d.lastUpdatedDateTime, userDisplayName: d.userDisplayName, userPrincipalName: d.userPrincipalName,
    };
    if (LEVEL_ORDER.indexOf(d.riskLevel) > LEVEL_ORDER.indexOf(String(u['riskLevel']))) u['riskLevel'] = d.riskLevel;
    if (d.lastUpdatedDateTime > String(u['riskLastUpdatedDateTime'])) u['riskLastUpdatedDateTime'] = d.lastUpdatedDateTime;
    u['userPrincipalName'] ??= d.userPrincipalName;
    users.set(d.userId, u);
  }
  return [...users.values()].sort((a, b) => String(b['riskLastUpdatedDateTime']).localeCompare(String(a['riskLastUpdatedDateTime'])));
}
