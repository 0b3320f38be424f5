// microsoft.graph.signIn (spec 2.1–2.4). PLACEHOLDER: the full beta shape is being written.
import { obj, str, list, datetime, bool, int, type InferRecord } from '../schema.ts';

export const signInEventTypeValues = ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'unknownFutureValue'] as const;

export const signInSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  createdDateTime: datetime({ filter: ['eq', 'ge', 'le', 'gt', 'lt'], orderby: true, required: true }),
  userPrincipalName: str({ filter: ['eq', 'startswith'] }),
  userAgent: str({ beta: true, filter: ['eq', 'startswith'] }),
  ipAddress: str({ filter: ['eq', 'startswith'] }),
  isInteractive: bool(),
  status: obj({ errorCode: int({ filter: ['eq', 'ne'] }), failureReason: str(), additionalDetails: str() }),
  signInEventTypes: list(str(), { beta: true, filter: ['any'] }),
  riskEventTypes: list(str(), { v1Only: true }),
});
export type SignIn = InferRecord<typeof signInSchema>;
