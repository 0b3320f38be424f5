// The answer key for planted attacks: who, what, when, and exactly which records.
import type { LogKind } from '../model/log-kinds.ts';

export type AttackType =
  | 'passwordSpray' | 'bruteForce' | 'impossibleTravel' | 'anonymizedIp' | 'mfaFatigue'
  | 'servicePrincipalNewCountry' | 'dormantAccountActivity' | 'adminRoleAfterConsent' | 'bulkPasswordReset';

export interface PlantedAttack {
  readonly id: string;
  readonly type: AttackType;
  /** The Graph riskEventType a detector should raise, where one exists. */
  readonly riskEventType: string | null;
  readonly description: string;
  readonly start: string;
  readonly end: string;
  readonly sourceIps: readonly string[];
  readonly countries: readonly string[];
  readonly targets: {
    readonly userIds: readonly string[];
    readonly userPrincipalNames: readonly string[];
    readonly servicePrincipalIds: readonly string[];
  };
  /** Attack-specific figures a test or detector can check (attempt counts, distance, speed…). */
  readonly facts: Readonly<Record<string, number | string | boolean>>;
  readonly records: readonly { readonly kind: LogKind; readonly id: string }[];
}

export interface GroundTruth {
  readonly seed: number;
  readonly tenantId: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly attacks: readonly PlantedAttack[];
}

/** Collects record ids per attack as records are emitted. */
export class GroundTruthRecorder {
  private readonly attacks = new Map<string, { plan: Omit<PlantedAttack, 'records'>; records: { kind: LogKind; id: string }[] }>();

  plan(attack: Omit<PlantedAttack, 'records'>): void {
    this.attacks.set(attack.id, { plan: attack, records: [] });
  }

  record(tag: string, kind: LogKind, id: string): void {
    const a = this.attacks.get(tag);
    if (!a) throw new Error(`demo: record tagged with unknown attack ${tag}`);
    a.records.push({ kind, id });
  }

  result(seed: number, tenantId: string, windowStart: string, windowEnd: string): GroundTruth {
    return {
      seed, tenantId, windowStart, windowEnd,
      attacks: [...this.attacks.values()].map((a) => ({ ...a.plan, records: a.records })),
    };
  }
}
