// Microsoft Graph paths next to the ones idtrail serves that clients will try (PowerShell cmdlets,
// documentation samples), and why idtrail does not answer them. A caller gets a Graph error that
// says so, instead of the generic "Resource not found for the segment", which reads like a typo.
interface Unserved {
  /** Matched against the lower-case path below the version, function arguments removed. */
  readonly pattern: RegExp;
  readonly why: string;
}

const DIRECTORY_STATE = "it reports each user's registered authentication methods, which is directory state; idtrail keeps activity logs only";
const WORKLOAD_RISK = "idtrail's risk rules score users' sign-ins only, not service principals";

const UNSERVED: readonly Unserved[] = [
  { pattern: /^reports\/authenticationmethods\/(userregistrationdetails|usersregisteredbyfeature|usersregisteredbymethod|userregistrationactivity)(\/|$)/, why: DIRECTORY_STATE },
  { pattern: /^reports\/(credentialuserregistrationdetails|getcredentialuserregistrationcount)(\/|$)/, why: DIRECTORY_STATE },
  { pattern: /^reports\/(getcredentialusagesummary|usercredentialusagedetails)(\/|$)/, why: 'these legacy reports are superseded by reports/authenticationMethods/userEventsSummary, which idtrail serves' },
  { pattern: /^reports\/getrelyingpartydetailedsummary(\/|$)/, why: 'it summarizes AD FS sign-ins, which are not one of the log kinds idtrail stores' },
  { pattern: /^reports\/userinsights\/(daily|monthly)\/(?!signups(\/|$))/, why: 'of the External ID user insights, idtrail serves userInsights/daily/signUps and userInsights/monthly/signUps' },
  { pattern: /^reports\/(sla|healthmonitoring|serviceactivity)(\/|$)/, why: "it reports Microsoft's own service health, which a self-hosted log store cannot measure" },
  { pattern: /^identityprotection\/(riskyserviceprincipals|serviceprincipalriskdetections)(\/|$)/, why: WORKLOAD_RISK },
  { pattern: /^identityprotection\/riskyusers\/[^/]+\/history(\/|$)/, why: "risky users are derived from the current risk detections; list the user's detections with riskDetections?$filter=userId eq '…' instead" },
  { pattern: /^identityprotection\/riskyusers\/(confirmcompromised|confirmsafe|dismiss)$/, why: "risk state is computed from the logs by idtrail's rules and cannot be changed through the API" },
  // Early beta documentation (still in search results) put these at the root.
  { pattern: /^(riskdetections|riskyusers)(\/|$)/, why: 'these collections live under identityProtection: call /{version}/identityProtection/riskDetections or /identityProtection/riskyUsers, which idtrail serves' },
  { pattern: /^auditlogs\/(signineventssummary|signineventsappsummary|auditactivitytypes|appmanagementaudits|directoryprovisioning|getsummarized\w*)(\/|$)/, why: 'idtrail serves the five log collections (signIns, directoryAudits, provisioning, signUps, customSecurityAttributeAudits) and /$count' },
];

/** The path below `/{version}/`, segments without function arguments, for messages and matching. */
function segmentsOf(path: string): { version: string; shown: string } | null {
  const m = /^\/(v1\.0|beta)\/([^?]*)/.exec(path);
  if (!m) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(m[2]!);
  } catch {
    return null;
  }
  const shown = rest.split('/').filter(Boolean).map((s) => s.replace(/\(.*\)$/, '')).join('/');
  return { version: m[1]!, shown };
}

/** A clear refusal for a Graph path idtrail deliberately does not serve, or null. */
export function notServedMessage(path: string): string | null {
  const s = segmentsOf(path);
  if (!s) return null;
  const u = UNSERVED.find((x) => x.pattern.test(s.shown.toLowerCase()));
  return u ? `idtrail does not serve /${s.version}/${s.shown}: ${u.why}.` : null;
}
