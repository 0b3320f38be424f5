// Baseline directory and custom-security-attribute audits: admins and users changing the directory
// during working hours, at rates proportional to the tenant size.
import { Prng, cumulate } from './prng.ts';
import { DAY, HOUR, MINUTE, TICKS, type EntraClock, type DemoWindow } from './entra-time.ts';
import type { DemoTenant, DemoUser } from './tenant-model.ts';
import type { DayGenerator, TimedRecord } from './timed-record.ts';
import { USER_AGENTS } from './user-agent-table.ts';
import {
  buildAudit, userTarget, groupTarget, roleTarget, appTarget, jsonText, SYSTEM_APPS, type AuditSpec,
} from './audit-records.ts';

type Maker = (rng: Prng, t: DemoTenant, admin: DemoUser, subject: DemoUser) => AuditSpec;
const ADMIN_UA = USER_AGENTS.edgeWindows.userAgent;

const by = (admin: DemoUser) => ({ user: admin, ipAddress: admin.ipAddress });
const core = (activityDisplayName: string, category: string, operationType: string) =>
  ({ activityDisplayName, category, operationType, loggedByService: 'Core Directory' });

/** Activity mix: [events per 1000 users per working day, maker]. */
const ACTIVITIES: readonly (readonly [number, Maker])[] = [
  [90, (r, t, a, s) => ({ ...core('Update user', 'UserManagement', 'Update'), initiatedBy: by(a), userAgent: ADMIN_UA,
    targets: [userTarget(s, [{ displayName: 'JobTitle', oldValue: jsonText([s.jobTitle]), newValue: jsonText([`Senior ${s.jobTitle}`]) },
      { displayName: 'Included Updated Properties', oldValue: null, newValue: '"JobTitle"' }])] })],
  [60, (r, t, a, s) => {
    const g = r.pick(t.groups);
    return { ...core('Add member to group', 'GroupManagement', 'Assign'), initiatedBy: by(a), userAgent: ADMIN_UA,
      targets: [userTarget(s, [{ displayName: 'Group.ObjectID', oldValue: null, newValue: jsonText(g.id) },
        { displayName: 'Group.DisplayName', oldValue: null, newValue: jsonText(g.displayName) }]), groupTarget(g)] };
  }],
  [20, (r, t, a, s) => {
    const g = r.pick(t.groups);
    return { ...core('Remove member from group', 'GroupManagement', 'Unassign'), initiatedBy: by(a), userAgent: ADMIN_UA,
      targets: [userTarget(s, [{ displayName: 'Group.ObjectID', oldValue: jsonText(g.id), newValue: null }]), groupTarget(g)] };
  }],
  [12, (r, t, a, s) => ({ activityDisplayName: 'Reset password (self-service)', category: 'UserManagement', operationType: 'Update',
    loggedByService: 'Self-service Password Management', initiatedBy: by(s), targets: [userTarget(s)],
    additionalDetails: [{ key: 'MethodsUsedForValidation', value: s.mfaMethod }] })],
  [4, (r, t, a, s) => ({ activityDisplayName: 'Change password (self-service)', category: 'UserManagement', operationType: 'Update',
    loggedByService: 'Self-service Password Management', initiatedBy: by(s), targets: [userTarget(s)] })],
  [3, (r, t, a, s) => ({ ...core('Reset user password', 'UserManagement', 'Update'), initiatedBy: by(a), userAgent: ADMIN_UA,
    targets: [userTarget(s)] })],
  [10, (r, t, a, s) => ({ activityDisplayName: 'User registered security info', category: 'UserManagement', operationType: 'Add',
    loggedByService: 'Authentication Methods', initiatedBy: by(s), targets: [userTarget(s)],
    resultReason: `User registered ${s.mfaMethod}` })],
  [2, (r, t, a, s) => ({ activityDisplayName: 'Invite external user', category: 'UserManagement', operationType: 'Add',
    loggedByService: 'Invited Users', initiatedBy: by(a), targets: [userTarget(s)] })],
  [1.5, (r, t, a) => {
    const app = r.pick(t.apps.filter((x) => x.spec.kind !== 'microsoft'));
    return { ...core('Update application – Certificates and secrets management', 'ApplicationManagement', 'Update'),
      initiatedBy: by(a), userAgent: ADMIN_UA, targets: [appTarget(app)] };
  }],
  [1, (r, t, a, s) => {
    const app = r.pick(t.apps.filter((x) => x.spec.kind === 'saas'));
    return { ...core('Consent to application', 'ApplicationManagement', 'Assign'), initiatedBy: by(s),
      targets: [{ id: app.servicePrincipalId, displayName: app.displayName, type: 'ServicePrincipal',
        modifiedProperties: [{ displayName: 'ConsentAction.Permissions', oldValue: null, newValue: '"Scope: User.Read offline_access openid profile"' }] }] };
  }],
  [0.6, (r, t, a, s) => {
    const role = r.pick(t.roles.slice(6));
    return { ...core('Add member to role', 'RoleManagement', 'Add'), initiatedBy: by(a), userAgent: ADMIN_UA,
      targets: [userTarget(s, [{ displayName: 'Role.DisplayName', oldValue: null, newValue: jsonText(role.displayName) }]), roleTarget(role)] };
  }],
  [0.5, (r, t, a, s) => ({ activityDisplayName: 'Add eligible member to role in PIM completed (permanent)', category: 'RoleManagement',
    operationType: 'Add', loggedByService: 'Privileged Identity Management', initiatedBy: { app: SYSTEM_APPS.pim },
    targets: [roleTarget(t.roles[7]), userTarget(s)] })],
];
const ACT_CUM = cumulate(ACTIVITIES.map(([w]) => w));
const ACT_TOTAL = ACT_CUM[ACT_CUM.length - 1];

const CSA_ATTRIBUTES = ['Engineering_CostCenter', 'HR_EmploymentType', 'Security_DataClearance'] as const;

export function createAuditGenerator(seed: number, t: DemoTenant, window: DemoWindow, clock: EntraClock): DayGenerator {
  const rng = new Prng(seed, 'audits');
  const admins = t.users.filter((u) => u.adminRole !== null);
  const active = t.users.filter((u) => !u.dormant);
  const baseWeekday = new Date(window.base).getUTCDay();
  const scale = Math.max(t.users.length, 200) / 1000;

  const at = (day: number, admin: DemoUser): number => {
    const ms = window.base + day * DAY - admin.city.utcOffsetMinutes * MINUTE + (8.5 + rng.next() * 9) * HOUR;
    return clock.key(Math.floor(ms), rng.int(TICKS));
  };
  const emit = (push: (r: TimedRecord) => void, kind: TimedRecord['kind'], k: number, spec: AuditSpec): void => {
    const ms = clock.toMs(k);
    if (ms < window.start || ms >= window.end) return;
    push({ kind, k, tag: null, record: buildAudit(rng, clock.format(k), spec) });
  };

  return {
    day(day, push) {
      const wd = ((baseWeekday + day) % 7 + 7) % 7;
      const factor = wd === 0 || wd === 6 ? 0.1 : 1;
      const n = rng.poisson(ACT_TOTAL * scale * factor);
      for (let i = 0; i < n; i++) {
        const maker = rng.weighted(ACTIVITIES, ACT_CUM)[1];
        const admin = rng.pick(admins);
        emit(push, 'directoryAudits', at(day, admin), maker(rng, t, admin, rng.pick(active)));
      }
      // The attribute sets and definitions are created on the first day, before any values are assigned.
      if (day === 0) {
        const admin = admins[0];
        for (const attr of CSA_ATTRIBUTES) {
          const [set, name] = attr.split('_');
          const target = { id: `${set}_${name}`, displayName: attr, type: 'Other' };
          emit(push, 'customSecurityAttributeAudits', at(0, admin), { activityDisplayName: 'Add an attribute set', category: 'AttributeManagement',
            loggedByService: 'Core Directory', operationType: 'Add', initiatedBy: by(admin), userAgent: ADMIN_UA, targets: [{ id: set, displayName: set, type: 'Other' }] });
          emit(push, 'customSecurityAttributeAudits', at(0, admin), { activityDisplayName: 'Add custom security attribute definition in an attribute set',
            category: 'AttributeManagement', loggedByService: 'Core Directory', operationType: 'Add', initiatedBy: by(admin), userAgent: ADMIN_UA, targets: [target] });
        }
      }
      const csa = rng.poisson(10 * scale * factor);
      for (let i = 0; i < csa; i++) {
        const admin = rng.pick(admins);
        const subject = rng.pick(active);
        const attr = rng.pick(CSA_ATTRIBUTES);
        const onSp = rng.chance(0.1);
        const sp = rng.pick(t.workloads);
        emit(push, 'customSecurityAttributeAudits', at(day, admin), {
          activityDisplayName: onSp ? 'Update attribute values assigned to a servicePrincipal' : 'Update attribute values assigned to a user',
          category: 'AttributeManagement', loggedByService: 'Core Directory', operationType: 'Update',
          initiatedBy: by(admin), userAgent: ADMIN_UA,
          targets: [{
            ...(onSp ? { id: sp.id, displayName: sp.displayName, type: 'App' } : userTarget(subject)),
            modifiedProperties: [{ displayName: attr, oldValue: null, newValue: jsonText([`${attr.split('_')[1]}-${100 + rng.int(900)}`]) }],
          }],
          additionalDetails: [{ key: 'AttributeSet', value: attr.split('_')[0] }],
        });
      }
    },
  };
}
