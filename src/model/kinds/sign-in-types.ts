// Sign-in complex types (spec 2.3). Filter operators here are those documented on nested paths
// (`status/errorCode`, `deviceDetail/browser`, `location/city`, …) or used inside `any()` lambdas.
import { obj, str, list, int, dbl, bool, datetime, enm, withMeta } from '../schema.ts';
import { signInEnums as E } from './sign-in-enums.ts';

export const signInStatus = obj({
  // Only `eq` is documented; community scripts filter failures with `ne 0` (spec 3.3).
  errorCode: int({ filter: ['eq', 'ne'] }),
  failureReason: str(),
  additionalDetails: str(),
});

export const deviceDetail = obj({
  browser: str({ filter: ['eq', 'startswith'] }),
  browserId: str({ beta: true }),
  deviceId: str(),
  displayName: str(),
  isCompliant: bool(),
  isManaged: bool(),
  operatingSystem: str({ filter: ['eq', 'startswith'] }),
  trustType: str(),
});

export const geoCoordinates = obj({ altitude: dbl(), latitude: dbl(), longitude: dbl() });

export const signInLocation = obj({
  city: str({ filter: ['eq', 'startswith'] }),
  state: str({ filter: ['eq', 'startswith'] }),
  countryOrRegion: str({ filter: ['eq', 'startswith'] }),
  geoCoordinates,
});

export const authenticationStrength = obj({
  authenticationStrengthId: str(),
  displayName: str(),
  authenticationStrengthResult: enm(E.authenticationStrengthResult),
});

export const conditionalAccessRuleSatisfied = obj({
  conditionalAccessCondition: enm(E.conditionalAccessConditions, { flags: true }),
  ruleSatisfied: enm(E.conditionalAccessRule),
});

const flagsDoc = 'Flags enum: one or more members joined by commas.';

export const appliedConditionalAccessPolicy = obj({
  // Lambda targets: `appliedConditionalAccessPolicies/any(p: p/result eq 'failure')`, `p/id eq '…'`.
  id: str({ filter: ['eq'] }),
  displayName: str(),
  enforcedGrantControls: list(str()),
  enforcedSessionControls: list(str()),
  result: enm(E.appliedConditionalAccessPolicyResult, { filter: ['eq'] }),
  authenticationStrength: withMeta(authenticationStrength, { beta: true }),
  conditionsSatisfied: enm(E.conditionalAccessConditions, { beta: true, flags: true, doc: flagsDoc }),
  conditionsNotSatisfied: enm(E.conditionalAccessConditions, { beta: true, flags: true, doc: flagsDoc }),
  includeRulesSatisfied: list(conditionalAccessRuleSatisfied, { beta: true }),
  excludeRulesSatisfied: list(conditionalAccessRuleSatisfied, { beta: true }),
  sessionControlsNotSatisfied: list(str(), { beta: true }),
});

export const authenticationDetail = obj({
  // Not documented as filterable; these make `authenticationDetails/any(a: …)` usable.
  authenticationMethod: str({ filter: ['eq'] }),
  authenticationMethodDetail: str(),
  authenticationStepDateTime: datetime(),
  authenticationStepRequirement: str(),
  authenticationStepResultDetail: str(),
  succeeded: bool({ filter: ['eq'] }),
});

export const managedIdentity = obj({
  msiType: enm(E.msiType),
  associatedResourceId: str(),
  federatedTokenId: str(),
  federatedTokenIssuer: str(),
});

export const networkLocationDetail = obj({ networkType: enm(E.networkType), networkNames: list(str()) });

export const privateLinkDetails = obj({ policyId: str(), policyName: str(), policyTenantId: str(), resourceId: str() });

export const sessionLifetimePolicy = obj({ expirationRequirement: enm(E.expirationRequirement), detail: str() });

export const authenticationContext = obj({ id: str(), detail: enm(E.authenticationContextDetail) });

export const authenticationRequirementPolicy = obj({ requirementProvider: enm(E.requirementProvider), detail: str() });

export const authenticationAppDeviceDetails = obj({
  appVersion: str(),
  clientApp: str(),
  deviceId: str(),
  operatingSystem: str(),
});

export const authenticationAppPolicyDetails = obj({
  policyName: str(),
  adminConfiguration: enm(E.authenticationAppAdminConfiguration),
  authenticationEvaluation: enm(E.authenticationAppEvaluation),
  status: enm(E.authenticationAppPolicyStatus),
});

export const mfaDetail = obj({ authMethod: str(), authDetail: str() });

// Filterable because Entra's token protection guide queries sign-ins with
// `tokenProtectionStatusDetails/signInSessionStatusCode eq 1003` and `.../signInSessionStatus eq 'bound'`.
export const tokenProtectionStatusDetails = obj({
  signInSessionStatus: enm(E.tokenProtectionStatus, { filter: ['eq', 'ne'] }),
  signInSessionStatusCode: int({ filter: ['eq', 'ne'] }),
});

export const agenticAgentSignIn = obj({ agentType: enm(E.agenticAgentType), parentAppId: str() });
