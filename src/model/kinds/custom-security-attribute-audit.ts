// microsoft.graph.customSecurityAttributeAudit (spec 2.7). Beta only, so nothing is marked `beta`:
// the kind has no v1.0 view. Same shape as beta directoryAudit but a separate entity type, so it is
// spelled out rather than derived: the two may drift apart in Graph.
import { obj, str, list, datetime, enm, type InferRecord } from '../schema.ts';
import { keyValue, auditActivityInitiator, targetResource, operationResult } from './common-types.ts';

export const customSecurityAttributeAuditSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  // gt/lt are not documented; accepted for parity with directoryAudit.
  activityDateTime: datetime({ filter: ['eq', 'ge', 'le', 'gt', 'lt'], orderby: true, required: true }),
  activityDisplayName: str({ filter: ['eq', 'startswith'] }),
  additionalDetails: list(keyValue),
  // Always `AttributeManagement`; `eq` accepted for parity with directoryAudit client code.
  category: str({ filter: ['eq'] }),
  correlationId: str({ filter: ['eq'] }),
  initiatedBy: auditActivityInitiator,
  loggedByService: str({ filter: ['eq'] }),
  operationType: str({ filter: ['eq'] }),
  result: enm(operationResult, { filter: ['eq'] }),
  resultReason: str(),
  targetResources: list(targetResource, { filter: ['any'] }),
  userAgent: str(),
});

export type CustomSecurityAttributeAudit = InferRecord<typeof customSecurityAttributeAuditSchema>;
