// Who is calling and for which tenant. Every handler reads the tenant from here, never from a
// query parameter, so a caller cannot name someone else's tenant.
import type { FastifyRequest } from 'fastify';

export interface Principal {
  readonly tenantId: string;
  /** Entra-style role names (see auth); the local mode grants every reader role. */
  readonly roles: readonly string[];
  readonly subject: string;
  readonly credentialKind: 'local' | 'apiKey' | 'jwt';
}

/** Resolves the caller; throws ApiError 401/403. The local-only default is replaced by auth. */
export type Authenticator = (request: FastifyRequest, purpose: 'read' | 'ingest' | 'admin') => Promise<Principal>;

export function localAuthenticator(tenantId: string): Authenticator {
  const principal: Principal = {
    tenantId,
    roles: ['Global Administrator', 'Global Reader', 'Security Reader', 'Reports Reader', 'Attribute Log Reader', 'Ingest Writer'],
    subject: 'local',
    credentialKind: 'local',
  };
  return async () => principal;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
