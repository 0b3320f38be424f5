// Shared by the auth integration tests: a runtime on a throwaway store with two tenants, one key per
// role in each, and one record of every kind in each tenant (tenant B's marked so leaks show).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime, type RuntimeConfig } from '../runtime/runtime.ts';
import { ALL_KINDS, LOG_KINDS, type LogKind } from '../model/index.ts';
import { CLI_ACTOR } from './admin-service.ts';
import { ROLES, type Role } from './role-matrix.ts';

export const TENANTS = ['tenant-a', 'tenant-b'] as const;

export function sampleRecord(kind: LogKind, tenant: string, n: number): Record<string, unknown> {
  const mark = tenant === 'tenant-b' ? 'TENANTB' : 'tenanta';
  const t = new Date(Date.now() - n * 60_000).toISOString();
  const base: Record<string, unknown> = { id: `${mark}-${kind}-${n}`, [LOG_KINDS[kind].timeField]: t };
  if (kind === 'signIns') Object.assign(base, { userPrincipalName: `u${n}@${mark}.example`, signInEventTypes: ['interactiveUser'] });
  if (kind === 'directoryAudits') Object.assign(base, { activityDisplayName: `act ${mark}` });
  return base;
}

export interface AuthKit {
  readonly rt: Runtime;
  /** keys[tenant][role] = bearer token */
  readonly keys: Record<string, Record<Role, string>>;
  close(): Promise<void>;
}

export async function openAuthKit(extra: Partial<RuntimeConfig> = {}): Promise<AuthKit> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-auth-'));
  const rt = await createRuntime({ dataDir: dir, enrich: false, retentionIntervalMs: 0, rateLimit: null, defaultTenant: 'tenant-a', ...extra });
  const svc = rt.security.service;
  const keys: Record<string, Record<Role, string>> = {};
  for (const t of TENANTS) {
    if (!(await rt.security.integrity.admin.getTenant(t))) await svc.createTenant(CLI_ACTOR, { id: t });
    keys[t] = {} as Record<Role, string>;
    for (const role of ROLES) keys[t]![role] = (await svc.createKey(CLI_ACTOR, { tenantId: t, roles: [role] })).token;
    for (const k of ALL_KINDS) {
      await rt.ingest.ingest(k, t, [1, 2].map((n, index) => ({ index, value: sampleRecord(k, t, n) })));
      // The same id in both tenants: each must see only its own.
      await rt.ingest.ingest(k, t, [{ index: 0, value: { ...sampleRecord(k, t, 3), id: `shared-${k}` } }]);
    }
  }
  return {
    rt, keys,
    async close() {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
