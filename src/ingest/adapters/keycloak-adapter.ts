// `keycloak`: Keycloak events as the admin REST API returns them (`GET /admin/realms/{realm}/events`
// → EventRepresentation, `…/admin-events` → AdminEventRepresentation; JSON arrays) or one per line.
// Login and token events become signIns; registrations (`REGISTER`, `REGISTER_ERROR`) become
// selfServiceSignUps; admin events and the other user events (logout, update password…) become
// directoryAudits. Older Keycloak versions give events no id, so one is
// derived from the event's content: resending the same event stays idempotent.
import type { JsonObject, LogKind } from '../../model/index.ts';
import { AdaptError, contentId, isoTime, isObject, objAt, sentenceCase, sourceBag, strAt, type FormatAdapter } from './adapter.ts';
import { ENTRA_CODES, eventTypeFields, signInStatus } from './entra-codes.ts';
import { federatedProviderName, LOCAL_PASSWORD, signUpRecord } from './sign-up-record.ts';

type Flavour = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal';

/** Sign-in event types (each also exists as `<TYPE>_ERROR`). */
const SIGN_IN_TYPES: Readonly<Record<string, Flavour>> = {
  LOGIN: 'interactiveUser',
  IDENTITY_PROVIDER_LOGIN: 'interactiveUser',
  IDENTITY_PROVIDER_FIRST_LOGIN: 'interactiveUser',
  IDENTITY_PROVIDER_POST_LOGIN: 'interactiveUser',
  CODE_TO_TOKEN: 'nonInteractiveUser',
  REFRESH_TOKEN: 'nonInteractiveUser',
  TOKEN_EXCHANGE: 'nonInteractiveUser',
  AUTHREQID_TO_TOKEN: 'nonInteractiveUser',
  OAUTH2_DEVICE_CODE_TO_TOKEN: 'nonInteractiveUser',
  CLIENT_LOGIN: 'servicePrincipal',
};

const baseType = (t: string) => t.replace(/_ERROR$/, '');
const isAdminEvent = (e: JsonObject) => 'operationType' in e || 'resourcePath' in e || isObject(e['authDetails']);

/** Keycloak error keys → Entra codes (see entra-codes.ts for why). */
function failureCode(error: string): number {
  switch (error) {
    case 'invalid_user_credentials': return ENTRA_CODES.badPassword;
    case 'user_not_found': return ENTRA_CODES.noSuchUser;
    case 'user_temporarily_disabled': return ENTRA_CODES.locked;
    case 'user_disabled': return ENTRA_CODES.disabled;
    case 'invalid_authentication_session': return ENTRA_CODES.other;
    default: return /totp|otp|webauthn/i.test(error) ? ENTRA_CODES.mfaFailed : ENTRA_CODES.other;
  }
}

const PROTOCOLS: Readonly<Record<string, string>> = { 'openid-connect': 'oAuth2', saml: 'saml20' };

function idOf(e: JsonObject): string {
  return strAt(e, 'id') ?? contentId('kc', e);
}

function timeOf(e: JsonObject): string {
  return isoTime(e['time'], 'keycloak', "'time'");
}

function toSignIn(e: JsonObject, type: string): JsonObject {
  const flavour = SIGN_IN_TYPES[baseType(type)]!;
  const error = strAt(e, 'error');
  const client = strAt(e, 'clientId');
  const sp = flavour === 'servicePrincipal';
  return {
    id: idOf(e),
    createdDateTime: timeOf(e),
    userId: sp ? null : strAt(e, 'userId'),
    userPrincipalName: sp ? null : strAt(e, 'details', 'username'),
    appId: client,
    appDisplayName: client,
    servicePrincipalId: sp ? client : null,
    servicePrincipalName: sp ? client : null,
    ipAddress: strAt(e, 'ipAddress'),
    sessionId: strAt(e, 'sessionId'),
    authenticationProtocol: PROTOCOLS[strAt(e, 'details', 'auth_method') ?? ''] ?? null,
    status: signInStatus(error ? failureCode(error) : ENTRA_CODES.success, error, `Keycloak ${type}${error ? `: ${error}` : ''}`),
    ...eventTypeFields(flavour),
    ...sourceBag('keycloak', e),
  } as JsonObject;
}

const CATEGORY_BY_RESOURCE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^USER/, 'UserManagement'], [/^GROUP/, 'GroupManagement'], [/ROLE/, 'RoleManagement'],
  [/^(CLIENT|PROTOCOL_MAPPER|AUTHORIZATION)/, 'ApplicationManagement'], [/^(AUTH_|REQUIRED_ACTION|CLIENT_.*POLICY)/, 'Policy'],
  [/^(REALM|IDENTITY_PROVIDER|COMPONENT|USER_FEDERATION|ORGANIZATION)/, 'DirectoryManagement'],
];

const OPERATIONS: Readonly<Record<string, string>> = { CREATE: 'Add', UPDATE: 'Update', DELETE: 'Delete', ACTION: 'Other' };

/** The representation is JSON text of the changed object; its name, when there is one, is the target's. */
function representationName(e: JsonObject): string | null {
  const text = strAt(e, 'representation');
  if (!text) return null;
  try {
    const r: unknown = JSON.parse(text);
    return strAt(r, 'username') ?? strAt(r, 'name') ?? strAt(r, 'clientId') ?? strAt(r, 'alias');
  } catch {
    return null;
  }
}

/** Admin events from Keycloak versions without `resourceType` name the resource only by path: `users/{id}` → USER. */
function resourceTypeOf(e: JsonObject, path: string | null): string {
  return strAt(e, 'resourceType') ?? (path ? path.split('/')[0]!.replace(/s$/, '').replace(/-/g, '_').toUpperCase() : 'UNKNOWN');
}

function toAdminAudit(e: JsonObject): JsonObject {
  const path = strAt(e, 'resourcePath');
  const resourceType = resourceTypeOf(e, path);
  const op = strAt(e, 'operationType') ?? 'ACTION';
  const error = strAt(e, 'error');
  const auth = objAt(e, 'authDetails');
  return {
    id: idOf(e),
    activityDateTime: timeOf(e),
    activityDisplayName: `${sentenceCase(op)} ${sentenceCase(resourceType).toLowerCase()}`,
    category: CATEGORY_BY_RESOURCE.find(([re]) => re.test(resourceType))?.[1] ?? 'Other',
    loggedByService: 'Keycloak',
    operationType: OPERATIONS[op] ?? 'Other',
    result: error ? 'failure' : 'success',
    resultReason: error,
    initiatedBy: {
      user: strAt(auth, 'userId') ? { id: strAt(auth, 'userId'), ipAddress: strAt(auth, 'ipAddress') } : null,
      app: strAt(auth, 'clientId') ? { appId: strAt(auth, 'clientId'), displayName: strAt(auth, 'clientId') } : null,
    },
    targetResources: [{
      id: path ? path.split('/').filter(Boolean).pop() ?? null : null,
      displayName: representationName(e) ?? path, type: resourceType,
    }],
    additionalDetails: [{ key: 'resourcePath', value: path }, { key: 'realmId', value: strAt(e, 'realmId') }],
    ...sourceBag('keycloak', e),
  } as JsonObject;
}

function toUserAudit(e: JsonObject, type: string): JsonObject {
  const error = strAt(e, 'error');
  const user = { id: strAt(e, 'userId'), userPrincipalName: strAt(e, 'details', 'username'), ipAddress: strAt(e, 'ipAddress') };
  return {
    id: idOf(e),
    activityDateTime: timeOf(e),
    activityDisplayName: sentenceCase(baseType(type)),
    category: 'UserManagement',
    loggedByService: 'Keycloak',
    operationType: baseType(type).startsWith('UPDATE') ? 'Update' : 'Other',
    result: error ? 'failure' : 'success',
    resultReason: error,
    initiatedBy: { user, app: strAt(e, 'clientId') ? { appId: strAt(e, 'clientId'), displayName: strAt(e, 'clientId') } : null },
    targetResources: user.id ? [{ id: user.id, userPrincipalName: user.userPrincipalName, type: 'User' }] : [],
    additionalDetails: [{ key: 'type', value: type }, { key: 'realmId', value: strAt(e, 'realmId') }],
    ...sourceBag('keycloak', e),
  } as JsonObject;
}

/**
 * A registration: through the registration form (`register_method` `form`: a local account), or a
 * first login through an identity provider that created the user (`broker`, with the provider's
 * alias in `identity_provider`).
 */
function toSignUp(e: JsonObject, type: string): JsonObject {
  const error = strAt(e, 'error');
  const idp = strAt(e, 'details', 'identity_provider');
  const client = strAt(e, 'clientId');
  return {
    ...signUpRecord({
      id: idOf(e), createdDateTime: timeOf(e),
      // The authentication session: a failed form and its successful resubmission are one attempt.
      correlationId: strAt(e, 'details', 'code_id'),
      appId: client, appDisplayName: client,
      identifier: strAt(e, 'details', 'email') ?? strAt(e, 'details', 'username'),
      identityProvider: idp && strAt(e, 'details', 'register_method') !== 'form' ? federatedProviderName(idp) : LOCAL_PASSWORD,
      userId: error ? null : strAt(e, 'userId'),
      failureReason: error,
      nativeType: `Keycloak ${type}${error ? `: ${error}` : ''}`,
    }),
    ...sourceBag('keycloak', e),
  };
}

function kindOfType(t: string): LogKind {
  if (baseType(t) in SIGN_IN_TYPES) return 'signIns';
  return baseType(t) === 'REGISTER' ? 'signUps' : 'directoryAudits';
}

export const keycloakAdapter: FormatAdapter = {
  name: 'keycloak',
  unwrap: () => null,
  nativeId: (e) => strAt(e, 'id'),
  classify(e) {
    if (isAdminEvent(e)) return { kind: 'directoryAudits', label: 'keycloak admin event' };
    const t = strAt(e, 'type');
    return { kind: t === null ? null : kindOfType(t), label: t ? `keycloak event of type '${t}'` : 'keycloak event without a type' };
  },
  toRecord(e, kind: LogKind) {
    if (isAdminEvent(e)) return toAdminAudit(e);
    const type = strAt(e, 'type');
    if (!type) throw new AdaptError("keycloak event: 'type' is missing");
    if (kind === 'signIns') return toSignIn(e, type);
    return kind === 'signUps' ? toSignUp(e, type) : toUserAudit(e, type);
  },
};
