// Bearer JWTs from an external OpenID Connect issuer, verified with jose against the issuer's JWKS
// (signature, issuer, audience, expiry and not-before). The tenant and roles come from claims:
// Entra puts the tenant in `tid`, app roles in `roles` and directory role template ids in `wids`.
import { createRemoteJWKSet, jwtVerify, errors, type JWTPayload } from 'jose';
import { normalizeRoles, type Role } from './role-matrix.ts';
import { AuthError } from './auth-error.ts';

export interface JwtConfig {
  readonly issuer: string;
  readonly audience: string | readonly string[];
  /** Default: discovered from `${issuer}/.well-known/openid-configuration`. */
  readonly jwksUri?: string;
  readonly tenantClaim?: string;
  readonly rolesClaims?: readonly string[];
  readonly clockToleranceSeconds?: number;
}

export interface VerifiedToken {
  readonly tenantId: string;
  readonly roles: Role[];
  readonly subject: string;
  readonly displayName: string | null;
}

export interface JwtVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

async function discoverJwks(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OpenID discovery at ${url} answered ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: string };
  if (!doc.jwks_uri) throw new Error(`OpenID discovery at ${url} has no jwks_uri`);
  return new URL(doc.jwks_uri);
}

export function createJwtVerifier(cfg: JwtConfig): JwtVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = cfg.jwksUri ? createRemoteJWKSet(new URL(cfg.jwksUri)) : null;
  const tenantClaim = cfg.tenantClaim ?? 'tid';
  const rolesClaims = cfg.rolesClaims ?? ['roles', 'wids'];
  return {
    async verify(token) {
      try {
        jwks ??= createRemoteJWKSet(await discoverJwks(cfg.issuer));
      } catch (e) {
        throw new AuthError('IDT_UNAUTHENTICATED', `The token cannot be validated now: ${(e as Error).message}`);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: cfg.issuer,
          audience: cfg.audience as string | string[],
          clockTolerance: cfg.clockToleranceSeconds ?? 30,
          requiredClaims: ['exp'],
        }));
      } catch (e) {
        const reason = e instanceof errors.JWTExpired ? 'Lifetime validation failed, the token is expired.'
          : e instanceof errors.JWTClaimValidationFailed ? `Token claim validation failed (${e.claim}).`
          : e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey ? 'The token signature is invalid.'
          : 'The access token is invalid.';
        throw new AuthError('IDT_UNAUTHENTICATED', reason);
      }
      const tenantId = payload[tenantClaim];
      if (typeof tenantId !== 'string' || !tenantId) throw new AuthError('IDT_UNAUTHENTICATED', `The token has no '${tenantClaim}' (tenant) claim.`);
      const raw = rolesClaims.flatMap((c) => (Array.isArray(payload[c]) ? (payload[c] as unknown[]) : []));
      const sub = (payload['oid'] as string | undefined) ?? payload.sub ?? 'unknown';
      const name = (payload['preferred_username'] as string | undefined) ?? (payload['upn'] as string | undefined) ?? null;
      return { tenantId, roles: normalizeRoles(raw), subject: sub, displayName: name };
    },
  };
}
