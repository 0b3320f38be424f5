// Sign-in enumerations (spec 2.4), keyed by their Graph enum type name.
// Members marked (E) in the spec are evolvable: they are listed here because ingest must accept them;
// hiding them behind `unknownFutureValue` for clients without `Prefer: include-unknown-enum-members`
// is a serialization concern (spec 3.9), not a schema one.
import { authenticationEventType } from './common-types.ts';

export const signInEventTypeValues = ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'unknownFutureValue'] as const;

export const signInEnums = {
  conditionalAccessStatus: ['success', 'failure', 'notApplied', 'unknownFutureValue'],
  appliedConditionalAccessPolicyResult: [
    'success', 'failure', 'notApplied', 'notEnabled', 'unknown', 'unknownFutureValue',
    'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyNotApplied', 'reportOnlyInterrupted',
  ],
  riskLevel: ['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue'],
  riskState: ['none', 'confirmedSafe', 'remediated', 'dismissed', 'atRisk', 'confirmedCompromised', 'unknownFutureValue'],
  riskDetail: [
    'none', 'adminGeneratedTemporaryPassword', 'userPerformedSecuredPasswordChange', 'userPerformedSecuredPasswordReset',
    'adminConfirmedSigninSafe', 'aiConfirmedSigninSafe', 'userPassedMFADrivenByRiskBasedPolicy',
    'adminDismissedAllRiskForUser', 'adminConfirmedSigninCompromised', 'hidden', 'adminConfirmedUserCompromised',
    'unknownFutureValue',
    'adminConfirmedServicePrincipalCompromised', 'adminDismissedAllRiskForServicePrincipal', 'm365DAdminDismissedDetection',
    'userChangedPasswordOnPremises', 'adminDismissedRiskForSignIn', 'adminConfirmedAccountSafe',
    'adminConfirmedAgentSafe', 'adminConfirmedAgentCompromised', 'adminDismissedRiskForAgent', 'microsoftRevokedSessions',
  ],
  riskEventType: [
    'unlikelyTravel', 'anonymizedIPAddress', 'maliciousIPAddress', 'unfamiliarFeatures', 'malwareInfectedIPAddress',
    'suspiciousIPAddress', 'leakedCredentials', 'investigationsThreatIntelligence', 'generic',
    'adminConfirmedUserCompromised', 'mcasImpossibleTravel', 'mcasSuspiciousInboxManipulationRules',
    'investigationsThreatIntelligenceSigninLinked', 'maliciousIPAddressValidCredentialsBlockedIP', 'unknownFutureValue',
  ],
  signInIdentifierType: ['userPrincipalName', 'phoneNumber', 'proxyAddress', 'qrCode', 'onPremisesUserPrincipalName', 'unknownFutureValue'],
  // PascalCase on the wire, unlike every other Graph enum.
  tokenIssuerType: ['AzureAD', 'ADFederationServices', 'UnknownFutureValue', 'AzureADBackupAuth', 'ADFederationServicesMFAAdapter', 'NPSExtension'],
  clientCredentialType: [
    'none', 'clientSecret', 'clientAssertion', 'federatedIdentityCredential', 'managedIdentity', 'certificate', 'unknownFutureValue',
  ],
  incomingTokenType: ['none', 'primaryRefreshToken', 'saml11', 'saml20', 'unknownFutureValue', 'remoteDesktopToken', 'refreshToken'],
  signInUserType: ['member', 'guest', 'unknownFutureValue'],
  signInAccessType: [
    'none', 'b2bCollaboration', 'b2bDirectConnect', 'microsoftSupport', 'serviceProvider', 'unknownFutureValue', 'passthrough',
  ],
  protocolType: [
    'none', 'oAuth2', 'ropc', 'wsFederation', 'saml20', 'deviceCode', 'unknownFutureValue',
    'authenticationTransfer', 'nativeAuth', 'implicitAccessTokenAndGetResponseMode', 'implicitIdTokenAndGetResponseMode',
    'implicitAccessTokenAndPostResponseMode', 'implicitIdTokenAndPostResponseMode', 'authorizationCodeWithoutPkce',
    'authorizationCodeWithPkce', 'clientCredentials', 'refreshTokenGrant', 'encryptedAuthorizeResponse', 'directUserGrant',
    'kerberos', 'prtGrant', 'seamlessSso', 'prtBrokerBased', 'prtNonBrokerBased', 'onBehalfOf', 'samlOnBehalfOf',
    'officeS2S', 'wsTrust',
  ],
  originalTransferMethods: ['none', 'deviceCodeFlow', 'authenticationTransfer', 'unknownFutureValue'],
  tokenProtectionStatus: ['none', 'bound', 'unbound', 'unknownFutureValue'],
  msiType: ['none', 'userAssigned', 'systemAssigned', 'unknownFutureValue'],
  networkType: ['intranet', 'extranet', 'namedNetwork', 'trusted', 'trustedNamedLocation', 'unknownFutureValue'],
  expirationRequirement: [
    'rememberMultifactorAuthenticationOnTrustedDevices', 'tenantTokenLifetimePolicy', 'audienceTokenLifetimePolicy',
    'signInFrequencyPeriodicReauthentication', 'ngcMfa', 'signInFrequencyEveryTime', 'unknownFutureValue',
  ],
  authenticationContextDetail: ['required', 'previouslySatisfied', 'notApplicable', 'unknownFutureValue'],
  requirementProvider: [
    'user', 'request', 'servicePrincipal', 'v1ConditionalAccess', 'multiConditionalAccess', 'tenantSessionRiskPolicy',
    'accountCompromisePolicies', 'v1ConditionalAccessDependency', 'v1ConditionalAccessPolicyIdRequested',
    'mfaRegistrationRequiredByIdentityProtectionPolicy', 'baselineProtection', 'mfaRegistrationRequiredByBaselineProtection',
    'mfaRegistrationRequiredByMultiConditionalAccess', 'enforcedForCspAdmins', 'securityDefaults',
    'mfaRegistrationRequiredBySecurityDefaults', 'proofUpCodeRequest', 'crossTenantOutboundRule', 'gpsLocationCondition',
    'riskBasedPolicy', 'unknownFutureValue', 'scopeBasedAuthRequirementPolicy', 'authenticationStrengths',
  ],
  // A flags enum: the wire value may be several members joined by commas ("application,users").
  conditionalAccessConditions: [
    'none', 'application', 'users', 'devicePlatform', 'location', 'clientType', 'signInRisk', 'userRisk', 'time',
    'deviceState', 'client', 'ipAddressSeenByAzureAD', 'ipAddressSeenByResourceProvider', 'unknownFutureValue',
    'servicePrincipals', 'servicePrincipalRisk', 'authenticationFlows', 'insiderRisk',
  ],
  conditionalAccessRule: [
    'allApps', 'firstPartyApps', 'office365', 'appId', 'acr', 'appFilter', 'allUsers', 'guest', 'groupId', 'roleId',
    'userId', 'allDevicePlatforms', 'devicePlatform', 'allLocations', 'insideCorpnet', 'allTrustedLocations', 'locationId',
    'allDevices', 'deviceFilter', 'deviceState', 'unknownFutureValue',
    'deviceFilterIncludeRuleNotMatched', 'allDeviceStates', 'anonymizedIPAddress', 'unfamiliarFeatures',
    'nationStateIPAddress', 'realTimeThreatIntelligence', 'internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember',
    'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider', 'microsoftAdminPortals', 'deviceCodeFlow',
    'accountTransfer', 'insiderRisk',
  ],
  authenticationStrengthResult: [
    'notSet', 'skippedForProofUp', 'satisfied', 'singleChallengeRequired', 'multipleChallengesRequired',
    'singleRegistrationRequired', 'multipleRegistrationsRequired', 'cannotSatisfyDueToCombinationConfiguration',
    'cannotSatisfy', 'unknownFutureValue',
  ],
  authenticationEventType,
  authenticationAppAdminConfiguration: ['notApplicable', 'enabled', 'disabled', 'unknownFutureValue'],
  authenticationAppEvaluation: ['success', 'failure', 'unknownFutureValue'],
  authenticationAppPolicyStatus: [
    'unknown', 'appLockOutOfDate', 'appLockEnabled', 'appLockDisabled', 'appContextOutOfDate', 'appContextShown',
    'appContextNotShown', 'locationContextOutOfDate', 'locationContextShown', 'locationContextNotShown',
    'numberMatchOutOfDate', 'numberMatchCorrectNumberEntered', 'numberMatchIncorrectNumberEntered', 'numberMatchDeny',
    'tamperResistantHardwareOutOfDate', 'tamperResistantHardwareUsed', 'tamperResistantHardwareNotUsed', 'unknownFutureValue',
  ],
  agenticAgentType: ['notAgentic', 'agenticAppBuilder', 'agenticApp', 'agenticAppInstance', 'unknownFutureValue'],
} as const satisfies Record<string, readonly string[]>;

export type SignInEnumName = keyof typeof signInEnums;
