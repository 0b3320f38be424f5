// Authentication and authorization failures. The HTTP edge maps them to the Graph envelope
// (401 InvalidAuthenticationToken, 403 Authorization_RequestDenied, 429 TooManyRequests).
export type AuthErrorCode = 'IDT_UNAUTHENTICATED' | 'IDT_FORBIDDEN' | 'IDT_RATE_LIMITED';

export class AuthError extends Error {
  constructor(readonly code: AuthErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'AuthError';
  }
}

export const forbidden = () => new AuthError('IDT_FORBIDDEN', 'Insufficient privileges to complete the operation.');
