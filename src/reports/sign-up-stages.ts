// Sign-up flow facts shared by the funnel report, its shaper and the userInsights signUps report.
import { signUpStage } from '../model/kinds/self-service-sign-up.ts';

/**
 * Codes that are expected steps of the flow, not failures (Entra's sign-up troubleshooting guide):
 * 1002013 = prompted for the email one-time passcode, 50140 = "keep me signed in".
 */
export const SIGN_UP_INTERRUPT_CODES: readonly number[] = [1002013, 50140];

/** Flow order: the enum's declared order is the order stages happen in both local and social flows. */
export const STAGE_ORDER: readonly string[] = signUpStage.filter((s) => s !== 'unknownFutureValue');

export const stageColumn = (s: string): string => `entered_${s}`;
