// The orchestrator: builds the tenant, schedules each UTC day of every kind into buckets, and emits
// a bucket (sorted, rendered) once no later-scheduled day can still add to it.
import type { LogKind } from '../model/log-kinds.ts';
import { Prng } from './prng.ts';
import { DAY, entraClock, demoWindow } from './entra-time.ts';
import { buildTenant, type DemoTenant } from './tenant-model.ts';
import { buildSignInKits } from './sign-in-kits.ts';
import { createSignInScheduler } from './sign-in-generator.ts';
import type { SignInEvent } from './sign-in-record.ts';
import { SignInDraw } from './sign-in-draw.ts';
import { SignInQueue } from './sign-in-queue.ts';
import { createEmitter, type DemoSink } from './demo-sink.ts';
import { createAuditGenerator } from './audit-generator.ts';
import { createProvisioningGenerator } from './provisioning-generator.ts';
import { createSignUpGenerator } from './sign-up-generator.ts';
import { planAttacks } from './attack-planter.ts';
import { GroundTruthRecorder, type GroundTruth } from './ground-truth.ts';
import { ExpectationTally, type DemoExpectations } from './expectations.ts';
import type { TimedRecord } from './timed-record.ts';

export interface DemoOptions {
  readonly seed: number;
  readonly users: number;
  readonly days: number;
  /** ISO instant; the generated window is [endDate − days, endDate). */
  readonly endDate: string;
  readonly attacks: boolean;
  readonly tenantId?: string;
}

export interface DemoSummary {
  readonly tenant: { readonly id: string; readonly name: string; readonly domain: string; readonly users: number };
  readonly counts: Record<LogKind, number>;
  readonly groundTruth: GroundTruth;
  readonly expected: DemoExpectations;
}

interface Bucket { signIns: SignInQueue; others: TimedRecord[] }

export async function generateDemo(
  opts: DemoOptions,
  sink: DemoSink,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoSummary> {
  if (!(opts.users >= 1) || !(opts.days >= 1)) throw new RangeError('demo: users and days must be at least 1');
  const window = demoWindow(opts.endDate, opts.days);
  const clock = entraClock(window.base);
  const tenant: DemoTenant = buildTenant(opts.seed, opts.users, opts.tenantId);
  const kits = buildSignInKits(tenant, opts.seed);
  const scheduler = createSignInScheduler(opts.seed, kits, window, clock);
  const signUps = createSignUpGenerator(opts.seed, tenant, window, clock);
  const dayGenerators = [
    createAuditGenerator(opts.seed, tenant, window, clock),
    createProvisioningGenerator(opts.seed, tenant, window, clock),
    signUps,
  ];
  const truth = new GroundTruthRecorder();
  const tally = new ExpectationTally(clock, tenant.users.length);
  const out = createEmitter(sink, clock);
  const draw = new SignInDraw();
  // Separate id streams keep the baseline byte-identical whether or not attacks are planted.
  const baseRng = new Prng(opts.seed, 'render');
  const attackRng = new Prng(opts.seed, 'render-attacks');
  const counts: Record<LogKind, number> = { signIns: 0, directoryAudits: 0, customSecurityAttributeAudits: 0, provisioning: 0, signUps: 0 };

  const buckets: Bucket[] = Array.from({ length: window.buckets }, () => ({ signIns: new SignInQueue(), others: [] }));
  const bucketOf = (k: number): Bucket | null => {
    const ms = clock.toMs(k);
    if (ms < window.start || ms >= window.end) return null;
    return buckets[Math.floor((ms - window.base) / DAY)];
  };
  const pushSignIn = (ev: SignInEvent) => bucketOf(ev.k)?.signIns.add(ev);
  const pushOther = (r: TimedRecord) => bucketOf(r.k)?.others.push(r);

  if (opts.attacks) {
    const planted = planAttacks(opts.seed, tenant, kits, window, clock);
    planted.plans.forEach((p) => truth.plan(p));
    planted.signIns.forEach(pushSignIn);
    planted.records.forEach(pushOther);
  }

  let done = 0;
  const byKey = (a: { k: number }, b: { k: number }) => a.k - b.k;
  async function emit(b: number): Promise<void> {
    const bucket = buckets[b];
    const signIns = bucket.signIns;
    for (const i of signIns.timeOrder()) {
      const ev = signIns.load(i);
      draw.draw(ev.tag === null ? baseRng : attackRng, ev.c === null);
      tally.signIn(ev);
      if (ev.tag !== null) truth.record(ev.tag, 'signIns', draw.id.text());
      const p = out.signIn(ev, draw);
      if (p) await p;
    }
    counts.signIns += signIns.size;
    bucket.others.sort(byKey);
    for (const r of bucket.others) {
      if (r.kind === 'directoryAudits') tally.directoryAudit(r.record.activityDisplayName as string);
      if (r.tag !== null) truth.record(r.tag, r.kind, r.record.id as string);
      counts[r.kind]++;
      const p = out.other(r);
      if (p) await p;
    }
    done += signIns.size + bucket.others.length;
    buckets[b] = { signIns: new SignInQueue(), others: [] };
    onProgress?.(done, b + 1 === window.buckets ? done : Math.round((done * window.buckets) / (b + 1)));
  }

  // Local day d reaches at most 14 h back into UTC bucket d − 1 and never into d − 2, so bucket
  // d − 1 is complete once local day d is scheduled.
  for (let day = -1; day <= window.buckets; day++) {
    scheduler.scheduleDay(day, pushSignIn);
    for (const g of dayGenerators) g.day(day, pushOther);
    if (day - 1 >= 0 && day - 1 < window.buckets) await emit(day - 1);
  }
  await out.finish();

  return {
    tenant: { id: tenant.id, name: tenant.name, domain: tenant.domain, users: tenant.users.length },
    counts,
    groundTruth: truth.result(opts.seed, tenant.id, new Date(window.start).toISOString(), new Date(window.end).toISOString()),
    expected: tally.result(signUps.funnel.result()),
  };
}
