// Building a riskDetection from a rule's row: stable ids (the same evidence always yields the same
// id, so a list is consistent across recomputations and pages) and Graph's additionalInfo text.
import { stableGuid } from '../reports/index.ts';
import type { RiskDetection, RiskLevel, RiskRule } from './risk-types.ts';

export interface DetectionInput {
  readonly key: ReadonlyArray<string | number | null>;
  readonly level: RiskLevel;
  readonly activityDateTime: string;
  readonly requestId?: string | null;
  readonly correlationId?: string | null;
  readonly ipAddress?: string | null;
  readonly city?: string | null;
  readonly state?: string | null;
  readonly country?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly userId?: string | null;
  readonly userDisplayName?: string | null;
  readonly userPrincipalName?: string | null;
  readonly info?: Readonly<Record<string, string | number | null | undefined>>;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const s = str;
/** A make_set/make_list result: a list, or JSON text of one, depending on the backend's driver. */
export function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('[')) return (JSON.parse(v) as unknown[]).map(String);
  return [];
}
export const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function detection(rule: RiskRule, d: DetectionInput): RiskDetection {
  const info = Object.entries(d.info ?? {}).filter(([, v]) => v !== null && v !== undefined).map(([Key, v]) => ({ Key, Value: String(v) }));
  const hasLoc = d.city != null || d.country != null || d.latitude != null;
  return {
    id: stableGuid('risk', rule.riskEventType, ...d.key).replace(/-/g, ''),
    requestId: d.requestId ?? null, correlationId: d.correlationId ?? null,
    riskEventType: rule.riskEventType, riskState: 'atRisk', riskLevel: d.level, riskDetail: 'none', source: 'idtrail',
    detectionTimingType: rule.timing, activity: 'signin', tokenIssuerType: 'AzureAD',
    ipAddress: d.ipAddress ?? null,
    location: hasLoc ? {
      city: d.city ?? null, state: d.state ?? null, countryOrRegion: d.country ?? null,
      geoCoordinates: d.latitude != null ? { altitude: null, latitude: d.latitude ?? null, longitude: d.longitude ?? null } : null,
    } : null,
    activityDateTime: d.activityDateTime, detectedDateTime: d.activityDateTime, lastUpdatedDateTime: d.activityDateTime,
    userId: d.userId ?? null, userDisplayName: d.userDisplayName ?? null, userPrincipalName: d.userPrincipalName ?? null,
    additionalInfo: JSON.stringify(info), mitreTechniqueId: rule.mitreTechniqueId,
  };
}
