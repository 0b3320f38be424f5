// Entra sign-in error codes that native failures are mapped to. idtrail's risk rules and reports
// read `status/errorCode` (password spray and brute force look for bad-credential codes, MFA
// fatigue for 500121, success is 0), so a provider's "wrong password" must land on the code Entra
// uses for it or those detections never fire for that provider. The native reason is kept in
// `status/additionalDetails` and in the record's source event.
import type { JsonObject } from '../../model/index.ts';

export const ENTRA_CODES = {
  success: 0,
  /** Invalid username or password. */
  badPassword: 50126,
  /** The user account does not exist in the directory. */
  noSuchUser: 50034,
  /** Locked out by repeated failures, or blocked as coming from a malicious IP. */
  locked: 50053,
  /** The user account is disabled. */
  disabled: 50057,
  /** Strong authentication (MFA) failed, was denied or not answered. */
  mfaFailed: 500121,
  /** A failure with no Entra counterpart; the reason is in failureReason and additionalDetails. */
  other: 1,
} as const;

/** A Graph signInStatus. */
export function signInStatus(code: number, failureReason: string | null, additionalDetails: string | null): JsonObject {
  return { errorCode: code, failureReason: code === 0 ? null : failureReason, additionalDetails };
}

/** `signInEventTypes` and `isInteractive` for one sign-in flavour (the two are kept consistent). */
export function eventTypeFields(type: 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity'): { isInteractive: boolean; signInEventTypes: string[] } {
  return { isInteractive: type === 'interactiveUser', signInEventTypes: [type] };
}
