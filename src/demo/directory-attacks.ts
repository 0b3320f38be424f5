// Planted directory attacks: an illicit consent followed by an admin role grant, and a burst of
// admin password resets.
import { MINUTE, TICKS } from './entra-time.ts';
import type { TimedRecord } from './timed-record.ts';
import type { AttackContext, AttackPlan } from './attack-planter.ts';
import { buildAudit, userTarget, roleTarget, jsonText, type AuditSpec } from './audit-records.ts';
import { FOREIGN_CITIES } from './geo-table.ts';
import { USER_AGENTS } from './user-agent-table.ts';

export function planDirectoryAttacks(ctx: AttackContext, [consentAt, resetAt]: readonly number[]): { records: TimedRecord[]; plans: AttackPlan[] } {
  const { rng, tenant, clock } = ctx;
  const records: TimedRecord[] = [];
  const plans: AttackPlan[] = [];
  const audit = (tag: string, ms: number, spec: AuditSpec): void => {
    const k = clock.key(Math.floor(ms), rng.int(TICKS));
    records.push({ kind: 'directoryAudits', k, tag, record: buildAudit(rng, clock.format(k), spec) });
  };

  // Illicit consent grant, then the consented app makes a user Global Administrator.
  {
    const id = 'adminRoleAfterConsent-1';
    const k = ctx.victim((u) => u.userType === 'member' && !u.dormant && !u.disabled && u.adminRole === null);
    const u = k.user;
    const app = { appId: rng.guid(), displayName: 'Mail Backup Pro', servicePrincipalId: rng.guid() };
    const spTarget = { id: app.servicePrincipalId, displayName: app.displayName, type: 'ServicePrincipal' };
    const scopes = 'Mail.ReadWrite Files.ReadWrite.All RoleManagement.ReadWrite.Directory offline_access';
    const globalAdmin = tenant.roles.find((r) => r.displayName === 'Global Administrator') ?? tenant.roles[0];
    const by = { user: u, ipAddress: u.ipAddress };
    const core = { category: 'ApplicationManagement', loggedByService: 'Core Directory' };
    audit(id, consentAt, { ...core, activityDisplayName: 'Add service principal', operationType: 'Add', initiatedBy: by, targets: [spTarget] });
    audit(id, consentAt + 40_000, { ...core, activityDisplayName: 'Consent to application', operationType: 'Assign', initiatedBy: by,
      userAgent: USER_AGENTS.chromeWindows.userAgent,
      targets: [{ ...spTarget, modifiedProperties: [
        { displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"True"' },
        { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: jsonText(`Scope: ${scopes}`) },
      ] }] });
    audit(id, consentAt + 45_000, { ...core, activityDisplayName: 'Add delegated permission grant', operationType: 'Assign', initiatedBy: by,
      targets: [{ ...spTarget, modifiedProperties: [{ displayName: 'DelegatedPermissionGrant.Scope', oldValue: null, newValue: jsonText(scopes) }] }] });
    const grantAt = consentAt + 55 * MINUTE;
    audit(id, grantAt, { category: 'RoleManagement', loggedByService: 'Core Directory', activityDisplayName: 'Add member to role',
      operationType: 'Add', initiatedBy: { app },
      targets: [userTarget(u, [{ displayName: 'Role.DisplayName', oldValue: null, newValue: jsonText(globalAdmin.displayName) },
        { displayName: 'Role.TemplateId', oldValue: null, newValue: jsonText(globalAdmin.templateId) }]), roleTarget(globalAdmin)] });
    plans.push({ id, type: 'adminRoleAfterConsent', riskEventType: null, start: ctx.iso(consentAt), end: ctx.iso(grantAt),
      description: `${u.userPrincipalName} consented to the unverified app "${app.displayName}" (${scopes}); 55 minutes later the app added ${u.userPrincipalName} to Global Administrator.`,
      sourceIps: [u.ipAddress], countries: [u.city.countryOrRegion],
      targets: { userIds: [u.id], userPrincipalNames: [u.userPrincipalName], servicePrincipalIds: [app.servicePrincipalId] },
      facts: { appId: app.appId, role: globalAdmin.displayName, minutesBetween: 55 } });
  }

  // Bulk password resets by one admin account from an unfamiliar IP.
  {
    const id = 'bulkPasswordReset-1';
    const admin = ctx.victim((u) => u.adminRole !== null && !u.dormant).user;
    const city = FOREIGN_CITIES[0];
    const ip = `${city.prefixes[0]}.${2 + rng.int(250)}`;
    const victims = tenant.users.filter((u) => u.userType === 'member' && u.index !== admin.index).slice(0, 25);
    let t = resetAt;
    for (const v of victims) {
      audit(id, t, { activityDisplayName: 'Reset user password', category: 'UserManagement', loggedByService: 'Core Directory',
        operationType: 'Update', initiatedBy: { user: admin, ipAddress: ip }, targets: [userTarget(v)],
        userAgent: USER_AGENTS.pythonRequests.userAgent });
      t += 5_000 + rng.next() * 20_000;
    }
    plans.push({ id, type: 'bulkPasswordReset', riskEventType: null, start: ctx.iso(resetAt), end: ctx.iso(t),
      description: `${admin.userPrincipalName} reset ${victims.length} passwords in ${Math.round((t - resetAt) / MINUTE)} minutes from ${ip} with a script.`,
      sourceIps: [ip], countries: [city.countryOrRegion],
      targets: { userIds: victims.map((v) => v.id), userPrincipalNames: victims.map((v) => v.userPrincipalName), servicePrincipalIds: [] },
      facts: { resets: victims.length, initiatorUserId: admin.id } });
  }
  return { records, plans };
}
