// How a sign-in ended: status, MFA, Conditional Access, authentication steps. One frozen part per
// (scenario, MFA method), built once per tenant.
import { part, type Part } from './record-part.ts';
import { STATUS, type StatusCode } from './entra-codes.ts';
import type { DemoTenant, MfaMethod } from './tenant-model.ts';

export type OutcomeKey =
  | 'ssoSuccess' | 'officeSuccess' | 'mfaSuccess' | 'mfaRequired' | 'mfaRequiredLocation' | 'mfaFailed' | 'mfaDenied'
  | 'badPassword' | 'kmsi' | 'blockedByCa' | 'locked' | 'disabled' | 'userNotFound' | 'passwordExpired'
  | 'deviceAuthRequired' | 'legacySuccess' | 'legacyBlocked' | 'legacyBadPassword' | 'sprayBadPassword'
  | 'niSuccess' | 'niSessionExpired' | 'niRefreshExpired' | 'niMfaRequired'
  | 'spSuccess' | 'spBadSecret' | 'spExpiredSecret' | 'miSuccess';

export interface OutcomeMeta {
  readonly key: OutcomeKey;
  readonly errorCode: number;
  /** authenticationDetails steps without their timestamp (added per record). */
  readonly steps: readonly Record<string, unknown>[];
  /** UTF-8 JSON of each step after `{"authenticationStepDateTime":"<ts>`, from its closing quote on. */
  readonly stepTails: readonly Uint8Array[];
}
export type OutcomePart = Part<OutcomeMeta>;

type PolicyResult = 'success' | 'failure' | 'notApplied' | 'reportOnlyNotApplied' | 'reportOnlyFailure';
interface Ca { status: 'success' | 'failure' | 'notApplied'; mfa: PolicyResult; legacy: PolicyResult; compliant: PolicyResult; risk: PolicyResult }

const METHOD_DETAIL: Record<MfaMethod, { method: string; used: string; mfaDetail: string }> = {
  'Authenticator App': { method: 'Mobile app notification', used: 'Authenticator App', mfaDetail: 'PhoneAppNotification' },
  SMS: { method: 'Text message', used: 'SMS', mfaDetail: 'OneWaySms' },
  'FIDO2 security key': { method: 'FIDO2 security key', used: 'FIDO', mfaDetail: 'Fido' },
  'Software OATH token': { method: 'OATH verification code', used: 'App Verification code', mfaDetail: 'PhoneAppOTP' },
};

const step = (method: string, detail: string | null, requirement: string, result: string, succeeded: boolean) => ({
  authenticationMethod: method, authenticationMethodDetail: detail, authenticationStepRequirement: requirement,
  authenticationStepResultDetail: result, succeeded,
});
const PRIMARY = 'Primary authentication';
const MFA = 'Multi-factor authentication';
const passwordOk = step('Password', 'Password Hash Sync', PRIMARY, 'Correct password', true);
const passwordBad = step('Password', 'Password Hash Sync', PRIMARY, 'Invalid username or password or Invalid on-premise username or password.', false);
const claimPrimary = step('Previously satisfied', null, PRIMARY, 'First factor requirement satisfied by claim in the token', true);
const claimMfa = step('Previously satisfied', null, MFA, 'MFA requirement satisfied by claim in the token', true);

function policies(t: DemoTenant, ca: Ca): Record<string, unknown>[] {
  const p = (id: string, displayName: string, grant: string[], result: PolicyResult, satisfied: string) => ({
    id, displayName, enforcedGrantControls: grant, enforcedSessionControls: [], result,
    authenticationStrength: null, conditionsSatisfied: satisfied, conditionsNotSatisfied: 'none',
    includeRulesSatisfied: [], excludeRulesSatisfied: [], sessionControlsNotSatisfied: [],
  });
  return [
    p(t.caPolicyIds.mfa, 'Require MFA for all users', ['Mfa'], ca.mfa, ca.mfa === 'notApplied' ? 'none' : 'application,users'),
    p(t.caPolicyIds.legacy, 'Block legacy authentication', ['Block'], ca.legacy, ca.legacy === 'failure' ? 'application,users,clientType' : 'none'),
    p(t.caPolicyIds.compliant, 'Require compliant device', ['RequireCompliantDevice'], ca.compliant, ca.compliant === 'notApplied' ? 'none' : 'application,users,devicePlatform'),
    p(t.caPolicyIds.risk, 'Report-only: Block high sign-in risk', ['Block'], ca.risk, ca.risk === 'reportOnlyFailure' ? 'application,users,signInRisk' : 'none'),
  ];
}

const CA_OK: Ca = { status: 'success', mfa: 'success', legacy: 'notApplied', compliant: 'success', risk: 'reportOnlyNotApplied' };
const CA_OFFICE: Ca = { status: 'success', mfa: 'notApplied', legacy: 'notApplied', compliant: 'success', risk: 'reportOnlyNotApplied' };
const CA_MFA_PENDING: Ca = { ...CA_OK, status: 'failure', mfa: 'failure' };
const CA_BLOCKED: Ca = { ...CA_OK, status: 'failure', compliant: 'failure' };
const CA_LEGACY_OK: Ca = { status: 'success', mfa: 'notApplied', legacy: 'notApplied', compliant: 'notApplied', risk: 'reportOnlyNotApplied' };
const CA_LEGACY_BLOCKED: Ca = { ...CA_LEGACY_OK, status: 'failure', legacy: 'failure' };

interface Spec {
  status: StatusCode;
  ca: Ca | null;
  mfa: boolean;
  multiFactor: boolean;
  steps: (m: (typeof METHOD_DETAIL)[MfaMethod]) => Record<string, unknown>[];
}

const mfaStep = (ok: boolean, result: string) => (m: (typeof METHOD_DETAIL)[MfaMethod]) =>
  [passwordOk, step(m.method, null, MFA, result, ok)];

const SPECS: Record<OutcomeKey, Spec> = {
  ssoSuccess: { status: STATUS.successMfaClaim, ca: CA_OK, mfa: false, multiFactor: true, steps: () => [claimPrimary, claimMfa] },
  officeSuccess: { status: STATUS.success, ca: CA_OFFICE, mfa: false, multiFactor: false, steps: () => [passwordOk] },
  mfaSuccess: { status: STATUS.successMfaDone, ca: CA_OK, mfa: true, multiFactor: true, steps: mfaStep(true, 'MFA successfully completed') },
  mfaRequired: { status: STATUS.mfaRequired, ca: CA_MFA_PENDING, mfa: false, multiFactor: true, steps: () => [passwordOk] },
  mfaRequiredLocation: { status: STATUS.mfaRequiredLocation, ca: CA_MFA_PENDING, mfa: false, multiFactor: true, steps: () => [passwordOk] },
  mfaFailed: { status: STATUS.mfaFailed, ca: CA_MFA_PENDING, mfa: false, multiFactor: true, steps: mfaStep(false, 'MFA call was not answered') },
  mfaDenied: { status: STATUS.mfaDenied, ca: CA_MFA_PENDING, mfa: false, multiFactor: true, steps: mfaStep(false, 'MFA denied; user declined the authentication') },
  badPassword: { status: STATUS.badPassword, ca: null, mfa: false, multiFactor: false, steps: () => [passwordBad] },
  sprayBadPassword: { status: STATUS.badPassword, ca: null, mfa: false, multiFactor: false, steps: () => [passwordBad] },
  kmsi: { status: STATUS.kmsiInterrupt, ca: CA_OK, mfa: false, multiFactor: true, steps: () => [passwordOk, claimMfa] },
  blockedByCa: { status: STATUS.blockedByCa, ca: CA_BLOCKED, mfa: false, multiFactor: true, steps: () => [passwordOk, claimMfa] },
  locked: { status: STATUS.locked, ca: null, mfa: false, multiFactor: false, steps: () => [step('Password', 'Password Hash Sync', PRIMARY, 'Account is locked', false)] },
  disabled: { status: STATUS.disabled, ca: null, mfa: false, multiFactor: false, steps: () => [step('Password', 'Password Hash Sync', PRIMARY, 'User account is disabled', false)] },
  userNotFound: { status: STATUS.userNotFound, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  passwordExpired: { status: STATUS.passwordExpired, ca: null, mfa: false, multiFactor: false, steps: () => [step('Password', 'Password Hash Sync', PRIMARY, 'Password expired', false)] },
  deviceAuthRequired: { status: STATUS.deviceAuthRequired, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  legacySuccess: { status: STATUS.success, ca: CA_LEGACY_OK, mfa: false, multiFactor: false, steps: () => [passwordOk] },
  legacyBlocked: { status: STATUS.blockedByCa, ca: CA_LEGACY_BLOCKED, mfa: false, multiFactor: false, steps: () => [passwordOk] },
  legacyBadPassword: { status: STATUS.badPassword, ca: null, mfa: false, multiFactor: false, steps: () => [passwordBad] },
  niSuccess: { status: STATUS.success, ca: CA_OK, mfa: false, multiFactor: false, steps: () => [claimPrimary] },
  niSessionExpired: { status: STATUS.sessionExpired, ca: CA_OK, mfa: false, multiFactor: false, steps: () => [claimPrimary] },
  niRefreshExpired: { status: STATUS.refreshTokenInactive, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  niMfaRequired: { status: STATUS.mfaRequiredLocation, ca: CA_MFA_PENDING, mfa: false, multiFactor: true, steps: () => [claimPrimary] },
  spSuccess: { status: STATUS.success, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  spBadSecret: { status: STATUS.invalidClientSecret, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  spExpiredSecret: { status: STATUS.expiredClientSecret, ca: null, mfa: false, multiFactor: false, steps: () => [] },
  miSuccess: { status: STATUS.success, ca: null, mfa: false, multiFactor: false, steps: () => [] },
};

export const OUTCOME_KEYS = Object.keys(SPECS) as OutcomeKey[];

export type OutcomeTable = Readonly<Record<MfaMethod, Readonly<Record<OutcomeKey, OutcomePart>>>>;

export function buildOutcomes(t: DemoTenant): OutcomeTable {
  const table = {} as Record<MfaMethod, Record<OutcomeKey, OutcomePart>>;
  for (const method of Object.keys(METHOD_DETAIL) as MfaMethod[]) {
    const m = METHOD_DETAIL[method];
    const row = {} as Record<OutcomeKey, OutcomePart>;
    for (const key of OUTCOME_KEYS) {
      const s = SPECS[key];
      const steps = s.steps(m);
      const used = steps.filter((x) => x.succeeded && x.authenticationMethod !== 'Previously satisfied')
        .map((x) => (x.authenticationMethod === 'Password' ? 'Password' : m.used));
      row[key] = part({
        status: { errorCode: s.status.errorCode, failureReason: s.status.failureReason, additionalDetails: s.status.additionalDetails },
        authenticationRequirement: s.multiFactor ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
        authenticationMethodsUsed: used,
        mfaDetail: s.mfa ? { authMethod: m.mfaDetail, authDetail: null } : null,
        conditionalAccessStatus: s.ca ? s.ca.status : 'notApplied',
        appliedConditionalAccessPolicies: s.ca ? policies(t, s.ca) : [],
        authenticationRequirementPolicies: s.multiFactor && s.ca
          ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }] : [],
      }, {
        key, errorCode: s.status.errorCode, steps,
        stepTails: steps.map((x) => Buffer.from('",' + JSON.stringify(x).slice(1), 'utf8')),
      });
    }
    table[method] = row;
  }
  return table;
}
