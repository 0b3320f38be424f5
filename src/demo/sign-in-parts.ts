// Precomputed parts of sign-in records: per user, app, network, device, event type and workload.
import { part, type Part } from './record-part.ts';
import type { City } from './geo-table.ts';
import type { DemoApp, DemoDevice, DemoTenant, DemoUser, DemoWorkload } from './tenant-model.ts';
import { BACKGROUND_CLIENTS, MICROSOFT_TENANT_ID } from './tenant-catalog.ts';

export type SignInEventType = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';

/** `user` is the tenant's user the record names (null for workloads and for unknown accounts). */
export type ActorPart = Part<{ readonly user: DemoUser | null; readonly userPrincipalName: string | null }>;
export type AppPart = Part<{ readonly appId: string; readonly appDisplayName: string; readonly saml: boolean }>;
export type EventPart = Part<{ readonly eventType: SignInEventType }>;

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export function userPart(u: DemoUser, interactive: boolean): ActorPart {
  return part({
    userDisplayName: u.displayName, userPrincipalName: u.userPrincipalName, userId: u.id, userType: u.userType,
    homeTenantId: u.homeTenantId, homeTenantName: u.homeTenantName,
    crossTenantAccessType: u.userType === 'guest' ? 'b2bCollaboration' : 'none',
    signInIdentifier: interactive ? u.userPrincipalName : null,
    signInIdentifierType: interactive ? 'userPrincipalName' : null,
  }, { user: u, userPrincipalName: u.userPrincipalName });
}

/** Spray and brute-force attempts name accounts that may not exist. */
export function identifierPart(tenant: DemoTenant, upn: string, user: DemoUser | null): ActorPart {
  return part({
    userDisplayName: user ? user.displayName : null, userPrincipalName: upn, userId: user ? user.id : ZERO_GUID,
    userType: user ? user.userType : 'member', homeTenantId: tenant.id, homeTenantName: null,
    crossTenantAccessType: 'none', signInIdentifier: upn, signInIdentifierType: 'userPrincipalName',
  }, { user, userPrincipalName: upn });
}

export function workloadActorPart(tenant: DemoTenant): ActorPart {
  return part({
    userDisplayName: null, userPrincipalName: null, userId: '', userType: null, homeTenantId: tenant.id,
    homeTenantName: null, crossTenantAccessType: 'none', signInIdentifier: null, signInIdentifierType: null,
  }, { user: null, userPrincipalName: null });
}

export function appPart(tenant: DemoTenant, a: {
  appId: string; displayName: string; ownerTenantId: string; resourceId: string; resourceDisplayName: string;
  resourceServicePrincipalId: string; servicePrincipalId: string; servicePrincipalName: string | null; saml?: boolean;
}): AppPart {
  return part({
    appId: a.appId, appDisplayName: a.displayName, appOwnerTenantId: a.ownerTenantId,
    resourceDisplayName: a.resourceDisplayName, resourceId: a.resourceId, resourceOwnerTenantId:
      a.resourceId === a.appId ? a.ownerTenantId : MICROSOFT_TENANT_ID,
    resourceServicePrincipalId: a.resourceServicePrincipalId, resourceTenantId: tenant.id,
    servicePrincipalId: a.servicePrincipalId, servicePrincipalName: a.servicePrincipalName,
  }, { appId: a.appId, appDisplayName: a.displayName, saml: a.saml ?? false });
}

export function userAppParts(tenant: DemoTenant): AppPart[] {
  return tenant.apps.map((a: DemoApp) => appPart(tenant, { ...a, servicePrincipalName: null, saml: a.spec.saml ?? false }));
}

export function backgroundAppParts(tenant: DemoTenant, salt: (label: string) => string): AppPart[] {
  return BACKGROUND_CLIENTS.map((b) => appPart(tenant, {
    appId: b.appId, displayName: b.displayName, ownerTenantId: MICROSOFT_TENANT_ID, resourceId: b.resource.id,
    resourceDisplayName: b.resource.displayName, resourceServicePrincipalId: salt(`rsp:${b.resource.id}`),
    servicePrincipalId: salt(`sp:${b.appId}`), servicePrincipalName: null,
  }));
}

export function workloadAppPart(tenant: DemoTenant, w: DemoWorkload, salt: (label: string) => string): AppPart {
  return appPart(tenant, {
    appId: w.appId, displayName: w.displayName, ownerTenantId: tenant.id, resourceId: w.resourceId,
    resourceDisplayName: w.resourceDisplayName, resourceServicePrincipalId: salt(`rsp:${w.resourceId}`),
    servicePrincipalId: w.id, servicePrincipalName: w.displayName,
  });
}

export function netPart(city: City, ipAddress: string, asn: number, namedLocation: string | null): Part {
  return part({
    ipAddress, autonomousSystemNumber: asn,
    location: {
      city: city.city, state: city.state, countryOrRegion: city.countryOrRegion,
      geoCoordinates: { altitude: null, latitude: city.latitude, longitude: city.longitude },
    },
    networkLocationDetails: namedLocation ? [{ networkType: 'namedNetwork', networkNames: [namedLocation] }] : [],
    ipAddressFromResourceProvider: null, globalSecureAccessIpAddress: null, isThroughGlobalSecureAccess: false,
  });
}

export function devicePart(d: DemoDevice | null, ua: { userAgent: string; browser: string; operatingSystem: string; clientAppUsed: string }): Part {
  return part({
    clientAppUsed: ua.clientAppUsed, userAgent: ua.userAgent,
    deviceDetail: {
      browser: ua.browser, browserId: null, deviceId: d ? d.deviceId : '', displayName: d ? d.displayName : null,
      isCompliant: d ? d.isCompliant : false, isManaged: d ? d.isManaged : false,
      operatingSystem: ua.operatingSystem, trustType: d ? d.trustType : '',
    },
  });
}

const event = (eventType: SignInEventType, o: Record<string, unknown>): EventPart =>
  part({
    isInteractive: eventType === 'interactiveUser', signInEventTypes: [eventType], tokenIssuerType: 'AzureAD',
    tokenIssuerName: '', originalTransferMethod: 'none', ...o,
  }, { eventType });

const processing = (kv: [string, string][]) => kv.map(([key, value]) => ({ key, value }));

export const EVENT_PARTS = {
  interactive: event('interactiveUser', {
    incomingTokenType: 'none', authenticationProtocol: 'none', clientCredentialType: 'none',
    authenticationProcessingDetails: processing([['Login Hint Present', 'True'], ['Legacy TLS (TLS 1.0, 1.1, 3DES)', 'False']]),
  }),
  interactiveSaml: event('interactiveUser', {
    incomingTokenType: 'none', authenticationProtocol: 'saml20', clientCredentialType: 'none',
    authenticationProcessingDetails: processing([['Legacy TLS (TLS 1.0, 1.1, 3DES)', 'False']]),
  }),
  interactiveRopc: event('interactiveUser', {
    incomingTokenType: 'none', authenticationProtocol: 'ropc', clientCredentialType: 'none',
    authenticationProcessingDetails: processing([['Legacy TLS (TLS 1.0, 1.1, 3DES)', 'False']]),
  }),
  nonInteractive: event('nonInteractiveUser', {
    incomingTokenType: 'refreshToken', authenticationProtocol: 'none', clientCredentialType: 'none',
    authenticationProcessingDetails: processing([['Is CAE Token', 'True']]),
  }),
  nonInteractivePrt: event('nonInteractiveUser', {
    incomingTokenType: 'primaryRefreshToken', authenticationProtocol: 'none', clientCredentialType: 'none',
    authenticationProcessingDetails: processing([['Is CAE Token', 'True']]),
  }),
  spSecret: event('servicePrincipal', {
    incomingTokenType: 'none', authenticationProtocol: 'none', clientCredentialType: 'clientSecret', authenticationProcessingDetails: [],
  }),
  spCertificate: event('servicePrincipal', {
    incomingTokenType: 'none', authenticationProtocol: 'none', clientCredentialType: 'certificate', authenticationProcessingDetails: [],
  }),
  managedIdentity: event('managedIdentity', {
    incomingTokenType: 'none', authenticationProtocol: 'none', clientCredentialType: 'managedIdentity', authenticationProcessingDetails: [],
  }),
} as const;

export type RiskKey = 'none' | 'anonymizedIPAddress' | 'unlikelyTravel' | 'passwordSpray' | 'unfamiliarFeatures';

export const RISK_PARTS: Readonly<Record<RiskKey, Part>> = (() => {
  // The deprecated v1.0 riskEventTypes enum predates newer detections; they show there as `generic`.
  const V1_TYPES = new Set(['anonymizedIPAddress', 'unlikelyTravel', 'unfamiliarFeatures']);
  const risk = (level: string, state: string, types: string[]) => part({
    riskDetail: 'none', riskLevelAggregated: level, riskLevelDuringSignIn: level, riskState: state,
    riskEventTypes: types.map((t) => (V1_TYPES.has(t) ? t : 'generic')), riskEventTypes_v2: types, flaggedForReview: false,
  });
  return {
    none: risk('none', 'none', []),
    anonymizedIPAddress: risk('medium', 'atRisk', ['anonymizedIPAddress']),
    unlikelyTravel: risk('medium', 'atRisk', ['unlikelyTravel']),
    passwordSpray: risk('high', 'atRisk', ['passwordSpray']),
    unfamiliarFeatures: risk('low', 'atRisk', ['unfamiliarFeatures']),
  };
})();

export function workloadPart(w: DemoWorkload | null): Part {
  return part({
    servicePrincipalCredentialKeyId: w && w.credentialType !== 'managedIdentity' ? w.credentialKeyId : null,
    servicePrincipalCredentialThumbprint: w ? w.thumbprint : null,
    managedServiceIdentity: {
      msiType: w ? w.msiType : 'none', associatedResourceId: w ? w.azureResourceId : null,
      federatedTokenId: null, federatedTokenIssuer: null,
    },
    azureResourceId: w ? w.azureResourceId : null,
    federatedCredentialId: null,
  });
}

/** Properties every demo sign-in has with the same value. */
export const CONSTANT_TAIL: Part = part({
  agent: { agentType: 'notAgentic', parentAppId: null },
  appTokenProtectionStatus: 'none', appliedEventListeners: [], authenticationAppDeviceDetails: null,
  authenticationAppPolicyEvaluationDetails: [], authenticationContextClassReferences: [], clientSessionId: null,
  conditionalAccessAudiences: [], isTenantRestricted: false, originalRequestId: '', privateLinkDetails: null,
  rootActorId: null, sessionLifetimePolicies: [], signInTokenProtectionStatus: 'none',
  tokenProtectionStatusDetails: { signInSessionStatus: 'unbound', signInSessionStatusCode: 0 },
});
