// Builds Graph `$filter` text from the filter bar. Each filter contributes one clause; clauses are
// joined with `and`. Values are always quoted here, never spliced raw, so a user cannot change the
// shape of the query by typing quotes.

export const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export const eq = (path: string, v: string): string => `${path} eq ${quote(v)}`;
export const startsWith = (path: string, v: string): string => `startswith(${path},${quote(v)})`;

/**
 * Prefix match when the user ends the text with `*`, exact otherwise: exact is what every
 * filterable property supports, and it is what a pasted id or UPN means.
 */
export const textMatch = (path: string, v: string): string =>
  v.endsWith('*') ? startsWith(path, v.slice(0, -1)) : eq(path, v);

/** Status codes that are expected steps of a flow (MFA prompt, keep-me-signed-in), shown as "Interrupted". */
export const INTERRUPT_CODES = [50074, 50076, 50079, 50097, 50125, 50140, 50158, 81010, 81012, 81014] as const;

export function signInStatusClause(status: string): string | null {
  switch (status) {
    case 'success':
      return 'status/errorCode eq 0';
    case 'failure':
      return ['status/errorCode ne 0', ...INTERRUPT_CODES.map((c) => `status/errorCode ne ${c}`)].join(' and ');
    case 'interrupted':
      return `(${INTERRUPT_CODES.map((c) => `status/errorCode eq ${c}`).join(' or ')})`;
    default:
      return null;
  }
}

/** DateTimeOffset literals are unquoted in Graph filters. */
export const timeRangeClauses = (field: string, from: string | null, to: string | null): string[] => [
  ...(from ? [`${field} ge ${from}`] : []),
  ...(to ? [`${field} le ${to}`] : []),
];

export const joinClauses = (clauses: readonly (string | null | undefined)[]): string =>
  clauses.filter((c): c is string => !!c && c.trim() !== '').join(' and ');
