// Entra's three sign-in outcomes: success, failure, and "interrupted" (an expected step such as an
// MFA prompt that the user continues from), derived from the status code.
import { INTERRUPT_CODES } from '../api/odata-filter.ts';
import { Badge } from '../ui/fields.tsx';
import { pick, type LogRecord } from './log-view.ts';

export function signInStatus(r: LogRecord): 'Success' | 'Failure' | 'Interrupted' {
  const code = Number(pick(r, 'status/errorCode') ?? 0);
  if (code === 0) return 'Success';
  return (INTERRUPT_CODES as readonly number[]).includes(code) ? 'Interrupted' : 'Failure';
}

export const StatusBadge = ({ r }: { r: LogRecord }) => {
  const s = signInStatus(r);
  return <Badge tone={s === 'Success' ? 'ok' : s === 'Failure' ? 'bad' : 'warn'}>{s}</Badge>;
};
