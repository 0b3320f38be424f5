// Registration and reset events from the audit log (spec 1.7, §6 items 7–8): userEventsSummary,
// one row per event, and userPasswordResetsAndChangesSummary, daily counts.
import {
  agg, aggregate, and, call, caseWhen, cmp, desc, eq, field, inList, limit, lit, named, project, scan, sort, where, type Expr,
} from '../query/ir/index.ts';
import { inRange } from './report-exprs.ts';
import { lowerFilter } from './report-filter.ts';
import { lastDays, num, type ReportDef } from './report-types.ts';
import { stableGuid } from './report-ids.ts';

const SSPR = 'Self-service Password Management';
const METHODS = 'Authentication Methods';
export const ADMIN_RESET = 'Reset user password';
export const SELF_RESET = 'Reset password (self-service)';
export const SELF_CHANGE = 'Change password (self-service)';

/** Where each userEventsSummary property comes from in a directoryAudit. */
const PROPS: Readonly<Record<string, Expr>> = {
  feature: caseWhen([{ when: eq(field('loggedByService'), lit(METHODS)), then: lit('registration') }], lit('reset')),
  userPrincipalName: field('initiatedBy', 'user', 'userPrincipalName'),
  userDisplayName: field('initiatedBy', 'user', 'displayName'),
  isSuccess: eq(field('result'), lit('success')),
  failureReason: field('resultReason'),
  eventDateTime: field('activityDateTime'),
  // Audit records do not name the method in a fixed place; kept null rather than guessed.
  authMethod: lit(null),
};

export const userEventsSummaryReport: ReportDef = {
  name: 'userEventsSummary',
  description: 'Authentication method registration and password reset events from the audit log (userEventsSummary)',
  params: [],
  filterable: ['feature', 'isSuccess', 'failureReason', 'authMethod', 'userDisplayName', 'userPrincipalName', 'eventDateTime'],
  filterInPlan: true,
  timeProperty: 'eventDateTime',
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const events = and(
      inRange('activityDateTime', ctx.range),
      inList(field('loggedByService'), [lit(SSPR), lit(METHODS)]),
      cmp('ne', field('activityDisplayName'), lit(SELF_CHANGE)),
      ...(ctx.filter ? [lowerFilter(ctx.filter, PROPS)] : []),
    );
    const rel = where(scan('directoryAudits', ctx.tenantId), events);
    const rows = limit(sort(
      project(rel, [named('id', field('id')), ...Object.entries(PROPS).map(([k, e]) => named(k, e))]),
      [desc(field('eventDateTime')), desc(field('id'))],
    // ctx.top counts the rows before the requested page too (offset paging); the page size itself
    // is capped at 1000 by the route.
    ), ctx.top ?? 1000);
    return { rows };
  },
  shape(r) {
    const value = (r['rows'] ?? []).map((x) => ({
      id: x['id'], feature: x['feature'], userPrincipalName: x['userPrincipalName'] ?? null, userDisplayName: x['userDisplayName'] ?? null,
      isSuccess: x['isSuccess'] === true, authMethod: null, failureReason: x['isSuccess'] === true ? null : x['failureReason'] ?? null,
      eventDateTime: x['eventDateTime'],
    }));
    return { tables: { value } };
  },
};

export const passwordResetsSummaryReport: ReportDef = {
  name: 'userPasswordResetsAndChangesSummary',
  description: 'Successful password resets by admins, self-service resets and self-service changes per UTC day',
  params: [],
  filterable: ['aggregatedDateTime', 'passwordResetsByAdminCount', 'passwordResetsSelfServiceCount', 'changePasswordSelfServiceCount'],
  timeProperty: 'aggregatedDateTime',
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const rel = where(scan('directoryAudits', ctx.tenantId), and(
      inRange('activityDateTime', ctx.range), eq(field('result'), lit('success')),
      inList(field('activityDisplayName'), [lit(ADMIN_RESET), lit(SELF_RESET), lit(SELF_CHANGE)]),
    ));
    const count = (name: string) => agg('count', [], { filter: eq(field('activityDisplayName'), lit(name)) });
    return {
      days: aggregate(rel, [named('day', call('startofday', field('activityDateTime')))], [
        named('admin', count(ADMIN_RESET)), named('selfReset', count(SELF_RESET)), named('selfChange', count(SELF_CHANGE)),
      ]),
    };
  },
  shape(r) {
    const value = (r['days'] ?? []).map((x) => ({
      id: stableGuid('pwDay', x['day'] as string), aggregatedDateTime: x['day'],
      passwordResetsByAdminCount: num(x['admin']), passwordResetsSelfServiceCount: num(x['selfReset']), changePasswordSelfServiceCount: num(x['selfChange']),
    }));
    value.sort((a, b) => String(a.aggregatedDateTime).localeCompare(String(b.aggregatedDateTime)));
    return { tables: { value } };
  },
};
