// The enum-typed properties of the Graph entities idtrail derives rather than stores: risk
// detections, risky users and report rows. Only enums are described (the rows are built in code),
// because these schemas exist for the evolvable-enum mask (spec 3.9) and its `$filter` check.
import { enm, obj, type ObjectSchema } from './schema.ts';
import { signInEnums as E } from './kinds/sign-in-enums.ts';

/** riskDetectionTimingType and activityType (graph-reports-and-protection.md 2.2). */
const riskDetectionTimingType = ['notDefined', 'realtime', 'nearRealtime', 'offline', 'unknownFutureValue'] as const;
const activityType = ['signin', 'user', 'unknownFutureValue', 'servicePrincipal'] as const;

export const riskDetectionEnums: ObjectSchema = obj({
  riskLevel: enm(E.riskLevel),
  riskState: enm(E.riskState),
  riskDetail: enm(E.riskDetail),
  detectionTimingType: enm(riskDetectionTimingType),
  activity: enm(activityType),
  tokenIssuerType: enm(E.tokenIssuerType),
});

export const riskyUserEnums: ObjectSchema = obj({
  riskLevel: enm(E.riskLevel),
  riskState: enm(E.riskState),
  riskDetail: enm(E.riskDetail),
});

/** featureType and usageAuthMethod (graph-reports-and-protection.md 1.7), in declared order. */
const featureType = ['registration', 'reset', 'unknownFutureValue'] as const;
const usageAuthMethod = [
  'email', 'mobileSMS', 'mobileCall', 'officePhone', 'securityQuestion', 'appNotification', 'appCode', 'alternateMobileCall',
  'fido', 'appPassword', 'unknownFutureValue', 'externalAuthMethod', 'hardwareOneTimePasscode', 'windowsHelloForBusiness',
  'microsoftAuthenticatorPasswordless', 'temporaryAccessPass', 'macOsSecureEnclaveKey', 'passKeyDeviceBound',
  'passKeyDeviceBoundAuthenticator', 'passKeyDeviceBoundWindowsHello', 'softwareOneTimePasscode', 'microsoftAuthenticatorPush',
  'mobilePhone', 'sms', 'alternateMobilePhone', 'fido2SecurityKey', 'oneTimePasscode', 'passKeySynced', 'qrCode',
] as const;

export const userEventsSummaryEnums: ObjectSchema = obj({ feature: enm(featureType), authMethod: enm(usageAuthMethod) });

/** applicationKeyType, applicationKeyUsage, applicationKeyOrigin (spec 1.5): no later members today. */
export const appCredentialSignInActivityEnums: ObjectSchema = obj({
  keyType: enm(['clientSecret', 'certificate', 'unknownFutureValue']),
  keyUsage: enm(['sign', 'verify', 'unknownFutureValue']),
  credentialOrigin: enm(['application', 'servicePrincipal', 'unknownFutureValue']),
});
