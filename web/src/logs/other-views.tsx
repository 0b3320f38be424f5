// Audit, custom security attribute audit, provisioning and sign-up logs: the filters Entra offers
// on each blade (notes 1g) and detail tabs that fit each record shape.
import { eq, startsWith, textMatch } from '../api/odata-filter.ts';
import { Badge, Fields } from '../ui/fields.tsx';
import { col, pick, text, utc, type DetailTab, type FilterDef, type LogRecord, type LogView } from './log-view.ts';

const s = (r: LogRecord, path: string): string => text(pick(r, path));
const tone = (v: string) => (v === 'success' ? 'ok' : v === 'failure' ? 'bad' : v === 'skipped' || v === 'warning' || v === 'timeout' ? 'warn' : 'neutral');
const ResultBadge = ({ v }: { v: string }) => <Badge tone={tone(v)}>{v}</Badge>;

const initiator = (r: LogRecord): string =>
  s(r, 'initiatedBy/user/userPrincipalName') || s(r, 'initiatedBy/user/displayName') || s(r, 'initiatedBy/app/displayName');
const targets = (r: LogRecord): string =>
  ((r['targetResources'] as { displayName?: string | null; userPrincipalName?: string | null; id?: string }[] | undefined) ?? [])
    .map((t) => t.displayName || t.userPrincipalName || t.id || '').join(', ');

interface Modified { displayName?: string; oldValue?: string | null; newValue?: string | null }

function ModifiedTable({ rows, caption }: { rows: readonly Modified[]; caption: string }) {
  if (rows.length === 0) return <p className="muted">No modified properties.</p>;
  return (
    <table className="mini-table">
      <caption className="sr-only">{caption}</caption>
      <thead><tr><th>Property</th><th>Old value</th><th>New value</th></tr></thead>
      <tbody>
        {rows.map((m, i) => (
          <tr key={i}><td>{m.displayName}</td><td className="mono">{m.oldValue ?? ''}</td><td className="mono">{m.newValue ?? ''}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

const auditTabs: DetailTab[] = [
  {
    id: 'activity', label: 'Activity',
    render: (r) => (
      <Fields rows={[
        ['Date', utc(r['activityDateTime'])], ['Activity', s(r, 'activityDisplayName')], ['Category', s(r, 'category')],
        ['Service', s(r, 'loggedByService')], ['Operation type', s(r, 'operationType')], ['Status', <ResultBadge v={s(r, 'result')} />],
        ['Status reason', s(r, 'resultReason')], ['Activity ID', s(r, 'id'), true], ['Correlation ID', s(r, 'correlationId'), true],
        ['User agent', s(r, 'userAgent')],
        ...((r['additionalDetails'] as { key: string; value: string }[] | undefined) ?? []).map((kv) => [kv.key, kv.value] as const),
      ]} />
    ),
  },
  {
    id: 'initiatedBy', label: 'Initiated by',
    render: (r) => (
      <Fields rows={[
        ['User', s(r, 'initiatedBy/user/displayName')], ['User principal name', s(r, 'initiatedBy/user/userPrincipalName'), true],
        ['User ID', s(r, 'initiatedBy/user/id'), true], ['IP address', s(r, 'initiatedBy/user/ipAddress'), true],
        ['Application', s(r, 'initiatedBy/app/displayName')], ['App ID', s(r, 'initiatedBy/app/appId'), true],
        ['Service principal ID', s(r, 'initiatedBy/app/servicePrincipalId'), true],
      ]} />
    ),
  },
  {
    id: 'targets', label: 'Target(s)',
    render: (r) => (
      <>
        {((r['targetResources'] as (Record<string, unknown> & { modifiedProperties?: Modified[] })[] | undefined) ?? []).map((t, i) => (
          <section key={i} className="target">
            <Fields rows={[['Type', text(t['type'])], ['Name', text(t['displayName'] ?? t['userPrincipalName'])], ['ID', text(t['id']), true]]} />
            <ModifiedTable rows={t.modifiedProperties ?? []} caption="Modified properties" />
          </section>
        ))}
      </>
    ),
  },
];

const auditFilters = (fixedCategory: boolean): FilterDef[] => [
  { key: 'service', label: 'Service', kind: 'text', placeholder: 'Core Directory', clause: (v) => eq('loggedByService', v) },
  ...(fixedCategory ? [] : [{
    key: 'category', label: 'Category', kind: 'select' as const,
    options: ['UserManagement', 'GroupManagement', 'ApplicationManagement', 'RoleManagement', 'DirectoryManagement', 'Policy', 'Device', 'Authentication', 'Other'].map((v) => ({ value: v, label: v })),
    clause: (v: string) => eq('category', v),
  }]),
  { key: 'activity', label: 'Activity', kind: 'text', placeholder: 'Update user, or prefix*', clause: (v) => textMatch('activityDisplayName', v) },
  { key: 'status', label: 'Status', kind: 'select', options: ['success', 'failure', 'timeout'].map((v) => ({ value: v, label: v })), clause: (v) => eq('result', v) },
  // Entra's "Initiated by" is a case-sensitive prefix match on the initiator's UPN.
  // Always a prefix here; a trailing `*` (the other boxes' prefix marker) is dropped, not matched literally.
  { key: 'initiatedBy', label: 'Initiated by', kind: 'text', placeholder: 'UPN prefix', clause: (v) => startsWith('initiatedBy/user/userPrincipalName', v.replace(/\*$/, '')) },
  // User targets carry a UPN and no display name, and the Target(s) column shows either, so both match.
  { key: 'target', label: 'Target', kind: 'text', placeholder: 'name or UPN prefix', clause: (v) => `targetResources/any(t: ${startsWith('t/displayName', v.replace(/\*$/, ''))} or ${startsWith('t/userPrincipalName', v.replace(/\*$/, ''))})` },
  { key: 'correlationId', label: 'Correlation ID', kind: 'text', placeholder: 'GUID', clause: (v) => eq('correlationId', v.trim()) },
];

const auditColumns = [
  col('activityDateTime', 'Date (UTC)', { value: (r) => utc(r['activityDateTime']), width: 235, default: true }),
  col('loggedByService', 'Service', { width: 150, default: true }),
  col('category', 'Category', { width: 160, default: true }),
  col('activityDisplayName', 'Activity', { width: 260, default: true }),
  col('result', 'Status', { render: (r) => <ResultBadge v={s(r, 'result')} />, width: 100, default: true }),
  col('resultReason', 'Status reason', { width: 200 }),
  col('target', 'Target(s)', { fields: ['targetResources'], value: targets, width: 260, default: true }),
  col('initiatedBy', 'Initiated by (actor)', { value: initiator, width: 260, default: true }),
  col('operationType', 'Operation type', { width: 120 }),
  col('id', 'Activity ID', { width: 300 }),
  col('correlationId', 'Correlation ID', { width: 290 }),
  col('userAgent', 'User agent', { width: 300 }),
];

export const auditView: LogView = {
  route: 'audit-logs', title: 'Audit logs', collection: 'directoryAudits', timeField: 'activityDateTime',
  columns: auditColumns, filters: auditFilters(false),
  detailTitle: (r) => s(r, 'activityDisplayName'), detailTabs: auditTabs,
};

export const csaAuditView: LogView = {
  route: 'custom-security-attribute-audits', title: 'Custom security attribute audit logs', collection: 'customSecurityAttributeAudits', timeField: 'activityDateTime',
  columns: auditColumns, filters: auditFilters(true),
  detailTitle: (r) => s(r, 'activityDisplayName'), detailTabs: auditTabs,
};

interface Step { name?: string; description?: string; provisioningStepType?: string; status?: string }

export const provisioningView: LogView = {
  route: 'provisioning-logs', title: 'Provisioning logs', collection: 'provisioning', timeField: 'activityDateTime',
  columns: [
    col('activityDateTime', 'Date (UTC)', { value: (r) => utc(r['activityDateTime']), width: 235, default: true }),
    col('sourceIdentity', 'Identity', { path: 'sourceIdentity/displayName', width: 200, default: true }),
    col('provisioningAction', 'Action', { width: 110, default: true }),
    col('sourceSystem', 'Source system', { path: 'sourceSystem/displayName', width: 170, default: true }),
    col('targetSystem', 'Target system', { path: 'targetSystem/displayName', width: 170, default: true }),
    col('status', 'Status', { path: 'provisioningStatusInfo/status', render: (r) => <ResultBadge v={s(r, 'provisioningStatusInfo/status')} />, width: 100, default: true }),
    col('errorCode', 'Error code', { path: 'provisioningStatusInfo/errorInformation/errorCode', width: 180, default: true }),
    col('servicePrincipal', 'Application', { path: 'servicePrincipal/displayName', width: 160 }),
    col('jobId', 'Job ID', { width: 300 }), col('cycleId', 'Cycle ID', { width: 290 }), col('changeId', 'Change ID', { width: 290 }),
    col('durationInMilliseconds', 'Duration (ms)', { width: 110 }),
  ],
  filters: [
    { key: 'identity', label: 'Identity', kind: 'text', placeholder: 'display name', clause: (v) => eq('sourceIdentity/displayName', v) },
    { key: 'status', label: 'Status', kind: 'select', options: ['success', 'failure', 'skipped', 'warning'].map((v) => ({ value: v, label: v })), clause: (v) => eq('provisioningStatusInfo/status', v) },
    { key: 'action', label: 'Action', kind: 'select', options: ['create', 'update', 'delete', 'disable', 'stagedDelete', 'other'].map((v) => ({ value: v, label: v })), clause: (v) => eq('provisioningAction', v) },
    { key: 'jobId', label: 'Job ID', kind: 'text', clause: (v) => eq('jobId', v.trim()) },
    { key: 'cycleId', label: 'Cycle ID', kind: 'text', clause: (v) => eq('cycleId', v.trim()) },
    { key: 'changeId', label: 'Change ID', kind: 'text', clause: (v) => eq('changeId', v.trim()) },
  ],
  detailTitle: (r) => `${s(r, 'provisioningAction')} ${s(r, 'sourceIdentity/displayName')}`,
  detailTabs: [
    {
      id: 'steps', label: 'Steps',
      render: (r) => (
        <ol className="steps">
          {((r['provisioningSteps'] as Step[] | undefined) ?? []).map((st, i) => (
            <li key={i}><ResultBadge v={st.status ?? ''} /> <strong>{st.provisioningStepType}</strong> {st.description}</li>
          ))}
        </ol>
      ),
    },
    {
      id: 'details', label: 'Details',
      render: (r) => (
        <Fields rows={[
          ['Date', utc(r['activityDateTime'])], ['Action', s(r, 'provisioningAction')], ['Status', s(r, 'provisioningStatusInfo/status')],
          ['Error code', s(r, 'provisioningStatusInfo/errorInformation/errorCode')], ['Reason', s(r, 'provisioningStatusInfo/errorInformation/reason')],
          ['Recommended action', s(r, 'provisioningStatusInfo/errorInformation/recommendedAction')],
          ['Source identity', `${s(r, 'sourceIdentity/displayName')} (${s(r, 'sourceIdentity/identityType')})`], ['Source ID', s(r, 'sourceIdentity/id'), true],
          ['Target identity', s(r, 'targetIdentity/displayName')], ['Target ID', s(r, 'targetIdentity/id'), true],
          ['Job ID', s(r, 'jobId'), true], ['Cycle ID', s(r, 'cycleId'), true], ['Change ID', s(r, 'changeId'), true], ['Initiated by', s(r, 'initiatedBy/displayName')],
        ]} />
      ),
    },
    { id: 'modified', label: 'Modified properties', render: (r) => <ModifiedTable rows={(r['modifiedProperties'] as Modified[] | undefined) ?? []} caption="Modified properties" /> },
  ],
};

export const signUpView: LogView = {
  route: 'sign-up-logs', title: 'Sign-up logs', collection: 'signUps', timeField: 'createdDateTime',
  columns: [
    col('createdDateTime', 'Date (UTC)', { value: (r) => utc(r['createdDateTime']), width: 235, default: true }),
    col('identifier', 'Sign-up identifier', { path: 'signUpIdentity/signUpIdentifier', width: 240, default: true }),
    col('signUpIdentityProvider', 'Identity provider', { width: 140, default: true }),
    col('signUpStage', 'Stage', { width: 220, default: true }),
    col('appDisplayName', 'Application', { width: 170, default: true }),
    col('errorCode', 'Status code', { path: 'status/errorCode', width: 100, default: true }),
    col('failureReason', 'Failure reason', { path: 'status/failureReason', width: 280, default: true }),
    col('correlationId', 'Correlation ID', { width: 290 }), col('id', 'ID', { width: 290 }), col('userId', 'User ID', { path: 'userSnapshot/userId', width: 290 }),
  ],
  filters: [
    // Graph cannot filter sign-ups by identifier or provider (spec 2.9: only id, app, correlation id,
    // status code, identifier type and time); the server answered 400, so the box filters by request ID.
    { key: 'requestId', label: 'Request ID', kind: 'text', placeholder: 'GUID', clause: (v) => eq('id', v.trim()) },
    { key: 'app', label: 'Application', kind: 'text', clause: (v) => textMatch('appDisplayName', v) },
    { key: 'status', label: 'Status', kind: 'select', options: [{ value: 'ok', label: 'OK (code 0)' }, { value: 'error', label: 'Non-zero code' }], clause: (v) => (v === 'ok' ? 'status/errorCode eq 0' : 'status/errorCode ne 0') },
    { key: 'correlationId', label: 'Correlation ID', kind: 'text', placeholder: 'attempt GUID', clause: (v) => eq('correlationId', v.trim()) },
  ],
  detailTitle: (r) => `${s(r, 'signUpIdentity/signUpIdentifier')} · ${s(r, 'signUpStage')}`,
  detailTabs: [{
    id: 'basic', label: 'Basic info',
    render: (r) => (
      <Fields rows={[
        ['Date', utc(r['createdDateTime'])], ['ID', s(r, 'id'), true], ['Correlation ID', s(r, 'correlationId'), true],
        ['Identifier', s(r, 'signUpIdentity/signUpIdentifier'), true], ['Identifier type', s(r, 'signUpIdentity/signUpIdentifierType')],
        ['Identity provider', s(r, 'signUpIdentityProvider')], ['Stage', s(r, 'signUpStage')], ['Application', s(r, 'appDisplayName')],
        ['Application ID', s(r, 'appId'), true], ['Status code', s(r, 'status/errorCode')], ['Failure reason', s(r, 'status/failureReason')],
        ['Additional details', s(r, 'status/additionalDetails')], ['User ID', s(r, 'userSnapshot/userId'), true],
      ]} />
    ),
  }],
};
