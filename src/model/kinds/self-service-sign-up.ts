// microsoft.graph.selfServiceSignUp (spec 2.9). Beta only (External ID tenants), so nothing is
// marked `beta`: the kind has no v1.0 view.
import { obj, str, int, list, datetime, enm, type InferRecord } from '../schema.ts';
import { appliedAuthenticationEventListener } from './common-types.ts';

export const signUpStage = [
  'credentialCollection', 'credentialValidation', 'credentialFederation', 'consent',
  'attributeCollectionAndValidation', 'userCreation', 'tenantConsent', 'unknownFutureValue',
] as const;
export const signUpIdentifierType = ['emailAddress', 'unknownFutureValue'] as const;

export const signUpIdentity = obj({
  signUpIdentifier: str(),
  // Documented as filterable only with the value `emailAddress`, which `eq` covers.
  signUpIdentifierType: enm(signUpIdentifierType, { filter: ['eq'] }),
});

export const signUpStatus = obj({
  // 0 = OK; e.g. 1002013 for an interrupt awaiting OTP. `ne` as on signIn (spec 3.3).
  errorCode: int({ filter: ['eq', 'ne'] }),
  failureReason: str(),
  additionalDetails: str(),
});

export const ciamUserSnapshot = obj({ userId: str() });

export const selfServiceSignUpSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  appDisplayName: str({ filter: ['eq', 'startswith'] }),
  appId: str({ filter: ['eq'] }),
  appliedEventListeners: list(appliedAuthenticationEventListener),
  correlationId: str({ filter: ['eq'] }),
  // gt/lt are not documented; accepted for parity with signIn.createdDateTime.
  createdDateTime: datetime({ filter: ['eq', 'ge', 'le', 'gt', 'lt'], orderby: true, required: true }),
  signUpIdentity,
  signUpIdentityProvider: str({ doc: 'e.g. `Email OTP`, `Email Password`, `Google`.' }),
  signUpStage: enm(signUpStage),
  status: signUpStatus,
  userSnapshot: ciamUserSnapshot,
  // Not in the metadata, but the live sample carries a flat userId on each event.
  userId: str(),
});

export type SelfServiceSignUp = InferRecord<typeof selfServiceSignUpSchema>;
