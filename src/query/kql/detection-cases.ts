// The detection and hunting queries of the KQL suite, each with its hand-computed answer on the
// seeded tenant (kql-test-fixture.ts). Shared by detections.test.ts and bench/kql-bench.ts.
import assert from 'node:assert/strict';

const col = (rs: Record<string, unknown>[], c: string) => rs.map((r) => r[c]);
const sorted = (xs: unknown[]) => [...xs].map(String).sort();

export interface DetectionCase { name: string; q: string; check: (rs: Record<string, unknown>[]) => void }

export const DETECTION_CASES: DetectionCase[] = [
  // ---- password spray / brute force -------------------------------------------------------------
  { name: 'password spray: one IP, many users, 50126', q: `SigninLogs | where TimeGenerated > ago(2d) | where ResultType == 50126
      | summarize Users = dcount(UserPrincipalName), Attempts = count() by IPAddress | where Users >= 10`,
    check: (r) => assert.deepEqual(r, [{ IPAddress: '203.0.113.66', Users: 15, Attempts: 15 }]) },
  { name: 'password spray with string ResultType and bin', q: `SigninLogs | where ResultType in ("50126", "50053")
      | summarize dcount(UserPrincipalName) by IPAddress, bin(TimeGenerated, 1h) | where dcount_UserPrincipalName > 5 | sort by IPAddress asc`,
    check: (r) => assert.deepEqual(col(r, 'IPAddress'), ['10.9.9.9', '203.0.113.66']) },
  { name: 'spray: let threshold and codes dynamic', q: `let codes = dynamic([50126, 50053]); let threshold = 12;
      SigninLogs | where ResultType in (codes) | summarize n = count() by IPAddress | where n >= threshold | order by n desc`,
    check: (r) => assert.deepEqual(r, [{ IPAddress: '10.9.9.9', n: 40 }, { IPAddress: '203.0.113.66', n: 15 }, { IPAddress: '198.51.100.7', n: 12 }]) },
  { name: 'brute force then success (join on user and IP)', q: `let failures = SigninLogs | where ResultType == "50126" | summarize Failed = count(), FirstFail = min(TimeGenerated) by UserPrincipalName, IPAddress | where Failed >= 10;
      failures | join kind=inner (SigninLogs | where ResultType == 0 | project SuccessTime = TimeGenerated, UserPrincipalName, IPAddress) on UserPrincipalName, IPAddress
      | where SuccessTime > FirstFail | project UserPrincipalName, IPAddress, Failed`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user5@contoso.com', IPAddress: '198.51.100.7', Failed: 12 }]) },
  { name: 'brute force countif', q: `SigninLogs | summarize Fails = countif(ResultType != "0"), Ok = countif(ResultType == "0") by UserPrincipalName, IPAddress
      | where Fails > 10 and Ok > 0`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user5@contoso.com', IPAddress: '198.51.100.7', Fails: 12, Ok: 1 }]) },
  { name: 'failures per user top 3', q: `SigninLogs | where ResultType != 0 | summarize Failures = count() by UserPrincipalName | top 3 by Failures desc`,
    check: (r) => assert.deepEqual(r[0], { UserPrincipalName: 'user5@contoso.com', Failures: 18 }) },
  { name: 'failure reasons', q: `SigninLogs | where ResultType != "0" | summarize count() by ResultType, ResultDescription | order by count_ desc | take 1`,
    check: (r) => assert.deepEqual(r, [{ ResultType: '50053', ResultDescription: 'Failure', count_: 40 }]) },
  { name: 'dcountif distinct failing IPs per user', q: `SigninLogs | summarize BadIPs = dcountif(IPAddress, ResultType != 0) by UserPrincipalName | where BadIPs >= 3`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user5@contoso.com', BadIPs: 3 }]) },
  { name: 'spray window with between', q: `SigninLogs | where TimeGenerated between (ago(26h) .. ago(24h)) | where ResultType == 50126 | count`,
    check: (r) => assert.deepEqual(r, [{ Count: 15 }]) },
  { name: 'make_set of targeted users', q: `SigninLogs | where IPAddress == "203.0.113.66" | summarize Targets = make_set(UserPrincipalName) | extend n = array_length(Targets)`,
    check: (r) => assert.equal(r[0]!['n'], 15) },
  // ---- impossible travel / new country --------------------------------------------------------
  { name: 'impossible travel via two countries within an hour', q: `SigninLogs | where ResultType == 0 | where TimeGenerated > ago(1d)
      | summarize Countries = dcount(Location), Cities = make_set(tostring(LocationDetails.city)) by UserPrincipalName, bin(TimeGenerated, 1h)
      | where Countries > 1 | project UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user7@contoso.com' }]) },
  { name: 'impossible travel with geo distance', q: `SigninLogs | where ResultType == 0 | where UserPrincipalName == "user7@contoso.com" and TimeGenerated > ago(6h)
      | extend Lat = todouble(LocationDetails.geoCoordinates.latitude), Lon = todouble(LocationDetails["geoCoordinates"]["longitude"])
      | sort by TimeGenerated asc | summarize Lats = make_list(Lat), Lons = make_list(Lon), First = min(TimeGenerated), Last = max(TimeGenerated) by UserPrincipalName
      | extend km = geo_distance_2points(todouble(Lons[0]), todouble(Lats[0]), todouble(Lons[1]), todouble(Lats[1])) / 1000, mins = (Last - First) / 1m
      | where km > 1000 and mins < 60 | project UserPrincipalName, mins`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user7@contoso.com', mins: 30 }]) },
  { name: 'new country: not seen in the baseline (leftanti)', q: `let known = SigninLogs | where TimeGenerated between (ago(7d) .. ago(1d)) | where ResultType == 0 | distinct UserPrincipalName, Location;
      SigninLogs | where TimeGenerated > ago(1d) | where ResultType == 0 | distinct UserPrincipalName, Location | join kind=leftanti known on UserPrincipalName, Location | sort by UserPrincipalName asc`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user5@contoso.com', Location: 'CN' }, { UserPrincipalName: 'user7@contoso.com', Location: 'AU' }, { UserPrincipalName: 'user9@contoso.com', Location: 'BR' }]) },
  { name: 'new country with !in over a tabular let', q: `let home = SigninLogs | where TimeGenerated < ago(1d) | distinct Location;
      SigninLogs | where TimeGenerated > ago(1d) and Location !in (home) | distinct Location | sort by Location asc`,
    check: (r) => assert.deepEqual(col(r, 'Location'), ['AU', 'BR', 'CN']) },
  { name: 'sign-ins from rare countries (in over let)', q: `let rare = SigninLogs | summarize n = count() by Location | where n < 5 | project Location;
      SigninLogs | where Location in (rare) | summarize count() by Location | sort by Location asc`,
    check: (r) => assert.deepEqual(r, [{ Location: 'AU', count_: 1 }, { Location: 'BR', count_: 1 }]) },
  { name: 'country per user with make_set and array_length', q: `SigninLogs | summarize Countries = make_set(Location) by UserPrincipalName | where array_length(Countries) > 2 | project UserPrincipalName`,
    check: (r) => assert.deepEqual(sorted(col(r, 'UserPrincipalName')), ['user5@contoso.com', 'user7@contoso.com', 'user9@contoso.com']) },
  { name: 'leftouter join keeps unmatched', q: `SigninLogs | where UserPrincipalName in ("user9@contoso.com", "user7@contoso.com") and TimeGenerated > ago(3h) | project UserPrincipalName, IPAddress
      | join kind=leftouter (AuditLogs | extend UserPrincipalName = tostring(InitiatedBy.user.userPrincipalName) | project UserPrincipalName, OperationName) on UserPrincipalName | project UserPrincipalName, OperationName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user9@contoso.com', OperationName: '' }]) },
  // ---- risky sign-ins --------------------------------------------------------------------------
  { name: 'risky sign-in: high risk success', q: `SigninLogs | where RiskLevelDuringSignIn == "high" and ResultType == 0 | project UserPrincipalName, AppDisplayName, RiskState`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user11@contoso.com', AppDisplayName: 'Azure Portal', RiskState: 'atRisk' }]) },
  { name: 'risky sign-in followed by MFA registration within 1h', q: `let risky = SigninLogs | where RiskLevelDuringSignIn in~ ("high", "medium") | project RiskTime = TimeGenerated, UserPrincipalName;
      AuditLogs | where OperationName =~ "user registered security info" | extend UserPrincipalName = tostring(InitiatedBy.user.userPrincipalName)
      | join kind=inner risky on UserPrincipalName | where TimeGenerated - RiskTime between (0min .. 1h) | project UserPrincipalName, OperationName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user11@contoso.com', OperationName: 'User registered security info' }]) },
  { name: 'IsRisky column', q: `SigninLogs | where IsRisky | summarize count()`, check: (r) => assert.deepEqual(r, [{ count_: 1 }]) },
  { name: 'risky sign-in then credential added by same user', q: `SigninLogs | where RiskState == "atRisk" | project UserPrincipalName, RiskTime = TimeGenerated
      | join (AuditLogs | where OperationName has "service principal credentials" | extend UserPrincipalName = tostring(InitiatedBy.user.userPrincipalName), App = tostring(TargetResources[0].displayName)) on UserPrincipalName
      | project UserPrincipalName, App`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user11@contoso.com', App: 'BackupApp' }]) },
  { name: 'MFA fatigue: repeated 500121', q: `SigninLogs | where ResultType == 500121 | summarize Attempts = count(), Start = min(TimeGenerated), End = max(TimeGenerated) by UserPrincipalName
      | extend Minutes = datetime_diff('minute', End, Start) | where Attempts >= 5 | project UserPrincipalName, Attempts, Minutes`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user14@contoso.com', Attempts: 6, Minutes: 25 }]) },
  { name: 'conditional access failures via mv-expand', q: `SigninLogs | where ConditionalAccessStatus == "failure" | mv-expand CA = ConditionalAccessPolicies
      | where tostring(CA.result) == "failure" | summarize count() by Policy = tostring(CA.displayName)`,
    check: (r) => assert.deepEqual(r, [{ Policy: 'Require MFA', count_: 2 }]) },
  { name: 'CA policy via mv-apply', q: `SigninLogs | where ResultType == 53003 | mv-apply p = ConditionalAccessPolicies on (where p.result == "failure" | project Policy = tostring(p.displayName))
      | summarize Users = make_set(UserPrincipalName) by Policy`,
    check: (r) => assert.deepEqual(r, [{ Policy: 'Require MFA', Users: '["user16@contoso.com"]' }]) },
  { name: 'device compliance counts', q: `SigninLogs | where TimeGenerated > ago(1d) and ResultType == 0 | extend Compliant = tobool(DeviceDetail.isCompliant)
      | summarize dcountif(UserPrincipalName, Compliant == false), dcountif(UserPrincipalName, Compliant)`,
    check: (r) => assert.deepEqual(Object.values(r[0]!), [10, 10]) },
  { name: 'guest sign-ins with case-sensitive UserType', q: `SigninLogs | where UserType != "Member" | distinct UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user20@contoso.com' }]) },
  // ---- privileged role changes ---------------------------------------------------------------
  { name: 'role additions', q: `AuditLogs | where Category =~ "RoleManagement" and OperationName has "Add member to role"
      | extend Target = tostring(TargetResources[0].userPrincipalName), Role = trim('"', tostring(TargetResources[0].modifiedProperties[0].newValue))
      | project Target, Role, Actor = tostring(InitiatedBy.user.userPrincipalName) | sort by Target asc`,
    check: (r) => assert.deepEqual(r, [
      { Target: 'user12@contoso.com', Role: 'Global Administrator', Actor: 'admin@contoso.com' },
      { Target: 'user13@contoso.com', Role: 'Helpdesk Administrator', Actor: 'admin@contoso.com' }]) },
  { name: 'global admin granted via mv-expand modifiedProperties', q: `AuditLogs | where OperationName == "Add member to role" | mv-expand TargetResources | mv-expand mp = TargetResources.modifiedProperties
      | where mp.displayName == "Role.DisplayName" and mp.newValue has "Global Administrator" | project Target = tostring(TargetResources.userPrincipalName)`,
    check: (r) => assert.deepEqual(r, [{ Target: 'user12@contoso.com' }]) },
  { name: 'PIM activity excluded by Identity', q: `AuditLogs | where Category == "RoleManagement" | where Identity != "MS-PIM" | count`,
    check: (r) => assert.deepEqual(r, [{ Count: 2 }]) },
  { name: 'PIM by LoggedByService', q: `AuditLogs | where LoggedByService == "PIM" | project AADOperationType, Identity`,
    check: (r) => assert.deepEqual(r, [{ AADOperationType: 'AssignEligibleRole', Identity: 'MS-PIM' }]) },
  { name: 'role change then sign-in of the new admin (inner join, $left/$right)', q: `AuditLogs | where OperationName == "Add member to role" | extend Target = tostring(TargetResources[0].userPrincipalName) | project Target, RoleTime = TimeGenerated
      | join kind=inner (SigninLogs | where ResultType == 0) on $left.Target == $right.UserPrincipalName | where TimeGenerated > RoleTime | summarize SignIns = count() by Target`,
    check: (r) => assert.deepEqual(sorted(col(r, 'Target')), ['user12@contoso.com', 'user13@contoso.com']) },
  { name: 'user created and deleted within a day', q: `let created = AuditLogs | where OperationName == "Add user" | project Created = TimeGenerated, Id1 = tostring(TargetResources[0].id);
      AuditLogs | where OperationName == "Delete user" | extend Id1 = tostring(TargetResources[0].id) | join kind=inner created on Id1 | where TimeGenerated - Created < 1d | project Id1, Hours = (TimeGenerated - Created) / 1h`,
    check: (r) => assert.deepEqual(r, [{ Id1: 'uid-21', Hours: 1 }]) },
  { name: 'password reset by admin after brute force', q: `let bf = SigninLogs | where ResultType == 50126 | summarize n = count() by UserPrincipalName | where n > 5;
      AuditLogs | where OperationName startswith "Reset password" | extend UserPrincipalName = tostring(TargetResources[0].userPrincipalName) | where UserPrincipalName in (bf) | project UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user5@contoso.com' }]) },
  { name: 'failed audit operations', q: `AuditLogs | where Result == "failure" | project OperationName, ResultType`,
    check: (r) => assert.deepEqual(r, [{ OperationName: 'Add member to group', ResultType: 'Failure' }]) },
  { name: 'audit operations per category (summarize by, no aggregate)', q: `AuditLogs | summarize by Category | sort by Category asc`,
    check: (r) => assert.deepEqual(col(r, 'Category'), ['ApplicationManagement', 'GroupManagement', 'RoleManagement', 'UserManagement']) },
  // ---- consent grants ---------------------------------------------------------------------------
  { name: 'consent to application', q: `AuditLogs | where OperationName has "Consent to application" | extend App = tostring(TargetResources[0].displayName) | project App, Identity | sort by App asc`,
    check: (r) => assert.deepEqual(r, [{ App: 'EvilApp', Identity: 'user13' }, { App: 'GoodApp', Identity: 'admin' }]) },
  { name: 'user (non-admin) consent via mv-apply', q: `AuditLogs | where OperationName == "Consent to application" | mv-apply mp = TargetResources[0].modifiedProperties on (where mp.displayName == "ConsentContext.IsAdminConsent" | extend IsAdmin = trim('"', tostring(mp.newValue)))
      | where IsAdmin == "False" | project App = tostring(TargetResources[0].displayName)`,
    check: (r) => assert.deepEqual(r, [{ App: 'EvilApp' }]) },
  { name: 'risky permissions in consent (has_any)', q: `AuditLogs | where OperationName == "Consent to application" | extend Perms = tostring(TargetResources[0].modifiedProperties[0].newValue)
      | where Perms has_any ("Mail.Read", "Files.ReadWrite.All") | project App = tostring(TargetResources[0].displayName)`,
    check: (r) => assert.deepEqual(r, [{ App: 'EvilApp' }]) },
  { name: 'consent by user who had a risky or failed sign-in (leftsemi)', q: `AuditLogs | where OperationName == "Consent to application" | extend UserPrincipalName = tostring(InitiatedBy.user.userPrincipalName)
      | join kind=leftsemi (SigninLogs | where ResultType != 0) on UserPrincipalName | project UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user13@contoso.com' }]) },
  // ---- credentials added then sign-ins ----------------------------------------------------------
  { name: 'SP credential added then SP sign-in from new IP', q: `let added = AuditLogs | where OperationName has_any ("Add service principal credentials", "Certificates and secrets management")
        | extend SP = tostring(TargetResources[0].displayName) | project SP, AddedTime = TimeGenerated;
      AADServicePrincipalSignInLogs | join kind=inner added on $left.ServicePrincipalName == $right.SP | where TimeGenerated > AddedTime
      | summarize IPs = make_set(IPAddress), n = count() by ServicePrincipalName`,
    check: (r) => assert.deepEqual(sorted(r.map((x) => JSON.stringify(x))), sorted([{ ServicePrincipalName: 'BackupApp', IPs: '["203.0.113.5"]', n: 2 }, { ServicePrincipalName: 'ReportsApp', IPs: '["10.1.1.2"]', n: 1 }].map((x) => JSON.stringify(x)))) },
  { name: 'new SP IP not seen before (rightanti)', q: `let before = AADServicePrincipalSignInLogs | where TimeGenerated < ago(2d) | distinct ServicePrincipalName, IPAddress;
      before | join kind=rightanti (AADServicePrincipalSignInLogs | where TimeGenerated > ago(2d)) on ServicePrincipalName, IPAddress | distinct ServicePrincipalName, IPAddress | sort by ServicePrincipalName asc`,
    check: (r) => assert.deepEqual(r, [{ ServicePrincipalName: 'BackupApp', IPAddress: '203.0.113.5' }, { ServicePrincipalName: 'ReportsApp', IPAddress: '10.1.1.2' }]) },
  { name: 'key credential JSON inside newValue', q: `AuditLogs | where OperationName has "credentials" | extend kd = parse_json(tostring(TargetResources[0].modifiedProperties[0].newValue))
      | extend KeyType = extract("KeyType=([^,]+)", 1, tostring(kd[0])) | project KeyType`,
    check: (r) => assert.deepEqual(r, [{ KeyType: 'Password' }]) },
  { name: 'SP sign-in failures', q: `AADServicePrincipalSignInLogs | where ResultType != "0" | project ServicePrincipalName, ResultType`,
    check: (r) => assert.deepEqual(r, [{ ServicePrincipalName: 'ReportsApp', ResultType: '7000215' }]) },
  { name: 'managed identity sign-ins', q: `AADManagedIdentitySignInLogs | summarize count() by ServicePrincipalName, Category`,
    check: (r) => assert.deepEqual(r, [{ ServicePrincipalName: 'vm-identity', Category: 'ManagedIdentitySignInLogs', count_: 3 }]) },
  // ---- non-interactive and union ------------------------------------------------------------
  { name: 'union isfuzzy with _dynamic/_string columns', q: `union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs | where UserPrincipalName == "user3@contoso.com" and ResultType == 50173
      | extend City = iff(isempty(tostring(LocationDetails_dynamic.city)), tostring(todynamic(LocationDetails_string).city), tostring(LocationDetails_dynamic.city)) | summarize count() by City, Type`,
    check: (r) => assert.deepEqual(r, [{ City: 'Sydney', Type: 'AADNonInteractiveUserSignInLogs', count_: 3 }]) },
  { name: 'union tolerates a missing table when fuzzy', q: `union isfuzzy=true SigninLogs, NoSuchTable | count`, check: (r) => assert.deepEqual(r, [{ Count: 360 }]) },
  { name: 'let function with table() over both sign-in tables', q: `let f = (tableName:string) { table(tableName) | where ResultType != 0 | summarize n = count() by Type };
      union f("SigninLogs"), f("AADNonInteractiveUserSignInLogs") | sort by n asc`,
    check: (r) => assert.deepEqual(r, [{ Type: 'AADNonInteractiveUserSignInLogs', n: 3 }, { Type: 'SigninLogs', n: 75 }]) },
  { name: 'non-interactive LocationDetails string needs todynamic', q: `AADNonInteractiveUserSignInLogs | extend Country = tostring(todynamic(LocationDetails).countryOrRegion) | summarize count() by Country | sort by Country asc`,
    check: (r) => assert.deepEqual(r, [{ Country: 'AU', count_: 3 }, { Country: 'US', count_: 10 }]) },
  { name: 'withsource column', q: `union withsource=SourceTable SigninLogs, AADNonInteractiveUserSignInLogs | summarize count() by SourceTable | sort by SourceTable asc`,
    check: (r) => assert.deepEqual(r, [{ SourceTable: 'AADNonInteractiveUserSignInLogs', count_: 13 }, { SourceTable: 'SigninLogs', count_: 360 }]) },
  // ---- provisioning, CSA, sign-ups ------------------------------------------------------------
  { name: 'provisioning failures', q: `AADProvisioningLogs | where ResultType == "Failure" | summarize count() by Reason = ResultDescription`,
    check: (r) => assert.deepEqual(r, [{ Reason: 'Duplicate user', count_: 3 }]) },
  { name: 'provisioning by action (Action alias) and JSON text column', q: `AADProvisioningLogs | extend Target = tostring(parse_json(TargetSystem).displayName) | summarize count() by Action, Target | sort by Action asc`,
    check: (r) => assert.deepEqual(r, [{ Action: 'Create', Target: 'Salesforce', count_: 5 }, { Action: 'Update', Target: 'Salesforce', count_: 5 }]) },
  { name: 'provisioning failure rate', q: `AADProvisioningLogs | summarize Total = count(), Failed = countif(ResultType == "Failure") | extend Rate = round(todouble(Failed) / Total * 100, 1)`,
    check: (r) => assert.deepEqual(r, [{ Total: 10, Failed: 3, Rate: 30 }]) },
  { name: 'custom security attribute changes', q: `AADCustomSecurityAttributeAuditLogs | mv-expand t = TargetResources | project Target = tostring(t.userPrincipalName), CallerIpAddress | sort by Target asc`,
    check: (r) => assert.deepEqual(r, [{ Target: 'user1@contoso.com', CallerIpAddress: '10.0.0.200' }, { Target: 'user2@contoso.com', CallerIpAddress: '10.0.0.200' }]) },
  { name: 'sign-up failures (project extension table)', q: `IdtrailSignUpLogs | where ResultType != 0 | project SignUpIdentifier, SignUpStage, ResultDescription`,
    check: (r) => assert.deepEqual(r, [{ SignUpIdentifier: 'new4@example.com', SignUpStage: 'credentialValidation', ResultDescription: 'OTP expired' }]) },
  // ---- failure spikes and anomalies ------------------------------------------------------------
  { name: 'failure spike via make-series and series_decompose_anomalies', q: `SigninLogs | where ResultType != 0
      | make-series Failures = count() default = 0 on TimeGenerated from ago(3d) to now() step 1h
      | extend (flag, score, baseline) = series_decompose_anomalies(Failures, 3, -1, 'linefit')
      | mv-expand TimeGenerated to typeof(datetime), Failures to typeof(long), flag to typeof(int) | where flag == 1 | project TimeGenerated, Failures`,
    check: (r) => {
      // Most hours have no failures (IQR 0), so every failing hour is flagged; the planted spike must be.
      assert.ok(r.some((x) => x['TimeGenerated'] === '2024-06-13T12:00:00Z' && x['Failures'] === 40));
      assert.ok(r.every((x) => Number(x['Failures']) > 0));
    } },
  { name: 'hourly failures above static threshold', q: `SigninLogs | where ResultType != "0" | summarize n = count() by bin(TimeGenerated, 1h) | where n > 20`,
    check: (r) => assert.deepEqual(r, [{ TimeGenerated: '2024-06-13T12:00:00Z', n: 40 }]) },
  { name: 'daily counts with startofday and dayofweek', q: `SigninLogs | where ResultType == 50053 | summarize n = count() by Day = startofday(TimeGenerated) | extend Dow = dayofweek(Day) / 1d`,
    check: (r) => assert.deepEqual(r, [{ Day: '2024-06-13T00:00:00Z', n: 40, Dow: 4 }]) },
  { name: 'off-hours sign-ins with hourofday', q: `SigninLogs | where ResultType == 50053 | extend h = hourofday(TimeGenerated) | summarize count() by h`,
    check: (r) => assert.deepEqual(r, [{ h: 12, count_: 40 }]) },
  { name: 'percentile and avg per user', q: `SigninLogs | where ResultType == 0 | summarize n = count() by UserPrincipalName | summarize p50 = percentile(n, 50), mx = max(n)`,
    check: (r) => assert.deepEqual(r, [{ p50: 14, mx: 16 }]) },
  // ---- misc language features ------------------------------------------------------------------
  { name: 'project-away, project-rename, format_datetime', q: `SigninLogs | where ResultType == 500121 | take 1 | project TimeGenerated, UserPrincipalName, IPAddress
      | project-rename User = UserPrincipalName | project-away IPAddress | extend D = format_datetime(TimeGenerated, 'yyyy-MM-dd') | project User, D`,
    check: (r) => assert.deepEqual(r, [{ User: 'user14@contoso.com', D: '2024-06-15' }]) },
  { name: 'case, split, strcat, tolower', q: `SigninLogs | where ResultType == 53003 | take 1 | extend Domain = tostring(split(UserPrincipalName, "@")[1]), Sev = case(ResultType == "53003", "High", "Low"), Tag = strcat(toupper(Location), "-", tolower("X"))
      | project Domain, Sev, Tag`,
    check: (r) => assert.deepEqual(r, [{ Domain: 'contoso.com', Sev: 'High', Tag: 'US-x' }]) },
  { name: 'arg_max latest sign-in per user with specific columns', q: `SigninLogs | where UserPrincipalName == "user7@contoso.com" | summarize arg_max(TimeGenerated, IPAddress, Location) by UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user7@contoso.com', TimeGenerated: '2024-06-15T07:30:00Z', IPAddress: '192.0.2.77', Location: 'AU' }]) },
  { name: 'arg_min first failure', q: `SigninLogs | where ResultType == 50126 | summarize arg_min(TimeGenerated, *) by IPAddress | project IPAddress, UserPrincipalName | sort by IPAddress asc`,
    check: (r) => assert.deepEqual(r, [{ IPAddress: '198.51.100.7', UserPrincipalName: 'user5@contoso.com' }, { IPAddress: '203.0.113.66', UserPrincipalName: 'user1@contoso.com' }]) },
  { name: 'isnotempty and contains / endswith / !startswith', q: `SigninLogs | where isnotempty(IPAddress) and IPAddress !startswith "10." and UserPrincipalName endswith "contoso.com" and AppDisplayName contains "portal" | distinct UserPrincipalName`,
    check: (r) => assert.deepEqual(r, [{ UserPrincipalName: 'user11@contoso.com' }]) },
  { name: 'tenant isolation', q: `SigninLogs | where UserPrincipalName == "user99@contoso.com" or IPAddress == "6.6.6.6" | count`, check: (r) => assert.deepEqual(r, [{ Count: 0 }]) },
  { name: 'distinct then count operator', q: `SigninLogs | distinct Location | count`, check: (r) => assert.deepEqual(r, [{ Count: 5 }]) },
  { name: 'let view with parameters', q: `let FailedFor = view (code:long, window:timespan) { SigninLogs | where TimeGenerated > ago(window) and ResultType == code; };
      FailedFor(500121, 1d) | summarize count()`, check: (r) => assert.deepEqual(r, [{ count_: 6 }]) },
  { name: 'materialize and total of totals', q: `let t = materialize(SigninLogs | summarize n = count() by Location); t | summarize total = sum(n)`,
    check: (r) => assert.deepEqual(r, [{ total: 360 }]) },
  { name: 'hunting placeholders', q: `SigninLogs | where TimeGenerated between (todatetime('{{StartTimeISO}}') .. todatetime('{{EndTimeISO}}')) | count`,
    check: (r) => assert.deepEqual(r, [{ Count: 360 }]) },
  { name: 'iff with timespan math', q: `SigninLogs | where UserPrincipalName == "user9@contoso.com" and TimeGenerated > ago(1d) and Location == "BR" | extend Recent = iff(now() - TimeGenerated < 3h, "yes", "no") | project Recent`,
    check: (r) => assert.deepEqual(r, [{ Recent: 'yes' }]) },
];

