// What the provider adapters share when a native event is a self-service sign-up (Auth0 `ss`/`fs`,
// Keycloak `REGISTER`/`REGISTER_ERROR`): the selfServiceSignUp record (spec 2.9) and the identity
// provider names the sign-up reports group by.
//
// A provider logs one event per sign-up attempt, at its outcome (the account was created, or the
// attempt was refused), not one per stage as Entra External ID does. So every such event is at stage
// `userCreation` and its status says how it ended. Values are taken only from the enum members
// declared before `unknownFutureValue` (signUpStage `userCreation`, signUpIdentifierType
// `emailAddress`), so every client reads them as stored, with or without
// `Prefer: include-unknown-enum-members` (model/evolvable-enums.ts).
import type { JsonObject } from '../../model/index.ts';
import { ENTRA_CODES } from './entra-codes.ts';

/**
 * Local accounts carry Entra's names for them, which the funnel report's local/social split reads
 * (any `Email …` provider is local): a password account is `Email Password`, a passwordless email
 * code `Email OTP`.
 */
export const LOCAL_PASSWORD = 'Email Password';
export const LOCAL_EMAIL_OTP = 'Email OTP';

/** Social connection / identity-provider names as the providers spell them → the names Entra shows. */
const SOCIAL_NAMES: Readonly<Record<string, string>> = {
  google: 'Google', 'google-oauth2': 'Google', facebook: 'Facebook', apple: 'Apple', github: 'GitHub',
  gitlab: 'GitLab', microsoft: 'Microsoft', windowslive: 'Microsoft', linkedin: 'LinkedIn', twitter: 'Twitter',
  amazon: 'Amazon', paypal: 'PayPal', instagram: 'Instagram', bitbucket: 'Bitbucket', stackoverflow: 'Stack Overflow',
};

/** A federated provider's display name: a known social one by its usual name, anything else as the provider names it. */
export function federatedProviderName(name: string): string {
  return SOCIAL_NAMES[name.toLowerCase()] ?? name;
}

export interface SignUpFacts {
  readonly id: string;
  readonly createdDateTime: string;
  /** The attempt's correlation; every provider event of one attempt must share it, and it must not be null (see below). */
  readonly correlationId: string | null;
  readonly appId: string | null;
  readonly appDisplayName: string | null;
  /** The email (or user name) the user signed up with. */
  readonly identifier: string | null;
  readonly identityProvider: string | null;
  /** The created account; null when the attempt failed. */
  readonly userId: string | null;
  /** null: the account was created. */
  readonly failureReason: string | null;
  /** The native event type (and its error), for status/additionalDetails. */
  readonly nativeType: string;
}

export function signUpRecord(f: SignUpFacts): JsonObject {
  const failed = f.failureReason !== null;
  return {
    id: f.id,
    createdDateTime: f.createdDateTime,
    // The reports count one attempt per correlationId (a null one would merge every such event into
    // a single attempt), so an event without one is an attempt of its own.
    correlationId: f.correlationId ?? f.id,
    appId: f.appId,
    appDisplayName: f.appDisplayName,
    signUpIdentity: f.identifier
      ? { signUpIdentifier: f.identifier, signUpIdentifierType: f.identifier.includes('@') ? 'emailAddress' : null }
      : null,
    signUpIdentityProvider: f.identityProvider,
    signUpStage: 'userCreation',
    status: {
      errorCode: failed ? ENTRA_CODES.other : ENTRA_CODES.success,
      failureReason: f.failureReason,
      additionalDetails: f.nativeType,
    },
    userSnapshot: f.userId ? { userId: f.userId } : null,
  };
}
