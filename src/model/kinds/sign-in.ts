// microsoft.graph.signIn (spec 2.1–2.4): the beta shape, a superset of v1.0.
// Beta-only properties carry `beta: true`; `riskEventTypes` exists only in v1.0 (`v1Only: true`).
import { obj, str, list, int, bool, datetime, enm, withMeta, type InferRecord } from '../schema.ts';
import { keyValue, appliedAuthenticationEventListener } from './common-types.ts';
import { signInEnums as E, signInEventTypeValues } from './sign-in-enums.ts';
import {
  signInStatus, deviceDetail, signInLocation, appliedConditionalAccessPolicy, authenticationDetail, managedIdentity,
  networkLocationDetail, privateLinkDetails, sessionLifetimePolicy, authenticationContext,
  authenticationRequirementPolicy, authenticationAppDeviceDetails, authenticationAppPolicyDetails, mfaDetail,
  tokenProtectionStatusDetails, agenticAgentSignIn,
} from './sign-in-types.ts';

export { signInEventTypeValues, signInEnums } from './sign-in-enums.ts';

const EQ = ['eq'] as const;
const EQ_SW = ['eq', 'startswith'] as const;

export const signInSchema = obj({
  // ---- v1.0 (spec 2.1) ----
  id: str({ filter: EQ, required: true }),
  createdDateTime: datetime({ filter: ['eq', 'ge', 'le', 'gt', 'lt'], orderby: true, required: true }),
  appDisplayName: str({ filter: EQ_SW }),
  appId: str({ filter: EQ }),
  // Omitted on the wire unless the caller may read Conditional Access data (spec 4).
  appliedConditionalAccessPolicies: list(appliedConditionalAccessPolicy, { filter: ['any'] }),
  clientAppUsed: str({ filter: EQ }),
  conditionalAccessStatus: enm(E.conditionalAccessStatus, { filter: EQ }),
  correlationId: str({ filter: EQ }),
  deviceDetail,
  ipAddress: str({ filter: EQ_SW }),
  isInteractive: bool(),
  location: signInLocation,
  resourceDisplayName: str({ filter: EQ }),
  resourceId: str({ filter: EQ }),
  riskDetail: enm(E.riskDetail, { filter: EQ }),
  riskEventTypes: list(enm(E.riskEventType), { v1Only: true, doc: 'Deprecated; dropped in beta.' }),
  // Free strings; the collection is filtered through a lambda whose element ops sit on the item.
  riskEventTypes_v2: list(str({ filter: EQ_SW }), { filter: ['any', 'eq', 'startswith'] }),
  riskLevelAggregated: enm(E.riskLevel, { filter: EQ }),
  riskLevelDuringSignIn: enm(E.riskLevel, { filter: EQ }),
  riskState: enm(E.riskState, { filter: EQ }),
  status: signInStatus,
  userDisplayName: str({ filter: EQ_SW }),
  userId: str({ filter: EQ }),
  userPrincipalName: str({ filter: EQ_SW }),

  // ---- beta additions (spec 2.2) ----
  agent: withMeta(agenticAgentSignIn, { beta: true }),
  appOwnerTenantId: str({ beta: true, filter: EQ }),
  appTokenProtectionStatus: enm(E.tokenProtectionStatus, { beta: true, doc: 'Deprecated: see tokenProtectionStatusDetails.' }),
  appliedEventListeners: list(appliedAuthenticationEventListener, { beta: true }),
  authenticationAppDeviceDetails: withMeta(authenticationAppDeviceDetails, { beta: true }),
  authenticationAppPolicyEvaluationDetails: list(authenticationAppPolicyDetails, { beta: true }),
  authenticationContextClassReferences: list(authenticationContext, { beta: true }),
  authenticationDetails: list(authenticationDetail, { beta: true, filter: ['any'] }),
  authenticationMethodsUsed: list(str(), { beta: true }),
  authenticationProcessingDetails: list(keyValue, { beta: true }),
  authenticationProtocol: enm(E.protocolType, { beta: true }),
  authenticationRequirement: str({ beta: true, filter: EQ_SW }),
  authenticationRequirementPolicies: list(authenticationRequirementPolicy, { beta: true }),
  autonomousSystemNumber: int({ beta: true }),
  azureResourceId: str({ beta: true }),
  clientCredentialType: enm(E.clientCredentialType, { beta: true }),
  clientSessionId: str({ beta: true }),
  conditionalAccessAudiences: list(str({ filter: EQ }), { beta: true, filter: ['any'] }),
  crossTenantAccessType: enm(E.signInAccessType, { beta: true }),
  federatedCredentialId: str({ beta: true }),
  flaggedForReview: bool({ beta: true }),
  globalSecureAccessIpAddress: str({ beta: true }),
  homeTenantId: str({ beta: true }),
  homeTenantName: str({ beta: true }),
  incomingTokenType: enm(E.incomingTokenType, { beta: true }),
  ipAddressFromResourceProvider: str({ beta: true }),
  isTenantRestricted: bool({ beta: true }),
  isThroughGlobalSecureAccess: bool({ beta: true }),
  managedServiceIdentity: withMeta(managedIdentity, { beta: true }),
  mfaDetail: withMeta(mfaDetail, { beta: true, doc: 'Deprecated.' }),
  networkLocationDetails: list(networkLocationDetail, { beta: true }),
  originalRequestId: str({ beta: true, filter: EQ }),
  originalTransferMethod: enm(E.originalTransferMethods, { beta: true }),
  privateLinkDetails: withMeta(privateLinkDetails, { beta: true }),
  processingTimeInMilliseconds: int({ beta: true }),
  resourceOwnerTenantId: str({ beta: true, filter: EQ }),
  resourceServicePrincipalId: str({ beta: true }),
  resourceTenantId: str({ beta: true }),
  rootActorId: str({ beta: true }),
  servicePrincipalCredentialKeyId: str({ beta: true }),
  servicePrincipalCredentialThumbprint: str({ beta: true }),
  servicePrincipalId: str({ beta: true, filter: EQ_SW }),
  servicePrincipalName: str({ beta: true, filter: EQ_SW }),
  sessionId: str({ beta: true }),
  sessionLifetimePolicies: list(sessionLifetimePolicy, { beta: true }),
  // `signInEventTypes/any(t: t eq 'nonInteractiveUser')`; `ne` is also documented inside the lambda.
  signInEventTypes: list(enm(signInEventTypeValues, { filter: ['eq', 'ne'] }), { beta: true, filter: ['any'] }),
  signInIdentifier: str({ beta: true }),
  signInIdentifierType: enm(E.signInIdentifierType, { beta: true }),
  signInTokenProtectionStatus: enm(E.tokenProtectionStatus, { beta: true, doc: 'Deprecated: see tokenProtectionStatusDetails.' }),
  tokenIssuerName: str({ beta: true, filter: EQ }),
  tokenIssuerType: enm(E.tokenIssuerType, { beta: true }),
  tokenProtectionStatusDetails: withMeta(tokenProtectionStatusDetails, { beta: true }),
  uniqueTokenIdentifier: str({ beta: true }),
  userAgent: str({ beta: true, filter: EQ_SW }),
  userType: enm(E.signInUserType, { beta: true }),
});

export type SignIn = InferRecord<typeof signInSchema>;
