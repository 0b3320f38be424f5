// `azure-monitor`: Entra diagnostic-settings records as Event Hub, a storage account (PT1H.json,
// one record per line) or a Log Analytics export deliver them: `{"records":[…]}` or one record per
// line. Each record is `{time, category, operationName, resultType, callerIpAddress, correlationId,
// identity, location, properties:{…}}`; `properties` is the Graph resource with some drift, so the
// record is properties coerced to Graph types, plus what only the envelope says (the sign-in flavour
// is the category; time, status and caller IP fill gaps). The envelope's other fields are kept in
// the record's source bag.
import { LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import { AdaptError, isObject, numAt, SOURCE_PROPERTY, strAt, type FormatAdapter } from './adapter.ts';
import { eventTypeFields } from './entra-codes.ts';
import { coerceObject } from './schema-coercion.ts';

type SignInFlavour = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';

interface CategoryDef {
  readonly kind: LogKind;
  /** For sign-in categories: the `signInEventTypes` member the category stands for. */
  readonly signIn?: SignInFlavour;
}

/** Diagnostic-settings categories that carry an activity log idtrail stores (spec: diagnostic settings 5.2). */
export const AZURE_MONITOR_CATEGORIES: Readonly<Record<string, CategoryDef>> = {
  SignInLogs: { kind: 'signIns', signIn: 'interactiveUser' },
  NonInteractiveUserSignInLogs: { kind: 'signIns', signIn: 'nonInteractiveUser' },
  ServicePrincipalSignInLogs: { kind: 'signIns', signIn: 'servicePrincipal' },
  ManagedIdentitySignInLogs: { kind: 'signIns', signIn: 'managedIdentity' },
  // The 2018 preview name of the sign-in category; its records say isInteractive themselves.
  SignIn: { kind: 'signIns' },
  AuditLogs: { kind: 'directoryAudits' },
  ProvisioningLogs: { kind: 'provisioning' },
  CustomSecurityAttributeAuditLogs: { kind: 'customSecurityAttributeAudits' },
};

const byLowerCategory = new Map(Object.entries(AZURE_MONITOR_CATEGORIES).map(([k, v]) => [k.toLowerCase(), v]));

function categoryOf(e: JsonObject): string | null {
  // Log Analytics exports spell the envelope columns in PascalCase.
  return strAt(e, 'category') ?? strAt(e, 'Category');
}

function propertiesOf(e: JsonObject): JsonObject {
  const p = e['properties'] ?? e['Properties'];
  if (isObject(p)) return p;
  if (typeof p === 'string') {
    try {
      const parsed: unknown = JSON.parse(p);
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
  }
  throw new AdaptError("azure-monitor record: 'properties' is missing or not an object");
}

/** Sign-in fields the envelope carries when the properties lack them. */
function fillSignIn(r: JsonObject, e: JsonObject, def: CategoryDef): void {
  if (def.signIn) {
    const t = eventTypeFields(def.signIn);
    // The category is the authority on the flavour: a NonInteractiveUserSignInLogs record is a
    // non-interactive sign-in whatever else it says.
    r['signInEventTypes'] = t.signInEventTypes;
    r['isInteractive'] = t.isInteractive;
  }
  r['createdDateTime'] ??= strAt(e, 'time');
  r['ipAddress'] ??= strAt(e, 'callerIpAddress');
  r['correlationId'] ??= strAt(e, 'correlationId');
  if (!isObject(r['status'])) {
    const code = numAt(e, 'resultType');
    if (code !== null) r['status'] = { errorCode: code, failureReason: code === 0 ? null : strAt(e, 'resultDescription'), additionalDetails: null };
  }
}

function fillActivity(r: JsonObject, e: JsonObject, kind: LogKind): void {
  r['activityDateTime'] ??= strAt(e, 'time');
  if (kind === 'provisioning') return; // it has neither a correlation id nor a display name
  r['correlationId'] ??= strAt(e, 'correlationId');
  r['activityDisplayName'] ??= strAt(e, 'operationName');
}

export const azureMonitorAdapter: FormatAdapter = {
  name: 'azure-monitor',
  unwrap: (v) => (isObject(v) && Array.isArray(v['records']) && !('properties' in v) ? v['records'] : null),
  nativeId: (e) => {
    const p = e['properties'] ?? e['Properties'];
    return strAt(p, 'id');
  },
  classify(e) {
    const c = categoryOf(e);
    return { kind: c ? byLowerCategory.get(c.toLowerCase())?.kind ?? null : null, label: c ? `azure-monitor record of category '${c}'` : 'azure-monitor record without a category' };
  },
  toRecord(e, kind) {
    const def = byLowerCategory.get((categoryOf(e) ?? '').toLowerCase())!;
    // A top-level copy: the fields added below must not land in the caller's event.
    const r = { ...coerceObject(LOG_KINDS[kind].schema, propertiesOf(e)) };
    if (r['id'] === undefined || r['id'] === null || r['id'] === '') throw new AdaptError("azure-monitor record: 'properties.id' is missing");
    if (kind === 'signIns') fillSignIn(r, e, def);
    else if (kind !== 'signUps') fillActivity(r, e, kind);
    const { properties: _p, Properties: _P, ...envelope } = e;
    // The envelope beside the Graph record: category, operationName, resourceId, tenantId, Level…
    r[SOURCE_PROPERTY] = { format: 'azure-monitor', envelope };
    return r;
  },
};
