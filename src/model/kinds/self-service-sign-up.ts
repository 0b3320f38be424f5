// microsoft.graph.selfServiceSignUp (spec 2.9). PLACEHOLDER: being written.
import { obj, str, datetime, type InferRecord } from '../schema.ts';
export const selfServiceSignUpSchema = obj({
  id: str({ filter: ['eq'], required: true }),
  createdDateTime: datetime({ filter: ['eq', 'ge', 'le'], orderby: true, required: true }),
});
export type SelfServiceSignUp = InferRecord<typeof selfServiceSignUpSchema>;
