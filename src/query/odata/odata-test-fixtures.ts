// Deterministic records of all five kinds for the OData tests (golden tables, fuzzing, official
// clients). Test-only: nothing in a production path imports this. Values include the awkward
// cases filters must survive: quotes, unicode, mixed case, tied timestamps, empty collections.
import { LOG_KINDS, normalizeRecord, type JsonObject, type LogKind } from '../../model/index.ts';
import type { LogStore } from '../../store/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(r: () => number): string {
  const h = () => Math.floor(r() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, h).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export const FIXTURE_START = Date.parse('2026-03-01T00:00:00Z');
export const CITIES = ['Tallinn', 'São Paulo', "O'Brien Town", 'Zürich', 'Tokyo', 'Seattle'] as const;
export const APPS = ['Graph Explorer', 'Azure Portal', 'Northwind Expense Portal', 'Office 365 Exchange Online'] as const;
export const UPNS = ['mara.ilves@northwind.example', 'Jonas.Berg@Northwind.example', "o'neil@northwind.example", 'zoë@northwind.example'] as const;
const EVENT_TYPES = ['interactiveUser', 'interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity'] as const;

/** Timestamps step 7 s back from the start; every 10th repeats its neighbour (ties for the keyset). */
function timeAt(i: number, frac: boolean): string {
  const t = FIXTURE_START - Math.floor(i / 10) * 70_000 - (i % 10 === 9 ? 8 : i % 10) * 7_000;
  const iso = new Date(t).toISOString().slice(0, 19);
  return frac ? `${iso}.${String(1234567 + i).slice(-7)}Z` : `${iso}Z`;
}

export function signIn(i: number): JsonObject {
  const r = rng(i + 1);
  const code = pick(r, [0, 0, 0, 50126, 50074, 53003]);
  const upn = pick(r, UPNS);
  return {
    id: guid(r), createdDateTime: timeAt(i, i % 3 === 0), userPrincipalName: upn, userDisplayName: upn.split('@')[0]!,
    userId: guid(r), appId: guid(r), appDisplayName: pick(r, APPS), ipAddress: `198.51.100.${i % 250}`,
    clientAppUsed: 'Browser', correlationId: guid(r), conditionalAccessStatus: pick(r, ['success', 'failure', 'notApplied']),
    isInteractive: true, resourceDisplayName: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000',
    riskDetail: 'none', riskLevelAggregated: pick(r, ['none', 'low', 'high']), riskLevelDuringSignIn: 'none', riskState: 'none',
    riskEventTypes_v2: i % 7 === 0 ? ['unlikelyTravel'] : [],
    status: { errorCode: code, failureReason: code ? 'Invalid username or password.' : null, additionalDetails: null },
    deviceDetail: { browser: pick(r, ['Edge 122.0.0', 'Chrome 119.0.0']), operatingSystem: pick(r, ['Windows10', 'MacOs']), isCompliant: false, isManaged: false },
    location: { city: pick(r, CITIES), state: null, countryOrRegion: pick(r, ['EE', 'BR', 'JP', 'US']) },
    appliedConditionalAccessPolicies: i % 4 === 0 ? [] : [
      { id: guid(r), displayName: 'Require MFA', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: pick(r, ['success', 'failure', 'notApplied']) },
    ],
    signInEventTypes: [pick(r, EVENT_TYPES)],
    userAgent: 'Mozilla/5.0', tokenIssuerName: '', authenticationRequirement: pick(r, ['singleFactorAuthentication', 'multiFactorAuthentication']),
  };
}

export function directoryAudit(i: number): JsonObject {
  const r = rng(10_000 + i);
  return {
    id: `Directory_${guid(r)}_ABCDE_${i}`, activityDateTime: timeAt(i, i % 2 === 0), category: pick(r, ['UserManagement', 'GroupManagement']),
    correlationId: guid(r), result: pick(r, ['success', 'failure']), resultReason: '', loggedByService: 'Core Directory',
    activityDisplayName: pick(r, ['Add member to group', 'Update user', 'Delete user']), operationType: 'Update',
    initiatedBy: { user: { id: guid(r), displayName: 'Jonas Berg', userPrincipalName: pick(r, UPNS), ipAddress: null }, app: null },
    targetResources: [{ id: guid(r), displayName: pick(r, ['Dev Team', 'Finance', null]), type: pick(r, ['User', 'Group']), userPrincipalName: null, modifiedProperties: [] }],
    additionalDetails: [],
  };
}

export function provisioning(i: number): JsonObject {
  const r = rng(20_000 + i);
  return {
    id: `prov-${i}-${guid(r)}`, activityDateTime: timeAt(i, false), changeId: guid(r), cycleId: guid(r), durationInMilliseconds: Math.floor(r() * 5000),
    jobId: pick(r, ['aws.tenant.job1', 'API2AD.tenant.job2']), tenantId: guid(r), provisioningAction: pick(r, ['create', 'update', 'delete']),
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    provisioningStatusInfo: { status: pick(r, ['success', 'failure', 'skipped']), errorInformation: null },
    sourceIdentity: { id: guid(r), displayName: 'Mara', identityType: 'User', details: {} },
    targetIdentity: { id: guid(r), displayName: 'Mara', identityType: 'User', details: {} },
    sourceSystem: { id: guid(r), displayName: 'Azure Active Directory', details: {} },
    targetSystem: { id: guid(r), displayName: 'Amazon Web Services', details: {} },
    servicePrincipal: { id: guid(r), displayName: 'AWS' }, modifiedProperties: [], provisioningSteps: [],
  };
}

export function customSecurityAttributeAudit(i: number): JsonObject {
  const r = rng(30_000 + i);
  return {
    id: `CSA_${guid(r)}_${i}`, activityDateTime: timeAt(i, true), activityDisplayName: 'Update attribute values assigned to a user',
    category: 'AttributeManagement', correlationId: guid(r), loggedByService: 'Core Directory', operationType: 'Update', result: 'success',
    resultReason: '', initiatedBy: { user: { id: guid(r), displayName: 'Admin', userPrincipalName: 'admin@northwind.example' }, app: null },
    targetResources: [{ id: guid(r), displayName: 'Mara', type: 'User' }], additionalDetails: [], userAgent: null,
  };
}

export function signUp(i: number): JsonObject {
  const r = rng(40_000 + i);
  return {
    id: guid(r), createdDateTime: timeAt(i, false), appDisplayName: pick(r, APPS), appId: guid(r), correlationId: guid(r),
    signUpIdentity: { signUpIdentifier: `user${i}@example.com`, signUpIdentifierType: 'emailAddress' }, signUpIdentityProvider: 'Email OTP',
    signUpStage: pick(r, ['credentialCollection', 'userCreation']), status: { errorCode: pick(r, [0, 1002013]), failureReason: null, additionalDetails: null },
    userSnapshot: { userId: guid(r) }, appliedEventListeners: [],
  };
}

export const FIXTURE_MAKERS: Record<LogKind, (i: number) => JsonObject> = {
  signIns: signIn, directoryAudits: directoryAudit, provisioning, customSecurityAttributeAudits: customSecurityAttributeAudit, signUps: signUp,
};

/** Normalize and append `count` records of a kind, in batches, through the store's real write path. */
export async function loadFixtures(store: LogStore, kind: LogKind, tenantId: string, count: number, from = 0): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  for (let start = from; start < from + count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(from + count, start + 1000); i++) {
      const n = normalizeRecord(LOG_KINDS[kind].schema, FIXTURE_MAKERS[kind](i));
      out.push(n.record);
      batch.push({ record: n.record, extra: n.extra });
    }
    await store.append(kind, tenantId, batch);
  }
  return out;
}
