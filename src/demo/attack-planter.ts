// Planted attacks: sign-in and directory events an investigator (or a risk rule) should find, each
// described in the ground truth with the ids of exactly the records it produced.
import { Prng } from './prng.ts';
import { MINUTE, HOUR, TICKS, type EntraClock, type DemoWindow } from './entra-time.ts';
import { FOREIGN_CITIES, ANONYMIZING_EXITS, distanceKm, type City } from './geo-table.ts';
import { USER_AGENTS } from './user-agent-table.ts';
import type { DemoTenant, DemoUser } from './tenant-model.ts';
import type { SignInKits, UserKit } from './sign-in-kits.ts';
import type { SignInEvent } from './sign-in-record.ts';
import { sharedId, type SharedId } from './sign-in-draw.ts';
import type { OutcomePart } from './sign-in-outcomes.ts';
import type { Part } from './record-part.ts';
import type { TimedRecord } from './timed-record.ts';
import type { PlantedAttack } from './ground-truth.ts';
import { EVENT_PARTS, RISK_PARTS, identifierPart, netPart, devicePart, type ActorPart, type AppPart, type EventPart, type RiskKey } from './sign-in-parts.ts';
import { planDirectoryAttacks } from './directory-attacks.ts';

export type AttackPlan = Omit<PlantedAttack, 'records'>;

export interface PlantedEvents {
  readonly signIns: readonly SignInEvent[];
  readonly records: readonly TimedRecord[];
  readonly plans: readonly AttackPlan[];
}

/** Everything an attack needs to place its events. */
export interface AttackContext {
  readonly rng: Prng;
  readonly tenant: DemoTenant;
  readonly kits: SignInKits;
  readonly clock: EntraClock;
  /** Draw a user for a role in one attack; never the same user twice across attacks. */
  victim(filter: (u: DemoUser) => boolean): UserKit;
  /** ISO time of an epoch instant. */
  iso(ms: number): string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function planAttacks(seed: number, tenant: DemoTenant, kits: SignInKits, window: DemoWindow, clock: EntraClock): PlantedEvents {
  const rng = new Prng(seed, 'attacks');
  const used = new Set<number>();
  const ctx: AttackContext = {
    rng, tenant, kits, clock, iso,
    victim(filter) {
      const pool = kits.users.filter((k) => !used.has(k.user.index) && filter(k.user));
      const k = pool.length > 0 ? rng.pick(pool) : kits.users[0];
      used.add(k.user.index);
      return k;
    },
  };
  const signIns: SignInEvent[] = [];
  const plans: AttackPlan[] = [];
  const ordinary = (u: DemoUser) => u.userType === 'member' && !u.dormant && !u.disabled && u.adminRole === null;
  const slots = 9;
  const slot = (i: number) => window.start + ((i + 0.5) / slots) * (window.end - window.start);

  const key = (ms: number) => clock.key(Math.floor(ms), rng.int(TICKS));
  const add = (tag: string, ms: number, u: ActorPart, a: AppPart, n: Part, d: Part, e: EventPart, o: OutcomePart,
    risk: RiskKey = 'none', c: SharedId | null = null, s: SharedId | null = null): void => {
    signIns.push({ k: key(ms), u, a, n, d, e, o, r: RISK_PARTS[risk], w: kits.noWorkload, s, c, tag });
  };
  const attackerNet = (city: City) => {
    const ip = `${rng.pick(city.prefixes)}.${2 + rng.int(250)}`;
    return { ip, part: netPart(city, ip, city.asn, null) };
  };
  const portal = kits.apps[0];
  const mail = kits.background[1];
  const ropc = devicePart(null, USER_AGENTS.ropcSpray);
  const attackerBrowser = devicePart(null, USER_AGENTS.chromeWindows);
  const plan = (p: AttackPlan) => plans.push(p);

  // 1. Password spray: few IPs, many accounts, one attempt or two each, legacy ROPC so MFA never triggers.
  {
    const id = 'passwordSpray-1';
    const start = slot(0);
    const nets = [attackerNet(FOREIGN_CITIES[0]), attackerNet(FOREIGN_CITIES[0]), attackerNet(FOREIGN_CITIES[1])];
    const members = kits.users.filter((k) => ordinary(k.user));
    const targets = members.slice(0, Math.min(60, Math.max(10, Math.floor(members.length * 0.4))));
    const ghosts = ['admin', 'administrator', 'test', 'scanner', 'helpdesk'].map((n) => `${n}@${tenant.domain}`);
    const hit = targets[Math.floor(targets.length / 2)];
    let attempts = 0;
    let t = start;
    for (const k of targets) {
      const tries = 1 + rng.int(2);
      for (let i = 0; i < tries; i++) {
        const success = k === hit && i === tries - 1;
        add(id, t, identifierPart(tenant, k.user.userPrincipalName, k.user), mail, rng.pick(nets).part, ropc,
          EVENT_PARTS.interactiveRopc, success ? kits.outcomes.legacySuccess : kits.outcomes.sprayBadPassword,
          success ? 'passwordSpray' : 'none');
        attempts++;
        t += 20_000 + rng.next() * 60_000;
      }
    }
    for (const upn of ghosts) {
      add(id, t, identifierPart(tenant, upn, null), mail, rng.pick(nets).part, ropc, EVENT_PARTS.interactiveRopc, kits.outcomes.userNotFound);
      attempts++;
      t += 20_000 + rng.next() * 60_000;
    }
    plan({ id, type: 'passwordSpray', riskEventType: 'passwordSpray', start: iso(start), end: iso(t),
      description: `Password spray from ${nets.length} IPs against ${targets.length} accounts and ${ghosts.length} non-existent names over legacy ROPC; one password (${hit.user.userPrincipalName}) worked.`,
      sourceIps: [...new Set(nets.map((n) => n.ip))], countries: [...new Set([FOREIGN_CITIES[0].countryOrRegion, FOREIGN_CITIES[1].countryOrRegion])],
      targets: { userIds: targets.map((k) => k.user.id), userPrincipalNames: [...targets.map((k) => k.user.userPrincipalName), ...ghosts], servicePrincipalIds: [] },
      facts: { targetAccounts: targets.length + ghosts.length, existingAccounts: targets.length, attempts, successes: 1, compromisedUserId: hit.user.id, errorCode: 50126 } });
    used.add(hit.user.index);
  }

  // 2. Brute force: one account, one IP, fast; smart lockout after 10 failures.
  {
    const id = 'bruteForce-1';
    const k = ctx.victim(ordinary);
    const net = attackerNet(FOREIGN_CITIES[1]);
    const start = slot(1);
    let t = start;
    const attempts = 40;
    for (let i = 0; i < attempts; i++) {
      add(id, t, k.interactive, portal, net.part, attackerBrowser, EVENT_PARTS.interactive, i < 10 ? k.outcomes.badPassword : k.outcomes.locked);
      t += 8_000 + rng.next() * 20_000;
    }
    plan({ id, type: 'bruteForce', riskEventType: null, start: iso(start), end: iso(t),
      description: `Brute force on ${k.user.userPrincipalName} from one IP: ${attempts} attempts in ${Math.round((t - start) / MINUTE)} minutes, locked out after 10.`,
      sourceIps: [net.ip], countries: [FOREIGN_CITIES[1].countryOrRegion],
      targets: { userIds: [k.user.id], userPrincipalNames: [k.user.userPrincipalName], servicePrincipalIds: [] },
      facts: { attempts, badPassword: 10, locked: attempts - 10 } });
  }

  // 3. Impossible travel: a normal sign-in at home, then a successful one an ocean away 40 minutes later.
  {
    const id = 'impossibleTravel-1';
    const k = ctx.victim((u) => ordinary(u) && u.city.countryOrRegion !== 'NG' && u.mobile !== null);
    const far = FOREIGN_CITIES.reduce((a, b) => (distanceKm(k.user.city, a) > distanceKm(k.user.city, b) ? a : b));
    const net = attackerNet(far);
    const start = slot(2);
    const gap = 40 * MINUTE;
    add(id, start, k.interactive, portal, k.homeNet, k.desktopBrowser, EVENT_PARTS.interactive, k.outcomes.ssoSuccess, 'none', null, sharedId(rng));
    add(id, start + gap, k.interactive, portal, net.part, attackerBrowser, EVENT_PARTS.interactive, k.outcomes.mfaSuccess, 'unlikelyTravel', null, sharedId(rng));
    const km = Math.round(distanceKm(k.user.city, far));
    plan({ id, type: 'impossibleTravel', riskEventType: 'unlikelyTravel', start: iso(start), end: iso(start + gap),
      description: `${k.user.userPrincipalName} signed in from ${k.user.city.city} and ${gap / MINUTE} minutes later from ${far.city} (${km} km).`,
      sourceIps: [k.user.ipAddress, net.ip], countries: [k.user.city.countryOrRegion, far.countryOrRegion],
      targets: { userIds: [k.user.id], userPrincipalNames: [k.user.userPrincipalName], servicePrincipalIds: [] },
      facts: { distanceKm: km, minutesBetween: gap / MINUTE, speedKmh: Math.round(km / (gap / HOUR)) } });
  }

  // 4. Sign-in through an anonymizing relay.
  {
    const id = 'anonymizedIp-1';
    const k = ctx.victim(ordinary);
    const exit = rng.pick(ANONYMIZING_EXITS);
    const net = attackerNet(exit);
    const start = slot(3);
    const c = sharedId(rng);
    add(id, start, k.interactive, portal, net.part, devicePart(null, USER_AGENTS.firefoxWindows), EVENT_PARTS.interactive, k.outcomes.mfaRequired, 'anonymizedIPAddress', c);
    add(id, start + 35_000, k.interactive, portal, net.part, devicePart(null, USER_AGENTS.firefoxWindows), EVENT_PARTS.interactive, k.outcomes.mfaSuccess, 'anonymizedIPAddress', c, sharedId(rng));
    plan({ id, type: 'anonymizedIp', riskEventType: 'anonymizedIPAddress', start: iso(start), end: iso(start + 35_000),
      description: `${k.user.userPrincipalName} signed in through an anonymizing relay at ${net.ip}.`,
      sourceIps: [net.ip], countries: [exit.countryOrRegion],
      targets: { userIds: [k.user.id], userPrincipalNames: [k.user.userPrincipalName], servicePrincipalIds: [] },
      facts: { signIns: 2 } });
  }

  // 5. MFA fatigue: a stolen password and a storm of push prompts until the user gives in.
  {
    const id = 'mfaFatigue-1';
    const k = ctx.victim((u) => ordinary(u) && u.mfaMethod === 'Authenticator App');
    const net = attackerNet(FOREIGN_CITIES[0]);
    const start = slot(4);
    const prompts = 14;
    let t = start;
    for (let i = 0; i < prompts; i++) {
      const c = sharedId(rng);
      add(id, t, k.interactive, portal, net.part, attackerBrowser, EVENT_PARTS.interactive, k.outcomes.mfaRequired, 'none', c);
      const last = i === prompts - 1;
      add(id, t + 30_000, k.interactive, portal, net.part, attackerBrowser, EVENT_PARTS.interactive,
        last ? k.outcomes.mfaSuccess : k.outcomes.mfaDenied, last ? 'unfamiliarFeatures' : 'none', c, last ? sharedId(rng) : null);
      t += 90_000 + rng.next() * 60_000;
    }
    plan({ id, type: 'mfaFatigue', riskEventType: null, start: iso(start), end: iso(t),
      description: `${prompts} MFA push prompts to ${k.user.userPrincipalName} from ${net.ip}; ${prompts - 1} denied, the last approved.`,
      sourceIps: [net.ip], countries: [FOREIGN_CITIES[0].countryOrRegion],
      targets: { userIds: [k.user.id], userPrincipalNames: [k.user.userPrincipalName], servicePrincipalIds: [] },
      facts: { prompts, denied: prompts - 1, approved: 1, errorCode: 500121 } });
  }

  // 6. A service principal suddenly authenticating from a country it never used.
  {
    const id = 'servicePrincipalNewCountry-1';
    const w = kits.workloads.find((x) => x.workload.kind === 'servicePrincipal') ?? kits.workloads[0];
    const net = attackerNet(FOREIGN_CITIES[1]);
    const start = slot(5);
    const count = 12;
    for (let i = 0; i < count; i++) {
      signIns.push({ k: key(start + i * 7 * MINUTE), u: w.actor, a: w.app, n: net.part, d: w.device, e: w.event,
        o: w.outcomes.spSuccess, r: RISK_PARTS.none, w: w.identity, s: null, c: null, tag: id });
    }
    plan({ id, type: 'servicePrincipalNewCountry', riskEventType: null, start: iso(start), end: iso(start + (count - 1) * 7 * MINUTE),
      description: `Service principal ${w.workload.displayName} authenticated ${count} times from ${FOREIGN_CITIES[1].city} (${FOREIGN_CITIES[1].countryOrRegion}); it normally runs in ${w.workload.region.countryOrRegion}.`,
      sourceIps: [net.ip], countries: [FOREIGN_CITIES[1].countryOrRegion],
      targets: { userIds: [], userPrincipalNames: [], servicePrincipalIds: [w.workload.id] },
      facts: { signIns: count, usualCountry: w.workload.region.countryOrRegion, newCountry: FOREIGN_CITIES[1].countryOrRegion } });
  }

  // 7. A dormant account wakes up.
  {
    const id = 'dormantAccountActivity-1';
    const k = ctx.victim((u) => u.dormant);
    const city = rng.pick(FOREIGN_CITIES);
    const net = attackerNet(city);
    const start = slot(6);
    const s = sharedId(rng);
    add(id, start, k.interactive, portal, net.part, attackerBrowser, EVENT_PARTS.interactive, k.outcomes.officeSuccess, 'none', null, s);
    for (let i = 1; i <= 3; i++) add(id, start + i * 11 * MINUTE, k.nonInteractive, kits.background[0], net.part, attackerBrowser, EVENT_PARTS.nonInteractive, k.outcomes.niSuccess, 'none', null, s);
    plan({ id, type: 'dormantAccountActivity', riskEventType: null, start: iso(start), end: iso(start + 33 * MINUTE),
      description: `${k.user.userPrincipalName} had no activity in the window and signed in from ${net.ip}.`,
      sourceIps: [net.ip], countries: [city.countryOrRegion], targets: { userIds: [k.user.id], userPrincipalNames: [k.user.userPrincipalName], servicePrincipalIds: [] },
      facts: { daysInactiveBefore: Math.floor((start - window.start) / (24 * HOUR)), signIns: 4 } });
  }

  const directory = planDirectoryAttacks(ctx, [slot(7), slot(8)]);
  return { signIns, records: directory.records, plans: [...plans, ...directory.plans] };
}
