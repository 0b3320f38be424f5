// The `Prefer: include-unknown-enum-members` request preference (spec 3.9; RFC 7240). A request may
// carry several preferences in one header or in repeated headers (Node joins those with ", "), each
// `token[=value][; param]`, with tokens compared without regard to case.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const INCLUDE_UNKNOWN_ENUM_MEMBERS = 'include-unknown-enum-members';

/** The preference tokens of a Prefer header value, lower-cased; commas inside quotes do not split. */
export function preferenceTokens(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  const out: string[] = [];
  for (const part of text.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? []) {
    const token = part.split(/[=;]/, 1)[0]!.trim().toLowerCase();
    if (token) out.push(token);
  }
  return out;
}

/** Whether the request opted in to enum members declared after `unknownFutureValue`. */
export function includesUnknownEnumMembers(req: FastifyRequest): boolean {
  return preferenceTokens(req.headers['prefer']).includes(INCLUDE_UNKNOWN_ENUM_MEMBERS);
}

/**
 * Echo the preference on a response that honoured it. Called when the body is ready, so an error
 * response raised while building it never claims a preference was applied.
 */
export function markEnumPreferenceApplied(reply: FastifyReply, applied: boolean): void {
  if (!applied) return;
  const prev = reply.getHeader('preference-applied');
  reply.header('preference-applied', prev ? `${String(prev)}, ${INCLUDE_UNKNOWN_ENUM_MEMBERS}` : INCLUDE_UNKNOWN_ENUM_MEMBERS);
}
