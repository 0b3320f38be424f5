// Complex types shared by several log kinds (spec 2.3, 2.6).
import { obj, str, list, enm, int, datetime } from '../schema.ts';

export const keyValue = obj({ key: str(), value: str() });

export const userIdentity = obj({
  id: str({ filter: ['eq'] }),
  displayName: str({ filter: ['eq'] }),
  userPrincipalName: str({ filter: ['eq', 'startswith'] }),
  ipAddress: str(),
  // auditUserIdentity (beta; also observed on the v1.0 wire) adds these. Live payloads carry userType too.
  homeTenantId: str(),
  homeTenantName: str(),
  userType: str(),
});

export const appIdentity = obj({
  appId: str({ filter: ['eq'] }),
  // Graph's directoryAudit list page documents the filter as `initiatedBy/app/appDisplayName`, and
  // scripts copy it, although the property is displayName.
  displayName: str({ filter: ['eq'], alias: 'appDisplayName' }),
  servicePrincipalId: str(),
  servicePrincipalName: str(),
});

export const auditActivityInitiator = obj({ user: userIdentity, app: appIdentity });

export const modifiedProperty = obj({ displayName: str(), oldValue: str(), newValue: str() });

export const targetResource = obj({
  id: str({ filter: ['eq'] }),
  displayName: str({ filter: ['eq', 'startswith'] }),
  type: str({ filter: ['eq'] }),
  userPrincipalName: str({ filter: ['eq', 'startswith'] }),
  groupType: enm(['unifiedGroups', 'azureAD', 'unknownFutureValue']),
  modifiedProperties: list(modifiedProperty),
});

export const operationResult = ['success', 'failure', 'timeout', 'unknownFutureValue'] as const;

// ---- shared by signIn (beta) and selfServiceSignUp -------------------------------------------

/** Custom authentication extensions; (E) members last (spec 2.4). */
export const authenticationEventType = [
  'tokenIssuanceStart', 'pageRenderStart', 'unknownFutureValue', 'attributeCollectionStart', 'attributeCollectionSubmit', 'emailOtpSend',
] as const;

// handlerResult is the abstract authenticationEventHandlerResult; customExtensionCalloutResult is its only
// concrete subtype, so its fields are modelled directly rather than as a polymorphic open object.
export const customExtensionCalloutResult = obj({
  calloutDateTime: datetime(),
  customExtensionId: str(),
  errorCode: int(),
  httpStatus: int(),
  numberOfAttempts: int(),
});

export const appliedAuthenticationEventListener = obj({
  eventType: enm(authenticationEventType),
  executedListenerId: str(),
  handlerResult: customExtensionCalloutResult,
});
