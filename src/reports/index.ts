export * from './report-types.ts';
export { REPORTS, findReport } from './report-registry.ts';
export { runReport, runReportWith, reportContext, type ReportRequest } from './run-report.ts';
export { parseReportFilter, evalFilter, lowerFilter, timeBounds, ReportFilterError, type FilterAst } from './report-filter.ts';
export { inRange, eventTypeIn, isInteractive, isNonInteractive, isUserSignIn, isWorkloadSignIn, succeeded, failed } from './report-exprs.ts';
export { stableGuid, base64 } from './report-ids.ts';
export { createLastSignInIndex, rebuildPlans, type LastSignInIndex, type LastSignInReader } from './last-sign-in-index.ts';
