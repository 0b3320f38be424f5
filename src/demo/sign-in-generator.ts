// Baseline sign-in activity: people working through their local day and week, their clients
// refreshing tokens in the background, and workloads calling APIs on a schedule.
import { Prng } from './prng.ts';
import { DAY, HOUR, MINUTE, TICKS, type EntraClock, type DemoWindow } from './entra-time.ts';
import type { Part } from './record-part.ts';
import type { SignInEvent } from './sign-in-record.ts';
import { sharedId, type SharedId } from './sign-in-draw.ts';
import type { SignInKits, UserKit } from './sign-in-kits.ts';
import type { OutcomeKey, OutcomePart } from './sign-in-outcomes.ts';
import { EVENT_PARTS, RISK_PARTS, type AppPart, type EventPart } from './sign-in-parts.ts';

/** Token refreshes per successful interactive sign-in (tuned so non-interactive ≈ 7× interactive). */
const REFRESHES_PER_SESSION = 8.5;
const WEEKEND_FACTOR = 0.12;
const OUTLOOK_APP_ID = '5d661950-3475-41cd-a2c3-d671a3162bc1';

export interface SignInScheduler {
  /** Schedule every baseline sign-in of local day `day` (0 = the window's first UTC date). */
  scheduleDay(day: number, push: (ev: SignInEvent) => void): void;
}

/** Local hour of an interactive sign-in: mostly office hours, some evening, a little night. */
export function drawLocalHour(rng: Prng): number {
  const r = rng.next();
  if (r < 0.86) return 7.5 + 10.5 * ((rng.next() + rng.next() + rng.next()) / 3);
  if (r < 0.97) return 18 + 5 * rng.next();
  return 7 * rng.next();
}

export function createSignInScheduler(seed: number, kits: SignInKits, window: DemoWindow, clock: EntraClock): SignInScheduler {
  const rng = new Prng(seed, 'sign-in-schedule');
  const baseWeekday = new Date(window.base).getUTCDay();
  let push: (ev: SignInEvent) => void = () => {};
  const at = (ms: number) => clock.key(Math.floor(ms), rng.int(TICKS));

  const ev = (k: UserKit, ms: number, a: AppPart, n: Part, d: Part, e: EventPart, o: OutcomePart, s: SharedId | null, c: SharedId | null): number => {
    push({ k: at(ms), u: e.meta.eventType === 'interactiveUser' ? k.interactive : k.nonInteractive, a, n, d, e, o, r: RISK_PARTS.none, w: kits.noWorkload, s, c, tag: null });
    return ms;
  };

  function refreshes(k: UserKit, start: number, n: Part, d: Part, mail: boolean, sessionId: SharedId): void {
    const count = rng.poisson(REFRESHES_PER_SESSION);
    const length = HOUR + rng.next() * 8 * HOUR;
    for (let i = 0; i < count; i++) {
      const a = mail ? kits.background[1] : rng.pick(kits.background);
      const r = rng.next();
      const key: OutcomeKey = r < 0.974 ? 'niSuccess' : r < 0.986 ? 'niSessionExpired' : r < 0.992 ? 'niRefreshExpired' : 'niMfaRequired';
      ev(k, start + 5_000 + rng.next() * length, a, n, d, k.refreshEvent, k.outcomes[key], sessionId, null);
    }
  }

  /** One person signing in to one app: an attempt, possibly interrupted, ending in success or failure. */
  function attempt(k: UserKit, ms: number, weekday: boolean, localHour: number): void {
    const u = k.user;
    const o = k.outcomes;
    const a = kits.apps[rng.weighted(u.apps, u.appCumulative)];
    const useLegacy = k.legacy !== null && rng.chance(0.5);
    const mobile = !useLegacy && k.mobileBrowser !== null && rng.chance(0.3);
    const mail = a.meta.appId === OUTLOOK_APP_ID;
    const d = useLegacy ? (k.legacy as Part) : mobile ? ((mail ? k.mobileMail : k.mobileBrowser) as Part) : mail ? k.desktopMail : k.desktopBrowser;
    const office = k.officeNet !== null && weekday && localHour >= 8 && localHour < 18;
    const n = office ? (k.officeNet as Part) : k.homeNet;
    if (u.disabled) {
      ev(k, ms, a, n, d, EVENT_PARTS.interactive, o.disabled, null, null);
      return;
    }
    if (useLegacy) {
      const r = rng.next();
      ev(k, ms, a, n, d, EVENT_PARTS.interactiveRopc, r < 0.88 ? o.legacySuccess : r < 0.95 ? o.legacyBlocked : o.legacyBadPassword, null, null);
      return;
    }
    const e = a.meta.saml ? EVENT_PARTS.interactiveSaml : EVENT_PARTS.interactive;
    const c = sharedId(rng);
    let t = ms;
    const r = rng.next();
    let final: OutcomePart;
    if (r < 0.025) {
      t = ev(k, t, a, n, d, e, o.badPassword, null, c) + 20_000 + rng.next() * 70_000;
      final = office ? o.officeSuccess : o.mfaSuccess;
    } else if (r < 0.05) {
      t = ev(k, t, a, n, d, e, o.kmsi, null, c) + 4_000 + rng.next() * 15_000;
      final = o.ssoSuccess;
    } else if (r < 0.15 && !office) {
      t = ev(k, t, a, n, d, e, o.mfaRequired, null, c) + 10_000 + rng.next() * 50_000;
      final = rng.chance(0.06) ? o.mfaFailed : o.mfaSuccess;
    } else if (r < 0.16 && !office) {
      t = ev(k, t, a, n, d, e, o.mfaRequiredLocation, null, c) + 10_000 + rng.next() * 50_000;
      final = o.mfaSuccess;
    } else if (r < 0.168) {
      final = o.blockedByCa;
    } else if (r < 0.171) {
      t = ev(k, t, a, n, d, e, o.deviceAuthRequired, null, c) + 2_000 + rng.next() * 5_000;
      final = o.ssoSuccess;
    } else if (r < 0.173) {
      final = o.passwordExpired;
    } else if (r < 0.174) {
      for (let i = 0; i < 3; i++) t = ev(k, t, a, n, d, e, o.badPassword, null, c) + 8_000 + rng.next() * 20_000;
      final = o.locked;
    } else {
      final = office ? o.officeSuccess : o.ssoSuccess;
    }
    const sessionId = final.meta.errorCode === 0 ? sharedId(rng) : null;
    ev(k, t, a, n, d, e, final, sessionId, c);
    if (sessionId !== null) refreshes(k, t, n, d, mail, sessionId);
  }

  function scheduleUsers(day: number): void {
    const weekday = ((baseWeekday + day) % 7 + 7) % 7;
    const working = weekday !== 0 && weekday !== 6;
    for (const k of kits.users) {
      const u = k.user;
      if (u.dormant) continue;
      const mean = u.disabled ? 0.4 : u.activity * (working ? 1 : WEEKEND_FACTOR);
      const count = rng.poisson(mean);
      const midnight = window.base + day * DAY - u.city.utcOffsetMinutes * MINUTE;
      for (let i = 0; i < count; i++) {
        const hour = drawLocalHour(rng);
        attempt(k, midnight + hour * HOUR, working, hour);
      }
    }
  }

  function scheduleWorkloads(day: number): void {
    for (const k of kits.workloads) {
      const w = k.workload;
      const step = DAY / w.perDay;
      const start = window.base + day * DAY;
      for (let i = 0; i < w.perDay; i++) {
        const ms = start + i * step + rng.next() * step * 0.5;
        const r = rng.next();
        const o = w.kind === 'managedIdentity' ? k.outcomes.miSuccess : r < 0.992 ? k.outcomes.spSuccess : k.outcomes.spBadSecret;
        push({ k: at(ms), u: k.actor, a: k.app, n: k.net, d: k.device, e: k.event, o, r: RISK_PARTS.none, w: k.identity, s: null, c: null, tag: null });
      }
    }
  }

  return {
    scheduleDay(day, p) {
      push = p;
      scheduleUsers(day);
      if (day >= 0 && day < window.buckets) scheduleWorkloads(day);
    },
  };
}
