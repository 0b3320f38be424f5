// Turns a request's bearer credential into a Principal: an idtrail API key or an OIDC JWT. With no
// credential, local mode answers for one tenant — only while no key exists, no issuer is configured
// and auth is not required (a fresh install on 127.0.0.1). Per-credential rate limits apply here.
import type { FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../api/request-context.ts';
import type { LogKindDef } from '../model/index.ts';
import type { AdminStore } from '../store/index.ts';
import { parseApiKey, secretMatches } from './api-keys.ts';
import { AuthError, forbidden } from './auth-error.ts';
import type { JwtVerifier } from './jwt-verifier.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { isAllowed, READ_MATRIX, ROLES, type Role } from './role-matrix.ts';

export type AuthMode = 'auto' | 'required' | 'local';

export interface AuthenticatorOptions {
  readonly admin: AdminStore;
  readonly mode: AuthMode;
  readonly localTenant: string;
  readonly jwt?: JwtVerifier | null;
  readonly rateLimiter?: RateLimiter | null;
  readonly now?: () => Date;
}

export interface AuthService {
  readonly authenticate: Authenticator;
  readonly authorizeRead: (roles: readonly string[], def: LogKindDef) => void;
  /** True while credential-less requests are served (reported at startup). */
  localModeActive(): Promise<boolean>;
  /** Call after keys change so local mode is re-evaluated at once. */
  keysChanged(): void;
}

// One operator on loopback: every role, as localAuthenticator grants.
const LOCAL_ROLES: readonly Role[] = ROLES;
const CACHE_MS = 2000;

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AuthError('IDT_UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  return m[1]!;
}

export function createAuthService(o: AuthenticatorOptions): AuthService {
  const now = o.now ?? (() => new Date());
  let keysCached: { n: number; at: number } | null = null;

  async function localModeActive(): Promise<boolean> {
    if (o.mode === 'local') return true;
    if (o.mode === 'required' || o.jwt) return false;
    const t = Date.now();
    if (!keysCached || t - keysCached.at > CACHE_MS) keysCached = { n: await o.admin.countActiveKeys(now().toISOString()), at: t };
    return keysCached.n === 0;
  }

  async function resolve(token: string): Promise<Principal & { credential: string }> {
    const k = parseApiKey(token);
    if (k) {
      const row = await o.admin.getKey(k.id);
      if (!row || !secretMatches(row, k.secret)) throw new AuthError('IDT_UNAUTHENTICATED', 'The access token is invalid.');
      if (row.revoked) throw new AuthError('IDT_UNAUTHENTICATED', 'The API key has been revoked.');
      if (row.expires && row.expires <= now().toISOString()) throw new AuthError('IDT_UNAUTHENTICATED', 'Lifetime validation failed, the token is expired.');
      return { tenantId: row.tenantId, roles: row.roles, subject: `apikey:${row.id}`, credentialKind: 'apiKey', credential: `key:${row.id}` };
    }
    if (!o.jwt) throw new AuthError('IDT_UNAUTHENTICATED', 'The access token is invalid.');
    const v = await o.jwt.verify(token);
    if (!(await o.admin.getTenant(v.tenantId))) throw new AuthError('IDT_UNAUTHENTICATED', `Tenant '${v.tenantId}' is not served by this idtrail.`);
    return { tenantId: v.tenantId, roles: v.roles, subject: v.displayName ?? v.subject, credentialKind: 'jwt', credential: `jwt:${v.tenantId}:${v.subject}` };
  }

  const authenticate: Authenticator = async (req, purpose) => {
    const token = bearer(req);
    let p: Principal;
    if (token === null) {
      if (!(await localModeActive())) throw new AuthError('IDT_UNAUTHENTICATED', 'Access token is empty.');
      p = { tenantId: o.localTenant, roles: LOCAL_ROLES, subject: 'local', credentialKind: 'local' };
    } else {
      const r = await resolve(token);
      const verdict = o.rateLimiter?.take(r.credential);
      if (verdict && !verdict.ok) throw new AuthError('IDT_RATE_LIMITED', 'Please retry again later.', verdict.retryAfterSeconds);
      p = { tenantId: r.tenantId, roles: r.roles, subject: r.subject, credentialKind: r.credentialKind };
    }
    // Ingest and read credentials are separate: each purpose needs its own kind of role.
    if (purpose === 'ingest' && !isAllowed(p.roles, { kind: 'ingest' })) throw forbidden();
    if (purpose !== 'ingest' && !p.roles.some((r) => r !== 'Ingest Writer')) throw forbidden();
    req.principal = p;
    return p;
  };

  return {
    authenticate,
    authorizeRead(roles, def) {
      if (!roles.some((r) => (READ_MATRIX[def.kind] as readonly string[]).includes(r))) throw forbidden();
    },
    localModeActive,
    keysChanged() {
      keysCached = null;
    },
  };
}
