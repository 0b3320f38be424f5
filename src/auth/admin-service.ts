// idtrail's own administrative actions: tenants, keys, retention. Each one is written to the
// tenant's directory audit log like any other audit event (so it is chained and retained too).
import { randomUUID } from 'node:crypto';
import { ALL_KINDS, type JsonObject, type LogKind } from '../model/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { AdminStore, ApiKeyRow, LicenceTier, TenantRow } from '../store/index.ts';
import { retentionDays } from '../integrity/index.ts';
import { KeyRequestError, newApiKey, validateKeyRoles } from './api-keys.ts';

/** Who performed an admin action, as it will appear in `initiatedBy`. */
export interface Actor {
  readonly kind: 'user' | 'app';
  readonly id: string;
  readonly displayName: string;
}

export const CLI_ACTOR: Actor = { kind: 'app', id: 'idtrail-cli', displayName: 'idtrail command line' };

export interface AdminService {
  createTenant(actor: Actor, input: { id?: string; name?: string; tier?: LicenceTier }): Promise<TenantRow>;
  createKey(actor: Actor, input: { tenantId: string; name?: string; roles: readonly string[]; expiresInDays?: number | null }): Promise<{ key: Omit<ApiKeyRow, 'hash'>; token: string }>;
  revokeKey(actor: Actor, tenantId: string, id: string): Promise<boolean>;
  listKeys(tenantId: string | null): Promise<Array<Omit<ApiKeyRow, 'hash'>>>;
  setRetention(actor: Actor, tenantId: string, kind: LogKind | null, days: number | null): Promise<Record<LogKind, number>>;
  setTier(actor: Actor, tenantId: string, tier: LicenceTier): Promise<Record<LogKind, number>>;
  retention(tenantId: string): Promise<Record<LogKind, number>>;
}

export { KeyRequestError };

const TENANT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const withoutHash = ({ hash: _h, ...k }: ApiKeyRow) => k;

export function createAdminService(deps: { admin: AdminStore; ingest: IngestService; now?: () => Date; onKeysChanged?: () => void }): AdminService {
  const now = deps.now ?? (() => new Date());

  async function audit(tenantId: string, actor: Actor, e: { activity: string; category: string; operationType: string; target: { id: string; displayName: string; type: string }; changes?: Array<[string, string | null, string | null]> }) {
    const initiatedBy: JsonObject = actor.kind === 'user'
      ? { user: { id: actor.id, userPrincipalName: actor.displayName, displayName: actor.displayName } }
      : { app: { appId: actor.id, displayName: actor.displayName } };
    const rec: JsonObject = {
      id: `idtrail-${randomUUID()}`,
      activityDateTime: now().toISOString(),
      activityDisplayName: e.activity,
      category: e.category,
      correlationId: randomUUID(),
      loggedByService: 'idtrail',
      operationType: e.operationType,
      result: 'success',
      initiatedBy,
      targetResources: [{
        ...e.target,
        modifiedProperties: (e.changes ?? []).map(([displayName, oldValue, newValue]) => ({ displayName, oldValue, newValue })),
      }],
      additionalDetails: [{ key: 'source', value: 'idtrail administration' }],
    };
    await deps.ingest.ingest('directoryAudits', tenantId, [{ index: 0, value: rec }]);
  }

  async function requireTenant(id: string): Promise<TenantRow> {
    const t = await deps.admin.getTenant(id);
    if (!t) throw new KeyRequestError(`no tenant '${id}' (create it with: idtrail tenant create --id ${id})`);
    return t;
  }

  return {
    async createTenant(actor, input) {
      const id = input.id ?? randomUUID();
      if (!TENANT_ID_RE.test(id)) throw new KeyRequestError(`tenant id '${id}' must be 1-64 letters, digits, '.', '_' or '-'`);
      if (await deps.admin.getTenant(id)) throw new KeyRequestError(`tenant '${id}' already exists`);
      const t: TenantRow = { id, name: input.name ?? id, tier: input.tier ?? 'premium', created: now().toISOString() };
      await deps.admin.createTenant(t);
      await audit(id, actor, { activity: 'Add tenant', category: 'DirectoryManagement', operationType: 'Add', target: { id, displayName: t.name, type: 'Tenant' }, changes: [['tier', null, t.tier]] });
      return t;
    },
    async createKey(actor, input) {
      await requireTenant(input.tenantId);
      const roles = validateKeyRoles(input.roles);
      const exp = input.expiresInDays ?? null;
      if (exp !== null && !(Number.isInteger(exp) && exp > 0 && exp <= 3650)) throw new KeyRequestError('expiresInDays must be a whole number of days from 1 to 3650');
      const { row, token } = newApiKey({ tenantId: input.tenantId, name: input.name ?? roles.join(', '), roles, expiresInDays: exp, now: now() });
      await deps.admin.createKey(row);
      deps.onKeysChanged?.();
      await audit(input.tenantId, actor, {
        activity: 'Add API key', category: 'KeyManagement', operationType: 'Add', target: { id: row.id, displayName: row.name, type: 'ApiKey' },
        changes: [['roles', null, JSON.stringify(roles)], ['expires', null, row.expires]],
      });
      return { key: withoutHash(row), token };
    },
    async revokeKey(actor, tenantId, id) {
      const ok = await deps.admin.revokeKey(tenantId, id, now().toISOString());
      if (!ok) return false;
      deps.onKeysChanged?.();
      await audit(tenantId, actor, { activity: 'Revoke API key', category: 'KeyManagement', operationType: 'Delete', target: { id, displayName: id, type: 'ApiKey' } });
      return true;
    },
    async listKeys(tenantId) {
      return (await deps.admin.listKeys(tenantId)).map(withoutHash);
    },
    async setRetention(actor, tenantId, kind, days) {
      await requireTenant(tenantId);
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 36500)) throw new KeyRequestError('retention days must be a whole number from 1 to 36500');
      const before = await retentionDays(deps.admin, tenantId);
      for (const k of kind ? [kind] : ALL_KINDS) await deps.admin.setRetention(tenantId, k, days);
      const after = await retentionDays(deps.admin, tenantId);
      await audit(tenantId, actor, {
        activity: 'Update retention policy', category: 'Policy', operationType: 'Update', target: { id: `retention/${kind ?? '*'}`, displayName: `Retention of ${kind ?? 'all logs'}`, type: 'RetentionPolicy' },
        changes: (kind ? [kind] : ALL_KINDS).map((k) => [`${k}.days`, String(before[k]), String(after[k])]),
      });
      return after;
    },
    async setTier(actor, tenantId, tier) {
      const t = await requireTenant(tenantId);
      await deps.admin.setTenantTier(tenantId, tier);
      await audit(tenantId, actor, { activity: 'Update licence tier', category: 'Policy', operationType: 'Update', target: { id: tenantId, displayName: t.name, type: 'Tenant' }, changes: [['tier', t.tier, tier]] });
      return retentionDays(deps.admin, tenantId);
    },
    retention: (tenantId) => retentionDays(deps.admin, tenantId),
  };
}
