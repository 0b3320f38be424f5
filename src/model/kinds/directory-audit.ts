// microsoft.graph.directoryAudit (spec 2.5). v1.0 and beta; beta adds userAgent.
import { obj, str, list, datetime, enm, type InferRecord } from '../schema.ts';
import { keyValue, auditActivityInitiator, targetResource, operationResult } from './common-types.ts';

export const directoryAuditSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  activityDateTime: datetime({ filter: ['eq', 'ge', 'le', 'gt', 'lt'], orderby: true, required: true }),
  activityDisplayName: str({ filter: ['eq', 'startswith'] }),
  additionalDetails: list(keyValue),
  // category and result are not documented as filterable, but client code sends `eq` on them.
  category: str({ filter: ['eq'] }),
  correlationId: str({ filter: ['eq'] }),
  initiatedBy: auditActivityInitiator,
  loggedByService: str({ filter: ['eq'] }),
  operationType: str({ filter: ['eq'] }),
  result: enm(operationResult, { filter: ['eq'] }),
  resultReason: str(),
  targetResources: list(targetResource, { filter: ['any'] }),
  userAgent: str({ beta: true }),
});

export type DirectoryAudit = InferRecord<typeof directoryAuditSchema>;
