// Builders for directoryAudit and customSecurityAttributeAudit records (same shape, spec 2.5–2.7).
import type { Prng } from './prng.ts';
import type { DemoUser, DemoWorkload, DemoApp, DemoTenant } from './tenant-model.ts';

export type AuditInitiator =
  | { readonly user: DemoUser; readonly ipAddress: string }
  | { readonly app: { readonly appId: string | null; readonly displayName: string; readonly servicePrincipalId: string | null } };

export interface AuditTarget {
  readonly id: string;
  readonly displayName: string | null;
  readonly type: string;
  readonly userPrincipalName?: string | null;
  readonly groupType?: 'unifiedGroups' | 'azureAD' | null;
  readonly modifiedProperties?: readonly { displayName: string; oldValue: string | null; newValue: string | null }[];
}

export interface AuditSpec {
  readonly activityDisplayName: string;
  readonly category: string;
  readonly loggedByService: string;
  readonly operationType: string;
  readonly initiatedBy: AuditInitiator;
  readonly targets: readonly AuditTarget[];
  readonly result?: 'success' | 'failure';
  readonly resultReason?: string;
  readonly additionalDetails?: readonly { key: string; value: string }[];
  readonly userAgent?: string | null;
}

const ID_PREFIX: Record<string, string> = {
  'Core Directory': 'Directory', 'Self-service Password Management': 'SSPR', 'Authentication Methods': 'AuthenticationMethods',
  'Invited Users': 'IPCGraph', 'Self-service Group Management': 'SSGM', 'Privileged Identity Management': 'PIM',
};

/** JSON-encoded text, as modifiedProperties values are. */
export const jsonText = (v: unknown): string => JSON.stringify(v);

export function buildAudit(rng: Prng, activityDateTime: string, s: AuditSpec): Record<string, unknown> {
  const correlationId = rng.guid();
  const i = s.initiatedBy;
  return {
    id: `${ID_PREFIX[s.loggedByService] ?? 'Directory'}_${correlationId}_${rng.base64url(5).toUpperCase().replace(/[-_]/g, 'X')}_${10_000_000 + rng.int(89_999_999)}`,
    category: s.category,
    correlationId,
    result: s.result ?? 'success',
    resultReason: s.resultReason ?? '',
    activityDisplayName: s.activityDisplayName,
    activityDateTime,
    loggedByService: s.loggedByService,
    operationType: s.operationType,
    initiatedBy: 'user' in i
      ? {
        app: null,
        user: {
          id: i.user.id, displayName: i.user.displayName, userPrincipalName: i.user.userPrincipalName, ipAddress: i.ipAddress,
          userType: i.user.userType === 'guest' ? 'Guest' : 'Member', homeTenantId: null, homeTenantName: null,
        },
      }
      : { app: { appId: i.app.appId, displayName: i.app.displayName, servicePrincipalId: i.app.servicePrincipalId, servicePrincipalName: null }, user: null },
    targetResources: s.targets.map((t) => ({
      id: t.id, displayName: t.displayName, type: t.type, userPrincipalName: t.userPrincipalName ?? null,
      groupType: t.groupType ?? null, modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: s.additionalDetails ?? [],
    userAgent: s.userAgent ?? null,
  };
}

export const userTarget = (u: DemoUser, modifiedProperties: AuditTarget['modifiedProperties'] = []): AuditTarget => ({
  id: u.id, displayName: null, type: 'User', userPrincipalName: u.userPrincipalName, modifiedProperties,
});
export const groupTarget = (g: DemoTenant['groups'][number]): AuditTarget => ({
  id: g.id, displayName: g.displayName, type: 'Group', groupType: g.groupType,
});
export const roleTarget = (r: DemoTenant['roles'][number]): AuditTarget => ({ id: r.id, displayName: r.displayName, type: 'Role' });
export const appTarget = (a: DemoApp | DemoWorkload, type: 'Application' | 'ServicePrincipal' = 'Application'): AuditTarget => ({
  id: type === 'Application' ? a.appId : 'servicePrincipalId' in a ? a.servicePrincipalId : a.id, displayName: a.displayName, type,
});

/** Apps that act in the directory on their own. */
export const SYSTEM_APPS = {
  provisioning: { appId: null, displayName: 'Azure AD Provisioning Service', servicePrincipalId: null },
  pim: { appId: '01fc33a7-78ba-4d2f-a4b7-768e336e890e', displayName: 'MS-PIM', servicePrincipalId: null },
} as const;
