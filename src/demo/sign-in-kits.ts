// Everything needed to schedule one actor's sign-ins, precomputed once per tenant.
import type { Part } from './record-part.ts';
import { Prng } from './prng.ts';
import type { DemoTenant, DemoUser, DemoWorkload } from './tenant-model.ts';
import { buildOutcomes, type OutcomePart, type OutcomeKey } from './sign-in-outcomes.ts';
import {
  userPart, userAppParts, backgroundAppParts, workloadAppPart, workloadActorPart, netPart, devicePart, workloadPart,
  EVENT_PARTS, type ActorPart, type AppPart, type EventPart,
} from './sign-in-parts.ts';

export interface UserKit {
  readonly user: DemoUser;
  readonly interactive: ActorPart;
  readonly nonInteractive: ActorPart;
  readonly homeNet: Part;
  readonly officeNet: Part | null;
  readonly desktopBrowser: Part;
  readonly desktopMail: Part;
  readonly mobileBrowser: Part | null;
  readonly mobileMail: Part | null;
  readonly legacy: Part | null;
  readonly refreshEvent: EventPart;
  readonly outcomes: Readonly<Record<OutcomeKey, OutcomePart>>;
}

export interface WorkloadKit {
  readonly workload: DemoWorkload;
  readonly actor: ActorPart;
  readonly app: AppPart;
  readonly net: Part;
  readonly device: Part;
  readonly event: EventPart;
  readonly identity: Part;
  readonly outcomes: Readonly<Record<OutcomeKey, OutcomePart>>;
}

export interface SignInKits {
  readonly users: readonly UserKit[];
  readonly workloads: readonly WorkloadKit[];
  readonly apps: readonly AppPart[];
  readonly background: readonly AppPart[];
  readonly noWorkload: Part;
  /** Outcome parts for actors without an MFA method of their own (spray targets, unknown users). */
  readonly outcomes: Readonly<Record<OutcomeKey, OutcomePart>>;
}

export function buildSignInKits(tenant: DemoTenant, seed: number): SignInKits {
  const rng = new Prng(seed, 'kits');
  const salts = new Map<string, string>();
  const salt = (label: string): string => {
    let v = salts.get(label);
    if (v === undefined) salts.set(label, (v = rng.guid()));
    return v;
  };
  const outcomeTable = buildOutcomes(tenant);
  const officeNets = new Map(tenant.namedLocations.map((l) => [
    l.city.city, netPart(l.city, `${l.city.prefixes[0]}.1`, l.city.asn, l.displayName),
  ]));
  const users = tenant.users.map((u): UserKit => {
    const joined = u.desktopBrowser.trustType.includes('joined');
    return {
      user: u,
      interactive: userPart(u, true),
      nonInteractive: userPart(u, false),
      homeNet: netPart(u.city, u.ipAddress, u.city.asn, null),
      officeNet: u.atOffice ? officeNets.get(u.city.city) ?? null : null,
      desktopBrowser: devicePart(u.desktopBrowser, u.desktopBrowser.ua),
      desktopMail: devicePart(u.desktopMail, u.desktopMail.ua),
      mobileBrowser: u.mobile ? devicePart(u.mobile.browser, u.mobile.browser.ua) : null,
      mobileMail: u.mobile ? devicePart(u.mobile.mail, u.mobile.mail.ua) : null,
      legacy: u.legacy ? devicePart(null, u.legacy.ua) : null,
      refreshEvent: joined ? EVENT_PARTS.nonInteractivePrt : EVENT_PARTS.nonInteractive,
      outcomes: outcomeTable[u.mfaMethod],
    };
  });
  const noDevice = devicePart(null, { userAgent: '', browser: '', operatingSystem: '', clientAppUsed: '' });
  const workloadActor = workloadActorPart(tenant);
  const workloads = tenant.workloads.map((w): WorkloadKit => ({
    workload: w,
    actor: workloadActor,
    app: workloadAppPart(tenant, w, salt),
    net: netPart(w.region, w.ipAddress, w.region.asn, null),
    device: noDevice,
    event: w.kind === 'managedIdentity' ? EVENT_PARTS.managedIdentity
      : w.credentialType === 'certificate' ? EVENT_PARTS.spCertificate : EVENT_PARTS.spSecret,
    identity: workloadPart(w),
    outcomes: outcomeTable['Authenticator App'],
  }));
  return {
    users, workloads, apps: userAppParts(tenant), background: backgroundAppParts(tenant, salt),
    noWorkload: workloadPart(null), outcomes: outcomeTable['Authenticator App'],
  };
}
