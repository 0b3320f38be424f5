// The demo tenant: who exists, where they live, what they use. Built once from (seed, size); the
// activity generators only read it.
import { Prng, cumulate } from './prng.ts';
import { HOME_CITIES, HOME_CITY_WEIGHTS, CLOUD_REGIONS, type City } from './geo-table.ts';
import { DESKTOP_BROWSERS, DESKTOP_MAIL, MOBILE, LEGACY_CLIENTS, type UserAgentProfile } from './user-agent-table.ts';
import {
  FIRST_NAMES, LAST_NAMES, DEPARTMENTS, TENANT_NAMES, PARTNER_TENANTS, APP_CATALOG, DIRECTORY_ROLES, GROUP_NAMES,
  WORKLOADS, MANAGED_IDENTITIES, MICROSOFT_TENANT_ID, type AppSpec,
} from './tenant-catalog.ts';

export type MfaMethod = 'Authenticator App' | 'SMS' | 'FIDO2 security key' | 'Software OATH token';

export interface DemoDevice {
  readonly ua: UserAgentProfile;
  readonly deviceId: string;
  readonly displayName: string | null;
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
  readonly trustType: string;
}

export interface DemoUser {
  readonly index: number;
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail: string;
  readonly userType: 'member' | 'guest';
  readonly homeTenantId: string;
  readonly homeTenantName: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly city: City;
  readonly ipAddress: string;
  readonly atOffice: boolean;
  readonly desktopBrowser: DemoDevice;
  readonly desktopMail: DemoDevice;
  readonly mobile: { readonly browser: DemoDevice; readonly mail: DemoDevice } | null;
  readonly legacy: DemoDevice | null;
  readonly mfaMethod: MfaMethod;
  readonly authMethods: readonly string[];
  readonly adminRole: string | null;
  /** Interactive sign-ins per working day, on average. */
  readonly activity: number;
  /** No activity in the generated window (a stale account: the "dormant account" attack wakes one up). */
  readonly dormant: boolean;
  /** Disabled by an admin; leftover clients still try and get 50057. */
  readonly disabled: boolean;
  /** Indices into tenant.apps, weighted by use. */
  readonly apps: readonly number[];
  readonly appCumulative: readonly number[];
}

export interface DemoApp {
  readonly spec: AppSpec;
  readonly appId: string;
  readonly displayName: string;
  readonly servicePrincipalId: string;
  readonly ownerTenantId: string;
  readonly resourceId: string;
  readonly resourceDisplayName: string;
  readonly resourceServicePrincipalId: string;
}

export interface DemoWorkload {
  readonly kind: 'servicePrincipal' | 'managedIdentity';
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly resourceDisplayName: string;
  readonly resourceId: string;
  readonly region: City;
  readonly ipAddress: string;
  readonly perDay: number;
  readonly credentialKeyId: string | null;
  readonly credentialType: 'clientSecret' | 'certificate' | 'managedIdentity';
  readonly thumbprint: string | null;
  readonly msiType: 'none' | 'systemAssigned' | 'userAssigned';
  readonly azureResourceId: string | null;
}

export interface DemoTenant {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly users: readonly DemoUser[];
  readonly groups: readonly { readonly id: string; readonly displayName: string; readonly groupType: 'unifiedGroups' | 'azureAD' }[];
  readonly roles: readonly { readonly id: string; readonly templateId: string; readonly displayName: string }[];
  readonly apps: readonly DemoApp[];
  readonly workloads: readonly DemoWorkload[];
  readonly namedLocations: readonly { readonly id: string; readonly displayName: string; readonly city: City }[];
  readonly caPolicyIds: Readonly<Record<'mfa' | 'legacy' | 'compliant' | 'risk', string>>;
}

const OFFICE_CITIES = new Set(['London', 'New York', 'Berlin', 'Bengaluru']);
const MFA_METHODS: readonly MfaMethod[] = ['Authenticator App', 'SMS', 'FIDO2 security key', 'Software OATH token'];
const MFA_CUM = cumulate([70, 18, 7, 5]);
const METHOD_REG: Record<MfaMethod, string> = {
  'Authenticator App': 'microsoftAuthenticatorPush', SMS: 'mobilePhone', 'FIDO2 security key': 'fido2', 'Software OATH token': 'softwareOneTimePasscode',
};

function ipIn(rng: Prng, city: City): string {
  return `${rng.pick(city.prefixes)}.${2 + rng.int(250)}`;
}

function device(rng: Prng, ua: UserAgentProfile, name: string | null, managed: boolean): DemoDevice {
  const joined = managed && (ua.platform === 'windows' || ua.platform === 'mac');
  return {
    ua,
    deviceId: managed ? rng.guid() : '',
    displayName: managed ? name : null,
    isCompliant: managed && rng.chance(0.93),
    isManaged: managed,
    trustType: joined ? (ua.platform === 'windows' && rng.chance(0.4) ? 'Hybrid Azure AD joined' : 'Azure AD joined') : managed ? 'Azure AD registered' : '',
  };
}

export function buildTenant(seed: number, userCount: number, tenantId?: string): DemoTenant {
  const rng = new Prng(seed, 'tenant');
  const t = TENANT_NAMES[rng.int(TENANT_NAMES.length)];
  const id = tenantId ?? rng.guid();
  const cityCum = cumulate(HOME_CITY_WEIGHTS);
  const deptCum = cumulate(DEPARTMENTS.map((d) => d.weight));
  const partners = PARTNER_TENANTS.map((p) => ({ ...p, id: rng.guid() }));

  const apps: DemoApp[] = APP_CATALOG.map((spec) => {
    const appId = spec.appId ?? rng.guid();
    const ownsResource = spec.resource.id === undefined;
    return {
      spec, appId, displayName: spec.displayName, servicePrincipalId: rng.guid(),
      ownerTenantId: spec.kind === 'microsoft' ? MICROSOFT_TENANT_ID : spec.kind === 'tenant' ? id : rng.guid(),
      resourceId: ownsResource ? appId : (spec.resource.id as string),
      resourceDisplayName: spec.resource.displayName,
      resourceServicePrincipalId: rng.guid(),
    };
  });

  const usedUpns = new Set<string>();
  const users: DemoUser[] = [];
  for (let i = 0; i < userCount; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const guest = i > 0 && rng.chance(0.08);
    const partner = guest ? rng.pick(partners) : null;
    const domain = partner ? partner.domain : t.domain;
    let local = `${first}.${last}`.toLowerCase();
    for (let n = 2; usedUpns.has(`${local}@${domain}`); n++) local = `${first}.${last}${n}`.toLowerCase();
    const upn = `${local}@${domain}`;
    usedUpns.add(upn);
    const dept = guest ? DEPARTMENTS[0] : rng.weighted(DEPARTMENTS, deptCum);
    const city = rng.weighted(HOME_CITIES, cityCum);
    const mac = rng.chance(dept.name === 'Engineering' ? 0.45 : 0.15);
    const desktopKind = mac ? 'mac' : 'windows';
    const managed = !guest;
    const laptopName = managed ? `${t.name.slice(0, 2).toUpperCase()}-${mac ? 'MB' : 'LT'}-${String(1000 + i).padStart(4, '0')}` : null;
    const desktopBrowser = device(rng, rng.pick(DESKTOP_BROWSERS[desktopKind]), laptopName, managed);
    const desktopMail: DemoDevice = { ...desktopBrowser, ua: DESKTOP_MAIL[desktopKind] };
    const phoneKind = guest || rng.chance(0.15) ? null : rng.chance(0.55) ? 'ios' : 'android';
    const phone = phoneKind ? device(rng, MOBILE[phoneKind].browser, phoneKind === 'ios' ? 'iPhone' : 'Android phone', rng.chance(0.7)) : null;
    const mfaMethod = phoneKind ? rng.weighted(MFA_METHODS, MFA_CUM) : rng.chance(0.5) ? 'SMS' : 'Software OATH token';
    // Admins are chosen from IT first; index 0 is always a Global Administrator so the tenant has one.
    const adminRole = i === 0 ? DIRECTORY_ROLES[0].displayName
      : !guest && dept.name === 'IT' && rng.chance(0.35) ? rng.pick(DIRECTORY_ROLES).displayName : null;
    const userApps: number[] = [];
    const weights: number[] = [];
    apps.forEach((a, k) => {
      const reach = a.spec.use === 'admin' && adminRole ? 1 : guest && a.spec.kind !== 'microsoft' ? a.spec.reach * 0.3 : a.spec.reach;
      if (rng.chance(reach)) { userApps.push(k); weights.push(a.spec.weight); }
    });
    if (userApps.length === 0) { userApps.push(0); weights.push(1); }
    const dormant = i > 0 && !adminRole && rng.chance(0.02);
    users.push({
      index: i, id: rng.guid(), displayName: `${first} ${last}`, userPrincipalName: upn, mail: upn,
      userType: guest ? 'guest' : 'member',
      homeTenantId: partner ? partner.id : id, homeTenantName: partner ? partner.name : t.name,
      department: guest ? 'External' : dept.name, jobTitle: guest ? 'Consultant' : rng.pick(dept.titles),
      city, ipAddress: ipIn(rng, city), atOffice: OFFICE_CITIES.has(city.city) && rng.chance(0.6),
      desktopBrowser, desktopMail,
      mobile: phone && phoneKind ? { browser: phone, mail: { ...phone, ua: MOBILE[phoneKind].mail } } : null,
      legacy: !guest && rng.chance(0.03) ? device(rng, rng.pick(LEGACY_CLIENTS), null, false) : null,
      mfaMethod, authMethods: ['password', METHOD_REG[mfaMethod]],
      adminRole,
      activity: guest ? rng.range(0.3, 1.5) : rng.range(2, 7),
      dormant, disabled: !dormant && i > 0 && !adminRole && rng.chance(0.01),
      apps: userApps, appCumulative: cumulate(weights),
    });
  }

  // The "dormant account wakes up" attack needs one: make the last ordinary member dormant if chance made none.
  if (userCount >= 10 && !users.some((u) => u.dormant)) {
    let k = users.length - 1;
    while (k > 0 && (users[k].userType !== 'member' || users[k].adminRole || users[k].disabled)) k--;
    if (k > 0) users[k] = { ...users[k], dormant: true };
  }

  const groups = GROUP_NAMES.map((displayName) => ({
    id: rng.guid(), displayName, groupType: (rng.chance(0.5) ? 'unifiedGroups' : 'azureAD') as 'unifiedGroups' | 'azureAD',
  }));
  const roles = DIRECTORY_ROLES.map((r) => ({ id: rng.guid(), templateId: r.templateId, displayName: r.displayName }));
  const resourceIdOf = (name: string): string => apps.find((a) => a.resourceDisplayName === name)?.resourceId ?? rng.guid();
  const workloads: DemoWorkload[] = [
    ...WORKLOADS.map((w, k): DemoWorkload => {
      const region = CLOUD_REGIONS[k % CLOUD_REGIONS.length];
      const cert = k % 3 === 1;
      return {
        kind: 'servicePrincipal', id: rng.guid(), appId: rng.guid(), displayName: w.displayName,
        resourceDisplayName: w.target, resourceId: resourceIdOf(w.target), region, ipAddress: ipIn(rng, region),
        perDay: w.perDay, credentialKeyId: rng.guid(), credentialType: cert ? 'certificate' : 'clientSecret',
        thumbprint: cert ? rng.hex(20).toUpperCase() : null, msiType: 'none', azureResourceId: null,
      };
    }),
    ...MANAGED_IDENTITIES.map((m, k): DemoWorkload => {
      const region = CLOUD_REGIONS[k % CLOUD_REGIONS.length];
      const sub = rng.guid();
      return {
        kind: 'managedIdentity', id: rng.guid(), appId: rng.guid(), displayName: m.displayName,
        resourceDisplayName: m.resource, resourceId: resourceIdOf(m.resource), region, ipAddress: ipIn(rng, region),
        perDay: m.perDay, credentialKeyId: null, credentialType: 'managedIdentity', thumbprint: null, msiType: m.msiType,
        azureResourceId: m.msiType === 'userAssigned'
          ? `/subscriptions/${sub}/resourcegroups/rg-data/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${m.displayName}`
          : `/subscriptions/${sub}/resourcegroups/rg-apps/providers/Microsoft.Web/sites/${m.displayName}`,
      };
    }),
  ];
  const namedLocations = HOME_CITIES.filter((c) => OFFICE_CITIES.has(c.city)).map((city) => ({
    id: rng.guid(), displayName: `${city.city} office`, city,
  }));
  const caPolicyIds = { mfa: rng.guid(), legacy: rng.guid(), compliant: rng.guid(), risk: rng.guid() };
  return { id, name: t.name, domain: t.domain, users, groups, roles, apps, workloads, namedLocations, caPolicyIds };
}
