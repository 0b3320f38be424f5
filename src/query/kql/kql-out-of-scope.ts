// Sources a Log Analytics or Sentinel query may name that live outside an idtrail workspace:
// data fetched from URLs, other workspaces and clusters, Sentinel watchlists and ASIM parsers.
// They are refused with a message saying what the construct is and why it cannot run here (at
// its position), rather than as an unknown name, so a pasted rule's author knows what to replace.
// Names of things this workspace lacks (other workspaces, watchlists, parsers) are semantic errors,
// so `union isfuzzy=true` drops such a leg as Kusto drops an inaccessible one; externaldata is not
// a reference to anything, and stays unsupported.
import type { KqlErrorCode } from './kql-errors.ts';
import type { Ctx } from './kql-context.ts';
import type { PNode } from './kql-parser.ts';

const CROSS_RESOURCE = new Set(['workspace', 'app', 'cluster', 'database', 'adx', 'arg', 'resource']);

/** Why `n` (a tabular expression or a call) cannot run in this workspace, or null if it is not one of these. */
export function outOfScopeReason(n: PNode, ctx: Ctx): { code: KqlErrorCode; message: string } | null {
  if (n.kind === 'ExternalDataExpression') return { code: 'IDT_KQL_UNSUPPORTED', message: 'externaldata() reads data from outside the workspace, which idtrail does not do' };
  const root = callRoot(n);
  const name = root ? ctx.source(root.c['Name']!).trim() : n.kind === 'NameReference' ? ctx.source(n).trim() : null;
  if (!name) return null;
  const missing = (message: string) => ({ code: 'IDT_KQL_SEMANTIC' as const, message });
  if (root && CROSS_RESOURCE.has(name)) return missing(`cross-resource queries (${name}("…")) are not supported: a query reads this workspace's own logs`);
  if (/^_GetWatchlist(Alias)?$/i.test(name)) return missing(`Sentinel watchlists (${name}) are not available here; a datatable() in a let can stand in for one`);
  if (/^_(ASim|Im)_[A-Za-z]/.test(name)) return missing(`the Sentinel ASIM parser ${name} is not available here; query the log tables directly`);
  return null;
}

/** Tables of other Microsoft products that Entra rules join with, by product. */
const FOREIGN_TABLES: ReadonlyArray<[RegExp, string]> = [
  [/^(IdentityInfo|BehaviorAnalytics|UserPeerAnalytics|Anomalies)$/, 'Microsoft Sentinel UEBA'],
  [/^(Device[A-Za-z]*|AADSignInEventsBeta|AADSpnSignInEventsBeta|IdentityLogonEvents|IdentityDirectoryEvents|CloudAppEvents|EmailEvents)$/, 'Microsoft Defender XDR'],
  [/^(AADRiskyUsers|AADUserRiskEvents|AADRiskyServicePrincipals|AADServicePrincipalRiskEvents)$/, 'Entra ID Protection'],
  [/^(SecurityAlert|SecurityIncident|ThreatIntelligenceIndicator|Watchlist)$/, 'Microsoft Sentinel'],
  [/^(AzureActivity|AzureDiagnostics|OfficeActivity|MicrosoftGraphActivityLogs)$/, 'another Azure or Microsoft 365 service'],
];

/** "… (a Microsoft Sentinel UEBA table)" for a table another product writes, or '' if unknown. */
export function foreignTableNote(name: string): string {
  const hit = FOREIGN_TABLES.find(([re]) => re.test(name));
  return hit ? ` (a ${hit[1]} table; this workspace holds the Entra ID activity logs only)` : '';
}

/** Fails with the reason when `n` is one of these sources; returns otherwise. */
export function refuseOutOfScope(n: PNode, ctx: Ctx): void {
  const reason = outOfScopeReason(n, ctx);
  if (reason) ctx.fail(reason.code, reason.message, n);
}

/** The call a tabular reference starts from: `f(…)`, or the `workspace("w")` of `workspace("w").T`. */
function callRoot(n: PNode): PNode | null {
  let cur: PNode | null | undefined = n;
  while (cur && (cur.kind === 'PathExpression' || cur.kind === 'ElementExpression')) cur = cur.c['Expression'];
  return cur?.kind === 'FunctionCallExpression' && cur.c['Name'] ? cur : null;
}
