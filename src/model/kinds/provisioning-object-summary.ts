// microsoft.graph.provisioningObjectSummary (spec 2.8). PLACEHOLDER: being written.
import { obj, str, datetime, type InferRecord } from '../schema.ts';
export const provisioningObjectSummarySchema = obj({
  id: str({ filter: ['eq', 'contains'], required: true }),
  activityDateTime: datetime({ filter: ['eq', 'gt', 'lt'], orderby: true, required: true }),
});
export type ProvisioningObjectSummary = InferRecord<typeof provisioningObjectSummarySchema>;
