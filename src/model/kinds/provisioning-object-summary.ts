// microsoft.graph.provisioningObjectSummary (spec 2.8). v1.0 and beta; beta keeps two deprecated
// properties (`action`, `statusInfo`). Provisioning filters are case-sensitive (spec 3.2).
import { obj, str, int, list, open, datetime, enm, withMeta, type InferRecord } from '../schema.ts';
import { modifiedProperty } from './common-types.ts';

export const provisioningAction = ['create', 'update', 'delete', 'stagedDelete', 'disable', 'other', 'unknownFutureValue'] as const;
export const provisioningResult = ['success', 'failure', 'skipped', 'warning', 'unknownFutureValue'] as const;
export const provisioningStepType = [
  'import', 'scoping', 'matching', 'processing', 'referenceResolution', 'export', 'unknownFutureValue',
] as const;
export const initiatorType = ['user', 'application', 'system', 'unknownFutureValue'] as const;
export const provisioningErrorCategory = ['failure', 'nonServiceFailure', 'success', 'unknownFutureValue'] as const;

const EQ_CT = ['eq', 'contains'] as const;

export const initiator = obj({
  id: str({ filter: EQ_CT }),
  displayName: str({ filter: EQ_CT }),
  initiatorType: enm(initiatorType),
});

export const provisionedIdentity = obj({
  id: str({ filter: EQ_CT }),
  displayName: str({ filter: EQ_CT }),
  identityType: str({ filter: EQ_CT }),
  details: open(),
});

export const provisioningSystem = obj({
  id: str(),
  displayName: str({ filter: EQ_CT }),
  details: open(),
});

export const provisioningServicePrincipal = obj({
  id: str({ filter: ['eq'] }),
  displayName: str({ filter: ['eq'] }),
});

export const provisioningStep = obj({
  name: str(),
  description: str(),
  details: open(),
  provisioningStepType: enm(provisioningStepType),
  status: enm(provisioningResult),
});

const errorInfoFields = {
  errorCode: str(),
  reason: str(),
  additionalDetails: str(),
  recommendedAction: str(),
  errorCategory: enm(provisioningErrorCategory),
};

export const provisioningErrorInfo = obj(errorInfoFields);

export const provisioningStatusInfo = obj({
  status: enm(provisioningResult, { filter: EQ_CT }),
  // null on success.
  errorInformation: provisioningErrorInfo,
});

// statusBase is abstract in beta; statusDetails (status + error info) is the subtype seen on the wire.
export const statusDetails = obj({ status: enm(provisioningResult), ...errorInfoFields });

export const provisioningObjectSummarySchema = obj({
  id: str({ filter: EQ_CT, required: true }),
  activityDateTime: datetime({ filter: ['eq', 'gt', 'lt', 'ge', 'le'], orderby: true, required: true }),
  changeId: str({ filter: EQ_CT }),
  cycleId: str({ filter: EQ_CT }),
  durationInMilliseconds: int({ filter: ['eq', 'gt', 'lt'] }),
  initiatedBy: initiator,
  jobId: str({ filter: EQ_CT }),
  modifiedProperties: list(modifiedProperty),
  provisioningAction: enm(provisioningAction, { filter: EQ_CT }),
  provisioningStatusInfo,
  provisioningSteps: list(provisioningStep),
  // Docs call it a collection; metadata and live payloads carry a single object.
  servicePrincipal: provisioningServicePrincipal,
  sourceIdentity: provisionedIdentity,
  sourceSystem: provisioningSystem,
  targetIdentity: provisionedIdentity,
  targetSystem: provisioningSystem,
  tenantId: str({ filter: EQ_CT }),
  action: str({ beta: true, filter: EQ_CT, doc: 'Deprecated: see provisioningAction.' }),
  statusInfo: withMeta(statusDetails, { beta: true, doc: 'Deprecated: see provisioningStatusInfo.' }),
});

export type ProvisioningObjectSummary = InferRecord<typeof provisioningObjectSummarySchema>;
