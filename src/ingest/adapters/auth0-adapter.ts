// `auth0`: Auth0 tenant log events, as `GET /api/v2/logs` returns them (a JSON array), one per
// line, as a custom-webhook log stream posts them (`[{"log_id":…, "data":{…}}]`) or inside an
// EventBridge event (`{"detail":{"data":{…}}}`). Log types are short codes
// (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes): logins, token exchanges,
// silent auth and MFA become signIns; sign-ups (`ss`, `fs`) become selfServiceSignUps; everything
// else (management API calls, password changes, deletions…) becomes a directoryAudit. The event is
// kept whole in the source bag.
import type { JsonObject, LogKind } from '../../model/index.ts';
import { isoTime, isObject, numAt, objAt, required, sourceBag, strAt, type FormatAdapter } from './adapter.ts';
import { ENTRA_CODES, eventTypeFields, signInStatus } from './entra-codes.ts';
import { federatedProviderName, LOCAL_EMAIL_OTP, LOCAL_PASSWORD, signUpRecord } from './sign-up-record.ts';

type Flavour = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal';

interface SignInType {
  readonly flavour: Flavour;
  /** Entra code of the outcome: 0 for success types. */
  readonly code: number;
  readonly protocol?: string;
  readonly mfa?: boolean;
}

const ok = (flavour: Flavour, extra: Partial<SignInType> = {}): SignInType => ({ flavour, code: ENTRA_CODES.success, ...extra });
const fail = (flavour: Flavour, code: number, extra: Partial<SignInType> = {}): SignInType => ({ flavour, code, ...extra });

/** The sign-in log types and what each says about the attempt. */
const SIGN_IN_TYPES: Readonly<Record<string, SignInType>> = {
  s: ok('interactiveUser'),
  f: fail('interactiveUser', ENTRA_CODES.other),
  fp: fail('interactiveUser', ENTRA_CODES.badPassword),
  fu: fail('interactiveUser', ENTRA_CODES.noSuchUser),
  fc: fail('interactiveUser', ENTRA_CODES.other),
  limit_wc: fail('interactiveUser', ENTRA_CODES.locked),
  limit_sul: fail('interactiveUser', ENTRA_CODES.locked),
  limit_mu: fail('interactiveUser', ENTRA_CODES.locked),
  pwd_leak: fail('interactiveUser', ENTRA_CODES.locked),
  ssa: ok('nonInteractiveUser'),
  fsa: fail('nonInteractiveUser', ENTRA_CODES.other),
  seacft: ok('nonInteractiveUser', { protocol: 'oAuth2' }),
  feacft: fail('nonInteractiveUser', ENTRA_CODES.other, { protocol: 'oAuth2' }),
  sertft: ok('nonInteractiveUser', { protocol: 'oAuth2' }),
  fertft: fail('nonInteractiveUser', ENTRA_CODES.other, { protocol: 'oAuth2' }),
  sepft: ok('interactiveUser', { protocol: 'ropc' }),
  fepft: fail('interactiveUser', ENTRA_CODES.badPassword, { protocol: 'ropc' }),
  seccft: ok('servicePrincipal', { protocol: 'oAuth2' }),
  feccft: fail('servicePrincipal', ENTRA_CODES.other, { protocol: 'oAuth2' }),
  gd_auth_succeed: ok('interactiveUser', { mfa: true }),
  gd_auth_failed: fail('interactiveUser', ENTRA_CODES.mfaFailed, { mfa: true }),
  gd_auth_rejected: fail('interactiveUser', ENTRA_CODES.mfaFailed, { mfa: true }),
  gd_otp_rate_limit_exceed: fail('interactiveUser', ENTRA_CODES.mfaFailed, { mfa: true }),
};

/**
 * Auth0 logs carry a summarised agent ("Chrome 120.0.0 / Mac OS X 10.15.7"), not the raw header,
 * so the user-agent parser cannot read it; its two halves are the browser and the OS.
 */
function deviceDetail(ua: string | null): JsonObject | null {
  if (!ua) return null;
  const [browser, os] = ua.split(' / ');
  return { browser: browser?.trim() || null, operatingSystem: os?.trim() || null };
}

function location(e: JsonObject): JsonObject | null {
  const l = objAt(e, 'location_info');
  if (!l) return null;
  return {
    city: strAt(l, 'city_name'), state: strAt(l, 'subdivision_name'), countryOrRegion: strAt(l, 'country_code'),
    geoCoordinates: { altitude: null, latitude: numAt(l, 'latitude'), longitude: numAt(l, 'longitude') },
  };
}

/** MFA as far as the event says: a Guardian event, or an `mfa` prompt among a login's prompts. */
function authenticationFacts(e: JsonObject, t: SignInType, date: string): JsonObject {
  const prompts = objAt(e, 'details')?.['prompts'];
  const mfaPrompt = Array.isArray(prompts) && prompts.some((p) => /mfa|guardian/i.test(strAt(p, 'name') ?? ''));
  if (!t.mfa && !mfaPrompt) return {};
  return {
    authenticationRequirement: 'multiFactorAuthentication',
    authenticationDetails: [{
      authenticationMethod: 'Auth0 MFA', authenticationMethodDetail: strAt(e, 'type'),
      authenticationStepDateTime: date, authenticationStepRequirement: 'Multi-factor authentication',
      authenticationStepResultDetail: strAt(e, 'description'), succeeded: t.code === 0,
    }],
  };
}

function toSignIn(e: JsonObject, id: string, type: string, date: string): JsonObject {
  const t = SIGN_IN_TYPES[type]!;
  const ua = strAt(e, 'user_agent');
  const sp = t.flavour === 'servicePrincipal';
  return {
    id,
    createdDateTime: date,
    userId: sp ? null : strAt(e, 'user_id'),
    userPrincipalName: sp ? null : strAt(e, 'user_name'),
    appId: strAt(e, 'client_id'),
    appDisplayName: strAt(e, 'client_name'),
    servicePrincipalId: sp ? strAt(e, 'client_id') : null,
    servicePrincipalName: sp ? strAt(e, 'client_name') : null,
    resourceId: strAt(e, 'audience'),
    ipAddress: strAt(e, 'ip'),
    userAgent: ua,
    deviceDetail: deviceDetail(ua),
    location: location(e),
    sessionId: strAt(e, 'details', 'session_id'),
    authenticationProtocol: t.protocol ?? null,
    status: signInStatus(t.code, strAt(e, 'description') ?? `Auth0 log type ${type}`, `Auth0 log type ${type}${strAt(e, 'connection') ? ` via ${strAt(e, 'connection')}` : ''}`),
    ...eventTypeFields(t.flavour),
    ...authenticationFacts(e, t, date),
    ...sourceBag('auth0', e),
  } as JsonObject;
}

const USER_TYPES = /^(s|f)(v|vr|ce|cp|cpr|cpn|cu|n)$|^(du|fdu|ublkdu|scph|fcph|scpn|sd|fd)$/;

function category(e: JsonObject, type: string): string {
  const path = strAt(e, 'details', 'request', 'path') ?? '';
  if (/\/users\b/.test(path) || USER_TYPES.test(type)) return 'UserManagement';
  if (/\/roles\b/.test(path)) return 'RoleManagement';
  if (/\/(clients|client-grants|resource-servers)\b/.test(path)) return 'ApplicationManagement';
  if (/\/(connections|tenants|organizations|actions|rules|hooks)\b/.test(path)) return 'DirectoryManagement';
  return 'Other';
}

function operationType(e: JsonObject): string {
  switch (strAt(e, 'details', 'request', 'method')?.toUpperCase()) {
    case 'POST': return 'Add';
    case 'PATCH': case 'PUT': return 'Update';
    case 'DELETE': return 'Delete';
    default: return 'Other';
  }
}

/** Auth0's own convention: failure types start with `f` (f, fapi, fcp, fs…), plus the limit and leak blocks. */
const isFailure = (type: string) => /^f/.test(type) || type.startsWith('limit_') || type === 'pwd_leak' || type === 'api_limit';

function toAudit(e: JsonObject, id: string, type: string, date: string): JsonObject {
  const admin = objAt(e, 'details', 'request', 'auth', 'user');
  const path = strAt(e, 'details', 'request', 'path');
  const user = admin
    ? { id: strAt(admin, 'user_id'), displayName: strAt(admin, 'name'), userPrincipalName: strAt(admin, 'email'), ipAddress: strAt(e, 'ip') }
    : strAt(e, 'user_id') ? { id: strAt(e, 'user_id'), userPrincipalName: strAt(e, 'user_name'), ipAddress: strAt(e, 'ip') } : null;
  return {
    id,
    activityDateTime: date,
    activityDisplayName: strAt(e, 'description') ?? `Auth0 log type ${type}`,
    category: category(e, type),
    loggedByService: 'Auth0',
    operationType: operationType(e),
    result: isFailure(type) ? 'failure' : 'success',
    resultReason: isFailure(type) ? strAt(e, 'description') : null,
    initiatedBy: { user, app: strAt(e, 'client_id') ? { appId: strAt(e, 'client_id'), displayName: strAt(e, 'client_name') } : null },
    targetResources: path
      ? [{ id: path.split('/').filter(Boolean).pop() ?? null, displayName: path, type: 'ManagementApiResource' }]
      : strAt(e, 'user_id') ? [{ id: strAt(e, 'user_id'), userPrincipalName: strAt(e, 'user_name'), type: 'User' }] : [],
    additionalDetails: [{ key: 'type', value: type }, { key: 'connection', value: strAt(e, 'connection') }],
    userAgent: strAt(e, 'user_agent'),
    ...sourceBag('auth0', e),
  } as JsonObject;
}

/** Success (`ss`) and failed (`fs`) sign-up: https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes */
const SIGN_UP_TYPES = new Set(['ss', 'fs']);

/**
 * The connection's strategy says local or social: `database` connections are password accounts,
 * the passwordless `email` strategy is an email code, a social or enterprise strategy is the
 * federated provider (`google-oauth2` → Google; an enterprise one by its connection name).
 */
function signUpProvider(e: JsonObject): string | null {
  const strategy = strAt(e, 'strategy');
  const type = strAt(e, 'strategy_type');
  if (type === 'database' || strategy === 'auth0') return LOCAL_PASSWORD;
  if (strategy === 'email') return LOCAL_EMAIL_OTP;
  if (type === 'social' && strategy) return federatedProviderName(strategy);
  const connection = strAt(e, 'connection');
  return connection ? federatedProviderName(connection) : strategy;
}

function toSignUp(e: JsonObject, id: string, type: string, date: string): JsonObject {
  const failed = type === 'fs';
  return {
    ...signUpRecord({
      id, createdDateTime: date,
      // Auth0 gives the events of one sign-up no shared id; each is an attempt of its own.
      correlationId: null,
      appId: strAt(e, 'client_id'), appDisplayName: strAt(e, 'client_name'),
      identifier: strAt(e, 'details', 'body', 'email') ?? strAt(e, 'user_name'),
      identityProvider: signUpProvider(e),
      userId: failed ? null : strAt(e, 'user_id'),
      failureReason: failed ? strAt(e, 'description') ?? 'Failed signup' : null,
      nativeType: `Auth0 log type ${type}${strAt(e, 'connection') ? ` via ${strAt(e, 'connection')}` : ''}`,
    }),
    ...sourceBag('auth0', e),
  };
}

function kindOfType(t: string): LogKind {
  if (t in SIGN_IN_TYPES) return 'signIns';
  return SIGN_UP_TYPES.has(t) ? 'signUps' : 'directoryAudits';
}

export const auth0Adapter: FormatAdapter = {
  name: 'auth0',
  unwrap(v) {
    if (!isObject(v)) return null;
    // Log stream deliveries wrap each event: `{log_id, data}` (webhook), `{detail: {data}}` (EventBridge).
    const data = objAt(v, 'data') ?? objAt(v, 'detail', 'data');
    return data && !('type' in v) ? [data] : null;
  },
  nativeId: (e) => strAt(e, 'log_id') ?? strAt(e, '_id'),
  classify(e) {
    const t = strAt(e, 'type');
    return { kind: t === null ? null : kindOfType(t), label: t ? `auth0 event of log type '${t}'` : 'auth0 event without a type' };
  },
  toRecord(e, kind: LogKind) {
    const id = required(strAt(e, 'log_id') ?? strAt(e, '_id'), 'auth0', "'log_id'");
    const date = isoTime(e['date'], 'auth0', "'date'");
    const type = required(strAt(e, 'type'), 'auth0', "'type'");
    if (kind === 'signIns') return toSignIn(e, id, type, date);
    return kind === 'signUps' ? toSignUp(e, id, type, date) : toAudit(e, id, type, date);
  },
};
