// Folds the funnel's grouped attempt rows into slices (all, local, social, each provider), per-stage
// entered/left, failures by stage, a daily trend and the status codes seen. See the classification
// rules in sign-up-funnel-report.ts.
import { SIGN_UP_INTERRUPT_CODES, STAGE_ORDER, stageColumn } from './sign-up-stages.ts';
import { num, percent, ratio, type ReportOutput, type Row } from './report-types.ts';

export interface StageCount {
  readonly stage: string;
  entered: number;
  left: number;
  /** left / entered, 0..1 */
  dropOffRate: number;
}

export interface FunnelSlice {
  attempts: number;
  completed: number;
  /** completed / attempts, 0..1 */
  conversion: number;
  failed: number;
  abandoned: number;
  existingAccountAttempts: number;
  /** Stages some attempt entered, in flow order. */
  stages: StageCount[];
  highestDropOffStage: string | null;
  highestDropOffRateStage: string | null;
  /** stage → attempts that failed there (a failure status, not an abandonment). */
  failedAtStage: Record<string, number>;
}

const LOCAL_PREFIX = 'email';
export const isLocalProvider = (p: string | null): boolean => (p ?? '').toLowerCase().startsWith(LOCAL_PREFIX);

function emptySlice(): FunnelSlice {
  return {
    attempts: 0, completed: 0, conversion: 0, failed: 0, abandoned: 0, existingAccountAttempts: 0,
    stages: STAGE_ORDER.map((stage) => ({ stage, entered: 0, left: 0, dropOffRate: 0 })),
    highestDropOffStage: null, highestDropOffRateStage: null, failedAtStage: {},
  };
}

function add(s: FunnelSlice, r: Row): void {
  const n = num(r['attempts']);
  const completed = r['completed'] === true;
  const failOrd = r['failOrd'] === null || r['failOrd'] === undefined ? -1 : num(r['failOrd']);
  s.attempts += n;
  if (r['existing'] === true) s.existingAccountAttempts += n;
  STAGE_ORDER.forEach((stage, i) => {
    s.stages[i]!.entered += num(r[stageColumn(stage)]);
  });
  if (completed) {
    s.completed += n;
    return;
  }
  const last = num(r['lastOrd']);
  if (last >= 0) s.stages[last]!.left += n;
  if (failOrd >= 0) {
    s.failed += n;
    const st = STAGE_ORDER[failOrd]!;
    s.failedAtStage[st] = (s.failedAtStage[st] ?? 0) + n;
  } else {
    s.abandoned += n;
  }
}

function finish(s: FunnelSlice): FunnelSlice {
  s.conversion = ratio(s.completed, s.attempts);
  s.stages = s.stages.filter((c) => c.entered > 0);
  let worst: StageCount | null = null;
  let worstRate: StageCount | null = null;
  for (const c of s.stages) {
    c.dropOffRate = ratio(c.left, c.entered);
    if (c.left > 0 && (worst === null || c.left > worst.left)) worst = c;
    if (c.left > 0 && (worstRate === null || c.dropOffRate > worstRate.dropOffRate)) worstRate = c;
  }
  s.highestDropOffStage = worst?.stage ?? null;
  s.highestDropOffRateStage = worstRate?.stage ?? null;
  return s;
}

export function shapeFunnel(attemptRows: readonly Row[], codeRows: readonly Row[]): ReportOutput {
  const all = emptySlice();
  const local = emptySlice();
  const social = emptySlice();
  const byProvider = new Map<string, FunnelSlice>();
  const daily = new Map<string, { attempts: number; completed: number; failed: number }>();
  for (const r of attemptRows) {
    const provider = (r['provider'] as string | null) ?? '(none)';
    let p = byProvider.get(provider);
    if (!p) byProvider.set(provider, (p = emptySlice()));
    for (const s of [all, isLocalProvider(provider) ? local : social, p]) add(s, r);
    const day = String(r['day']).slice(0, 10);
    const d = daily.get(day) ?? { attempts: 0, completed: 0, failed: 0 };
    d.attempts += num(r['attempts']);
    if (r['completed'] === true) d.completed += num(r['attempts']);
    else if (r['failOrd'] !== null && r['failOrd'] !== undefined) d.failed += num(r['attempts']);
    daily.set(day, d);
  }
  const providers = Object.fromEntries([...byProvider.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, finish(s)]));
  finish(all);
  finish(local);
  finish(social);

  const statusCodes: Record<string, number> = {};
  const codes: Row[] = [];
  for (const r of codeRows) {
    const c = String(r['errorCode'] ?? 'null');
    statusCodes[c] = (statusCodes[c] ?? 0) + num(r['events']);
    codes.push({
      errorCode: r['errorCode'], failureReason: r['failureReason'], events: num(r['events']),
      kind: r['errorCode'] === 0 ? 'success' : SIGN_UP_INTERRUPT_CODES.includes(num(r['errorCode'])) ? 'expectedInterruption' : 'failure',
    });
  }
  codes.sort((a, b) => num(b['events']) - num(a['events']));

  const sliceRow = (name: string, s: FunnelSlice): Row => ({
    slice: name, attempts: s.attempts, completed: s.completed, conversionPercent: percent(s.completed, s.attempts),
    failed: s.failed, abandoned: s.abandoned, existingAccount: s.existingAccountAttempts,
    highestDropOffStage: s.highestDropOffStage,
  });
  const stageRows = (name: string, s: FunnelSlice): Row[] =>
    s.stages.map((c) => ({ slice: name, stage: c.stage, entered: c.entered, left: c.left, dropOffPercent: percent(c.left, c.entered), failedHere: s.failedAtStage[c.stage] ?? 0 }));

  return {
    summary: {
      attempts: all.attempts, completed: all.completed, conversion: all.conversion,
      conversionPercent: percent(all.completed, all.attempts),
      existingAccountAttempts: all.existingAccountAttempts,
      conversionExcludingExistingAccounts: ratio(all.completed, all.attempts - all.existingAccountAttempts),
      highestDropOffStage: all.highestDropOffStage, highestDropOffRateStage: all.highestDropOffRateStage,
      all, local, social, byProvider: providers, statusCodes,
    },
    tables: {
      slices: [sliceRow('all', all), sliceRow('local', local), sliceRow('social', social), ...Object.entries(providers).map(([k, s]) => sliceRow(k, s))],
      stages: [...stageRows('all', all), ...stageRows('local', local), ...stageRows('social', social)],
      daily: [...daily.entries()].sort(([a], [b]) => a.localeCompare(b))
        .map(([day, d]) => ({ day, attempts: d.attempts, completed: d.completed, failed: d.failed, conversionPercent: percent(d.completed, d.attempts) })),
      statusCodes: codes,
    },
  };
}
