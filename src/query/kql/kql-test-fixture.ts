// A hand-built tenant with planted attacks whose answers are known exactly, for the KQL golden
// and detection tests (until the demo generator's ground truth is merged). Times are relative to
// NOW; every number a test asserts is visible in this file.
import { LOG_KINDS, normalizeRecord, type LogKind } from '../../model/index.ts';
import { after, before } from 'node:test';
import { DuckDbStore } from '../../store/index.ts';
import { runKql } from './kql-service.ts';

export const NOW = new Date('2024-06-15T12:00:00Z');
export const TENANT = 'tenant-a';
export const OTHER_TENANT = 'tenant-b';
const at = (hoursAgo: number, minutes = 0) => new Date(NOW.getTime() - hoursAgo * 36e5 + minutes * 6e4).toISOString();
let seq = 0;
const id = (p: string) => `${p}-${String(++seq).padStart(5, '0')}`;

const CITIES = {
  NY: { city: 'New York', state: 'NY', countryOrRegion: 'US', geoCoordinates: { latitude: 40.71, longitude: -74.0 } },
  SYD: { city: 'Sydney', state: 'NSW', countryOrRegion: 'AU', geoCoordinates: { latitude: -33.86, longitude: 151.2 } },
  MOW: { city: 'Moscow', state: 'Moscow', countryOrRegion: 'RU', geoCoordinates: { latitude: 55.75, longitude: 37.62 } },
  BJ: { city: 'Beijing', state: 'Beijing', countryOrRegion: 'CN', geoCoordinates: { latitude: 39.9, longitude: 116.4 } },
  SAO: { city: 'Sao Paulo', state: 'SP', countryOrRegion: 'BR', geoCoordinates: { latitude: -23.55, longitude: -46.63 } },
};
type City = keyof typeof CITIES;

interface SignInSpec {
  user: number; hoursAgo: number; minutes?: number; ip: string; city: City; code?: number; type?: string;
  app?: string; risk?: string; riskState?: string; sp?: string; ua?: string; ca?: string;
}

function signIn(s: SignInSpec): Record<string, unknown> {
  const type = s.type ?? 'interactiveUser';
  const user = s.sp ? {} : { userPrincipalName: `user${s.user}@contoso.com`, userId: `uid-${s.user}`, userDisplayName: `User ${s.user}`, userType: s.user === 20 ? 'guest' : 'member' };
  return {
    id: id('si'), createdDateTime: at(s.hoursAgo, s.minutes ?? 0), ...user,
    appDisplayName: s.app ?? 'Office 365', appId: s.app === 'Azure Portal' ? 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' : '4765445b-32c6-49b0-83e6-1d93765276ca',
    ipAddress: s.ip, location: CITIES[s.city], clientAppUsed: 'Browser', isInteractive: type === 'interactiveUser',
    signInEventTypes: [type], status: s.code ? { errorCode: s.code, failureReason: s.code === 50126 ? 'Invalid username or password.' : 'Failure' } : { errorCode: 0 },
    riskLevelDuringSignIn: s.risk ?? 'none', riskState: s.riskState ?? 'none', conditionalAccessStatus: s.ca ?? 'notApplied',
    deviceDetail: { operatingSystem: 'Windows 10', browser: 'Edge 120', isCompliant: s.user % 2 === 0, isManaged: false },
    userAgent: s.ua ?? 'Mozilla/5.0', resourceDisplayName: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000',
    ...(s.sp ? { servicePrincipalName: s.sp, servicePrincipalId: `sp-${s.sp}` } : {}),
    appliedConditionalAccessPolicies: s.ca === 'failure' ? [{ id: 'ca1', displayName: 'Require MFA', result: 'failure', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [] }] : [],
  };
}

export function signIns(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  // Baseline: users 1–20, one successful sign-in from New York every 12 hours for 7 days (14 each).
  for (let u = 1; u <= 20; u++) for (let h = 0; h < 14; h++) out.push(signIn({ user: u, hoursAgo: 168 - h * 12 - u * 0.1, ip: `10.0.0.${u}`, city: 'NY' }));
  // Password spray: 15 users (1–15), one 50126 each, from 203.0.113.66 (Moscow), 25 h ago, a minute apart.
  for (let u = 1; u <= 15; u++) out.push(signIn({ user: u, hoursAgo: 25, minutes: u, ip: '203.0.113.66', city: 'MOW', code: 50126 }));
  // Brute force on user5: 12 failures from 198.51.100.7 (Beijing) 10 h ago, then a success.
  for (let i = 0; i < 12; i++) out.push(signIn({ user: 5, hoursAgo: 10, minutes: i, ip: '198.51.100.7', city: 'BJ', code: 50126 }));
  out.push(signIn({ user: 5, hoursAgo: 10, minutes: 13, ip: '198.51.100.7', city: 'BJ' }));
  // Impossible travel: user7 New York then Sydney 30 minutes later.
  out.push(signIn({ user: 7, hoursAgo: 5, ip: '10.0.0.7', city: 'NY' }));
  out.push(signIn({ user: 7, hoursAgo: 5, minutes: 30, ip: '192.0.2.77', city: 'SYD' }));
  // New country: user9 from Brazil, 2 h ago (first time).
  out.push(signIn({ user: 9, hoursAgo: 2, ip: '192.0.2.99', city: 'SAO' }));
  // Risky sign-in: user11 high risk, atRisk, success 3 h ago to the Azure Portal.
  out.push(signIn({ user: 11, hoursAgo: 3, ip: '192.0.2.11', city: 'NY', risk: 'high', riskState: 'atRisk', app: 'Azure Portal' }));
  // MFA fatigue: user14, 6 × 500121 within an hour, 4 h ago.
  for (let i = 0; i < 6; i++) out.push(signIn({ user: 14, hoursAgo: 4, minutes: i * 5, ip: '10.0.0.14', city: 'NY', code: 500121 }));
  // CA failure: user16 blocked by CA (53003) twice.
  for (let i = 0; i < 2; i++) out.push(signIn({ user: 16, hoursAgo: 6, minutes: i, ip: '10.0.0.16', city: 'NY', code: 53003, ca: 'failure' }));
  // Failure spike: 40 × 50053 (locked) at 48 h ago across users 1–8.
  for (let i = 0; i < 40; i++) out.push(signIn({ user: 1 + (i % 8), hoursAgo: 48, minutes: i, ip: '10.9.9.9', city: 'NY', code: 50053 }));
  // Non-interactive: user3 token refreshes, 10 ok + 3 × 50173 (from Sydney).
  for (let i = 0; i < 10; i++) out.push(signIn({ user: 3, hoursAgo: 20 - i, ip: '10.0.0.3', city: 'NY', type: 'nonInteractiveUser' }));
  for (let i = 0; i < 3; i++) out.push(signIn({ user: 3, hoursAgo: 7, minutes: i, ip: '192.0.2.33', city: 'SYD', type: 'nonInteractiveUser', code: 50173 }));
  // Service principals: BackupApp 5 ok from 10.1.1.1, then after a credential add, 2 from 203.0.113.5; one 7000215.
  for (let i = 0; i < 5; i++) out.push(signIn({ user: 0, sp: 'BackupApp', hoursAgo: 100 - i, ip: '10.1.1.1', city: 'NY', type: 'servicePrincipal' }));
  for (let i = 0; i < 2; i++) out.push(signIn({ user: 0, sp: 'BackupApp', hoursAgo: 1, minutes: i, ip: '203.0.113.5', city: 'MOW', type: 'servicePrincipal' }));
  out.push(signIn({ user: 0, sp: 'ReportsApp', hoursAgo: 30, ip: '10.1.1.2', city: 'NY', type: 'servicePrincipal', code: 7000215 }));
  // Managed identity: 3 sign-ins.
  for (let i = 0; i < 3; i++) out.push(signIn({ user: 0, sp: 'vm-identity', hoursAgo: 12 + i, ip: '10.2.2.2', city: 'NY', type: 'managedIdentity' }));
  return out;
}

interface AuditSpec { hoursAgo: number; activity: string; category: string; by: string | { app: string }; target: Record<string, unknown>; result?: string; op?: string; service?: string }

function audit(a: AuditSpec): Record<string, unknown> {
  return {
    id: id('da'), activityDateTime: at(a.hoursAgo), activityDisplayName: a.activity, category: a.category, correlationId: id('corr'),
    initiatedBy: typeof a.by === 'string'
      ? { user: { id: `uid-${a.by}`, displayName: a.by, userPrincipalName: `${a.by}@contoso.com`, ipAddress: '10.0.0.200' } }
      : { app: { appId: 'app-1', displayName: a.by.app, servicePrincipalId: 'sp-1', servicePrincipalName: a.by.app } },
    loggedByService: a.service ?? 'Core Directory', operationType: a.op ?? 'Add', result: a.result ?? 'success', resultReason: '',
    targetResources: [a.target], additionalDetails: [{ key: 'User-Agent', value: 'Mozilla/5.0' }],
  };
}

const mp = (displayName: string, oldValue: string, newValue: string) => ({ displayName, oldValue, newValue });

export function audits(): Record<string, unknown>[] {
  return [
    audit({ hoursAgo: 20, activity: 'Add member to role', category: 'RoleManagement', by: 'admin', op: 'Assign', target: { id: 'uid-12', type: 'User', userPrincipalName: 'user12@contoso.com', modifiedProperties: [mp('Role.DisplayName', '', '"Global Administrator"')] } }),
    audit({ hoursAgo: 30, activity: 'Add member to role', category: 'RoleManagement', by: 'admin', op: 'Assign', target: { id: 'uid-13', type: 'User', userPrincipalName: 'user13@contoso.com', modifiedProperties: [mp('Role.DisplayName', '', '"Helpdesk Administrator"')] } }),
    audit({ hoursAgo: 15, activity: 'Add eligible member to role in PIM completed (permanent)', category: 'RoleManagement', by: { app: 'MS-PIM' }, service: 'PIM', op: 'AssignEligibleRole', target: { id: 'uid-4', type: 'User', userPrincipalName: 'user4@contoso.com', modifiedProperties: [] } }),
    audit({ hoursAgo: 8, activity: 'Consent to application', category: 'ApplicationManagement', by: 'user13', target: { id: 'sp-evil', displayName: 'EvilApp', type: 'ServicePrincipal', modifiedProperties: [mp('ConsentAction.Permissions', '', '"Scope: Mail.Read, offline_access"'), mp('ConsentContext.IsAdminConsent', '', '"False"')] } }),
    audit({ hoursAgo: 9, activity: 'Consent to application', category: 'ApplicationManagement', by: 'admin', target: { id: 'sp-good', displayName: 'GoodApp', type: 'ServicePrincipal', modifiedProperties: [mp('ConsentContext.IsAdminConsent', '', '"True"')] } }),
    audit({ hoursAgo: 2, activity: 'Add service principal credentials', category: 'ApplicationManagement', by: 'user11', op: 'Update', target: { id: 'sp-BackupApp', displayName: 'BackupApp', type: 'ServicePrincipal', modifiedProperties: [mp('KeyDescription', '[]', '["[KeyIdentifier=abc,KeyType=Password,KeyUsage=Verify,DisplayName=x]"]')] } }),
    audit({ hoursAgo: 40, activity: 'Update application – Certificates and secrets management ', category: 'ApplicationManagement', by: 'admin', op: 'Update', target: { id: 'app-reports', displayName: 'ReportsApp', type: 'Application', modifiedProperties: [] } }),
    audit({ hoursAgo: 50, activity: 'Add user', category: 'UserManagement', by: 'admin', target: { id: 'uid-21', type: 'User', userPrincipalName: 'user21@contoso.com', modifiedProperties: [] } }),
    audit({ hoursAgo: 49, activity: 'Delete user', category: 'UserManagement', by: 'admin', op: 'Delete', target: { id: 'uid-21', type: 'User', userPrincipalName: 'user21@contoso.com', modifiedProperties: [] } }),
    audit({ hoursAgo: 6, activity: 'Reset password (by admin)', category: 'UserManagement', by: 'admin', op: 'Update', target: { id: 'uid-5', type: 'User', userPrincipalName: 'user5@contoso.com', modifiedProperties: [] } }),
    audit({ hoursAgo: 2.5, activity: 'User registered security info', category: 'UserManagement', by: 'user11', service: 'Authentication Methods', target: { id: 'uid-11', type: 'User', userPrincipalName: 'user11@contoso.com', modifiedProperties: [] } }),
    audit({ hoursAgo: 70, activity: 'Add member to group', category: 'GroupManagement', by: 'admin', result: 'failure', target: { id: 'g-1', displayName: 'Finance', type: 'Group', modifiedProperties: [] } }),
  ];
}

export function provisioning(): Record<string, unknown>[] {
  return Array.from({ length: 10 }, (_, i) => ({
    id: id('pv'), activityDateTime: at(30 - i), changeId: `chg-${i}`, cycleId: 'cycle-1', jobId: 'job-1', durationInMilliseconds: 100 + i,
    provisioningAction: i % 2 ? 'update' : 'create', initiatedBy: { id: 'sys', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: 'sp-sf', displayName: 'Salesforce' }, sourceIdentity: { id: `uid-${i}`, displayName: `User ${i}`, identityType: 'User' },
    targetIdentity: { id: `sf-${i}`, displayName: `User ${i}`, identityType: 'User' }, sourceSystem: { id: 'aad', displayName: 'Azure Active Directory' },
    targetSystem: { id: 'sf', displayName: 'Salesforce' }, modifiedProperties: [], provisioningSteps: [],
    provisioningStatusInfo: i < 3 ? { status: 'failure', errorInformation: { errorCode: 'SalesforceDuplicateUser', reason: 'Duplicate user' } } : { status: 'success' },
  }));
}

export function csaAudits(): Record<string, unknown>[] {
  return [0, 1].map((i) => ({
    id: id('csa'), activityDateTime: at(12 + i), activityDisplayName: 'Update attribute values assigned to a user', category: 'AttributeManagement',
    correlationId: id('c'), initiatedBy: { user: { id: 'uid-admin', displayName: 'admin', userPrincipalName: 'admin@contoso.com', ipAddress: '10.0.0.200' } },
    loggedByService: 'Core Directory', operationType: 'Update', result: 'success', resultReason: '', userAgent: 'Mozilla/5.0',
    targetResources: [{ id: `uid-${i + 1}`, type: 'User', userPrincipalName: `user${i + 1}@contoso.com`, modifiedProperties: [mp('Engineering_Project', '[]', '["Baker"]')] }],
    additionalDetails: [],
  }));
}

export function signUps(): Record<string, unknown>[] {
  return Array.from({ length: 5 }, (_, i) => ({
    id: id('su'), createdDateTime: at(10 + i), appDisplayName: 'Shop', appId: 'app-shop', correlationId: id('c'),
    signUpIdentity: { signUpIdentifier: `new${i}@example.com`, signUpIdentifierType: 'emailAddress' }, signUpIdentityProvider: 'Email OTP',
    signUpStage: i === 4 ? 'credentialValidation' : 'userCreation', status: i === 4 ? { errorCode: 1002013, failureReason: 'OTP expired' } : { errorCode: 0 },
    userSnapshot: { userId: `new-${i}` }, appliedEventListeners: [],
  }));
}

export async function seedStore(): Promise<DuckDbStore> {
  const store = await DuckDbStore.open({ dataDir: ':memory:' });
  const put = async (kind: LogKind, tenant: string, recs: Record<string, unknown>[]) =>
    store.append(kind, tenant, recs.map((r) => normalizeRecord(LOG_KINDS[kind].schema, r)));
  await put('signIns', TENANT, signIns());
  await put('directoryAudits', TENANT, audits());
  await put('provisioning', TENANT, provisioning());
  await put('customSecurityAttributeAudits', TENANT, csaAudits());
  await put('signUps', TENANT, signUps());
  // Another tenant's records must never appear in tenant-a's answers.
  await put('signIns', OTHER_TENANT, [signIn({ user: 99, hoursAgo: 1, ip: '6.6.6.6', city: 'MOW', code: 50126 })]);
  return store;
}

/**
 * The seeded store, opened before a test file's tests and closed after them: call the result inside
 * a test. A file's own preparation (reading raw rows to compare with) goes in `prepare`, which runs
 * once the store is open; a second root-level before() of its own was seen to start too early.
 */
export function useSeededStore(prepare?: (store: DuckDbStore) => Promise<void>): () => DuckDbStore {
  let store: DuckDbStore | null = null;
  before(async () => {
    store = await seedStore();
    await prepare?.(store);
  });
  after(async () => {
    await store?.close();
  });
  return () => {
    if (!store) throw new Error('the seeded store is opened in before()');
    return store;
  };
}

export type KqlRow = Record<string, unknown>;

/** A query's answer on `store` at NOW in the fixture tenant: columns as "name:type", rows as objects. */
export async function kqlTable(store: DuckDbStore, q: string): Promise<{ columns: string[]; rows: KqlRow[] }> {
  const t = (await runKql(store, TENANT, q, { now: NOW })).tables[0]!;
  return { columns: t.columns.map((c) => `${c.name}:${c.type}`), rows: t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]]))) };
}

export const kqlRows = async (store: DuckDbStore, q: string): Promise<KqlRow[]> => (await kqlTable(store, q)).rows;
