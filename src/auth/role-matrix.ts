// Who may do what, in one declarative table (spec 4). Reading a log kind follows Entra's documented
// least-privileged roles; custom security attribute audits are readable only with an attribute log
// role, so Global Administrator alone cannot read them. Ingest is a separate, write-only role.
import type { LogKind } from '../model/index.ts';

export const ROLES = [
  'Reports Reader', 'Security Reader', 'Security Operator', 'Security Administrator', 'Global Reader',
  'Global Administrator', 'Attribute Log Reader', 'Attribute Log Administrator', 'Ingest Writer',
] as const;
export type Role = (typeof ROLES)[number];

/** Entra built-in role template ids, as they appear in a token's `wids` claim. */
export const ROLE_TEMPLATE_IDS: Readonly<Record<string, Role>> = {
  '4a5d8f65-41da-4de4-8968-e035b65339cf': 'Reports Reader',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f': 'Security Operator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '9c99539d-8186-4804-835f-fd51ef9e2dcd': 'Attribute Log Reader',
  '5b784334-f94b-471a-a387-e7219fc49ca2': 'Attribute Log Administrator',
};

const SIGN_IN_READERS: readonly Role[] = ['Global Reader', 'Reports Reader', 'Security Administrator', 'Security Operator', 'Security Reader', 'Global Administrator'];

export type Action =
  | { readonly kind: 'read'; readonly log: LogKind }
  | { readonly kind: 'ingest' }
  | { readonly kind: 'manageKeys' }
  | { readonly kind: 'readRetention' }
  | { readonly kind: 'setRetention'; readonly log: LogKind }
  | { readonly kind: 'setTier' };

export const READ_MATRIX: Readonly<Record<LogKind, readonly Role[]>> = {
  signIns: SIGN_IN_READERS,
  directoryAudits: ['Reports Reader', 'Security Administrator', 'Security Reader', 'Global Reader', 'Global Administrator'],
  provisioning: ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader', 'Security Operator', 'Global Administrator'],
  signUps: SIGN_IN_READERS,
  customSecurityAttributeAudits: ['Attribute Log Reader', 'Attribute Log Administrator'],
};

/** Retention of a log is set by who administers it: attribute logs by Attribute Log Administrator only. */
const RETENTION_ADMINS: Readonly<Record<LogKind, readonly Role[]>> = {
  signIns: ['Global Administrator', 'Security Administrator'],
  directoryAudits: ['Global Administrator', 'Security Administrator'],
  provisioning: ['Global Administrator', 'Security Administrator'],
  signUps: ['Global Administrator', 'Security Administrator'],
  customSecurityAttributeAudits: ['Attribute Log Administrator'],
};

export function allowedRoles(a: Action): readonly Role[] {
  switch (a.kind) {
    case 'read': return READ_MATRIX[a.log];
    case 'ingest': return ['Ingest Writer'];
    case 'manageKeys': return ['Global Administrator'];
    case 'readRetention': return ['Global Administrator', 'Security Administrator', 'Global Reader', 'Attribute Log Administrator'];
    case 'setRetention': return RETENTION_ADMINS[a.log];
    case 'setTier': return ['Global Administrator'];
  }
}

export function isAllowed(roles: readonly string[], a: Action): boolean {
  const ok = allowedRoles(a);
  return roles.some((r) => (ok as readonly string[]).includes(r));
}

export const readableKinds = (roles: readonly string[], kinds: readonly LogKind[]): LogKind[] => kinds.filter((k) => isAllowed(roles, { kind: 'read', log: k }));

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '');
const byName = new Map<string, Role>(ROLES.map((r) => [squash(r), r]));

/** Map role names ("Security Reader", "SecurityReader", "security_reader") or template ids to roles; unknown ones drop. */
export function normalizeRoles(raw: readonly unknown[]): Role[] {
  const out = new Set<Role>();
  for (const r of raw) {
    if (typeof r !== 'string') continue;
    const hit = ROLE_TEMPLATE_IDS[r.toLowerCase()] ?? byName.get(squash(r));
    if (hit) out.add(hit);
  }
  return [...out];
}
