// Every report, by name: "a new report is an added entry". The API, the CLI and the bench read this.
import type { ReportDef } from './report-types.ts';
import { ReportError } from './report-types.ts';
import { signUpFunnelReport } from './sign-up-funnel-report.ts';
import { userInsightsSignUpsReport } from './user-insights-sign-ups-report.ts';
import { appSignInDetailedSummaryReport, appSignInSummaryReport } from './app-sign-in-summary-report.ts';
import { appCredentialActivityReport, servicePrincipalActivityReport } from './service-principal-activity-report.ts';
import { authMethodUsageReport, mfaSignInSummaryReport } from './auth-methods-report.ts';
import { passwordResetsSummaryReport, userEventsSummaryReport } from './auth-events-report.ts';
import { appUsersReport, browsersReport, failedSignInsReport, operatingSystemsReport, workloadResourcesReport } from './sign-in-answers-report.ts';
import { lastSignInsReport } from './last-sign-ins-report.ts';

export const REPORTS: readonly ReportDef[] = [
  signUpFunnelReport,
  userInsightsSignUpsReport,
  appSignInSummaryReport,
  appSignInDetailedSummaryReport,
  servicePrincipalActivityReport,
  appCredentialActivityReport,
  authMethodUsageReport,
  mfaSignInSummaryReport,
  userEventsSummaryReport,
  passwordResetsSummaryReport,
  appUsersReport,
  failedSignInsReport,
  browsersReport,
  operatingSystemsReport,
  workloadResourcesReport,
  lastSignInsReport,
];

const byName = new Map(REPORTS.map((r) => [r.name.toLowerCase(), r]));

export function findReport(name: string): ReportDef {
  const r = byName.get(name.toLowerCase());
  if (!r) throw new ReportError(`unknown report '${name}'; known: ${REPORTS.map((x) => x.name).join(', ')}`, 'IDT_REPORT_UNKNOWN');
  return r;
}
