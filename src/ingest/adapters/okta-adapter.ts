// `okta`: Okta System Log LogEvents, as `GET /api/v1/logs` returns them (a JSON array), one per
// line, inside an event hook delivery (`{"data":{"events":[…]}}`) or an EventBridge log stream
// event (`{"detail-type":…, "detail":{…}}`). Sign-in events (`user.session.start`,
// `user.authentication.*`) become signIns; every other event type is an admin, lifecycle or
// self-service activity and becomes a directoryAudit. The LogEvent is kept whole in the source bag.
import type { JsonObject, JsonValue, LogKind } from '../../model/index.ts';
import {
  countryCode, isoTime, isObject, numAt, objAt, required, sentenceCase, sourceBag, strAt, type FormatAdapter,
} from './adapter.ts';
import { ENTRA_CODES, eventTypeFields, signInStatus } from './entra-codes.ts';

function isSignInType(t: string): boolean {
  return t === 'user.session.start' || t.startsWith('user.authentication.');
}

const succeeded = (result: string | null) => result === 'SUCCESS' || result === 'ALLOW';

/** Okta outcome reasons → Entra codes (see entra-codes.ts for why). */
function failureCode(eventType: string, reason: string | null): number {
  const r = (reason ?? '').toUpperCase();
  if (eventType === 'user.authentication.auth_via_mfa' || r.includes('MFA') || r === 'VERIFICATION_ERROR') return ENTRA_CODES.mfaFailed;
  if (r === 'INVALID_CREDENTIALS') return ENTRA_CODES.badPassword;
  if (r === 'LOCKED_OUT') return ENTRA_CODES.locked;
  if (r.includes('UNKNOWN_USER') || r.includes('USER_NOT_FOUND')) return ENTRA_CODES.noSuchUser;
  if (r.includes('DEACTIVATED') || r.includes('SUSPENDED')) return ENTRA_CODES.disabled;
  return ENTRA_CODES.other;
}

/** Okta credential types and factors → the method names Entra shows in authenticationDetails. */
const METHOD_NAMES: Readonly<Record<string, string>> = {
  PASSWORD: 'Password', OTP: 'OATH verification code', SMS: 'Text message', EMAIL: 'Email verification code',
  OKTA_VERIFY_PUSH: 'Mobile app notification', PUSH: 'Mobile app notification', CERTIFICATE: 'X.509 Certificate',
  IWA: 'Integrated Windows Authentication', ASSERTION: 'Federated', WEBAUTHN: 'FIDO2 security key', FIDO: 'FIDO2 security key',
};

function authenticationFacts(e: JsonObject, eventType: string, published: string, ok: boolean): JsonObject {
  const mfa = eventType === 'user.authentication.auth_via_mfa';
  const native = (mfa ? strAt(e, 'debugContext', 'debugData', 'factor') : null) ?? strAt(e, 'authenticationContext', 'credentialType');
  if (!native) return mfa ? { authenticationRequirement: 'multiFactorAuthentication' } : {};
  return {
    ...(mfa ? { authenticationRequirement: 'multiFactorAuthentication' } : {}),
    authenticationDetails: [{
      authenticationMethod: METHOD_NAMES[native.toUpperCase()] ?? native,
      authenticationMethodDetail: native,
      authenticationStepDateTime: published,
      authenticationStepRequirement: mfa ? 'Multi-factor authentication' : 'Primary authentication',
      authenticationStepResultDetail: strAt(e, 'outcome', 'reason') ?? strAt(e, 'outcome', 'result'),
      succeeded: ok,
    }],
  };
}

function location(client: JsonObject | null): JsonObject | null {
  const g = objAt(client, 'geographicalContext');
  if (!g) return null;
  return {
    city: strAt(g, 'city'), state: strAt(g, 'state'), countryOrRegion: countryCode(strAt(g, 'country')),
    geoCoordinates: { altitude: null, latitude: numAt(g, 'geolocation', 'lat'), longitude: numAt(g, 'geolocation', 'lon') },
  };
}

function targets(e: JsonObject): JsonObject[] {
  const t = e['target'];
  return Array.isArray(t) ? t.filter(isObject) : [];
}

function toSignIn(e: JsonObject, id: string, eventType: string, published: string): JsonObject {
  const client = objAt(e, 'client');
  const actor = objAt(e, 'actor');
  const result = strAt(e, 'outcome', 'result');
  const reason = strAt(e, 'outcome', 'reason');
  const ok = succeeded(result);
  // An SSO event names the application it signed in to as an AppInstance target.
  const app = targets(e).find((t) => strAt(t, 'type') === 'AppInstance');
  const ua = strAt(client, 'userAgent', 'rawUserAgent');
  return {
    id,
    createdDateTime: published,
    userId: strAt(actor, 'id'),
    userPrincipalName: strAt(actor, 'alternateId'),
    userDisplayName: strAt(actor, 'displayName'),
    appId: strAt(app, 'id') ?? strAt(client, 'id'),
    appDisplayName: strAt(app, 'displayName'),
    ipAddress: strAt(client, 'ipAddress'),
    userAgent: ua,
    // Without a raw agent, Okta's own parse is all there is; with one, the enricher formats it as Entra does.
    deviceDetail: ua ? null : { browser: strAt(client, 'userAgent', 'browser'), operatingSystem: strAt(client, 'userAgent', 'os') },
    location: location(client),
    autonomousSystemNumber: numAt(e, 'securityContext', 'asNumber'),
    correlationId: strAt(e, 'transaction', 'id'),
    sessionId: strAt(e, 'authenticationContext', 'externalSessionId'),
    status: signInStatus(ok ? ENTRA_CODES.success : failureCode(eventType, reason), reason ?? strAt(e, 'displayMessage'), `Okta ${eventType}: ${result ?? 'no outcome'}${reason ? ` (${reason})` : ''}`),
    ...eventTypeFields('interactiveUser'),
    ...authenticationFacts(e, eventType, published, ok),
    ...sourceBag('okta', e),
  } as JsonObject;
}

const CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['user.', 'UserManagement'], ['group.', 'GroupManagement'], ['application.', 'ApplicationManagement'],
  ['app.', 'ApplicationManagement'], ['policy.', 'Policy'], ['device.', 'Device'], ['system.', 'DirectoryManagement'],
];

function operationType(eventType: string): string {
  const last = eventType.slice(eventType.lastIndexOf('.') + 1);
  if (/^(create|add|assign|grant|enroll)/.test(last)) return 'Add';
  if (/^(delete|remove|revoke|unassign)/.test(last)) return 'Delete';
  if (/^(update|change|activate|deactivate|suspend|unsuspend|reset|lock|unlock)/.test(last)) return 'Update';
  return 'Other';
}

function auditResult(result: string | null): string | null {
  if (succeeded(result)) return 'success';
  if (result === 'FAILURE' || result === 'DENY') return 'failure';
  return null; // SKIPPED, CHALLENGE, UNKNOWN: no Graph counterpart; the outcome stays in the source event
}

function modifiedProperties(t: JsonObject): JsonObject[] {
  const from = objAt(t, 'changeDetails', 'from') ?? {};
  const to = objAt(t, 'changeDetails', 'to') ?? {};
  const text = (v: JsonValue | undefined) => (v === undefined ? null : JSON.stringify(v));
  return [...new Set([...Object.keys(from), ...Object.keys(to)])].map((k) => ({ displayName: k, oldValue: text(from[k]), newValue: text(to[k]) }));
}

function toAudit(e: JsonObject, id: string, eventType: string, published: string): JsonObject {
  const actor = objAt(e, 'actor');
  const client = objAt(e, 'client');
  const isUser = strAt(actor, 'type') === 'User';
  return {
    id,
    activityDateTime: published,
    activityDisplayName: strAt(e, 'displayMessage') ?? sentenceCase(eventType),
    category: CATEGORIES.find(([p]) => eventType.startsWith(p))?.[1] ?? 'Other',
    correlationId: strAt(e, 'transaction', 'id'),
    loggedByService: 'Okta',
    operationType: operationType(eventType),
    result: auditResult(strAt(e, 'outcome', 'result')),
    resultReason: strAt(e, 'outcome', 'reason'),
    initiatedBy: isUser
      ? { user: { id: strAt(actor, 'id'), displayName: strAt(actor, 'displayName'), userPrincipalName: strAt(actor, 'alternateId'), ipAddress: strAt(client, 'ipAddress') } }
      : { app: { appId: strAt(actor, 'id'), displayName: strAt(actor, 'displayName') } },
    targetResources: targets(e).map((t) => ({
      id: strAt(t, 'id'), displayName: strAt(t, 'displayName'), type: strAt(t, 'type'),
      userPrincipalName: strAt(t, 'type') === 'User' ? strAt(t, 'alternateId') : null,
      modifiedProperties: modifiedProperties(t),
    })),
    additionalDetails: [{ key: 'eventType', value: eventType }, { key: 'severity', value: strAt(e, 'severity') }],
    userAgent: strAt(client, 'userAgent', 'rawUserAgent'),
    ...sourceBag('okta', e),
  } as JsonObject;
}

export const oktaAdapter: FormatAdapter = {
  name: 'okta',
  unwrap(v) {
    if (!isObject(v)) return null;
    const hookEvents = objAt(v, 'data')?.['events'];
    if (Array.isArray(hookEvents)) return hookEvents; // event hook delivery
    if (isObject(v['detail']) && 'detail-type' in v) return [v['detail']]; // EventBridge log stream
    return null;
  },
  nativeId: (e) => strAt(e, 'uuid'),
  classify(e) {
    const t = strAt(e, 'eventType');
    return { kind: t === null ? null : isSignInType(t) ? 'signIns' : 'directoryAudits', label: t ? `okta event of type '${t}'` : 'okta event without an eventType' };
  },
  toRecord(e, kind: LogKind) {
    const id = required(strAt(e, 'uuid'), 'okta', "'uuid'");
    const published = isoTime(e['published'], 'okta', "'published'");
    const eventType = required(strAt(e, 'eventType'), 'okta', "'eventType'");
    return kind === 'signIns' ? toSignIn(e, id, eventType, published) : toAudit(e, id, eventType, published);
  },
};
