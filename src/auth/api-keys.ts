// API keys issued by idtrail: `idt_<id>_<secret>`. Only SHA-256 of the 256-bit random secret is
// stored; a slow password hash adds nothing for secrets this long and would cost every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRow } from '../store/index.ts';
import { normalizeRoles, ROLES, type Role } from './role-matrix.ts';

const KEY_RE = /^idt_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function parseApiKey(token: string): { id: string; secret: string } | null {
  const m = KEY_RE.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export function secretMatches(row: ApiKeyRow, secret: string): boolean {
  const a = Buffer.from(row.hash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class KeyRequestError extends Error {}

/** Roles must be known; ingest keys carry no reader role, so a leaked ingest key reads nothing. */
export function validateKeyRoles(raw: readonly string[]): Role[] {
  const roles = normalizeRoles(raw);
  const unknown = raw.filter((r) => normalizeRoles([r]).length === 0);
  if (unknown.length) throw new KeyRequestError(`unknown role(s): ${unknown.join(', ')}; use: ${ROLES.join(', ')}`);
  if (!roles.length) throw new KeyRequestError('a key needs at least one role');
  if (roles.includes('Ingest Writer') && roles.length > 1) throw new KeyRequestError('Ingest Writer keys are ingest-only: issue a separate key for reading');
  return roles;
}

export function newApiKey(input: { tenantId: string; name: string; roles: readonly Role[]; expiresInDays: number | null; now: Date }): { row: ApiKeyRow; token: string } {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const expires = input.expiresInDays === null ? null : new Date(input.now.getTime() + input.expiresInDays * 86_400_000).toISOString();
  return {
    token: `idt_${id}_${secret}`,
    row: { id, tenantId: input.tenantId, name: input.name, roles: input.roles, hash: hashSecret(secret), created: input.now.toISOString(), expires, revoked: null },
  };
}
