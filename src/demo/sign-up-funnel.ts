// The self-service sign-up funnel as known from the attempt plans: entered/left per stage,
// conversion, the worst stage, split by identity provider and local vs social.

export const LOCAL_PROVIDERS = ['Email Password', 'Email OTP'] as const;
export const SOCIAL_PROVIDERS = ['Google', 'Facebook'] as const;
export type SignUpProvider = (typeof LOCAL_PROVIDERS)[number] | (typeof SOCIAL_PROVIDERS)[number];

export const LOCAL_STAGES = ['credentialCollection', 'credentialValidation', 'attributeCollectionAndValidation', 'userCreation'] as const;
export const SOCIAL_STAGES = ['credentialFederation', 'consent', 'attributeCollectionAndValidation', 'userCreation'] as const;
export type SignUpStage = (typeof LOCAL_STAGES)[number] | (typeof SOCIAL_STAGES)[number];

/**
 * Codes that are expected steps of the flow, not failures (Entra's sign-up troubleshooting guide):
 * 1002013 = prompted for the email one-time passcode, 50140 = "keep me signed in" after sign-up.
 */
export const SIGN_UP_INTERRUPT_CODES: readonly number[] = [1002013, 50140];

export interface StageCounts { readonly stage: SignUpStage; entered: number; left: number }

export interface FunnelSlice {
  attempts: number;
  completed: number;
  /** completed / attempts (0 when there were none). */
  conversion: number;
  /** In flow order; `left` counts attempts whose last event was at this stage and that did not complete. */
  readonly stages: StageCounts[];
  highestDropOffStage: SignUpStage | null;
}

export interface SignUpFunnel extends FunnelSlice {
  readonly local: FunnelSlice;
  readonly social: FunnelSlice;
  readonly byProvider: Record<SignUpProvider, FunnelSlice>;
  /** Attempts started with an email that already has an account (they stop at the first stage). */
  existingAccountAttempts: number;
  /** errorCode → events, for all sign-up events (interruptions included). */
  readonly statusCodes: Record<string, number>;
}

const slice = (): FunnelSlice => ({ attempts: 0, completed: 0, conversion: 0, stages: [], highestDropOffStage: null });

export class FunnelCounter {
  private readonly all = slice();
  private readonly local = slice();
  private readonly social = slice();
  private readonly byProvider = Object.fromEntries(
    [...LOCAL_PROVIDERS, ...SOCIAL_PROVIDERS].map((p) => [p, slice()]),
  ) as Record<SignUpProvider, FunnelSlice>;
  private existing = 0;
  private readonly codes: Record<string, number> = {};

  /** One attempt: the stages it produced events for, and whether it created the user. */
  attempt(provider: SignUpProvider, stages: readonly SignUpStage[], completed: boolean, existingAccount: boolean): void {
    if (existingAccount) this.existing++;
    const social = (SOCIAL_PROVIDERS as readonly string[]).includes(provider);
    for (const s of [this.all, social ? this.social : this.local, this.byProvider[provider]]) {
      s.attempts++;
      if (completed) s.completed++;
      stages.forEach((stage, i) => {
        let c = s.stages.find((x) => x.stage === stage);
        if (!c) s.stages.push((c = { stage, entered: 0, left: 0 }));
        c.entered++;
        if (!completed && i === stages.length - 1) c.left++;
      });
    }
  }

  event(errorCode: number): void {
    this.codes[errorCode] = (this.codes[errorCode] ?? 0) + 1;
  }

  result(): SignUpFunnel {
    const order: readonly SignUpStage[] = [
      'credentialCollection', 'credentialValidation', 'credentialFederation', 'consent', 'attributeCollectionAndValidation', 'userCreation',
    ];
    const finish = (s: FunnelSlice): FunnelSlice => {
      s.stages.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
      s.conversion = s.attempts === 0 ? 0 : s.completed / s.attempts;
      let worst: StageCounts | null = null;
      for (const c of s.stages) if (c.left > 0 && (worst === null || c.left > worst.left)) worst = c;
      s.highestDropOffStage = worst ? worst.stage : null;
      return s;
    };
    for (const p of Object.values(this.byProvider)) finish(p);
    return {
      ...finish(this.all), local: finish(this.local), social: finish(this.social), byProvider: this.byProvider,
      existingAccountAttempts: this.existing, statusCodes: this.codes,
    };
  }
}
