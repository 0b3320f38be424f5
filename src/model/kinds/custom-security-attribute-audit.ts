// microsoft.graph.customSecurityAttributeAudit (spec 2.7). PLACEHOLDER: being written.
import { obj, str, datetime, type InferRecord } from '../schema.ts';
export const customSecurityAttributeAuditSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  activityDateTime: datetime({ filter: ['eq', 'ge', 'le'], orderby: true, required: true }),
});
export type CustomSecurityAttributeAudit = InferRecord<typeof customSecurityAttributeAuditSchema>;
