// Known true values that reports, risk rules and the UI are tested against. Sign-in figures are
// tallied from the records as they are emitted; the sign-up funnel comes from the attempt plans.
import type { SignInEventType } from './sign-in-parts.ts';
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

export class ExpectationTally {
  private readonly byEventType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<SignInEventType, number>;
  private readonly errorCodes = Object.fromEntries(EVENT_TYPES.map((t) => [t, {}])) as Record<SignInEventType, Record<string, number>>;
  private readonly apps: Record<string, AppSignInCounts> = {};
  private readonly users: Record<string, UserSignInTimes> = {};
  private readonly workloads: Record<string, { displayName: string; lastSignInDateTime: string }> = {};
  private readonly audits: Record<string, number> = {};

  signIn(ev: SignInEvent, createdDateTime: string): void {
    const type = ev.e.meta.eventType;
    const code = ev.o.meta.errorCode;
    this.byEventType[type]++;
    const codes = this.errorCodes[type];
    codes[code] = (codes[code] ?? 0) + 1;
    if (type === 'servicePrincipal' || type === 'managedIdentity') {
      this.workloads[ev.a.meta.appId] = { displayName: ev.a.meta.appDisplayName, lastSignInDateTime: createdDateTime };
      return;
    }
    if (type === 'interactiveUser') {
      const app = (this.apps[ev.a.meta.appId] ??= { appDisplayName: ev.a.meta.appDisplayName, success: 0, failure: 0 });
      if (code === 0) app.success++;
      else app.failure++;
    }
    const userId = ev.u.meta.userId;
    if (userId === null) return;
    const u = (this.users[userId] ??= {
      userPrincipalName: ev.u.meta.userPrincipalName ?? '', lastSignInDateTime: null,
      lastNonInteractiveSignInDateTime: null, lastSuccessfulSignInDateTime: null,
    });
    // Records arrive in time order, so the latest write wins.
    if (type === 'interactiveUser') u.lastSignInDateTime = createdDateTime;
    else u.lastNonInteractiveSignInDateTime = createdDateTime;
    if (code === 0) u.lastSuccessfulSignInDateTime = createdDateTime;
  }

  directoryAudit(activityDisplayName: string): void {
    this.audits[activityDisplayName] = (this.audits[activityDisplayName] ?? 0) + 1;
  }

  result(signUps: SignUpFunnel): DemoExpectations {
    return {
      signIns: { byEventType: this.byEventType, errorCodes: this.errorCodes },
      apps: this.apps, users: this.users, workloads: this.workloads, signUps, directoryAudits: this.audits,
    };
  }
}
