// Self-service sign-ups (External ID): attempts walk the stages of a local (email) or social flow,
// dropping off at realistic, provider-dependent rates; one event per stage reached.
import { Prng, cumulate } from './prng.ts';
import { DAY, HOUR, MINUTE, TICKS, type EntraClock, type DemoWindow } from './entra-time.ts';
import { FIRST_NAMES, LAST_NAMES } from './tenant-catalog.ts';
import type { DemoTenant } from './tenant-model.ts';
import type { DayGenerator, TimedRecord } from './timed-record.ts';
import { drawLocalHour } from './sign-in-generator.ts';
import { HOME_CITIES } from './geo-table.ts';
import {
  FunnelCounter, LOCAL_STAGES, SOCIAL_STAGES, type SignUpProvider, type SignUpStage,
} from './sign-up-funnel.ts';

interface Status { errorCode: number; failureReason: string | null; additionalDetails: string | null }
const OK: Status = { errorCode: 0, failureReason: null, additionalDetails: null };
const S = {
  otpPrompt: { errorCode: 1002013, failureReason: 'User is prompted to enter Email One-Time-Passcode to verify ownership of email address.', additionalDetails: null },
  kmsi: { errorCode: 50140, failureReason: 'User is prompted with option to \'Keep me signed in\'.', additionalDetails: null },
  otpInvalid: { errorCode: 50181, failureReason: 'Unable to validate the OTP.', additionalDetails: null },
  otpExpired: { errorCode: 50182, failureReason: 'OTP is already expired.', additionalDetails: null },
  badAttributes: { errorCode: 1002027, failureReason: 'Some of the collected attributes were invalid.', additionalDetails: null },
  creationFailed: { errorCode: 399279, failureReason: 'User creation failed during self-service sign-up.', additionalDetails: null },
} as const satisfies Record<string, Status>;

/** Per stage: chance to abandon after reaching it, and failures (status, chance) that end the attempt there. */
interface StageRule { abandon: number; failures: readonly (readonly [Status, number])[] }
const LOCAL_RULES: Record<string, StageRule> = {
  credentialCollection: { abandon: 0.12, failures: [] },
  credentialValidation: { abandon: 0.08, failures: [[S.otpInvalid, 0.04], [S.otpExpired, 0.03]] },
  attributeCollectionAndValidation: { abandon: 0.06, failures: [[S.badAttributes, 0.03]] },
  userCreation: { abandon: 0, failures: [[S.creationFailed, 0.01]] },
};
const SOCIAL_RULES: Record<SignUpProvider, Record<string, StageRule>> = {
  'Email Password': LOCAL_RULES,
  'Email OTP': LOCAL_RULES,
  Google: {
    credentialFederation: { abandon: 0.08, failures: [] },
    consent: { abandon: 0.05, failures: [] },
    attributeCollectionAndValidation: { abandon: 0.04, failures: [[S.badAttributes, 0.01]] },
    userCreation: { abandon: 0, failures: [[S.creationFailed, 0.01]] },
  },
  Facebook: {
    credentialFederation: { abandon: 0.14, failures: [] },
    consent: { abandon: 0.09, failures: [] },
    attributeCollectionAndValidation: { abandon: 0.04, failures: [[S.badAttributes, 0.01]] },
    userCreation: { abandon: 0, failures: [[S.creationFailed, 0.01]] },
  },
};
const PROVIDERS: readonly SignUpProvider[] = ['Email Password', 'Email OTP', 'Google', 'Facebook'];
const PROVIDER_CUM = cumulate([40, 15, 30, 15]);
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export interface SignUpGenerator extends DayGenerator {
  readonly funnel: FunnelCounter;
}

export function createSignUpGenerator(seed: number, tenant: DemoTenant, window: DemoWindow, clock: EntraClock): SignUpGenerator {
  const rng = new Prng(seed, 'sign-ups');
  const funnel = new FunnelCounter();
  const app = tenant.apps.find((a) => a.spec.use === 'customerPortal') ?? tenant.apps[0];
  const perDay = 20 + Math.round(tenant.users.length * 0.1);
  const accounts: { email: string; userId: string }[] = [];
  let serial = 0;

  function attempt(startMs: number, push: (r: TimedRecord) => void): void {
    const existing = accounts.length > 0 && rng.chance(0.05) ? rng.pick(accounts) : null;
    const provider = existing ? 'Email Password' : rng.weighted(PROVIDERS, PROVIDER_CUM);
    const social = provider === 'Google' || provider === 'Facebook';
    const stages = social ? SOCIAL_STAGES : LOCAL_STAGES;
    const rules = SOCIAL_RULES[provider];
    const email = existing ? existing.email
      : `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}${++serial}@${rng.pick(EMAIL_DOMAINS)}`.toLowerCase();
    const correlationId = rng.guid();
    const reached: SignUpStage[] = [];
    let t = startMs;
    let completed = false;
    for (const stage of stages) {
      reached.push(stage);
      // Local flows pause at the first stage for the emailed passcode; an existing account stops there instead.
      let status: Status = stage === 'credentialCollection' && !existing ? S.otpPrompt : OK;
      let userId: string | null = existing ? existing.userId : null;
      let ends = existing !== null;
      if (!ends) {
        for (const [failure, p] of rules[stage].failures) if (!ends && rng.chance(p)) { status = failure; ends = true; }
      }
      if (!ends && stage === 'userCreation') {
        userId = rng.guid();
        completed = true;
        accounts.push({ email, userId });
        if (rng.chance(0.3)) status = S.kmsi;
      }
      funnel.event(status.errorCode);
      const k = clock.key(Math.floor(t), rng.int(TICKS));
      push({
        kind: 'signUps', k, tag: null,
        record: {
          id: rng.guid(), appDisplayName: app.displayName, appId: app.appId, appliedEventListeners: [], correlationId,
          createdDateTime: clock.format(k), signUpIdentity: { signUpIdentifier: email, signUpIdentifierType: 'emailAddress' },
          signUpIdentityProvider: provider, signUpStage: stage, status: { ...status }, userSnapshot: { userId },
          // The live sample also carries the user id flat on each event.
          userId,
        },
      });
      if (ends || completed || rng.chance(rules[stage].abandon)) break;
      t += 5_000 + rng.next() * (stage === 'credentialCollection' ? 120_000 : 40_000);
    }
    funnel.attempt(provider, reached, completed, existing !== null);
  }

  return {
    funnel,
    day(day, push) {
      const count = rng.poisson(perDay);
      for (let i = 0; i < count; i++) {
        const city = rng.pick(HOME_CITIES);
        const ms = window.base + day * DAY - city.utcOffsetMinutes * MINUTE + drawLocalHour(rng) * HOUR;
        // Attempts that start outside the window are dropped whole, so the funnel counts only what is emitted.
        if (ms < window.start || ms + 10 * MINUTE >= window.end) continue;
        attempt(ms, push);
      }
    },
  };
}
