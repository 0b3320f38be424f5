// Known true values that reports, risk rules and the UI are tested against. Sign-in figures are
// tallied from the records as they are emitted; the sign-up funnel comes from the attempt plans.
import type { EntraClock } from './entra-time.ts';
import type { AppPart, EventPart, SignInEventType } from './sign-in-parts.ts';
import type { OutcomePart } from './sign-in-outcomes.ts';
import type { SignInEvent } from './sign-in-record.ts';
import type { SignUpFunnel } from './sign-up-funnel.ts';

export interface AppSignInCounts { readonly appDisplayName: string; success: number; failure: number }
export interface UserSignInTimes {
  readonly userPrincipalName: string;
  lastSignInDateTime: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastSuccessfulSignInDateTime: string | null;
}

export interface DemoExpectations {
  readonly signIns: {
    readonly byEventType: Record<SignInEventType, number>;
    /** errorCode (as a string key) → count, per event type. */
    readonly errorCodes: Record<SignInEventType, Record<string, number>>;
  };
  /** Interactive sign-ins per client appId; failure = any non-zero errorCode (interrupts included). */
  readonly apps: Record<string, AppSignInCounts>;
  /**
   * Per userId. lastSignIn = last interactive attempt (any status), lastNonInteractive = last
   * non-interactive attempt, lastSuccessful = last errorCode 0 of either kind (Entra signInActivity).
   */
  readonly users: Record<string, UserSignInTimes>;
  /** Last sign-in per workload appId (service principals and managed identities). */
  readonly workloads: Record<string, { readonly displayName: string; lastSignInDateTime: string }>;
  readonly signUps: SignUpFunnel;
  /** activityDisplayName → count. */
  readonly directoryAudits: Record<string, number>;
}

const EVENT_TYPES: readonly SignInEventType[] = ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity'];

/**
 * Tallied per part (event type, outcome, app) and per user index, with times as clock keys;
 * gathered by id and formatted once at the end. A sign-in then costs a few identity-keyed lookups
 * in small maps and array stores, not string-keyed updates of a dozen objects.
 */
export class ExpectationTally {
  private readonly outcomes = new Map<EventPart, Map<OutcomePart, number>>();
  /** Interactive sign-ins per client app part. */
  private readonly apps = new Map<AppPart, { success: number; failure: number }>();
  /** Per user index: clock keys of the last sign-ins (-1: none yet), and users in first-seen order. */
  private readonly last: Float64Array;
  private readonly lastNonInteractive: Float64Array;
  private readonly lastSuccessful: Float64Array;
  private readonly seen: { readonly id: string; readonly index: number; readonly userPrincipalName: string }[] = [];
  /** Last sign-in key per workload app part. */
  private readonly workloads = new Map<AppPart, number>();
  private readonly audits: Record<string, number> = {};

  constructor(private readonly clock: EntraClock, users: number) {
    this.last = new Float64Array(users).fill(-1);
    this.lastNonInteractive = new Float64Array(users).fill(-1);
    this.lastSuccessful = new Float64Array(users).fill(-1);
  }

  signIn(ev: SignInEvent): void {
    let byOutcome = this.outcomes.get(ev.e);
    if (!byOutcome) this.outcomes.set(ev.e, (byOutcome = new Map()));
    byOutcome.set(ev.o, (byOutcome.get(ev.o) ?? 0) + 1);
    const type = ev.e.meta.eventType;
    if (type === 'servicePrincipal' || type === 'managedIdentity') {
      this.workloads.set(ev.a, ev.k);
      return;
    }
    const ok = ev.o.meta.errorCode === 0;
    if (type === 'interactiveUser') {
      let app = this.apps.get(ev.a);
      if (!app) this.apps.set(ev.a, (app = { success: 0, failure: 0 }));
      if (ok) app.success++;
      else app.failure++;
    }
    const user = ev.u.meta.user;
    if (user === null) return;
    const i = user.index;
    if (this.last[i] < 0 && this.lastNonInteractive[i] < 0) this.seen.push({ id: user.id, index: i, userPrincipalName: ev.u.meta.userPrincipalName ?? '' });
    // Records arrive in time order, so the latest write wins.
    if (type === 'interactiveUser') this.last[i] = ev.k;
    else this.lastNonInteractive[i] = ev.k;
    if (ok) this.lastSuccessful[i] = ev.k;
  }

  directoryAudit(activityDisplayName: string): void {
    this.audits[activityDisplayName] = (this.audits[activityDisplayName] ?? 0) + 1;
  }

  result(signUps: SignUpFunnel): DemoExpectations {
    const byEventType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<SignInEventType, number>;
    const errorCodes = Object.fromEntries(EVENT_TYPES.map((t) => [t, {}])) as Record<SignInEventType, Record<string, number>>;
    for (const [e, byOutcome] of this.outcomes) {
      const codes = errorCodes[e.meta.eventType];
      for (const [o, n] of byOutcome) {
        byEventType[e.meta.eventType] += n;
        codes[o.meta.errorCode] = (codes[o.meta.errorCode] ?? 0) + n;
      }
    }
    // Several parts may stand for one app or user: maps keep first-seen order, keys only grow.
    const apps: Record<string, AppSignInCounts> = {};
    for (const [a, c] of this.apps) {
      const app = (apps[a.meta.appId] ??= { appDisplayName: a.meta.appDisplayName, success: 0, failure: 0 });
      app.success += c.success;
      app.failure += c.failure;
    }
    const time = (k: number) => (k < 0 ? null : this.clock.format(k));
    const users: Record<string, UserSignInTimes> = {};
    for (const { id, index: i, userPrincipalName } of this.seen) {
      users[id] = {
        userPrincipalName, lastSignInDateTime: time(this.last[i]),
        lastNonInteractiveSignInDateTime: time(this.lastNonInteractive[i]), lastSuccessfulSignInDateTime: time(this.lastSuccessful[i]),
      };
    }
    const byApp = new Map<string, { displayName: string; last: number }>();
    for (const [a, last] of this.workloads) {
      const w = byApp.get(a.meta.appId);
      if (!w) byApp.set(a.meta.appId, { displayName: a.meta.appDisplayName, last });
      else w.last = Math.max(w.last, last);
    }
    const workloads: DemoExpectations['workloads'] = {};
    for (const [appId, w] of byApp) workloads[appId] = { displayName: w.displayName, lastSignInDateTime: this.clock.format(w.last) };
    return {
      signIns: { byEventType, errorCodes },
      apps, users, workloads, signUps, directoryAudits: this.audits,
    };
  }
}
