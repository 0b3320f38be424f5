// The five log kinds and what the rest of the system needs to know about each.
import type { ObjectSchema } from './schema.ts';
import { signInSchema } from './kinds/sign-in.ts';
import { directoryAuditSchema } from './kinds/directory-audit.ts';
import { customSecurityAttributeAuditSchema } from './kinds/custom-security-attribute-audit.ts';
import { provisioningObjectSummarySchema } from './kinds/provisioning-object-summary.ts';
import { selfServiceSignUpSchema } from './kinds/self-service-sign-up.ts';

export type LogKind = 'signIns' | 'directoryAudits' | 'customSecurityAttributeAudits' | 'provisioning' | 'signUps';
export type GraphVersion = 'v1.0' | 'beta';

export interface LogKindDef {
  readonly kind: LogKind;
  /** Path segment under /auditLogs and /ingest. */
  readonly collection: string;
  /** Extra names accepted by POST /ingest/{name}. */
  readonly ingestAliases: readonly string[];
  readonly entityType: string;
  /** Storage table name. */
  readonly table: string;
  /** The DateTimeOffset property that orders and partitions the log. */
  readonly timeField: string;
  readonly schema: ObjectSchema;
  readonly versions: readonly GraphVersion[];
  /** `$top` default and maximum (spec 3.1; undocumented ones chosen as 1000 for parity). */
  readonly topDefault: number;
  readonly topMax: number;
}

export const LOG_KINDS: Readonly<Record<LogKind, LogKindDef>> = {
  signIns: {
    kind: 'signIns', collection: 'signIns', ingestAliases: ['signins', 'signIn'],
    entityType: 'microsoft.graph.signIn', table: 'sign_ins', timeField: 'createdDateTime',
    schema: signInSchema, versions: ['v1.0', 'beta'], topDefault: 1000, topMax: 1000,
  },
  directoryAudits: {
    kind: 'directoryAudits', collection: 'directoryAudits', ingestAliases: ['directoryaudits', 'audits'],
    entityType: 'microsoft.graph.directoryAudit', table: 'directory_audits', timeField: 'activityDateTime',
    schema: directoryAuditSchema, versions: ['v1.0', 'beta'], topDefault: 1000, topMax: 1000,
  },
  customSecurityAttributeAudits: {
    kind: 'customSecurityAttributeAudits', collection: 'customSecurityAttributeAudits',
    ingestAliases: ['customsecurityattributeaudits'],
    entityType: 'microsoft.graph.customSecurityAttributeAudit', table: 'custom_security_attribute_audits',
    timeField: 'activityDateTime', schema: customSecurityAttributeAuditSchema, versions: ['beta'],
    topDefault: 100, topMax: 100,
  },
  provisioning: {
    kind: 'provisioning', collection: 'provisioning', ingestAliases: ['provisioningObjectSummary'],
    entityType: 'microsoft.graph.provisioningObjectSummary', table: 'provisioning', timeField: 'activityDateTime',
    schema: provisioningObjectSummarySchema, versions: ['v1.0', 'beta'], topDefault: 1000, topMax: 1000,
  },
  signUps: {
    kind: 'signUps', collection: 'signUps', ingestAliases: ['signups', 'selfServiceSignUps'],
    entityType: 'microsoft.graph.selfServiceSignUp', table: 'sign_ups', timeField: 'createdDateTime',
    schema: selfServiceSignUpSchema, versions: ['beta'], topDefault: 1000, topMax: 1000,
  },
};

export const ALL_KINDS: readonly LogKind[] = Object.keys(LOG_KINDS) as LogKind[];

const byLowerName = new Map<string, LogKindDef>();
for (const def of Object.values(LOG_KINDS)) {
  byLowerName.set(def.collection.toLowerCase(), def);
  for (const a of def.ingestAliases) byLowerName.set(a.toLowerCase(), def);
}

/** Resolve a collection or ingest name, case-insensitively (Graph path segments are). */
export function findKind(name: string): LogKindDef | undefined {
  return byLowerName.get(name.toLowerCase());
}
