// Risk detections computed by idtrail's own rules over sign-in and audit logs, in the Graph
// riskDetection shape (spec 2.3). A rule is one file named by the riskEventType it raises; it
// builds an IR plan returning candidate rows and turns them into detections.
import type { Relation } from '../query/ir/index.ts';
import type { TimeRange } from '../reports/index.ts';

export type RiskLevel = 'low' | 'medium' | 'high';

/** microsoft.graph.riskDetection (v1.0 properties; beta adds riskType and mitreTechniqueId). */
export interface RiskDetection {
  readonly id: string;
  readonly requestId: string | null;
  readonly correlationId: string | null;
  readonly riskEventType: string;
  readonly riskState: 'atRisk';
  readonly riskLevel: RiskLevel;
  readonly riskDetail: 'none';
  readonly source: 'idtrail';
  readonly detectionTimingType: 'realtime' | 'offline';
  readonly activity: 'signin' | 'user';
  readonly tokenIssuerType: 'AzureAD';
  readonly ipAddress: string | null;
  readonly location: { city: string | null; state: string | null; countryOrRegion: string | null; geoCoordinates: { altitude: number | null; latitude: number | null; longitude: number | null } | null } | null;
  readonly activityDateTime: string;
  readonly detectedDateTime: string;
  readonly lastUpdatedDateTime: string;
  readonly userId: string | null;
  readonly userDisplayName: string | null;
  readonly userPrincipalName: string | null;
  /** JSON text `[{"Key":"…","Value":"…"}]`, as Graph sends it. */
  readonly additionalInfo: string;
  readonly mitreTechniqueId: string | null;
}

export interface RiskRuleContext {
  readonly tenantId: string;
  /** Detections are raised for activity in this range; rules may read a baseline before it. */
  readonly range: TimeRange;
}

export interface RiskRule {
  readonly riskEventType: string;
  readonly description: string;
  readonly timing: 'realtime' | 'offline';
  readonly mitreTechniqueId: string | null;
  build(ctx: RiskRuleContext): Relation;
  detect(rows: ReadonlyArray<Record<string, unknown>>, ctx: RiskRuleContext): RiskDetection[];
}
