// Facts from spec graph-auditlogs.md 2.1–2.9 and 3.2, checked against the schema descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldSchema, FilterOp, ObjectSchema } from '../schema.ts';
import { signInSchema, signInEnums, signInEventTypeValues } from './sign-in.ts';
import { customSecurityAttributeAuditSchema } from './custom-security-attribute-audit.ts';
import { directoryAuditSchema } from './directory-audit.ts';
import { provisioningObjectSummarySchema } from './provisioning-object-summary.ts';
import { selfServiceSignUpSchema } from './self-service-sign-up.ts';

/** Follow a Graph path (`status/errorCode`); a list segment steps into its item type. */
function at(root: ObjectSchema, path: string): FieldSchema {
  let cur: FieldSchema = root;
  for (const seg of path.split('/')) {
    while (cur.kind === 'list') cur = cur.item;
    assert.equal(cur.kind, 'object', `${path}: ${seg} is not under an object`);
    const next: FieldSchema | undefined = (cur as ObjectSchema).fields[seg];
    assert.ok(next, `${path}: no field ${seg}`);
    cur = next;
  }
  return cur;
}
const itemOf = (s: FieldSchema): FieldSchema => (s.kind === 'list' ? s.item : s);
const enumAt = (root: ObjectSchema, path: string) => itemOf(at(root, path)).meta.enum;
const names = (o: ObjectSchema) => Object.keys(o.fields).sort();
const v1View = (o: ObjectSchema) => Object.keys(o.fields).filter((k) => !o.fields[k].meta.beta).sort();
const betaView = (o: ObjectSchema) => Object.keys(o.fields).filter((k) => !o.fields[k].meta.v1Only).sort();

/** Spec 2.1 table rows. The heading says "23 properties": the declared ones, not counting inherited `id`. */
const SIGNIN_V1 = [
  'id', 'createdDateTime', 'appDisplayName', 'appId', 'appliedConditionalAccessPolicies', 'clientAppUsed',
  'conditionalAccessStatus', 'correlationId', 'deviceDetail', 'ipAddress', 'isInteractive', 'location',
  'resourceDisplayName', 'resourceId', 'riskDetail', 'riskEventTypes', 'riskEventTypes_v2', 'riskLevelAggregated',
  'riskLevelDuringSignIn', 'riskState', 'status', 'userDisplayName', 'userId', 'userPrincipalName',
];
/** Spec 2.2 table rows. */
const SIGNIN_BETA_ADDS = [
  'agent', 'appOwnerTenantId', 'appTokenProtectionStatus', 'appliedEventListeners', 'authenticationAppDeviceDetails',
  'authenticationAppPolicyEvaluationDetails', 'authenticationContextClassReferences', 'authenticationDetails',
  'authenticationMethodsUsed', 'authenticationProcessingDetails', 'authenticationProtocol', 'authenticationRequirement',
  'authenticationRequirementPolicies', 'autonomousSystemNumber', 'azureResourceId', 'clientCredentialType',
  'clientSessionId', 'conditionalAccessAudiences', 'crossTenantAccessType', 'federatedCredentialId', 'flaggedForReview',
  'globalSecureAccessIpAddress', 'homeTenantId', 'homeTenantName', 'incomingTokenType', 'ipAddressFromResourceProvider',
  'isTenantRestricted', 'isThroughGlobalSecureAccess', 'managedServiceIdentity', 'mfaDetail', 'networkLocationDetails',
  'originalRequestId', 'originalTransferMethod', 'privateLinkDetails', 'processingTimeInMilliseconds',
  'resourceOwnerTenantId', 'resourceServicePrincipalId', 'resourceTenantId', 'rootActorId',
  'servicePrincipalCredentialKeyId', 'servicePrincipalCredentialThumbprint', 'servicePrincipalId',
  'servicePrincipalName', 'sessionId', 'sessionLifetimePolicies', 'signInEventTypes', 'signInIdentifier',
  'signInIdentifierType', 'signInTokenProtectionStatus', 'tokenIssuerName', 'tokenIssuerType',
  'tokenProtectionStatusDetails', 'uniqueTokenIdentifier', 'userAgent', 'userType',
];

test('signIn v1.0 view is exactly the spec 2.1 table (24 rows: 23 declared + id)', () => {
  assert.deepEqual(v1View(signInSchema), [...SIGNIN_V1].sort());
  assert.equal(v1View(signInSchema).filter((k) => k !== 'id').length, 23);
  assert.equal(signInSchema.fields.riskEventTypes.meta.v1Only, true);
});

test('signIn beta view is v1.0 minus riskEventTypes plus spec 2.2, every addition marked beta', () => {
  const expected = [...SIGNIN_V1.filter((k) => k !== 'riskEventTypes'), ...SIGNIN_BETA_ADDS].sort();
  assert.deepEqual(betaView(signInSchema), expected);
  assert.ok(betaView(signInSchema).length >= 70);
  assert.equal(betaView(signInSchema).length, 78);
  assert.equal(names(signInSchema).length, 79);
  for (const k of SIGNIN_BETA_ADDS) assert.equal(signInSchema.fields[k as keyof typeof signInSchema.fields].meta.beta, true, k);
});

test('signIn nested beta-only members', () => {
  assert.equal(at(signInSchema, 'deviceDetail/browserId').meta.beta, true);
  assert.notEqual(at(signInSchema, 'deviceDetail/browser').meta.beta, true);
  const acp = itemOf(at(signInSchema, 'appliedConditionalAccessPolicies')) as ObjectSchema;
  assert.deepEqual(
    Object.keys(acp.fields).filter((k) => acp.fields[k].meta.beta).sort(),
    ['authenticationStrength', 'conditionsNotSatisfied', 'conditionsSatisfied', 'excludeRulesSatisfied',
      'includeRulesSatisfied', 'sessionControlsNotSatisfied'],
  );
  assert.deepEqual(Object.keys(acp.fields).filter((k) => !acp.fields[k].meta.beta).sort(),
    ['displayName', 'enforcedGrantControls', 'enforcedSessionControls', 'id', 'result']);
});

test('signIn complex types carry every spec 2.3 property with its EDM type', () => {
  const shapes: Record<string, string[]> = {
    status: ['additionalDetails', 'errorCode', 'failureReason'],
    deviceDetail: ['browser', 'browserId', 'deviceId', 'displayName', 'isCompliant', 'isManaged', 'operatingSystem', 'trustType'],
    location: ['city', 'countryOrRegion', 'geoCoordinates', 'state'],
    'location/geoCoordinates': ['altitude', 'latitude', 'longitude'],
    'appliedConditionalAccessPolicies/authenticationStrength': ['authenticationStrengthId', 'authenticationStrengthResult', 'displayName'],
    'appliedConditionalAccessPolicies/includeRulesSatisfied': ['conditionalAccessCondition', 'ruleSatisfied'],
    authenticationDetails: ['authenticationMethod', 'authenticationMethodDetail', 'authenticationStepDateTime',
      'authenticationStepRequirement', 'authenticationStepResultDetail', 'succeeded'],
    managedServiceIdentity: ['associatedResourceId', 'federatedTokenId', 'federatedTokenIssuer', 'msiType'],
    networkLocationDetails: ['networkNames', 'networkType'],
    privateLinkDetails: ['policyId', 'policyName', 'policyTenantId', 'resourceId'],
    sessionLifetimePolicies: ['detail', 'expirationRequirement'],
    authenticationContextClassReferences: ['detail', 'id'],
    authenticationRequirementPolicies: ['detail', 'requirementProvider'],
    appliedEventListeners: ['eventType', 'executedListenerId', 'handlerResult'],
    'appliedEventListeners/handlerResult': ['calloutDateTime', 'customExtensionId', 'errorCode', 'httpStatus', 'numberOfAttempts'],
    authenticationAppDeviceDetails: ['appVersion', 'clientApp', 'deviceId', 'operatingSystem'],
    authenticationAppPolicyEvaluationDetails: ['adminConfiguration', 'authenticationEvaluation', 'policyName', 'status'],
    mfaDetail: ['authDetail', 'authMethod'],
    tokenProtectionStatusDetails: ['signInSessionStatus', 'signInSessionStatusCode'],
    agent: ['agentType', 'parentAppId'],
  };
  for (const [path, fields] of Object.entries(shapes)) {
    const o = itemOf(at(signInSchema, path));
    assert.equal(o.kind, 'object', path);
    assert.deepEqual(names(o as ObjectSchema), fields, path);
  }
  const typeOf = (p: string) => { const s = itemOf(at(signInSchema, p)); return s.kind === 'scalar' ? s.type : s.kind; };
  const types: Record<string, string> = {
    'status/errorCode': 'int', 'location/geoCoordinates/latitude': 'double', 'location/geoCoordinates/altitude': 'double',
    autonomousSystemNumber: 'int', processingTimeInMilliseconds: 'int', 'tokenProtectionStatusDetails/signInSessionStatusCode': 'int',
    'appliedEventListeners/handlerResult/httpStatus': 'int', 'appliedEventListeners/handlerResult/calloutDateTime': 'datetime',
    'authenticationDetails/authenticationStepDateTime': 'datetime', 'authenticationDetails/succeeded': 'bool',
    'deviceDetail/isCompliant': 'bool', isInteractive: 'bool', flaggedForReview: 'bool', createdDateTime: 'datetime',
    authenticationMethodsUsed: 'string', authenticationProcessingDetails: 'object', riskEventTypes_v2: 'string',
  };
  for (const [p, t] of Object.entries(types)) assert.equal(typeOf(p), t, p);
});

/** Member counts of every spec 2.4 enum (riskEventTypes_v2 is free text and not an enum). */
const ENUM_SIZES: Record<string, number> = {
  conditionalAccessStatus: 4, appliedConditionalAccessPolicyResult: 10, riskLevel: 6, riskState: 7, riskDetail: 22,
  riskEventType: 15, signInIdentifierType: 6, tokenIssuerType: 6, clientCredentialType: 7, incomingTokenType: 7,
  signInUserType: 3, signInAccessType: 7, protocolType: 28, originalTransferMethods: 4, tokenProtectionStatus: 4,
  msiType: 4, networkType: 6, expirationRequirement: 7, authenticationContextDetail: 4, requirementProvider: 23,
  conditionalAccessConditions: 18, conditionalAccessRule: 37, authenticationStrengthResult: 10,
  authenticationEventType: 6, authenticationAppAdminConfiguration: 4, authenticationAppEvaluation: 3,
  authenticationAppPolicyStatus: 18, agenticAgentType: 5,
};

test('every spec 2.4 enum is present, complete and evolvable', () => {
  assert.deepEqual(Object.keys(signInEnums).sort(), Object.keys(ENUM_SIZES).sort());
  for (const [name, members] of Object.entries(signInEnums)) {
    assert.equal(members.length, ENUM_SIZES[name], name);
    assert.equal(new Set(members).size, members.length, `${name} has duplicates`);
    assert.ok(members.includes('unknownFutureValue' as never) || members.includes('UnknownFutureValue' as never), name);
  }
  const has = (e: readonly string[], ...m: string[]) => { for (const x of m) assert.ok(e.includes(x), x); };
  has(signInEnums.appliedConditionalAccessPolicyResult, 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyNotApplied', 'reportOnlyInterrupted');
  has(signInEnums.riskDetail, 'adminConfirmedAccountSafe', 'm365DAdminDismissedDetection', 'microsoftRevokedSessions');
  has(signInEnums.tokenIssuerType, 'AzureAD', 'ADFederationServicesMFAAdapter', 'NPSExtension');
  has(signInEnums.incomingTokenType, 'remoteDesktopToken', 'refreshToken');
  has(signInEnums.signInAccessType, 'passthrough');
  has(signInEnums.protocolType, 'nativeAuth', 'samlOnBehalfOf', 'officeS2S', 'wsTrust');
  has(signInEnums.requirementProvider, 'scopeBasedAuthRequirementPolicy', 'authenticationStrengths');
  has(signInEnums.conditionalAccessConditions, 'servicePrincipals', 'insiderRisk');
  has(signInEnums.conditionalAccessRule, 'deviceFilterIncludeRuleNotMatched', 'insiderRisk');
  has(signInEnums.authenticationEventType, 'attributeCollectionStart', 'attributeCollectionSubmit', 'emailOtpSend');
  assert.deepEqual([...signInEventTypeValues], ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'unknownFutureValue']);
});

test('enum-typed signIn properties use their spec enum', () => {
  const where: Record<string, keyof typeof signInEnums> = {
    conditionalAccessStatus: 'conditionalAccessStatus', riskDetail: 'riskDetail', riskLevelAggregated: 'riskLevel',
    riskLevelDuringSignIn: 'riskLevel', riskState: 'riskState', riskEventTypes: 'riskEventType',
    'appliedConditionalAccessPolicies/result': 'appliedConditionalAccessPolicyResult',
    'appliedConditionalAccessPolicies/conditionsSatisfied': 'conditionalAccessConditions',
    'appliedConditionalAccessPolicies/conditionsNotSatisfied': 'conditionalAccessConditions',
    'appliedConditionalAccessPolicies/includeRulesSatisfied/conditionalAccessCondition': 'conditionalAccessConditions',
    'appliedConditionalAccessPolicies/excludeRulesSatisfied/ruleSatisfied': 'conditionalAccessRule',
    'appliedConditionalAccessPolicies/authenticationStrength/authenticationStrengthResult': 'authenticationStrengthResult',
    signInIdentifierType: 'signInIdentifierType', tokenIssuerType: 'tokenIssuerType',
    clientCredentialType: 'clientCredentialType', incomingTokenType: 'incomingTokenType', userType: 'signInUserType',
    crossTenantAccessType: 'signInAccessType', authenticationProtocol: 'protocolType',
    originalTransferMethod: 'originalTransferMethods', appTokenProtectionStatus: 'tokenProtectionStatus',
    signInTokenProtectionStatus: 'tokenProtectionStatus', 'tokenProtectionStatusDetails/signInSessionStatus': 'tokenProtectionStatus',
    'managedServiceIdentity/msiType': 'msiType', 'networkLocationDetails/networkType': 'networkType',
    'sessionLifetimePolicies/expirationRequirement': 'expirationRequirement',
    'authenticationContextClassReferences/detail': 'authenticationContextDetail',
    'authenticationRequirementPolicies/requirementProvider': 'requirementProvider',
    'appliedEventListeners/eventType': 'authenticationEventType',
    'authenticationAppPolicyEvaluationDetails/adminConfiguration': 'authenticationAppAdminConfiguration',
    'authenticationAppPolicyEvaluationDetails/authenticationEvaluation': 'authenticationAppEvaluation',
    'authenticationAppPolicyEvaluationDetails/status': 'authenticationAppPolicyStatus',
    'agent/agentType': 'agenticAgentType',
  };
  for (const [path, name] of Object.entries(where)) assert.deepEqual(enumAt(signInSchema, path), signInEnums[name], path);
  assert.deepEqual(enumAt(signInSchema, 'signInEventTypes'), signInEventTypeValues);
  assert.equal(enumAt(signInSchema, 'riskEventTypes_v2'), undefined, 'riskEventTypes_v2 is free text');
  // Every enum in 2.4 is used somewhere.
  assert.deepEqual(new Set(Object.values(where)), new Set(Object.keys(signInEnums)));
});

type FilterTable = Record<string, readonly FilterOp[]>;
function checkFilters(root: ObjectSchema, table: FilterTable) {
  for (const [path, ops] of Object.entries(table)) assert.deepEqual(at(root, path).meta.filter, ops, path);
}
/** Every filterable path with its ops, so an unexpected one fails too. */
function filterablePaths(root: ObjectSchema): string[] {
  const out: string[] = [];
  const walk = (s: FieldSchema, path: string) => {
    if (path && s.meta.filter) out.push(path);
    const inner = itemOf(s);
    if (inner !== s && inner.meta.filter) out.push(`${path}/*`);
    if (inner.kind === 'object') for (const [k, f] of Object.entries(inner.fields)) walk(f, path ? `${path}/${k}` : k);
  };
  walk(root, '');
  return out.sort();
}

const EQ: FilterOp[] = ['eq'];
const EQ_SW: FilterOp[] = ['eq', 'startswith'];
const EQ_CT: FilterOp[] = ['eq', 'contains'];

test('signIn filter operators (spec 2.1, 2.2, 3.2)', () => {
  const table: FilterTable = {
    id: EQ, userId: EQ, appId: EQ, correlationId: EQ, resourceId: EQ, resourceDisplayName: EQ, clientAppUsed: EQ,
    conditionalAccessStatus: EQ, riskDetail: EQ, riskLevelAggregated: EQ, riskLevelDuringSignIn: EQ, riskState: EQ,
    'status/errorCode': ['eq', 'ne'],
    appDisplayName: EQ_SW, userDisplayName: EQ_SW, userPrincipalName: EQ_SW, ipAddress: EQ_SW,
    'deviceDetail/browser': EQ_SW, 'deviceDetail/operatingSystem': EQ_SW,
    'location/city': EQ_SW, 'location/state': EQ_SW, 'location/countryOrRegion': EQ_SW,
    riskEventTypes_v2: ['any', 'eq', 'startswith'],
    createdDateTime: ['eq', 'ge', 'le', 'gt', 'lt'],
    appOwnerTenantId: EQ, resourceOwnerTenantId: EQ, originalRequestId: EQ, tokenIssuerName: EQ,
    authenticationRequirement: EQ_SW, servicePrincipalId: EQ_SW, servicePrincipalName: EQ_SW, userAgent: EQ_SW,
    signInEventTypes: ['any'], conditionalAccessAudiences: ['any'],
    appliedConditionalAccessPolicies: ['any'], 'appliedConditionalAccessPolicies/result': EQ,
    'appliedConditionalAccessPolicies/id': EQ,
    authenticationDetails: ['any'], 'authenticationDetails/authenticationMethod': EQ, 'authenticationDetails/succeeded': EQ,
    // Entra's token protection guide filters on these.
    'tokenProtectionStatusDetails/signInSessionStatus': ['eq', 'ne'], 'tokenProtectionStatusDetails/signInSessionStatusCode': ['eq', 'ne'],
  };
  checkFilters(signInSchema, table);
  // Lambda element operators sit on the item of primitive collections.
  assert.deepEqual(itemOf(signInSchema.fields.signInEventTypes).meta.filter, ['eq', 'ne']);
  assert.deepEqual(itemOf(signInSchema.fields.riskEventTypes_v2).meta.filter, EQ_SW);
  assert.deepEqual(itemOf(signInSchema.fields.conditionalAccessAudiences).meta.filter, EQ);
  const lambdaItems = ['conditionalAccessAudiences/*', 'riskEventTypes_v2/*', 'signInEventTypes/*'];
  assert.deepEqual(filterablePaths(signInSchema), [...Object.keys(table), ...lambdaItems].sort());
  assert.equal(signInSchema.fields.createdDateTime.meta.orderby, true);
  const ordered = Object.keys(signInSchema.fields).filter((k) => signInSchema.fields[k as 'id'].meta.orderby);
  assert.deepEqual(ordered, ['createdDateTime']);
  const required = Object.keys(signInSchema.fields).filter((k) => signInSchema.fields[k as 'id'].meta.required);
  assert.deepEqual(required.sort(), ['createdDateTime', 'id']);
});

test('customSecurityAttributeAudit has the beta directoryAudit shape (spec 2.7)', () => {
  assert.deepEqual(names(customSecurityAttributeAuditSchema), names(directoryAuditSchema));
  assert.equal(names(customSecurityAttributeAuditSchema).length, 13);
  checkFilters(customSecurityAttributeAuditSchema, {
    id: EQ, activityDisplayName: EQ_SW, loggedByService: EQ, correlationId: EQ, targetResources: ['any'],
    'targetResources/id': EQ, 'targetResources/displayName': EQ_SW,
    'initiatedBy/user/id': EQ, 'initiatedBy/user/displayName': EQ, 'initiatedBy/user/userPrincipalName': EQ_SW,
    'initiatedBy/app/appId': EQ, 'initiatedBy/app/displayName': EQ,
  });
  assert.ok(customSecurityAttributeAuditSchema.fields.activityDateTime.meta.orderby);
  for (const op of ['eq', 'ge', 'le'] as const) assert.ok(customSecurityAttributeAuditSchema.fields.activityDateTime.meta.filter?.includes(op));
});

test('provisioningObjectSummary (spec 2.8)', () => {
  const p = provisioningObjectSummarySchema;
  assert.deepEqual(names(p), [
    'action', 'activityDateTime', 'changeId', 'cycleId', 'durationInMilliseconds', 'id', 'initiatedBy', 'jobId',
    'modifiedProperties', 'provisioningAction', 'provisioningStatusInfo', 'provisioningSteps', 'servicePrincipal',
    'sourceIdentity', 'sourceSystem', 'statusInfo', 'targetIdentity', 'targetSystem', 'tenantId',
  ]);
  assert.deepEqual(Object.keys(p.fields).filter((k) => p.fields[k as 'id'].meta.beta).sort(), ['action', 'statusInfo']);
  assert.equal(p.fields.servicePrincipal.kind, 'object', 'single object, not a collection');
  assert.equal(at(p, 'sourceIdentity/details').kind, 'open');
  assert.equal(at(p, 'targetSystem/details').kind, 'open');
  assert.equal(at(p, 'provisioningSteps/details').kind, 'open');
  assert.deepEqual(names(at(p, 'provisioningStatusInfo/errorInformation') as ObjectSchema),
    ['additionalDetails', 'errorCategory', 'errorCode', 'reason', 'recommendedAction']);
  assert.deepEqual(names(at(p, 'statusInfo') as ObjectSchema),
    ['additionalDetails', 'errorCategory', 'errorCode', 'reason', 'recommendedAction', 'status']);
  assert.deepEqual(names(itemOf(at(p, 'provisioningSteps')) as ObjectSchema), ['description', 'details', 'name', 'provisioningStepType', 'status']);
  assert.deepEqual(enumAt(p, 'provisioningAction'), ['create', 'update', 'delete', 'stagedDelete', 'disable', 'other', 'unknownFutureValue']);
  assert.deepEqual(enumAt(p, 'provisioningStatusInfo/status'), ['success', 'failure', 'skipped', 'warning', 'unknownFutureValue']);
  assert.deepEqual(enumAt(p, 'provisioningSteps/provisioningStepType'),
    ['import', 'scoping', 'matching', 'processing', 'referenceResolution', 'export', 'unknownFutureValue']);
  assert.deepEqual(enumAt(p, 'initiatedBy/initiatorType'), ['user', 'application', 'system', 'unknownFutureValue']);
  assert.deepEqual(enumAt(p, 'provisioningStatusInfo/errorInformation/errorCategory'), ['failure', 'nonServiceFailure', 'success', 'unknownFutureValue']);
  const table: FilterTable = {
    id: EQ_CT, activityDateTime: ['eq', 'gt', 'lt', 'ge', 'le'], changeId: EQ_CT, cycleId: EQ_CT,
    durationInMilliseconds: ['eq', 'gt', 'lt'], 'initiatedBy/id': EQ_CT, 'initiatedBy/displayName': EQ_CT,
    jobId: EQ_CT, provisioningAction: EQ_CT, 'provisioningStatusInfo/status': EQ_CT,
    'servicePrincipal/id': EQ, 'servicePrincipal/displayName': EQ, tenantId: EQ_CT, action: EQ_CT,
    'sourceIdentity/id': EQ_CT, 'sourceIdentity/displayName': EQ_CT, 'sourceIdentity/identityType': EQ_CT,
    'targetIdentity/id': EQ_CT, 'targetIdentity/displayName': EQ_CT, 'targetIdentity/identityType': EQ_CT,
    'sourceSystem/displayName': EQ_CT, 'targetSystem/displayName': EQ_CT,
  };
  checkFilters(p, table);
  assert.deepEqual(filterablePaths(p), Object.keys(table).sort());
  assert.ok(p.fields.activityDateTime.meta.orderby && p.fields.activityDateTime.meta.required && p.fields.id.meta.required);
  assert.equal((at(p, 'durationInMilliseconds') as { type: string }).type, 'int');
});

test('selfServiceSignUp (spec 2.9)', () => {
  const s = selfServiceSignUpSchema;
  assert.deepEqual(names(s), [
    'appDisplayName', 'appId', 'appliedEventListeners', 'correlationId', 'createdDateTime', 'id', 'signUpIdentity',
    'signUpIdentityProvider', 'signUpStage', 'status', 'userId', 'userSnapshot',
  ]);
  assert.deepEqual(enumAt(s, 'signUpStage'), [
    'credentialCollection', 'credentialValidation', 'credentialFederation', 'consent',
    'attributeCollectionAndValidation', 'userCreation', 'tenantConsent', 'unknownFutureValue',
  ]);
  assert.deepEqual(enumAt(s, 'signUpIdentity/signUpIdentifierType'), ['emailAddress', 'unknownFutureValue']);
  assert.deepEqual(enumAt(s, 'appliedEventListeners/eventType'), signInEnums.authenticationEventType);
  assert.deepEqual(names(at(s, 'userSnapshot') as ObjectSchema), ['userId']);
  assert.equal((at(s, 'status/errorCode') as { type: string }).type, 'int');
  assert.equal(at(s, 'signUpIdentityProvider').meta.enum, undefined, 'free text');
  checkFilters(s, {
    id: EQ, appDisplayName: EQ_SW, appId: EQ, correlationId: EQ, 'status/errorCode': ['eq', 'ne'],
    'signUpIdentity/signUpIdentifierType': EQ,
  });
  for (const op of ['eq', 'ge', 'le'] as const) assert.ok(s.fields.createdDateTime.meta.filter?.includes(op));
  assert.ok(s.fields.createdDateTime.meta.orderby && s.fields.createdDateTime.meta.required && s.fields.id.meta.required);
});
