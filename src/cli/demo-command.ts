// `idtrail demo`: generate a deterministic demo tenant (with planted attacks and their ground
// truth) into NDJSON files (--out) or straight into a store (--data-dir), with a progress bar.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { createIngestSink, defaultDemoOptions, generateDemo, runDemoToDir, type DemoOptions, type DemoSummary } from '../demo/index.ts';
import { createRuntime } from '../runtime/runtime.ts';
import { StoreError } from '../store/index.ts';
import type { IngestService } from '../ingest/index.ts';
import { CliError } from './cli-error.ts';

interface DemoCliOptions {
  out?: string;
  dataDir?: string;
  tenant: string;
  seed: string;
  users: string;
  days: string;
  end?: string;
  attacks: boolean;
}

function wholeNumber(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be a whole number ≥ ${min}, got '${v}'`);
  return n;
}

export function registerDemoCommand(program: Command): void {
  const d = defaultDemoOptions();
  program
    .command('demo')
    .description('generate a demo tenant: NDJSON files (--out DIR) or straight into a store (--data-dir DIR)')
    .option('--out <dir>', 'write <kind>.ndjson, ground-truth.json and expected.json here')
    .option('-d, --data-dir <dir>', 'ingest into the embedded store in this directory (the server must not be running on it)')
    .option('--tenant <id>', 'tenant to ingest into', 'default')
    .option('--seed <n>', 'random seed (same seed, same bytes)', String(d.seed))
    .option('--users <n>', 'number of users', String(d.users))
    .option('--days <n>', 'days of activity', String(d.days))
    .option('--end <iso>', 'the generated window ends here (default: now)')
    .option('--no-attacks', 'leave out the planted attacks')
    .action(async (o: DemoCliOptions) => {
      if (Boolean(o.out) === Boolean(o.dataDir)) throw new CliError('give exactly one of --out DIR or --data-dir DIR');
      const opts: DemoOptions = {
        seed: wholeNumber('seed', o.seed, 0), users: wholeNumber('users', o.users, 1), days: wholeNumber('days', o.days, 1),
        endDate: o.end ?? new Date().toISOString(), attacks: o.attacks, tenantId: o.tenant,
      };
      if (Number.isNaN(Date.parse(opts.endDate))) throw new CliError(`--end must be an ISO-8601 date-time, got '${o.end}'`);
      const summary = o.out ? await runDemoToDir(opts, o.out) : await demoIntoDataDir(opts, o.dataDir!, o.tenant);
      const c = summary.counts;
      console.log(`demo tenant: ${c.signIns} sign-ins, ${c.directoryAudits} directory audits, ${c.customSecurityAttributeAudits} custom security attribute audits, ${c.provisioning} provisioning events, ${c.signUps} sign-up events; ${summary.groundTruth.attacks.length} planted attacks`);
    });
}

async function demoIntoDataDir(opts: DemoOptions, dataDir: string, tenant: string): Promise<DemoSummary> {
  let rt;
  try {
    rt = await createRuntime({ dataDir, enrich: false, defaultTenant: tenant, metrics: null, retentionIntervalMs: 0 });
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(`${e.message}${e.code === 'IDT_STORE_LOCKED' ? '. Stop the server, or ingest the files from --out with `idtrail ingest`.' : ''}`);
    throw e;
  }
  try {
    return await seedDemo(rt.ingest, tenant, opts, process.stderr.isTTY);
  } finally {
    await rt.close();
  }
}

/** Generate `opts` into a tenant through ingest (also used for the first start of `serve`). */
export async function seedDemo(ingest: IngestService, tenant: string, opts: DemoOptions, progress: boolean, log?: (msg: string) => void): Promise<DemoSummary> {
  const sink = createIngestSink(ingest, tenant);
  const bar = progress
    ? new cliProgress.SingleBar({ format: 'demo [{bar}] {percentage}% | {value}/{total} records | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(1, 0);
  let lastLog = 0;
  const summary = await generateDemo(opts, sink, (done, total) => {
    bar?.setTotal(total);
    bar?.update(done);
    if (log && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`demo tenant: ${done}/${total} records stored`);
    }
  });
  await sink.flush();
  bar?.stop();
  return summary;
}
