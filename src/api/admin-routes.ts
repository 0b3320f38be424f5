// /admin: the caller's own tenant only (the tenant comes from the credential, never the URL).
// Keys, retention, the signed checkpoint of the chains and an on-demand verify. Creating tenants
// is an operator task for the CLI, since no tenant's credential should reach another tenant.
import type { FastifyInstance } from 'fastify';
import { ALL_KINDS, findKind, type LogKind } from '../model/index.ts';
import { forbidden, isAllowed, KeyRequestError, readableKinds, type Action, type Actor, type AdminService } from '../auth/index.ts';
import { issueCheckpoint, walkChain, type IntegrityDeps } from '../integrity/index.ts';
import { ApiError } from './api-errors.ts';
import type { Authenticator, Principal } from './request-context.ts';

export interface AdminRouteDeps {
  readonly authenticate: Authenticator;
  readonly service: AdminService;
  readonly integrity: IntegrityDeps;
}

const actorOf = (p: Principal): Actor =>
  p.credentialKind === 'apiKey' ? { kind: 'app', id: p.subject, displayName: `idtrail API key ${p.subject.slice(7)}` }
    : { kind: 'user', id: p.subject, displayName: p.subject };

function need(p: Principal, a: Action): void {
  if (!isAllowed(p.roles, a)) throw forbidden();
}

function kindsParam(p: Principal, raw: string | undefined): LogKind[] {
  const kinds = raw ? [findKind(raw)?.kind ?? badKind(raw)] : ALL_KINDS;
  const ok = readableKinds(p.roles, kinds);
  if (!ok.length) throw forbidden();
  return ok;
}

function badKind(raw: string): never {
  throw new ApiError('IDT_BAD_REQUEST', `Unknown log kind '${raw}'.`);
}

async function wrap<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof KeyRequestError) throw new ApiError('IDT_BAD_REQUEST', e.message);
    throw e;
  }
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const { service } = deps;

  app.get('/admin/tenant', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    const t = await deps.integrity.admin.getTenant(p.tenantId);
    return { tenant: t, principal: { subject: p.subject, roles: p.roles, credentialKind: p.credentialKind } };
  });

  app.get('/admin/keys', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    need(p, { kind: 'manageKeys' });
    return { value: await service.listKeys(p.tenantId) };
  });

  app.post<{ Body: { name?: string; roles?: string[]; expiresInDays?: number | null } }>('/admin/keys', async (req, reply) => {
    const p = await deps.authenticate(req, 'admin');
    need(p, { kind: 'manageKeys' });
    const b = req.body ?? {};
    if (!Array.isArray(b.roles)) throw new ApiError('IDT_BAD_REQUEST', 'roles must be an array of role names');
    const r = await wrap(() => service.createKey(actorOf(p), { tenantId: p.tenantId, name: b.name, roles: b.roles!, expiresInDays: b.expiresInDays ?? null }));
    reply.code(201);
    return { ...r.key, key: r.token };
  });

  app.delete<{ Params: { id: string } }>('/admin/keys/:id', async (req, reply) => {
    const p = await deps.authenticate(req, 'admin');
    need(p, { kind: 'manageKeys' });
    if (!(await service.revokeKey(actorOf(p), p.tenantId, req.params.id))) throw new ApiError('IDT_NOT_FOUND', `No active key '${req.params.id}' in this tenant.`);
    reply.code(204);
    return null;
  });

  app.get('/admin/retention', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    need(p, { kind: 'readRetention' });
    const t = await deps.integrity.admin.getTenant(p.tenantId);
    return { tier: t?.tier ?? 'premium', days: await service.retention(p.tenantId) };
  });

  app.put<{ Body: { kind?: string; days?: number | null; tier?: string } }>('/admin/retention', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    const b = req.body ?? {};
    if (b.tier !== undefined) {
      need(p, { kind: 'setTier' });
      if (b.tier !== 'free' && b.tier !== 'premium') throw new ApiError('IDT_BAD_REQUEST', "tier must be 'free' or 'premium'");
      return { days: await wrap(() => service.setTier(actorOf(p), p.tenantId, b.tier as 'free' | 'premium')) };
    }
    const kind = b.kind ? findKind(b.kind)?.kind ?? badKind(b.kind) : null;
    for (const k of kind ? [kind] : ALL_KINDS) need(p, { kind: 'setRetention', log: k });
    if (b.days === undefined) throw new ApiError('IDT_BAD_REQUEST', 'give days (a number, or null for the tier default) or tier');
    return { days: await wrap(() => service.setRetention(actorOf(p), p.tenantId, kind, b.days ?? null)) };
  });

  app.get<{ Querystring: { kind?: string } }>('/admin/checkpoint', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    const kinds = kindsParam(p, req.query.kind);
    return { value: await Promise.all(kinds.map((k) => issueCheckpoint(deps.integrity, p.tenantId, k))) };
  });

  app.get<{ Querystring: { kind?: string } }>('/admin/verify', async (req) => {
    const p = await deps.authenticate(req, 'admin');
    const kinds = kindsParam(p, req.query.kind);
    const value = [];
    for (const k of kinds) value.push(await walkChain(deps.integrity, p.tenantId, k));
    return { ok: value.every((r) => r.ok), value };
  });
}
