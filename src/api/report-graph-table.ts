// The Graph `/beta/reports/...` segments idtrail answers, each mapped to a report of the registry
// with the OData options the spec documents for it (spec §1.2–1.9).
import { appCredentialSignInActivityEnums, userEventsSummaryEnums, type ObjectSchema } from '../model/index.ts';

export type ODataOption = '$filter' | '$top' | '$orderby' | '$select';

export interface GraphReportRoute {
  /** Path below /reports, lower case, without function parameters. */
  readonly path: string;
  readonly report: string;
  /** A function (`name(period='D7')`) rather than a navigation. */
  readonly fn?: { readonly param: string; readonly required: boolean };
  /** Fixed report parameters implied by the path (userInsights/daily vs monthly). */
  readonly params?: Readonly<Record<string, string>>;
  /** The `@odata.context` fragment after `$metadata#`. */
  readonly context: string;
  readonly options: readonly ODataOption[];
  /** `$top` default and maximum. */
  readonly top?: { readonly default: number; readonly max: number };
  /** Whether `/{id}` addresses one entity. */
  readonly byId?: boolean;
  /** The row entity's enum-typed properties, for the evolvable-enum mask (spec 3.9). */
  readonly enums?: ObjectSchema;
}

export const GRAPH_REPORT_ROUTES: readonly GraphReportRoute[] = [
  { path: 'getazureadapplicationsigninsummary', report: 'applicationSignInSummary', fn: { param: 'period', required: true },
    context: 'Collection(microsoft.graph.applicationSignInSummary)', options: ['$filter', '$top', '$orderby'] },
  { path: 'applicationsignindetailedsummary', report: 'applicationSignInDetailedSummary', context: 'reports/applicationSignInDetailedSummary',
    options: ['$filter', '$top', '$orderby', '$select'], byId: true },
  { path: 'serviceprincipalsigninactivities', report: 'servicePrincipalSignInActivities', context: 'reports/servicePrincipalSignInActivities',
    options: ['$filter', '$top', '$orderby', '$select'], byId: true },
  { path: 'appcredentialsigninactivities', report: 'appCredentialSignInActivities', context: 'reports/appCredentialSignInActivities',
    options: ['$filter', '$top', '$orderby', '$select'], byId: true, enums: appCredentialSignInActivityEnums },
  { path: 'authenticationmethods/usersigninsbyauthmethodsummary', report: 'userSignInsByAuthMethodSummary', fn: { param: 'period', required: false },
    context: 'Collection(microsoft.graph.userSignInUsageByAuthMethodActivity)', options: [] },
  { path: 'authenticationmethods/usermfasigninsummary', report: 'userMfaSignInSummary', context: 'reports/authenticationMethods/userMfaSignInSummary', options: [] },
  { path: 'authenticationmethods/usereventssummary', report: 'userEventsSummary', context: 'reports/authenticationMethods/userEventsSummary',
    options: ['$filter', '$top'], top: { default: 1000, max: 1000 }, byId: true, enums: userEventsSummaryEnums },
  { path: 'authenticationmethods/userpasswordresetsandchangessummary', report: 'userPasswordResetsAndChangesSummary',
    context: 'reports/authenticationMethods/userPasswordResetsAndChangesSummary', options: ['$filter'] },
  { path: 'userinsights/daily/signups', report: 'userInsightsSignUps', params: { granularity: 'daily' }, context: 'reports/userInsights/daily/signUps',
    options: ['$filter', '$top'], byId: true },
  { path: 'userinsights/monthly/signups', report: 'userInsightsSignUps', params: { granularity: 'monthly' }, context: 'reports/userInsights/monthly/signUps',
    options: ['$filter', '$top'], byId: true },
];

/**
 * Split `authenticationMethods/userSignInsByAuthMethodSummary(period='d7')` or
 * `servicePrincipalSignInActivities/{id}` into the route, its function arguments and an id.
 * Names match without regard to case, as Graph's do.
 */
export function matchGraphReport(rest: string): { route: GraphReportRoute; args: Record<string, string>; id: string | null } | null {
  const segs = rest.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const args: Record<string, string> = {};
  const names: string[] = [];
  for (const seg of segs) {
    const m = /^([^(]+)(?:\((.*)\))?$/.exec(seg);
    if (!m) return null;
    names.push(m[1]!.toLowerCase());
    for (const part of (m[2] ?? '').split(',').filter((p) => p.trim())) {
      const kv = /^\s*(\w+)\s*=\s*'?([^']*)'?\s*$/.exec(part);
      if (!kv) return null;
      args[kv[1]!.toLowerCase()] = kv[2]!;
    }
  }
  const whole = GRAPH_REPORT_ROUTES.find((r) => r.path === names.join('/'));
  if (whole) return { route: whole, args, id: null };
  const parent = GRAPH_REPORT_ROUTES.find((r) => r.path === names.slice(0, -1).join('/') && r.byId);
  if (parent && segs.length > 1) return { route: parent, args, id: segs[segs.length - 1]! };
  return null;
}
