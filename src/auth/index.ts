export * from './role-matrix.ts';
export { AuthError, forbidden, type AuthErrorCode } from './auth-error.ts';
export { parseApiKey, validateKeyRoles, newApiKey, KeyRequestError } from './api-keys.ts';
export { createJwtVerifier, type JwtConfig, type JwtVerifier } from './jwt-verifier.ts';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.ts';
export { createAuthService, type AuthService, type AuthMode, type AuthenticatorOptions } from './authenticator.ts';
export { createAdminService, CLI_ACTOR, type AdminService, type Actor } from './admin-service.ts';
