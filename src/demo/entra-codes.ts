// Entra sign-in status codes the demo emits, with the failure reasons Entra shows for them.
// `interrupt` codes are expected steps of a flow (the user continues), not failures of the user.

export interface StatusCode {
  readonly errorCode: number;
  readonly failureReason: string | null;
  readonly additionalDetails: string | null;
  readonly interrupt: boolean;
}

const s = (errorCode: number, failureReason: string | null, additionalDetails: string | null = null, interrupt = false): StatusCode =>
  ({ errorCode, failureReason, additionalDetails, interrupt });

export const STATUS = {
  success: s(0, 'Other.', null),
  successMfaClaim: s(0, 'Other.', 'MFA requirement satisfied by claim in the token'),
  successMfaDone: s(0, 'Other.', 'MFA completed in Azure AD'),
  badPassword: s(50126, 'Error validating credentials due to invalid username or password.',
    'The user didn\'t enter the right credentials. It\'s expected to see some number of these errors in your logs due to users making mistakes.'),
  mfaRequired: s(50074, 'Strong Authentication is required.',
    'The user is required to complete MFA. It\'s expected to see some number of these errors in your logs.', true),
  mfaRequiredLocation: s(50076, 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
    null, true),
  mfaFailed: s(500121, 'Authentication failed during strong authentication request.',
    'The user didn\'t complete the MFA prompt. They may have decided not to authenticate, timed out while doing other work, or has an issue with their authentication setup.'),
  mfaDenied: s(500121, 'Authentication failed during strong authentication request.', 'MFA denied; user declined the authentication'),
  blockedByCa: s(53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    'Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.'),
  locked: s(50053, 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.', null),
  lockedMaliciousIp: s(50053, 'Sign-in was blocked because it came from an IP address with malicious activity', null),
  disabled: s(50057, 'User account is disabled. The account has been disabled by an administrator.', null),
  userNotFound: s(50034, 'The user account does not exist in the directory. To sign into this application, the account must be added to the directory.', null),
  kmsiInterrupt: s(50140, 'This error occurred due to \'Keep me signed in\' interrupt when the user was signing in.',
    'This is an expected part of the login flow, where a user is asked if they want to remain signed into this browser to make further logins easier.', true),
  sessionExpired: s(70044, 'The session has expired or is invalid due to sign-in frequency checks by conditional access.', null),
  refreshTokenInactive: s(700082, 'The refresh token has expired due to inactivity.', null),
  deviceAuthRequired: s(50097, 'Device authentication is required.', null, true),
  passwordExpired: s(50055, 'Invalid password, entered expired password.', null),
  invalidClientSecret: s(7000215, 'Invalid client secret is provided.', null),
  expiredClientSecret: s(7000222, 'The provided client secret keys are expired.', null),
} as const satisfies Record<string, StatusCode>;

export type StatusKey = keyof typeof STATUS;
