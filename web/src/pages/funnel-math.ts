// The sign-up funnel computed in the browser from raw sign-up events, used only when the server
// has no funnel report (`/idtrail/reports/signUpFunnel`). It follows the report's rules: an attempt
// is the events of one correlationId; completed = a userCreation event with code 0 or an expected
// interruption; it left at the furthest stage it reached; local = an `Email …` provider.

export const STAGE_ORDER = ['credentialCollection', 'credentialValidation', 'credentialFederation', 'consent', 'attributeCollectionAndValidation', 'userCreation', 'tenantConsent'] as const;
export const SIGN_UP_INTERRUPT_CODES = [1002013, 50140];

export interface StageRow { slice: string; stage: string; entered: number; left: number; dropOffPercent: number }
export interface SliceRow { slice: string; attempts: number; completed: number; conversionPercent: number; highestDropOffStage: string | null }
export interface DailyRow { day: string; attempts: number; completed: number; failed: number; conversionPercent: number }

/** The parts of the funnel report's answer the page draws. */
export interface FunnelAnswer {
  readonly summary: { attempts: number; completed: number; conversion: number; highestDropOffStage: string | null };
  readonly tables: { slices: SliceRow[]; stages: StageRow[]; daily: DailyRow[] };
}

export interface SignUpEvent {
  correlationId: string;
  createdDateTime: string;
  signUpStage: string;
  signUpIdentityProvider: string | null;
  status?: { errorCode?: number | null } | null;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 100);

export function computeFunnel(events: readonly SignUpEvent[]): FunnelAnswer {
  const attempts = new Map<string, SignUpEvent[]>();
  for (const e of events) {
    const list = attempts.get(e.correlationId);
    if (list) list.push(e);
    else attempts.set(e.correlationId, [e]);
  }
  type Acc = { attempts: number; completed: number; entered: Map<string, number>; left: Map<string, number> };
  const acc = (): Acc => ({ attempts: 0, completed: 0, entered: new Map(), left: new Map() });
  const slices = new Map<string, Acc>([['all', acc()], ['local', acc()], ['social', acc()]]);
  const daily = new Map<string, { attempts: number; completed: number; failed: number }>();
  for (const evs of attempts.values()) {
    const provider = evs.find((e) => e.signUpIdentityProvider)?.signUpIdentityProvider ?? '(none)';
    const local = provider.toLowerCase().startsWith('email');
    const code = (e: SignUpEvent) => Number(e.status?.errorCode ?? 0);
    const completed = evs.some((e) => e.signUpStage === 'userCreation' && (code(e) === 0 || SIGN_UP_INTERRUPT_CODES.includes(code(e))));
    const failed = !completed && evs.some((e) => code(e) !== 0 && !SIGN_UP_INTERRUPT_CODES.includes(code(e)));
    const ords = evs.map((e) => STAGE_ORDER.indexOf(e.signUpStage as (typeof STAGE_ORDER)[number])).filter((i) => i >= 0);
    const furthest = ords.length ? STAGE_ORDER[Math.max(...ords)]! : null;
    const stages = new Set(evs.map((e) => e.signUpStage));
    if (!slices.has(provider)) slices.set(provider, acc());
    for (const s of [slices.get('all')!, slices.get(local ? 'local' : 'social')!, slices.get(provider)!]) {
      s.attempts++;
      if (completed) s.completed++;
      for (const st of stages) s.entered.set(st, (s.entered.get(st) ?? 0) + 1);
      if (!completed && furthest) s.left.set(furthest, (s.left.get(furthest) ?? 0) + 1);
    }
    const day = [...evs].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime))[0]!.createdDateTime.slice(0, 10);
    const d = daily.get(day) ?? { attempts: 0, completed: 0, failed: 0 };
    d.attempts++;
    if (completed) d.completed++;
    else if (failed) d.failed++;
    daily.set(day, d);
  }
  const stageRows = (name: string, s: Acc): StageRow[] =>
    STAGE_ORDER.filter((st) => (s.entered.get(st) ?? 0) > 0).map((st) => ({ slice: name, stage: st, entered: s.entered.get(st)!, left: s.left.get(st) ?? 0, dropOffPercent: pct(s.left.get(st) ?? 0, s.entered.get(st)!) }));
  const worst = (s: Acc): string | null => {
    let best: [string, number] | null = null;
    for (const st of STAGE_ORDER) {
      const l = s.left.get(st) ?? 0;
      if (l > 0 && (!best || l > best[1])) best = [st, l];
    }
    return best?.[0] ?? null;
  };
  const all = slices.get('all')!;
  return {
    summary: { attempts: all.attempts, completed: all.completed, conversion: all.attempts ? all.completed / all.attempts : 0, highestDropOffStage: worst(all) },
    tables: {
      slices: [...slices.entries()].map(([k, s]) => ({ slice: k, attempts: s.attempts, completed: s.completed, conversionPercent: pct(s.completed, s.attempts), highestDropOffStage: worst(s) })),
      stages: ['all', 'local', 'social'].flatMap((k) => stageRows(k, slices.get(k)!)),
      daily: [...daily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d, conversionPercent: pct(d.completed, d.attempts) })),
    },
  };
}
