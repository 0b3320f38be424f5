// Test helpers: hand-built records with known answers, appended to an in-memory store.
// Used by report and risk tests only (no production code imports this).
import { randomUUID } from 'node:crypto';
import { LOG_KINDS, normalizeRecord, type LogKind } from '../model/index.ts';
import { DuckDbStore } from '../store/index.ts';

export const TENANT = 't-fixture';

export async function memoryStore(): Promise<DuckDbStore> {
  return DuckDbStore.open({ dataDir: ':memory:', readConnections: 2 });
}

export async function put(store: DuckDbStore, kind: LogKind, records: Record<string, unknown>[], tenant = TENANT): Promise<void> {
  const schema = LOG_KINDS[kind].schema;
  await store.append(kind, tenant, records.map((r) => normalizeRecord(schema, { id: randomUUID(), ...r })));
}

export interface SignInSpec {
  t: string;
  user?: string | null;
  app?: string;
  appName?: string;
  type?: 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';
  code?: number;
  reason?: string;
  ip?: string;
  country?: string;
  city?: string;
  lat?: number;
  lon?: number;
  browser?: string;
  os?: string;
  resource?: string;
  resourceName?: string;
  extra?: Record<string, unknown>;
}

export function signIn(s: SignInSpec): Record<string, unknown> {
  const type = s.type ?? 'interactiveUser';
  const user = s.user === undefined ? 'alice' : s.user;
  return {
    createdDateTime: s.t,
    appId: s.app ?? 'app-1',
    appDisplayName: s.appName ?? `App ${s.app ?? 'app-1'}`,
    userId: user ? `uid-${user}` : null,
    userPrincipalName: user ? `${user}@contoso.com` : null,
    userDisplayName: user,
    signInEventTypes: [type],
    isInteractive: type === 'interactiveUser',
    status: { errorCode: s.code ?? 0, failureReason: s.code ? (s.reason ?? `reason ${s.code}`) : null },
    ipAddress: s.ip ?? '10.0.0.1',
    location: { city: s.city ?? 'Seattle', countryOrRegion: s.country ?? 'US', geoCoordinates: { latitude: s.lat ?? 47.6, longitude: s.lon ?? -122.3 } },
    deviceDetail: { browser: s.browser ?? 'Edge 120.0.0', operatingSystem: s.os ?? 'Windows10' },
    resourceId: s.resource ?? '00000003-0000-0000-c000-000000000000',
    resourceDisplayName: s.resourceName ?? 'Microsoft Graph',
    ...(type === 'servicePrincipal' || type === 'managedIdentity'
      ? { servicePrincipalId: `sp-${s.app ?? 'app-1'}`, servicePrincipalName: s.appName ?? `App ${s.app ?? 'app-1'}` }
      : {}),
    ...s.extra,
  };
}

/** One sign-up attempt: the stages reached with their error codes, 5 s apart. */
export function signUpAttempt(start: string, provider: string, stages: Array<[string, number]>, opts: { userId?: string; corr?: string } = {}): Record<string, unknown>[] {
  const corr = opts.corr ?? randomUUID();
  return stages.map(([stage, code], i) => ({
    createdDateTime: new Date(Date.parse(start) + i * 5000).toISOString(),
    correlationId: corr, appId: 'portal', appDisplayName: 'Customer portal',
    signUpIdentityProvider: provider, signUpStage: stage,
    signUpIdentity: { signUpIdentifier: `${corr}@example.com`, signUpIdentifierType: 'emailAddress' },
    status: { errorCode: code, failureReason: code ? `code ${code}` : null },
    userSnapshot: { userId: opts.userId ?? (stage === 'userCreation' && (code === 0 || code === 50140) ? `new-${corr}` : null) },
  }));
}
