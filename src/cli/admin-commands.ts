// `idtrail tenant|key|retention|verify|checkpoint`: operator commands on the embedded store. They
// open the data directory directly, so they need the server stopped (it holds the file lock);
// while it runs, use its /admin API instead. Every change is audited like the API's.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR, KeyRequestError, type AdminService } from '../auth/index.ts';
import { createIngestService } from '../ingest/index.ts';
import { openLastSignInIndex } from '../runtime/last-sign-in-wiring.ts';
import { issueCheckpoint, runRetention, walkChain, type IntegrityDeps, type VerifyReport } from '../integrity/index.ts';
import { ALL_KINDS, findKind, type LogKind } from '../model/index.ts';
import { attachSecurity, openSecurityCore } from '../runtime/security-wiring.ts';
import { DuckDbStore, StoreError } from '../store/index.ts';
import { CliError } from './cli-error.ts';

interface Ctx { service: AdminService; integrity: IntegrityDeps }

const defaultDir = process.env.IDTRAIL_DATA_DIR ?? './data';
const out = (v: unknown) => process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);

async function withStore<T>(dataDir: string, f: (c: Ctx) => Promise<T>): Promise<T> {
  let store: DuckDbStore;
  try {
    store = await DuckDbStore.open({ dataDir, threads: 2 });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'IDT_STORE_LOCKED') {
      throw new CliError(`${dataDir} is held by a running idtrail server: stop it first, or use its /admin API (keys, retention, checkpoint, verify)`);
    }
    throw e;
  }
  try {
    const core = await openSecurityCore(store, dataDir);
    const ingest = createIngestService({ store, enrichers: {}, chain: core.chain });
    const sec = await attachSecurity(core, ingest, { localTenant: 'default', retentionIntervalMs: 0 });
    return await f({ service: sec.service, integrity: sec.integrity });
  } catch (e) {
    if (e instanceof KeyRequestError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

function kindOpt(raw: string | undefined): LogKind | null {
  if (!raw) return null;
  const d = findKind(raw);
  if (!d) throw new CliError(`unknown log kind '${raw}'; use one of ${ALL_KINDS.join(', ')}`);
  return d.kind;
}

function intOpt(raw: string | undefined, name: string): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive whole number, got '${raw}'`);
  return n;
}

export function registerAdminCommands(program: Command): void {
  const dd = (c: Command) => c.option('-d, --data-dir <dir>', 'directory of the embedded store', defaultDir);

  const tenant = program.command('tenant').description('manage tenants');
  dd(tenant.command('create').description('create a tenant').option('--id <id>', 'tenant id (default: a new GUID)').option('--name <name>')
    .option('--tier <tier>', 'licence tier for default retention: free (7 days) or premium (30 days)', 'premium'))
    .action(async (o: { dataDir: string; id?: string; name?: string; tier: string }) => {
      if (o.tier !== 'free' && o.tier !== 'premium') throw new CliError("--tier must be 'free' or 'premium'");
      out(await withStore(o.dataDir, (c) => c.service.createTenant(CLI_ACTOR, { id: o.id, name: o.name, tier: o.tier as 'free' | 'premium' })));
    });
  dd(tenant.command('list').description('list tenants')).action(async (o: { dataDir: string }) => {
    out(await withStore(o.dataDir, (c) => c.integrity.admin.listTenants()));
  });

  const key = program.command('key').description('manage API keys');
  dd(key.command('create').description('issue an API key (shown once)').requiredOption('--tenant <id>').requiredOption('--role <role...>', "roles, e.g. 'Security Reader' or 'Ingest Writer'")
    .option('--name <name>').option('--expires-days <n>', 'expire after n days'))
    .action(async (o: { dataDir: string; tenant: string; role: string[]; name?: string; expiresDays?: string }) => {
      const r = await withStore(o.dataDir, (c) => c.service.createKey(CLI_ACTOR, { tenantId: o.tenant, roles: o.role, name: o.name, expiresInDays: intOpt(o.expiresDays, '--expires-days') }));
      out({ ...r.key, key: r.token });
      process.stderr.write('Keep the key now: only its hash is stored.\n');
    });
  dd(key.command('revoke').description('revoke an API key').argument('<id>').requiredOption('--tenant <id>')).action(async (id: string, o: { dataDir: string; tenant: string }) => {
    if (!(await withStore(o.dataDir, (c) => c.service.revokeKey(CLI_ACTOR, o.tenant, id)))) throw new CliError(`no active key '${id}' in tenant '${o.tenant}'`);
    out(`revoked ${id}`);
  });
  dd(key.command('list').description('list API keys (never their secrets)').option('--tenant <id>')).action(async (o: { dataDir: string; tenant?: string }) => {
    out(await withStore(o.dataDir, (c) => c.service.listKeys(o.tenant ?? null)));
  });

  const ret = program.command('retention').description('retention policy per tenant and log kind');
  dd(ret.command('set').requiredOption('--tenant <id>').option('--kind <kind>', 'one log kind (default: all)').option('--days <n>', 'custom retention in days')
    .option('--tier <tier>', 'free (7 days) or premium (30 days) defaults').option('--default', 'drop custom days: back to the tier default'))
    .action(async (o: { dataDir: string; tenant: string; kind?: string; days?: string; tier?: string; default?: boolean }) => {
      out(await withStore(o.dataDir, async (c) => {
        if (o.tier) {
          if (o.tier !== 'free' && o.tier !== 'premium') throw new CliError("--tier must be 'free' or 'premium'");
          return c.service.setTier(CLI_ACTOR, o.tenant, o.tier);
        }
        if (!o.days && !o.default) throw new CliError('give --days <n>, --default or --tier');
        return c.service.setRetention(CLI_ACTOR, o.tenant, kindOpt(o.kind), o.default ? null : intOpt(o.days, '--days'));
      }));
    });
  dd(ret.command('show').requiredOption('--tenant <id>')).action(async (o: { dataDir: string; tenant: string }) => {
    out(await withStore(o.dataDir, (c) => c.service.retention(o.tenant)));
  });
  dd(ret.command('run').description('purge expired records now').option('--tenant <id>')).action(async (o: { dataDir: string; tenant?: string }) => {
    out((await withStore(o.dataDir, async (c) => {
      const r = await runRetention(c.integrity, new Date(), o.tenant ? [o.tenant] : undefined);
      // Purged sign-ins must not stay anyone's last sign-in: recompute those tenants' rows now.
      await (await openLastSignInIndex(c.integrity.store)).afterRetention(r);
      return r;
    })).filter((r) => r.deleted || r.error));
  });

  dd(program.command('verify').description('recompute the hash chains; exit 2 at the first broken link').option('--tenant <id>').option('--kind <kind>')
    .option('--checkpoint <file>', 'a checkpoint JSON kept earlier (GET /admin/checkpoint) that the chain must still pass through'))
    .action(async (o: { dataDir: string; tenant?: string; kind?: string; checkpoint?: string }) => {
      const cps = o.checkpoint ? readCheckpoints(o.checkpoint) : [];
      const reports = await withStore(o.dataDir, async (c) => {
        const streams = (await c.integrity.admin.chainedStreams()).filter((s) => (!o.tenant || s.tenantId === o.tenant) && (!o.kind || s.kind === kindOpt(o.kind)));
        const rs: VerifyReport[] = [];
        for (const s of streams) rs.push(await walkChain(c.integrity, s.tenantId, s.kind, { checkpoints: cps.filter((p) => p.tenantId === s.tenantId && p.kind === s.kind) }));
        return rs;
      });
      for (const r of reports) {
        out(r.ok ? `ok      ${r.tenantId} ${r.kind}: ${r.records} records, ${r.redacted} redacted, seq ${r.baseSeq + 1}..${r.lastSeq}${r.checkpointsChecked ? `, ${r.checkpointsChecked} checkpoint(s) matched` : ''}`
          : `BROKEN  ${r.tenantId} ${r.kind}: first broken link at seq ${r.firstBroken!.seq}${r.firstBroken!.id ? ` (id ${r.firstBroken!.id})` : ''}: ${r.firstBroken!.reason}`);
      }
      if (!reports.length) out('no chains to verify');
      if (reports.some((r) => !r.ok)) process.exitCode = 2;
    });

  dd(program.command('checkpoint').description('print signed checkpoints (latest link, length, time) for a tenant').requiredOption('--tenant <id>').option('--kind <kind>'))
    .action(async (o: { dataDir: string; tenant: string; kind?: string }) => {
      const k = kindOpt(o.kind);
      out({ value: await withStore(o.dataDir, async (c) => Promise.all((k ? [k] : ALL_KINDS).map((x) => issueCheckpoint(c.integrity, o.tenant, x)))) });
    });
}

function readCheckpoints(file: string): Array<{ tenantId: string; kind: LogKind; seq: number; link: string }> {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { value?: Array<{ payload: never }>; payload?: never };
    const list = j.value ?? [j];
    return list.map((c) => (c as { payload: { tenantId: string; kind: LogKind; seq: number; link: string } }).payload);
  } catch (e) {
    throw new CliError(`cannot read checkpoint file ${file}: ${(e as Error).message}`);
  }
}
