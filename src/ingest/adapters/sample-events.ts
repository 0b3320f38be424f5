// Native events for the adapter tests, shaped as the providers document them. Sources:
// - Azure Monitor: the sign-in record of MicrosoftDocs/entra-docs
//   docs/identity/monitoring-health/reference-azure-monitor-sign-ins-log-schema.md (placeholders
//   filled in), and non-interactive / service-principal / audit records in the shape of the Azure
//   test corpus of elastic/integrations (packages/azure/data_stream/{signinlogs,auditlogs,provisioning}).
// - Okta: LogEvent fields of okta/okta-developer-docs …/reference/api/system-log/index.md; events
//   in the shape of elastic/integrations packages/okta test data.
// - Auth0: fields of GET /api/v2/logs/{id} (auth0.com/docs/api/management/v2/logs/get-logs-by-id)
//   and the type codes of auth0.com/docs/deploy-monitor/logs/log-event-type-codes.
// - Keycloak: org.keycloak.representations.idm.EventRepresentation / AdminEventRepresentation.
// - Sign-ups: Auth0 `ss`/`fs` as in elastic/integrations packages/auth0 test data (test-signup-
//   success.json, test-signup-failure.json; fields per auth0.com/docs/tenant-logs/auth-signup-success/ss);
//   Keycloak REGISTER details as its registration form actions (`register_method` form) and
//   first-broker-login (`register_method` broker, `identity_provider`) set them.
// Identifiers, names and addresses are made up (documentation ranges for IPs).
import type { JsonObject } from '../../model/index.ts';

export const azureSignIn: JsonObject = {
  time: '2019-03-12T16:02:15.5522137Z',
  resourceId: '/tenants/72f988bf-86f1-41af-91ab-2d7cd011db47/providers/Microsoft.aadiam',
  operationName: 'Sign-in activity', operationVersion: '1.0', category: 'SignInLogs',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', resultType: '50140', resultSignature: 'None',
  resultDescription: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.",
  durationMs: 0, callerIpAddress: '203.0.113.10', correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
  identity: 'Timothy Perkins', Level: 4, location: 'US',
  properties: {
    id: '0231f922-93fa-4005-bb11-b344eca03c01', createdDateTime: '2019-03-12T16:02:15.5522137+00:00',
    userDisplayName: 'Timothy Perkins', userPrincipalName: 'timothy@contoso.example', userId: '5f2c8e0a-0d7c-4c1b-9a51-6a2f9a1d7c11',
    appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', appDisplayName: 'Azure Portal', ipAddress: '203.0.113.10',
    status: { errorCode: 50140, failureReason: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in." },
    clientAppUsed: 'Browser', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.121 Safari/537.36',
    deviceDetail: { deviceId: '8bfcb982-6856-4402-924c-ada2486321cc', operatingSystem: 'Windows 10', browser: 'Chrome 72.0.3626' },
    location: { city: 'Bellevue', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { latitude: 45, longitude: 122 } },
    correlationId: 'bbbb1111-cc22-3333-44dd-555555eeeeee', conditionalAccessStatus: 'notApplied',
    appliedConditionalAccessPolicies: [
      { id: 'ae11ffaa-9879-44e0-972c-7538fd5c4d1a', displayName: 'HR app access policy', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'notApplied', conditionsSatisfied: 0, conditionsNotSatisfied: 0 },
      { id: 'b915a70b-2eee-47b6-85b6-ff4f4a66256d', displayName: 'MFA for all but global support access', enforcedGrantControls: [], enforcedSessionControls: [], result: 'notEnabled', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
    ],
    originalRequestId: 'f2f0a254-f831-43b9-bcb0-2646fb645c00', isInteractive: true,
    authenticationProcessingDetails: [{ key: 'Login Hint Present', value: 'True' }], networkLocationDetails: [],
    processingTimeInMilliseconds: 238, riskDetail: 'none', riskLevelAggregated: 'none', riskLevelDuringSignIn: 'none', riskState: 'none',
    riskEventTypes: [], riskEventTypes_v2: [], resourceDisplayName: 'Office 365 SharePoint Online',
    resourceId: '00000003-0000-0ff1-ce00-000000000000', resourceTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    homeTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', tokenIssuerName: '', tokenIssuerType: 'AzureAD',
    authenticationDetails: [
      { authenticationStepDateTime: '2019-03-12T16:02:15.5522137+00:00', authenticationMethod: 'Previously satisfied', succeeded: true, authenticationStepResultDetail: 'First factor requirement satisfied by claim in the token', authenticationStepRequirement: 'Primary authentication', StatusSequence: 0, RequestSequence: 0 },
    ],
    authenticationRequirementPolicies: [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }],
    authenticationRequirement: 'multiFactorAuthentication', alternateSignInName: 'timothy@contoso.example',
    signInIdentifier: 'timothy@contoso.example', servicePrincipalId: '', userType: 'Member', flaggedForReview: false,
    isTenantRestricted: false, autonomousSystemNumber: 8000, crossTenantAccessType: 'none', privateLinkDetails: {}, ssoExtensionVersion: '',
  },
};

export const azureNonInteractive: JsonObject = {
  time: '2022-01-24T05:10:14.1875602Z', resourceId: '/tenants/4bbb79f7-5724-4c9e-95f3-de075f6ec090/providers/Microsoft.aadiam',
  operationName: 'Sign-in activity', operationVersion: '1.0', category: 'NonInteractiveUserSignInLogs',
  tenantId: '4bbb79f7-5724-4c9e-95f3-de075f6ec090', resultType: '0', resultSignature: 'None', durationMs: 0,
  callerIpAddress: '198.51.100.4', correlationId: '22382f6f-ecde-4221-8666-22c452e88ebb', identity: 'elastic testing', Level: 4, location: 'IN',
  properties: {
    id: '290faffa-477b-4b28-ae92-579daae7b000', createdDateTime: '2022-01-24T05:10:14.1875602+00:00', userDisplayName: 'elastic testing',
    userPrincipalName: 'tester@contoso.example', userId: '2ce85a15-8640-465d-b916-d2eac620a717', appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    appDisplayName: 'Azure Portal', ipAddress: '198.51.100.4', status: { errorCode: 0 }, clientAppUsed: 'Browser',
    deviceDetail: { deviceId: '', operatingSystem: 'Windows10', browser: 'Rich Client 4.40.0.0' },
    location: { city: 'Nizampet', state: 'Telangana', countryOrRegion: 'IN', geoCoordinates: { latitude: 17.5164794921875, longitude: 78.37663269042969 } },
    mfaDetail: {}, correlationId: '22382f6f-ecde-4221-8666-22c452e88ebb', conditionalAccessStatus: 'notApplied', appliedConditionalAccessPolicies: [],
    originalRequestId: '290faffa-477b-4b28-ae92-579daae7b000', isInteractive: false, tokenIssuerName: '', tokenIssuerType: 'AzureAD',
    authenticationProcessingDetails: [{ key: 'Is CAE Token', value: 'False' }], networkLocationDetails: [], processingTimeInMilliseconds: 722,
    riskDetail: 'none', riskLevelAggregated: 'none', riskLevelDuringSignIn: 'none', riskState: 'none', riskEventTypes: [], riskEventTypes_v2: [],
    resourceDisplayName: 'Windows Azure Service Management API', resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    authenticationDetails: [], authenticationRequirementPolicies: [], authenticationRequirement: 'singleFactorAuthentication',
    servicePrincipalId: '', userType: 'Member', autonomousSystemNumber: 55836, crossTenantAccessType: 'none',
    uniqueTokenIdentifier: 'MjkwZmFmZmEtNDc3Yi00YjI4LWFlOTItNTc5ZGFhZTdiMDAw', incomingTokenType: 'none', authenticationProtocol: 'none',
  },
};

export const azureServicePrincipal: JsonObject = {
  time: '2022-02-08T06:22:28.3518405Z', resourceId: '/tenants/4bbb79f7-5724-4c9e-95f3-de075f6ec090/providers/Microsoft.aadiam',
  operationName: 'Sign-in activity', operationVersion: '1.0', category: 'ServicePrincipalSignInLogs',
  tenantId: '4bbb79f7-5724-4c9e-95f3-de075f6ec090', resultType: '0', resultSignature: 'None', durationMs: 0,
  callerIpAddress: '198.51.100.4', correlationId: '59fe2cc8-d7b0-4f88-a541-3399f4eff9b2', Level: 4, location: 'IN',
  properties: {
    id: 'd5935dca-86f2-4ac9-a42c-3593b00af801', createdDateTime: '2022-02-08T06:22:28.3518405+00:00', userId: null,
    appId: '6131d760-7fda-4db5-8bb1-b771898e9f15', ipAddress: '198.51.100.4', status: { errorCode: 0 },
    correlationId: '59fe2cc8-d7b0-4f88-a541-3399f4eff9b2', conditionalAccessStatus: 'notApplied', appliedConditionalAccessPolicies: [],
    isInteractive: false, tokenIssuerType: 'AzureAD', processingTimeInMilliseconds: 0, riskDetail: 'none',
    riskLevelAggregated: 'low', riskLevelDuringSignIn: 'low', riskState: 'none',
    resourceDisplayName: 'Windows Azure Service Management API', resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    servicePrincipalName: 'Terraform-CLI', servicePrincipalId: 'b029d485-a308-4311-8720-fb3192e5284e',
    servicePrincipalCredentialKeyId: 'dbcd79c0-c3ea-46b9-9604-ff40d43b8618', incomingTokenType: 'none', authenticationProtocol: 'none',
  },
};

export const azureAudit: JsonObject = {
  category: 'AuditLogs', correlationId: '8a4de8b5-095c-47d0-a96f-a75130c61d53', durationMs: 0, identity: 'Device Registration Service',
  level: 'Informational', operationName: 'Update device', operationVersion: '1.0',
  properties: {
    activityDateTime: '2019-10-18T15:30:51.0273716+00:00', activityDisplayName: 'Update device', category: 'Device',
    correlationId: '8a4de8b5-095c-47d0-a96f-a75130c61d53', id: 'Directory_ESQ',
    initiatedBy: { app: { appId: null, displayName: 'Device Registration Service', servicePrincipalId: '8a4de8b5-095c-47d0-a96f-a75130c61d53', servicePrincipalName: null } },
    loggedByService: 'Core Directory', operationType: 'Update', result: 'success', resultReason: '',
    targetResources: [{ displayName: 'LAPTOP-12', id: '8a4de8b5-095c-47d0-a96f-a75130c61d53', modifiedProperties: [{ displayName: 'Included Updated Properties', newValue: '""', oldValue: null }], type: 'Device' }],
  },
  resourceId: '/tenants/8a4de8b5-095c-47d0-a96f-a75130c61d53/providers/Microsoft.aadiam', resultSignature: 'None',
  tenantId: '8a4de8b5-095c-47d0-a96f-a75130c61d53', time: '2019-10-18T15:30:51.0273716Z',
};

const oktaClient = {
  device: 'Computer', id: null, ipAddress: '198.51.100.23', zone: 'null',
  geographicalContext: { city: 'Dublin', country: 'United States', geolocation: { lat: 37.7201, lon: -121.919 }, postalCode: '94568', state: 'California' },
  userAgent: { browser: 'FIREFOX', os: 'Mac OS X', rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:72.0) Gecko/20100101 Firefox/72.0' },
};
const oktaActor = { alternateId: 'jane.doe@example.com', detailEntry: null, displayName: 'Jane Doe', id: '00u1abvz4pYqdM8ms4x6', type: 'User' };

export const oktaSessionStart: JsonObject = {
  actor: oktaActor,
  authenticationContext: { authenticationProvider: null, authenticationStep: 0, credentialProvider: null, credentialType: 'PASSWORD', externalSessionId: '102bZDNFfWaQSyEZQuDgWt-uQ', interface: null, issuer: null },
  client: oktaClient,
  debugContext: { debugData: { deviceFingerprint: '541daf91d15bef64a7e08c946fd9a9d0', requestId: 'XkcAsWb8WjwDP76xh@1v8wAABp0', requestUri: '/api/v1/authn', threatSuspected: 'false', url: '/api/v1/authn?' } },
  displayMessage: 'User login to Okta', eventType: 'user.session.start', legacyEventType: 'core.user_auth.login_success',
  outcome: { reason: null, result: 'SUCCESS' }, published: '2020-02-14T20:18:57.718Z',
  request: { ipChain: [{ geographicalContext: oktaClient.geographicalContext, ip: '198.51.100.23', source: null, version: 'V4' }] },
  securityContext: { asNumber: 7922, asOrg: 'comcast', domain: 'comcast.net', isProxy: false, isp: 'comcast' },
  severity: 'INFO', target: null, transaction: { detail: {}, id: 'XkcAsWb8WjwDP76xh@1v8wAABp0', type: 'WEB' },
  uuid: '3aeede38-4f67-11ea-abd3-1f5d113f2546', version: '0',
};

export const oktaBadPassword: JsonObject = {
  ...oktaSessionStart,
  displayMessage: 'User login to Okta', legacyEventType: 'core.user_auth.login_failed',
  outcome: { reason: 'INVALID_CREDENTIALS', result: 'FAILURE' }, published: '2020-02-14T20:19:40.102Z',
  transaction: { detail: {}, id: 'XkcA3Gb8WjwDP76xh@1v8wAABr2', type: 'WEB' },
  uuid: '5b2a6e1c-4f67-11ea-abd3-1f5d113f2546',
};

export const oktaMfa: JsonObject = {
  ...oktaSessionStart,
  displayMessage: 'Authentication of user via MFA', eventType: 'user.authentication.auth_via_mfa', legacyEventType: 'core.user.factor.attempt_success',
  authenticationContext: { ...(oktaSessionStart['authenticationContext'] as JsonObject), credentialType: null },
  debugContext: { debugData: { factor: 'OKTA_VERIFY_PUSH', requestUri: '/api/v1/authn/factors/opf1a2b3c4/verify' } },
  outcome: { reason: null, result: 'SUCCESS' }, published: '2020-02-14T20:19:05.200Z',
  uuid: '3b01f2aa-4f67-11ea-abd3-1f5d113f2546',
};

export const oktaUserCreate: JsonObject = {
  actor: { alternateId: 'admin@example.com', detailEntry: null, displayName: 'Piras Admin', id: '00ujchcbjpltartYI0g3', type: 'User' },
  authenticationContext: { authenticationProvider: null, authenticationStep: 0, credentialProvider: null, credentialType: null, externalSessionId: '102nZHzd6OHSfGG51vsoc22gw', interface: null, issuer: null },
  client: oktaClient, displayMessage: 'Create Okta user', eventType: 'user.lifecycle.create', legacyEventType: 'core.user.config.user_creation.success',
  outcome: { reason: null, result: 'SUCCESS' }, published: '2020-02-14T21:02:11.001Z', severity: 'INFO',
  target: [{
    alternateId: 'sam.new@example.com', detailEntry: null, displayName: 'Sam New', id: '00u3gjksoiRGRAZHLSYV', type: 'User',
    changeDetails: { from: {}, to: { department: 'Finance' } },
  }],
  transaction: { detail: { requestApiTokenId: '00T94e3cn9kSEO3c51s5' }, id: 'YjSlblAAqnKY7CdyCkXNBgAAAIU', type: 'WEB' },
  uuid: 'a1b2c3d4-4f6d-11ea-8a2b-0d5e1e3b1c00', version: '0',
};

export const auth0Success: JsonObject = {
  date: '2021-01-16T12:12:30.147Z', type: 's', description: 'Successful login',
  connection: 'Username-Password-Authentication', connection_id: 'con_C85rtu1sSH9UFXmR',
  client_id: 'WflrpooXWyDv3vzf6LxIzYBd6fafewjw', client_name: 'My application Name', ip: '192.0.2.19',
  hostname: 'tenant.eu.auth0.com', user_id: 'auth0|6012d7eccvf1c41076d8ed3d', user_name: 'altha@example.com',
  strategy: 'auth0', strategy_type: 'database', log_id: '80020210116121232560015923748216455316604749397232713763',
  isMobile: false, user_agent: 'Chrome 120.0.0 / Mac OS X 10.15.7',
  details: { session_id: 'dt1G5nlxkGV10uJx4sKKBH7hwEVbaHAx', initiatedAt: 1610799117840, completedAt: 1610799150146, stats: { loginsCount: 1 }, prompts: [{ name: 'lock-password-authenticate', stats: { loginsCount: 1 } }, { name: 'mfa', performed_amr: ['otp'] }] },
  location_info: { country_code: 'GB', country_code3: 'GBR', country_name: 'United Kingdom', city_name: 'London', latitude: 51.5, longitude: -0.12, time_zone: 'Europe/London', continent_code: 'EU' },
};

export const auth0WrongPassword: JsonObject = {
  date: '2021-01-16T12:10:02.901Z', type: 'fp', description: 'Wrong email or password.',
  connection: 'Username-Password-Authentication', connection_id: 'con_C85rtu1sSH9UFXmR',
  client_id: 'WflrpooXWyDv3vzf6LxIzYBd6fafewjw', client_name: 'My application Name', ip: '192.0.2.19',
  user_id: 'auth0|6012d7eccvf1c41076d8ed3d', user_name: 'altha@example.com', strategy: 'auth0', strategy_type: 'database',
  log_id: '90020210116121003008015923748216455316604749397232713001', isMobile: false, user_agent: 'Chrome 120.0.0 / Mac OS X 10.15.7',
  details: { error: { message: 'Wrong email or password.' } },
};

export const auth0ClientCredentials: JsonObject = {
  date: '2024-01-15T10:30:00.000Z', type: 'seccft', description: 'Client Credentials for Access Token',
  client_id: 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww', client_name: 'Billing worker', ip: '192.0.2.77',
  audience: 'https://api.example.com/', scope: 'read:invoices', hostname: 'tenant.eu.auth0.com', user_id: '', user_name: '',
  log_id: '90020240115103000000000000000000000000000000000000000077', details: {},
};

export const auth0ApiOperation: JsonObject = {
  date: '2016-02-23T19:57:29.532Z', type: 'sapi', description: 'Update a user',
  client_id: 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww', client_name: '', ip: '192.0.2.40', user_id: 'auth0|56c75c4e42b6359e98374bc2',
  log_id: '90020160223195729532000000000000000000000000000000000040', user_agent: 'Chrome 120.0.0 / Windows 10.0.0',
  details: { request: { method: 'patch', path: '/api/v2/users/auth0|56c75c4e42b6359e98374bc2', auth: { user: { user_id: 'google-oauth2|1029', name: 'Dana Admin', email: 'dana@example.com' }, strategy: 'jwt' } }, response: { statusCode: 200 } },
};

export const keycloakLogin: JsonObject = {
  id: '5c3f7a1e-2b9d-4f0e-8a61-3d2c1b0a9f87', time: 1700000000123, type: 'LOGIN', realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10',
  clientId: 'account-console', userId: '9e1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', sessionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', ipAddress: '203.0.113.50',
  details: { auth_method: 'openid-connect', auth_type: 'code', redirect_uri: 'https://sso.example.com/realms/acme/account/', consent: 'no_consent_required', code_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', username: 'jdoe' },
};

/** An older Keycloak event: no `id`, so idtrail derives one from the content. */
export const keycloakLoginError: JsonObject = {
  time: 1700000100456, type: 'LOGIN_ERROR', realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10', clientId: 'account-console',
  userId: '9e1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', ipAddress: '203.0.113.51', error: 'invalid_user_credentials',
  details: { auth_method: 'openid-connect', auth_type: 'code', redirect_uri: 'https://sso.example.com/realms/acme/account/', code_id: '7f8e9d0c-1b2a-4c3d-8e4f-5a6b7c8d9e0f', username: 'jdoe' },
};

export const keycloakAdminCreateUser: JsonObject = {
  id: 'c0ffee00-1234-4abc-9def-001122334455', time: 1700000200789, realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10',
  authDetails: { realmId: 'master', clientId: 'security-admin-console', userId: '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a', ipAddress: '203.0.113.9' },
  operationType: 'CREATE', resourceType: 'USER', resourcePath: 'users/6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  representation: '{"username":"new.user","enabled":true,"email":"new.user@example.com"}',
};

/** Provisioning records use the portal's names in places (`Id`, `Name`, `Type`, `Status`) and enum ordinals. */
export const azureProvisioning: JsonObject = {
  time: '2022-08-23T13:36:52.8695470Z', resourceId: '/tenants/5611623b-9128-461e-9d7f-a0d9c270ead2/providers/Microsoft.aadiam',
  operationName: 'Provisioning activity', operationVersion: '1.0', category: 'ProvisioningLogs', tenantId: '5611623b-9128-461e-9d7f-a0d9c270ead2',
  resultType: 'Failure', durationMs: 3343, correlationId: 'e2f2b317-d848-483e-9593-e14e01edcd6d', identity: 'ebc7b845-7505-2dfa-269a-93257fab469a', Level: 4,
  properties: {
    id: 'ebc7b845-7505-2dfa-269a-93257fab469a', activityDateTime: '2022-08-23T13:36:52.869547Z', tenantId: '5611623b-9128-461e-9d7f-a0d9c270ead2',
    jobId: 'ContosoOutDelta.5611623b9128461e9d7fa0d9c270ead2', cycleId: 'cc305635-a28e-4139-a056-42b5102933fe', changeId: 'e2f2b317-d848-483e-9593-e14e01edcd6d',
    action: 'Create', provisioningAction: 'create',
    servicePrincipal: { Id: '74866461-3754-40ed-a743-9c88ff29643e', Name: 'Contoso' },
    sourceSystem: { Id: '0404601d-a9c0-4ec7-bbcd-02660120d8c9', Name: 'Azure Active Directory', details: {} },
    targetSystem: { Id: 'cd22f60b-5f2d-4adb-adb4-76ef31db996b', Name: 'Contoso', details: { ApplicationId: 'f2764360-e0ec-4676-811e-cd6fc0d4dd61' } },
    initiatedBy: { Type: 'system', Id: '', Name: 'Azure AD Provisioning Service' },
    sourceIdentity: { identityType: 'Group', details: { id: 'e3b2b242-4ccb-4cf1-9b8b-004cf034a458', DisplayName: 'Self-service Pilot' }, Id: 'e3b2b242-4ccb-4cf1-9b8b-004cf034a458', Name: 'Self-service Pilot' },
    targetIdentity: { identityType: 'urn:ietf:params:scim:schemas:core:2.0:Group', details: {}, Id: '', Name: '' },
    provisioningStatusInfo: { Status: 'failure', errorInformation: { errorCode: 'ContosoEntryConflict', reason: 'Contoso returned HTTP 409: a group with the same name already exists.', additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: 'Remove the conflicting group from Contoso.' } },
    statusInfo: { Status: 1 },
    provisioningSteps: [
      { name: 'EntryImportAdd', provisioningStepType: 0, status: 0, description: "Received Group 'Self-service Pilot' change of type (Add) from Azure Active Directory", details: {} },
      { name: 'EntryExportAdd', provisioningStepType: 5, status: 1, description: "Failed to create Group 'Self-service Pilot' in Contoso", details: { ReportableIdentifier: 'Self-service Pilot' } },
    ],
    modifiedProperties: [{ displayName: 'displayName', oldValue: null, newValue: 'Self-service Pilot' }],
    durationInMilliseconds: 3343,
  },
};

// Sign-ups.

/** A database-connection sign-up, as an Auth0 custom-webhook log stream delivers it (`{log_id, data}`). */
export const auth0SignUp: JsonObject = {
  date: '2021-11-03T03:21:19.503Z', type: 'ss', description: '', connection: 'Username-Password-Authentication',
  connection_id: 'con_1a5wCUmAs6VOU17n', client_id: '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', client_name: 'All Applications',
  ip: '192.0.2.103', user_agent: 'unknown',
  details: { body: { client_id: '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', tenant: 'dev-yoj8axza', email: 'neo@example.com', password: '*****', connection: 'Username-Password-Authentication' } },
  user_id: 'auth0|6182002f34f4dd006b05b5c7', user_name: 'neo@example.com', strategy: 'auth0', strategy_type: 'database',
  log_id: '90020211103032120540334468831529038137311930506436149346',
};

export const auth0SignUpFailed: JsonObject = {
  date: '2021-11-03T03:20:52.800Z', type: 'fs', description: 'Password is too weak', connection: 'Username-Password-Authentication',
  connection_id: 'con_1a5wCUmAs6VOU17n', client_id: '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', client_name: 'All Applications',
  ip: '192.0.2.113', user_agent: 'unknown',
  details: {
    description: { rules: [{ message: 'At least %d characters in length', format: [8], code: 'lengthAtLeast', verified: true }], verified: false },
    body: { client_id: '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', tenant: 'dev-yoj8axza', email: 'trinity@example.com', password: '*****', connection: 'Username-Password-Authentication' },
  },
  user_id: '', user_name: 'trinity@example.com', strategy: 'auth0', strategy_type: 'database',
  log_id: '90020211103032053864115389799397018204192682338689220658',
};

/** A first login through Google that created the user. */
export const auth0SocialSignUp: JsonObject = {
  date: '2021-11-04T09:12:40.112Z', type: 'ss', description: '', connection: 'google-oauth2', connection_id: 'con_G00g1eC0nn3ct10n',
  client_id: '360yuN1BXP4u3tBChK5VOgekgGJ7CwLL', client_name: 'All Applications', ip: '192.0.2.120', user_agent: 'Chrome 120.0.0 / Mac OS X 10.15.7',
  details: {}, user_id: 'google-oauth2|104739201384756102938', user_name: 'morpheus@example.com', strategy: 'google-oauth2', strategy_type: 'social',
  log_id: '90020211104091240112000000000000000000000000000000000120',
};

export const keycloakRegister: JsonObject = {
  id: '7d1e0c2b-3a4f-4b5c-9d6e-8f7a6b5c4d3e', time: 1700000300000, type: 'REGISTER', realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10',
  clientId: 'web-shop', userId: '3c2b1a09-8f7e-4d6c-a5b4-c3d2e1f0a9b8', ipAddress: '203.0.113.60',
  details: { auth_method: 'openid-connect', auth_type: 'code', register_method: 'form', redirect_uri: 'https://shop.example.com/callback', code_id: 'b7c6d5e4-f3a2-4b1c-8d9e-0f1a2b3c4d5e', email: 'ana@example.com', username: 'ana@example.com', first_name: 'Ana', last_name: 'Silva' },
};

/** The same authentication session's first, refused submission (an event without an id, as older versions log them). */
export const keycloakRegisterError: JsonObject = {
  time: 1700000280000, type: 'REGISTER_ERROR', realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10', clientId: 'web-shop', ipAddress: '203.0.113.60',
  error: 'invalid_registration',
  details: { auth_method: 'openid-connect', auth_type: 'code', register_method: 'form', redirect_uri: 'https://shop.example.com/callback', code_id: 'b7c6d5e4-f3a2-4b1c-8d9e-0f1a2b3c4d5e', email: 'ana@example.com', username: 'ana@example.com' },
};

export const keycloakRegisterBroker: JsonObject = {
  id: '0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b', time: 1700000400000, type: 'REGISTER', realmId: 'a1f0c7e2-5e3b-4d7a-9c1e-2b8f6d4e3a10',
  clientId: 'web-shop', userId: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170', ipAddress: '203.0.113.61',
  details: { identity_provider: 'github', identity_provider_identity: 'octo-ana', register_method: 'broker', email: 'octo@example.com', code_id: 'c8d7e6f5-a4b3-4c2d-9e1f-0a1b2c3d4e5f' },
};
