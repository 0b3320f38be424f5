// Every risk rule, keyed by the riskEventType it raises: a new detection is an added entry.
import type { RiskRule } from './risk-types.ts';
import { passwordSprayRule } from './password-spray-rule.ts';
import { unfamiliarFeaturesRule } from './unfamiliar-features-rule.ts';
import { unlikelyTravelRule } from './unlikely-travel-rule.ts';
import { anonymizedIpAddressRule } from './anonymized-ip-address-rule.ts';
import { newCountryRule } from './new-country-rule.ts';
import { mfaFatigueRule } from './mfa-fatigue-rule.ts';

export const RISK_RULES: readonly RiskRule[] = [
  passwordSprayRule, unfamiliarFeaturesRule, unlikelyTravelRule, anonymizedIpAddressRule, newCountryRule, mfaFatigueRule,
];
