// The sign-in log: Entra's four tabs, its filter set and its 30-odd columns (notes 1g).
import { eq, signInStatusClause, textMatch } from '../api/odata-filter.ts';
import { signInStatus, StatusBadge } from './sign-in-status.tsx';
import { col, pick, text, utc, type ColumnDef, type FilterDef, type LogRecord, type LogView } from './log-view.ts';
import { signInDetailTabs } from './sign-in-detail.tsx';

const location = (r: LogRecord): string =>
  [pick(r, 'location/city'), pick(r, 'location/state'), pick(r, 'location/countryOrRegion')].filter((x) => typeof x === 'string' && x).join(', ');

const columns: ColumnDef[] = [
  col('createdDateTime', 'Date (UTC)', { value: (r) => utc(r['createdDateTime']), width: 235, default: true }),
  col('id', 'Request ID', { width: 320, default: true }),
  col('userDisplayName', 'User', { width: 160, default: true }),
  col('userPrincipalName', 'Username', { width: 240, default: true }),
  col('appDisplayName', 'Application', { width: 180, default: true }),
  col('status', 'Status', { value: signInStatus, render: (r) => <StatusBadge r={r} />, width: 110, default: true }),
  col('ipAddress', 'IP address', { width: 140, default: true }),
  col('location', 'Location', { value: location, width: 200, default: true }),
  col('conditionalAccessStatus', 'Conditional Access', { width: 150, default: true }),
  col('correlationId', 'Correlation ID', { width: 290 }),
  col('userId', 'User ID', { width: 290 }),
  col('appId', 'Application ID', { width: 290 }),
  col('resourceDisplayName', 'Resource', { width: 170 }),
  col('resourceId', 'Resource ID', { width: 290 }),
  col('clientAppUsed', 'Client app', { width: 190 }),
  col('browser', 'Browser', { path: 'deviceDetail/browser', width: 140 }),
  col('operatingSystem', 'Operating system', { path: 'deviceDetail/operatingSystem', width: 140 }),
  col('errorCode', 'Sign-in error code', { path: 'status/errorCode', width: 120 }),
  col('failureReason', 'Failure reason', { path: 'status/failureReason', width: 300 }),
  col('authenticationRequirement', 'Authentication requirement', { width: 200 }),
  col('riskLevelDuringSignIn', 'Risk level (sign-in)', { width: 130 }),
  col('riskLevelAggregated', 'Risk level (aggregated)', { width: 130 }),
  col('riskState', 'Risk state', { width: 120 }),
  col('userType', 'User type', { width: 100 }),
  col('crossTenantAccessType', 'Cross-tenant access type', { width: 170 }),
  col('servicePrincipalName', 'Service principal name', { width: 200 }),
  col('servicePrincipalId', 'Service principal ID', { width: 290 }),
  col('msiType', 'Managed identity type', { path: 'managedServiceIdentity/msiType', width: 150 }),
  col('clientCredentialType', 'Client credential type', { width: 160 }),
  col('tokenIssuerType', 'Token issuer type', { width: 130 }),
  col('authenticationProtocol', 'Authentication protocol', { width: 150 }),
  col('incomingTokenType', 'Incoming token type', { width: 150 }),
  col('authenticationMethodsUsed', 'Authentication methods', { width: 200 }),
  col('uniqueTokenIdentifier', 'Unique token identifier', { width: 220 }),
  col('userAgent', 'User agent', { width: 300 }),
  col('processingTimeInMilliseconds', 'Latency (ms)', { width: 100 }),
];

const isWorkload = (tab: string) => tab === 'servicePrincipal' || tab === 'managedIdentity';

const filters: FilterDef[] = [
  {
    key: 'user', label: 'User', kind: 'text', placeholder: 'UPN, or prefix*',
    // Workload sign-ins have no user: the same box then filters on the service principal's name,
    // and its label says so, since a managed identity is a service principal too.
    forTab: (tab) => (isWorkload(tab) ? { label: tab === 'servicePrincipal' ? 'Service principal' : 'Managed identity', placeholder: 'name, or prefix*' } : undefined),
    clause: (v, tab) => (isWorkload(tab) ? textMatch('servicePrincipalName', v) : textMatch('userPrincipalName', v.toLowerCase())),
  },
  { key: 'app', label: 'Application', kind: 'text', placeholder: 'name, or prefix*', clause: (v) => textMatch('appDisplayName', v) },
  {
    key: 'status', label: 'Status', kind: 'select',
    options: [{ value: 'success', label: 'Success' }, { value: 'failure', label: 'Failure' }, { value: 'interrupted', label: 'Interrupted' }],
    clause: (v) => signInStatusClause(v),
  },
  { key: 'ip', label: 'IP address', kind: 'text', placeholder: '10.0.0.1 or 10.0.*', clause: (v) => textMatch('ipAddress', v) },
  {
    key: 'location', label: 'Location', kind: 'text', placeholder: 'country code or city',
    clause: (v) => (/^[A-Za-z]{2}$/.test(v) ? eq('location/countryOrRegion', v.toUpperCase()) : textMatch('location/city', v)),
  },
  {
    key: 'clientApp', label: 'Client app', kind: 'select',
    options: ['Browser', 'Mobile Apps and Desktop clients', 'Exchange ActiveSync', 'Authenticated SMTP', 'Autodiscover', 'Exchange Web Services', 'IMAP4', 'MAPI Over HTTP', 'Offline Address Book', 'Outlook Anywhere (RPC over HTTP)', 'POP3', 'Reporting Web Services', 'Other clients'].map((v) => ({ value: v, label: v })),
    clause: (v) => eq('clientAppUsed', v),
  },
  {
    key: 'ca', label: 'Conditional Access', kind: 'select',
    options: [{ value: 'success', label: 'Success' }, { value: 'failure', label: 'Failure' }, { value: 'notApplied', label: 'Not applied' }],
    clause: (v) => eq('conditionalAccessStatus', v),
  },
  {
    key: 'risk', label: 'Risk level', kind: 'select',
    options: ['high', 'medium', 'low', 'none', 'hidden'].map((v) => ({ value: v, label: v })),
    clause: (v) => eq('riskLevelDuringSignIn', v),
  },
  { key: 'correlationId', label: 'Correlation ID', kind: 'text', placeholder: 'GUID', clause: (v) => eq('correlationId', v.trim()) },
  { key: 'requestId', label: 'Request ID', kind: 'text', placeholder: 'GUID', clause: (v) => eq('id', v.trim()) },
];

const tab = (id: string, label: string, defaultColumns?: string[]) => ({
  id, label,
  // Beta returns interactive sign-ins when no event type is named, as Graph does.
  clause: id === 'interactiveUser' ? null : `signInEventTypes/any(t: t eq '${id}')`,
  ...(defaultColumns ? { defaultColumns } : {}),
});

const WORKLOAD_COLUMNS = ['createdDateTime', 'id', 'servicePrincipalName', 'appDisplayName', 'resourceDisplayName', 'status', 'ipAddress', 'location', 'clientCredentialType'];

export const signInView: LogView = {
  route: 'sign-ins',
  title: 'Sign-in logs',
  collection: 'signIns',
  timeField: 'createdDateTime',
  tabs: [
    tab('interactiveUser', 'User sign-ins (interactive)'),
    tab('nonInteractiveUser', 'User sign-ins (non-interactive)'),
    tab('servicePrincipal', 'Service principal sign-ins', WORKLOAD_COLUMNS),
    tab('managedIdentity', 'Managed identity sign-ins', [...WORKLOAD_COLUMNS.slice(0, -1), 'msiType']),
  ],
  columns,
  filters,
  detailTitle: (r) => `${text(r['userDisplayName'] ?? r['servicePrincipalName'] ?? '')} → ${text(r['appDisplayName'])}`,
  detailTabs: signInDetailTabs,
};
