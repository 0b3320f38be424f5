// Log Analytics tables as views over the stored Graph records (spec/log-analytics-tables.md).
// Each view is `project(filter?(scan(kind, tenant)))` with the Azure Monitor column names, types
// and quirks: ResultType is the error code as text, nested values are `dynamic` in some tables and
// JSON text in others, UserType is capitalised. Because every view starts from a scan of one
// tenant, no KQL query can read another tenant's records.
import { LOG_KINDS, type FieldSchema, type LogKind, type ObjectSchema } from '../../model/index.ts';
import type { Columns } from './kql-context.ts';
import { HIDDEN_PREFIX, leafColumns } from './kql-struct-access.ts';
import type { Expr, IrType, Relation } from '../ir/index.ts';
import {
  call, caseWhen, cast, eq, field, isNull, lit, or, and, project, scan, where, named,
} from '../ir/index.ts';

export interface LaColumn {
  readonly name: string;
  readonly type: IrType;
  readonly expr: Expr;
  /** The stored field this dynamic/JSON-text column renders (kql-struct-access.ts reads its leaves). */
  readonly source?: readonly string[];
}

export interface LaTable {
  readonly name: string;
  readonly kind: LogKind;
  /** Which stored records belong to the table (the sign-in kind is split four ways). */
  readonly filter?: Expr;
  /** `(tenantId) => columns`: envelope columns carry the tenant. */
  readonly columns: (tenantId: string) => readonly LaColumn[];
  /** A project extension, not a Microsoft table (documented as such). */
  readonly extension?: boolean;
}

const f = (...p: string[]) => field(...p);
const col = (name: string, type: IrType, expr: Expr): LaColumn => ({ name, type, expr });
const str = (name: string, ...path: string[]): LaColumn => col(name, 'string', f(...path));
// Stored records and lists render through stored_json, which engines keeping them as JSON text read
// as is; a list of scalars is switched to a list conversion in laTableView (scalarListsAsValues).
const dyn = (name: string, ...path: string[]): LaColumn => ({ ...col(name, 'dynamic', call('stored_json', f(...path))), source: path });
/** A nested value as JSON text, as the tables that lack dynamic columns store it. */
const jsonText = (name: string, ...path: string[]): LaColumn => ({ ...col(name, 'string', cast(call('stored_json', f(...path)), 'string')), source: path });
const konst = (name: string, value: string | number | boolean, type: IrType = 'string'): LaColumn => col(name, type, lit(value, type));
const asText = (name: string, ...path: string[]): LaColumn => col(name, 'string', cast(f(...path), 'string'));

const capitalised = (e: Expr): Expr =>
  caseWhen([{ when: eq(e, lit('member')), then: lit('Member') }, { when: eq(e, lit('guest')), then: lit('Guest') }], e);

function envelope(tenantId: string, category: string | null, type: string): LaColumn[] {
  return [
    konst('TenantId', tenantId),
    konst('SourceSystem', 'Azure AD'),
    konst('Type', type),
    konst('Level', '4'),
    konst('OperationVersion', '1'),
    konst('ResultSignature', 'None'),
    konst('DurationMs', 0, 'long'),
    ...(category ? [konst('Category', category)] : []),
  ];
}

function eventType(t: string): Expr {
  const listed = call('list_has', f('signInEventTypes'), lit(t));
  // Records from sources that do not fill signInEventTypes fall back on isInteractive.
  const unlisted = or(isNull(f('signInEventTypes')), eq(call('scalar_list_length', f('signInEventTypes')), lit(0)));
  // Graph sets isInteractive exactly for interactiveUser events; a bool test is ~10x cheaper per
  // row than a list lookup, and SigninLogs is the table most queries scan.
  if (t === 'interactiveUser') return eq(f('isInteractive'), lit(true));
  if (t === 'nonInteractiveUser') return or(listed, and(unlisted, eq(f('isInteractive'), lit(false)), isNull(f('servicePrincipalId'))));
  return listed;
}

/** Columns shared by every sign-in table (same meaning, same type everywhere). */
function signInCommon(): LaColumn[] {
  return [
    col('TimeGenerated', 'datetime', f('createdDateTime')),
    str('Id', 'id'),
    str('AppId', 'appId'),
    str('CorrelationId', 'correlationId'),
    str('IPAddress', 'ipAddress'),
    str('Location', 'location', 'countryOrRegion'),
    str('ConditionalAccessStatus', 'conditionalAccessStatus'),
    str('ResourceDisplayName', 'resourceDisplayName'),
    str('ResourceIdentity', 'resourceId'),
    str('ResourceServicePrincipalId', 'resourceServicePrincipalId'),
    asText('ResultType', 'status', 'errorCode'),
    col('ResultDescription', 'string', call('coalesce', f('status', 'failureReason'), lit(''))),
    str('ServicePrincipalId', 'servicePrincipalId'),
    str('UniqueTokenIdentifier', 'uniqueTokenIdentifier'),
    jsonText('AuthenticationContextClassReferences', 'authenticationContextClassReferences'),
    jsonText('AuthenticationProcessingDetails', 'authenticationProcessingDetails'),
    konst('OperationName', 'Sign-in activity'),
  ];
}

/** Columns of the two user sign-in tables; `dynamicNested` picks SigninLogs' dynamic columns. */
function userSignIn(tenantId: string, category: string, type: string, dynamicNested: boolean): LaColumn[] {
  const nested = dynamicNested ? dyn : jsonText;
  return [
    ...signInCommon(),
    ...envelope(tenantId, category, type),
    str('AlternateSignInName', 'signInIdentifier'),
    str('AppDisplayName', 'appDisplayName'),
    dyn('AppliedEventListeners', 'appliedEventListeners'),
    jsonText('AuthenticationDetails', 'authenticationDetails'),
    jsonText('AuthenticationMethodsUsed', 'authenticationMethodsUsed'),
    str('AuthenticationProtocol', 'authenticationProtocol'),
    str('AuthenticationRequirement', 'authenticationRequirement'),
    jsonText('AuthenticationRequirementPolicies', 'authenticationRequirementPolicies'),
    asText('AutonomousSystemNumber', 'autonomousSystemNumber'),
    str('ClientAppUsed', 'clientAppUsed'),
    nested('ConditionalAccessPolicies', 'appliedConditionalAccessPolicies'),
    col('CreatedDateTime', 'datetime', f('createdDateTime')),
    str('CrossTenantAccessType', 'crossTenantAccessType'),
    nested('DeviceDetail', 'deviceDetail'),
    str('HomeTenantId', 'homeTenantId'),
    str('Identity', 'userDisplayName'),
    col('IsInteractive', 'bool', lit(dynamicNested)),
    col('IsRisky', 'bool', or(eq(f('riskState'), lit('atRisk')), eq(f('riskState'), lit('confirmedCompromised')))),
    nested('LocationDetails', 'location'),
    nested('MfaDetail', 'mfaDetail'),
    jsonText('NetworkLocationDetails', 'networkLocationDetails'),
    str('OriginalRequestId', 'originalRequestId'),
    str('ResourceTenantId', 'resourceTenantId'),
    str('RiskDetail', 'riskDetail'),
    jsonText('RiskEventTypes', 'riskEventTypes_v2'),
    jsonText('RiskEventTypes_V2', 'riskEventTypes_v2'),
    str('RiskLevelAggregated', 'riskLevelAggregated'),
    str('RiskLevelDuringSignIn', 'riskLevelDuringSignIn'),
    str('RiskState', 'riskState'),
    jsonText('SessionLifetimePolicies', 'sessionLifetimePolicies'),
    str('SignInIdentifierType', 'signInIdentifierType'),
    nested('Status', 'status'),
    str('TokenIssuerName', 'tokenIssuerName'),
    str('TokenIssuerType', 'tokenIssuerType'),
    str('UserAgent', 'userAgent'),
    str('UserDisplayName', 'userDisplayName'),
    str('UserId', 'userId'),
    str('UserPrincipalName', 'userPrincipalName'),
    col('UserType', 'string', capitalised(f('userType'))),
    ...(dynamicNested
      ? [
          konst('AADTenantId', tenantId), col('FlaggedForReview', 'bool', f('flaggedForReview')),
          str('IPAddressFromResourceProvider', 'ipAddressFromResourceProvider'),
          asText('ProcessingTimeInMilliseconds', 'processingTimeInMilliseconds'),
          str('ServicePrincipalName', 'servicePrincipalName'), str('SignInIdentifier', 'signInIdentifier'),
          konst('ResourceId', `/tenants/${tenantId}/providers/Microsoft.aadiam`), konst('Resource', 'Microsoft.aadiam'),
          konst('ResourceGroup', 'Microsoft.aadiam'), konst('ResourceProvider', ''),
        ]
      : [
          asText('ProcessingTimeInMs', 'processingTimeInMilliseconds'),
          jsonText('SignInEventTypes', 'signInEventTypes'), konst('ResourceGroup', 'Microsoft.aadiam'),
        ]),
  ];
}

function appSignIn(tenantId: string, category: string, type: string): LaColumn[] {
  return [
    ...signInCommon(),
    ...envelope(tenantId, category, type),
    jsonText('ConditionalAccessPolicies', 'appliedConditionalAccessPolicies'),
    str('FederatedCredentialId', 'federatedCredentialId'),
    str('Identity', 'servicePrincipalName'),
    jsonText('LocationDetails', 'location'),
    str('ServicePrincipalCredentialKeyId', 'servicePrincipalCredentialKeyId'),
    str('ServicePrincipalCredentialThumbprint', 'servicePrincipalCredentialThumbprint'),
    str('ServicePrincipalName', 'servicePrincipalName'),
    konst('ResourceGroup', 'Microsoft.aadiam'),
  ];
}

function auditCommon(tenantId: string): LaColumn[] {
  return [
    col('TimeGenerated', 'datetime', f('activityDateTime')),
    str('AADOperationType', 'operationType'),
    konst('AADTenantId', tenantId),
    col('ActivityDateTime', 'datetime', f('activityDateTime')),
    str('ActivityDisplayName', 'activityDisplayName'),
    dyn('AdditionalDetails', 'additionalDetails'),
    str('CorrelationId', 'correlationId'),
    str('Id', 'id'),
    col('Identity', 'string', call('coalesce', f('initiatedBy', 'app', 'displayName'), f('initiatedBy', 'user', 'displayName'), lit(''))),
    dyn('InitiatedBy', 'initiatedBy'),
    konst('Location', ''),
    str('LoggedByService', 'loggedByService'),
    str('OperationName', 'activityDisplayName'),
    str('Result', 'result'),
    konst('ResultDescription', ''),
    col('ResultReason', 'string', call('coalesce', f('resultReason'), lit(''))),
    col('ResultType', 'string', caseWhen([{ when: eq(f('result'), lit('success')), then: lit('Success') }], lit('Failure'))),
    dyn('TargetResources', 'targetResources'),
  ];
}

const PROVISIONING_RESULT: Expr = caseWhen(
  [
    { when: eq(f('provisioningStatusInfo', 'status'), lit('success')), then: lit('Success') },
    { when: eq(f('provisioningStatusInfo', 'status'), lit('failure')), then: lit('Failure') },
    { when: eq(f('provisioningStatusInfo', 'status'), lit('skipped')), then: lit('Skipped') },
  ],
  call('coalesce', f('provisioningStatusInfo', 'status'), lit('')),
);

const TABLES: readonly LaTable[] = [
  { name: 'SigninLogs', kind: 'signIns', filter: eventType('interactiveUser'), columns: (t) => userSignIn(t, 'SignInLogs', 'SigninLogs', true) },
  {
    name: 'AADNonInteractiveUserSignInLogs', kind: 'signIns', filter: eventType('nonInteractiveUser'),
    columns: (t) => userSignIn(t, 'NonInteractiveUserSignInLogs', 'AADNonInteractiveUserSignInLogs', false),
  },
  {
    name: 'AADServicePrincipalSignInLogs', kind: 'signIns', filter: eventType('servicePrincipal'),
    columns: (t) => appSignIn(t, 'ServicePrincipalSignInLogs', 'AADServicePrincipalSignInLogs'),
  },
  {
    name: 'AADManagedIdentitySignInLogs', kind: 'signIns', filter: eventType('managedIdentity'),
    columns: (t) => appSignIn(t, 'ManagedIdentitySignInLogs', 'AADManagedIdentitySignInLogs'),
  },
  {
    name: 'AuditLogs', kind: 'directoryAudits',
    columns: (t) => [...auditCommon(t), ...envelope(t, null, 'AuditLogs'), str('Category', 'category'),
      konst('ResourceId', `/tenants/${t}/providers/Microsoft.aadiam`), konst('Resource', 'Microsoft.aadiam'),
      konst('ResourceGroup', 'Microsoft.aadiam'), konst('ResourceProvider', '')],
  },
  {
    name: 'AADCustomSecurityAttributeAuditLogs', kind: 'customSecurityAttributeAudits',
    columns: (t) => [...auditCommon(t), ...envelope(t, null, 'AADCustomSecurityAttributeAuditLogs'),
      col('CallerIpAddress', 'string', call('coalesce', f('initiatedBy', 'user', 'ipAddress'), lit(''))), str('UserAgent', 'userAgent')],
  },
  {
    name: 'AADProvisioningLogs', kind: 'provisioning',
    columns: (t) => [
      col('TimeGenerated', 'datetime', f('activityDateTime')), konst('AADTenantId', t), ...envelope(t, 'ProvisioningLogs', 'AADProvisioningLogs'),
      str('ChangeId', 'changeId'), str('CorrelationId', 'changeId'), str('CycleId', 'cycleId'), str('Id', 'id'), str('JobId', 'jobId'),
      col('DurationMs', 'long', cast(f('durationInMilliseconds'), 'long')), jsonText('InitiatedBy', 'initiatedBy'),
      jsonText('ModifiedProperties', 'modifiedProperties'), str('ProvisioningAction', 'provisioningAction'),
      // Microsoft's own example queries read a capitalised `Action` column.
      col('Action', 'string', call('concat', call('upper', call('substring', f('provisioningAction'), lit(0), lit(1))), call('substring', f('provisioningAction'), lit(1)))),
      jsonText('ProvisioningStatusInfo', 'provisioningStatusInfo'), jsonText('ProvisioningSteps', 'provisioningSteps'),
      col('ResultDescription', 'string', call('coalesce', f('provisioningStatusInfo', 'errorInformation', 'reason'), lit(''))),
      col('ResultType', 'string', PROVISIONING_RESULT), konst('OperationName', 'Provisioning activity'),
      // Documented as the error code; records without an error keep the envelope's 'None'.
      col('ResultSignature', 'string', call('coalesce', f('provisioningStatusInfo', 'errorInformation', 'errorCode'), lit('None'))),
      jsonText('ServicePrincipal', 'servicePrincipal'), jsonText('SourceIdentity', 'sourceIdentity'),
      jsonText('SourceSystemDetails', 'sourceSystem'), jsonText('TargetIdentity', 'targetIdentity'), jsonText('TargetSystem', 'targetSystem'),
    ],
  },
  {
    // Project extension: Entra has no sign-up table; the shape follows the sign-in conventions.
    name: 'IdtrailSignUpLogs', kind: 'signUps', extension: true,
    columns: (t) => [
      col('TimeGenerated', 'datetime', f('createdDateTime')), col('CreatedDateTime', 'datetime', f('createdDateTime')),
      ...envelope(t, 'SignUpLogs', 'IdtrailSignUpLogs').filter((c) => c.name !== 'DurationMs'),
      str('Id', 'id'), str('AppId', 'appId'), str('AppDisplayName', 'appDisplayName'), dyn('AppliedEventListeners', 'appliedEventListeners'),
      str('CorrelationId', 'correlationId'), asText('ResultType', 'status', 'errorCode'),
      col('ResultDescription', 'string', call('coalesce', f('status', 'failureReason'), lit(''))), dyn('Status', 'status'),
      str('SignUpIdentifier', 'signUpIdentity', 'signUpIdentifier'), str('SignUpIdentifierType', 'signUpIdentity', 'signUpIdentifierType'),
      str('SignUpIdentityProvider', 'signUpIdentityProvider'), str('SignUpStage', 'signUpStage'),
      col('UserId', 'string', call('coalesce', f('userSnapshot', 'userId'), f('userId'))),
    ],
  },
];

const byName = new Map(TABLES.map((t) => [t.name.toLowerCase(), t]));

export const LA_TABLE_NAMES: readonly string[] = TABLES.map((t) => t.name);

export function findLaTable(name: string): LaTable | undefined {
  // Kusto table names are case-sensitive, but a friendly hint beats a miss; exact names win.
  return TABLES.find((t) => t.name === name) ?? byName.get(name.toLowerCase());
}

/**
 * The view plan and its typed columns for one tenant. Record-valued columns also get hidden leaf
 * columns named with `tag`, which must be unique per view instance in a query.
 */
export function laTableView(t: LaTable, tenantId: string, tag = ''): { rel: Relation; columns: Columns } {
  const cols = dedupe(t.columns(tenantId)).map((c) => scalarListsAsValues(c, LOG_KINDS[t.kind].schema));
  const base = t.filter ? where(scan(t.kind, tenantId), t.filter) : scan(t.kind, tenantId);
  const out: Array<Columns[number]> = [];
  const items = cols.map((c) => named(c.name, c.expr));
  const hidden: Array<{ name: string; type: IrType; expr: Expr }> = [];
  for (const c of cols) {
    const schema = c.source ? recordAt(LOG_KINDS[t.kind].schema, c.source) : null;
    if (!schema) {
      out.push([c.name, c.type]);
      continue;
    }
    const ref = { hidden: `${HIDDEN_PREFIX}${tag}:${c.name}`, path: [], schema };
    out.push([c.name, c.type, ref]);
    hidden.push(...leafColumns(ref.hidden, c.source!, schema));
  }
  return {
    rel: project(base, [...items, ...hidden.map((h) => named(h.name, h.expr))]),
    columns: [...out, ...hidden.map((h) => [h.name, h.type] as const)],
  };
}

/** A list of scalars is a list column, not JSON text, in every store: it converts as a list. */
function scalarListsAsValues(c: LaColumn, schema: ObjectSchema): LaColumn {
  if (!c.source) return c;
  let s: FieldSchema | undefined = schema;
  for (const p of c.source) s = s?.kind === 'object' ? s.fields[p] : undefined;
  if (s?.kind !== 'list' || s.item.kind !== 'scalar') return c;
  const fn = s.item.type === 'string' ? 'string_list_to_dynamic' : 'to_dynamic';
  const swap = (e: Expr): Expr =>
    e.kind === 'call' && e.fn === 'stored_json' ? call(fn, ...e.args) : e.kind === 'cast' ? cast(swap(e.arg), e.to) : e;
  return { ...c, expr: swap(c.expr) };
}

/** The record schema at a stored path, or null when it is not a record (lists, open JSON). */
function recordAt(schema: ObjectSchema, path: readonly string[]): ObjectSchema | null {
  let s: FieldSchema = schema;
  for (const p of path) {
    if (s.kind !== 'object') return null;
    const next: FieldSchema | undefined = s.fields[p];
    if (!next) return null;
    s = next;
  }
  return s.kind === 'object' ? s : null;
}

/** Later definitions of a name win (table-specific columns override the shared envelope). */
function dedupe(cols: readonly LaColumn[]): LaColumn[] {
  const m = new Map<string, LaColumn>();
  for (const c of cols) m.set(c.name, c);
  return [...m.values()];
}
