// Authentication methods activity that sign-in logs can answer (spec 1.7, §6 items 5–6):
// userSignInsByAuthMethodSummary(period='d1|d7|d30') and userMfaSignInSummary.
import { agg, aggregate, and, call, eq, field, lit, named, scan, unnest, where } from '../query/ir/index.ts';
import { inRange, isInteractive, isUserSignIn, succeeded } from './report-exprs.ts';
import { lastDays, num, periodDays, type ReportDef } from './report-types.ts';
import { stableGuid } from './report-ids.ts';

/** Sign-in log method names (authenticationDetails[].authenticationMethod) → Graph report names. */
export const METHOD_NAMES: Readonly<Record<string, string>> = {
  'password': 'password',
  'text message': 'sms',
  'sms sign-in': 'smsSignIn',
  'phone call': 'mobilePhone',
  'mobile app notification': 'microsoftAuthenticatorPush',
  'microsoft authenticator app': 'microsoftAuthenticatorPush',
  'oath verification code': 'softwareOneTimePasscode',
  'email one-time passcode': 'oneTimePasscode',
  'email otp': 'oneTimePasscode',
  'passwordless phone sign-in': 'microsoftAuthenticatorPasswordless',
  'windows hello for business': 'windowsHelloForBusiness',
  'fido2 security key': 'fido2SecurityKey',
  'temporary access pass': 'temporaryAccessPass',
  'passkey (device-bound)': 'passKeyDeviceBound',
  'passkey (synced)': 'passKeySynced',
  'external authentication method': 'externalAuthMethod',
};
/** Graph lists one row per method, zeros included (spec 1.7 example names). */
const LISTED = ['password', 'sms', 'smsSignIn', 'mobilePhone', 'microsoftAuthenticatorPush', 'oneTimePasscode',
  'microsoftAuthenticatorPasswordless', 'windowsHelloForBusiness', 'fido2SecurityKey', 'temporaryAccessPass',
  'passKeyDeviceBound', 'passKeySynced', 'externalAuthMethod', 'softwareOneTimePasscode'];

export const authMethodUsageReport: ReportDef = {
  name: 'userSignInsByAuthMethodSummary',
  description: 'Successful user sign-ins per authentication method used in a succeeded step (userSignInsByAuthMethodSummary)',
  params: [{ name: 'period', description: 'd1, d7 or d30', values: ['d1', 'd7', 'd30'], default: 'd30' }],
  defaultRange: (now, p) => lastDays(now, periodDays(p['period'] ?? 'd30')),
  build(ctx) {
    const ok = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isUserSignIn(), succeeded()));
    // "Previously satisfied" steps are token claims, not a method being used, so they are skipped.
    const steps = where(unnest(ok, field('authenticationDetails'), 'step'), eq(field('step', 'succeeded'), lit(true)));
    return { methods: aggregate(steps, [named('method', field('step', 'authenticationMethod'))], [named('n', agg('count'))]) };
  },
  shape(r) {
    const counts = new Map<string, number>(LISTED.map((m) => [m, 0]));
    for (const x of r['methods'] ?? []) {
      const raw = String(x['method'] ?? '');
      if (!raw || raw.toLowerCase() === 'previously satisfied') continue;
      const name = METHOD_NAMES[raw.toLowerCase()] ?? raw;
      counts.set(name, (counts.get(name) ?? 0) + num(x['n']));
    }
    const value = [...counts.entries()].map(([authenticationMethod, successActivityCount]) => ({ authenticationMethod, successActivityCount }));
    return { tables: { value } };
  },
};

export const mfaSignInSummaryReport: ReportDef = {
  name: 'userMfaSignInSummary',
  description: 'Interactive user sign-ins per UTC day split by single- and multi-factor authentication requirement (userMfaSignInSummary)',
  params: [],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const rel = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isInteractive()));
    return {
      days: aggregate(rel, [named('day', call('startofday', field('createdDateTime')))], [
        named('total', agg('count')),
        named('multi', agg('count', [], { filter: eq(field('authenticationRequirement'), lit('multiFactorAuthentication')) })),
      ]),
    };
  },
  shape(r) {
    const value = (r['days'] ?? []).map((x) => ({
      id: stableGuid('mfaDay', x['day'] as string), createdDateTime: x['day'],
      totalSignIns: num(x['total']), singleFactorSignIns: num(x['total']) - num(x['multi']), multiFactorSignIns: num(x['multi']),
    }));
    value.sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));
    return { tables: { value } };
  },
};
