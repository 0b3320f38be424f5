// The sign-in detail pane's tabs, in the order and with the content of Entra's (notes 1g).
import { Chart } from '../charts/lazy-chart.tsx';
import { Badge, Fields } from '../ui/fields.tsx';
import { pick, text, utc, type DetailTab, type LogRecord } from './log-view.ts';
import { signInStatus, StatusBadge } from './sign-in-status.tsx';

const s = (r: LogRecord, path: string): string => text(pick(r, path));
const yesNo = (v: unknown): string => (v === true ? 'Yes' : v === false ? 'No' : '');

function BasicInfo({ r }: { r: LogRecord }) {
  const code = Number(pick(r, 'status/errorCode') ?? 0);
  return (
    <Fields
      rows={[
        ['Date', utc(r['createdDateTime'])],
        ['Request ID', s(r, 'id'), true],
        ['Correlation ID', s(r, 'correlationId'), true],
        ['Unique token identifier', s(r, 'uniqueTokenIdentifier'), true],
        ['Authentication requirement', s(r, 'authenticationRequirement')],
        ['Status', <StatusBadge r={r} />],
        ['Sign-in error code', signInStatus(r) === 'Success' ? '' : String(code)],
        ['Failure reason', code === 0 ? '' : s(r, 'status/failureReason')],
        ['Additional details', s(r, 'status/additionalDetails')],
        ['User', s(r, 'userDisplayName')],
        ['Username', s(r, 'userPrincipalName'), true],
        ['User ID', s(r, 'userId'), true],
        ['User type', s(r, 'userType')],
        ['Cross-tenant access type', s(r, 'crossTenantAccessType')],
        ['Application', s(r, 'appDisplayName')],
        ['Application ID', s(r, 'appId'), true],
        ['Service principal', s(r, 'servicePrincipalName')],
        ['Service principal ID', s(r, 'servicePrincipalId'), true],
        ['Resource', s(r, 'resourceDisplayName')],
        ['Resource ID', s(r, 'resourceId'), true],
        ['Resource tenant ID', s(r, 'resourceTenantId'), true],
        ['Home tenant ID', s(r, 'homeTenantId'), true],
        ['Client app', s(r, 'clientAppUsed')],
        ['Client credential type', s(r, 'clientCredentialType')],
        ['Token issuer type', s(r, 'tokenIssuerType')],
        ['Incoming token type', s(r, 'incomingTokenType')],
        ['Authentication protocol', s(r, 'authenticationProtocol')],
        ['Sign-in event types', s(r, 'signInEventTypes')],
        ['Latency', r['processingTimeInMilliseconds'] === undefined ? '' : `${text(r['processingTimeInMilliseconds'])} ms`],
        ['User agent', s(r, 'userAgent')],
      ]}
    />
  );
}

function LocationTab({ r }: { r: LogRecord }) {
  const lat = Number(pick(r, 'location/geoCoordinates/latitude'));
  const lon = Number(pick(r, 'location/geoCoordinates/longitude'));
  const hasPoint = Number.isFinite(lat) && Number.isFinite(lon) && pick(r, 'location/geoCoordinates/latitude') !== null;
  return (
    <>
      <Fields
        rows={[
          ['IP address', s(r, 'ipAddress'), true],
          ['Autonomous system number', s(r, 'autonomousSystemNumber')],
          ['City', s(r, 'location/city')],
          ['State', s(r, 'location/state')],
          ['Country / region', s(r, 'location/countryOrRegion')],
          ['Coordinates', hasPoint ? `${lat.toFixed(3)}, ${lon.toFixed(3)}` : ''],
          ['Network locations', (r['networkLocationDetails'] as { networkType?: string; networkNames?: string[] }[] | undefined)?.map((n) => `${n.networkType}: ${(n.networkNames ?? []).join(', ')}`).join('; ') ?? ''],
          ['IP seen by resource', s(r, 'ipAddressFromResourceProvider')],
        ]}
      />
      {hasPoint ? (
        <Chart
          world
          height={200}
          label={`Map: sign-in from ${s(r, 'location/city')} ${s(r, 'location/countryOrRegion')}`}
          option={{
            geo: { map: 'world', roam: false, silent: true, itemStyle: { areaColor: '#e8edf3', borderColor: '#a9b7c6' }, center: [lon, lat], zoom: 2.2 },
            series: [{ type: 'effectScatter', coordinateSystem: 'geo', data: [[lon, lat]], symbolSize: 12, itemStyle: { color: '#d13438' } }],
          }}
        />
      ) : (
        <p className="muted">No coordinates for this sign-in.</p>
      )}
    </>
  );
}

function DeviceInfo({ r }: { r: LogRecord }) {
  return (
    <Fields
      rows={[
        ['Device ID', s(r, 'deviceDetail/deviceId'), true],
        ['Display name', s(r, 'deviceDetail/displayName')],
        ['Browser', s(r, 'deviceDetail/browser')],
        ['Operating system', s(r, 'deviceDetail/operatingSystem')],
        ['Compliant', yesNo(pick(r, 'deviceDetail/isCompliant'))],
        ['Managed', yesNo(pick(r, 'deviceDetail/isManaged'))],
        ['Join type', s(r, 'deviceDetail/trustType')],
      ]}
    />
  );
}

interface AuthStep {
  authenticationMethod?: string;
  authenticationMethodDetail?: string;
  authenticationStepDateTime?: string;
  authenticationStepRequirement?: string;
  authenticationStepResultDetail?: string;
  succeeded?: boolean;
}

function AuthDetails({ r }: { r: LogRecord }) {
  const steps = (r['authenticationDetails'] as AuthStep[] | undefined) ?? [];
  const policies = (r['authenticationRequirementPolicies'] as { requirementProvider?: string; detail?: string }[] | undefined) ?? [];
  return (
    <>
      <Fields
        rows={[
          ['Authentication requirement', s(r, 'authenticationRequirement')],
          ['Methods used', s(r, 'authenticationMethodsUsed')],
          ['Policies applied', policies.map((p) => `${p.requirementProvider}${p.detail ? ` (${p.detail})` : ''}`).join('; ')],
        ]}
      />
      {steps.length === 0 ? (
        <p className="muted">No authentication steps recorded.</p>
      ) : (
        <table className="mini-table">
          <caption className="sr-only">Authentication steps</caption>
          <thead>
            <tr><th>Date (UTC)</th><th>Method</th><th>Method detail</th><th>Succeeded</th><th>Result detail</th><th>Requirement</th></tr>
          </thead>
          <tbody>
            {steps.map((st, i) => (
              <tr key={i}>
                <td>{utc(st.authenticationStepDateTime)}</td>
                <td>{st.authenticationMethod}</td>
                <td>{st.authenticationMethodDetail}</td>
                <td>{st.succeeded ? <Badge tone="ok">Yes</Badge> : <Badge tone="bad">No</Badge>}</td>
                <td>{st.authenticationStepResultDetail}</td>
                <td>{st.authenticationStepRequirement}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface CaPolicy { id?: string; displayName?: string; result?: string; enforcedGrantControls?: string[]; enforcedSessionControls?: string[] }

const caTone = (result: string | undefined) => (result === 'success' ? 'ok' : result === 'failure' ? 'bad' : result?.startsWith('reportOnly') ? 'warn' : 'neutral');

function ConditionalAccess({ r }: { r: LogRecord }) {
  const policies = (r['appliedConditionalAccessPolicies'] as CaPolicy[] | undefined) ?? [];
  return (
    <>
      <Fields rows={[['Conditional Access status', s(r, 'conditionalAccessStatus')]]} />
      {policies.length === 0 ? (
        <p className="muted">No Conditional Access policy was evaluated for this sign-in.</p>
      ) : (
        <table className="mini-table">
          <caption className="sr-only">Conditional Access policies</caption>
          <thead>
            <tr><th>Policy</th><th>Result</th><th>Grant controls</th><th>Session controls</th></tr>
          </thead>
          <tbody>
            {policies.map((p, i) => (
              <tr key={p.id ?? i}>
                <td>{p.displayName}</td>
                <td><Badge tone={caTone(p.result)}>{p.result ?? ''}</Badge></td>
                <td>{(p.enforcedGrantControls ?? []).join(', ')}</td>
                <td>{(p.enforcedSessionControls ?? []).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export const signInDetailTabs: DetailTab[] = [
  { id: 'basic', label: 'Basic info', render: (r) => <BasicInfo r={r} /> },
  { id: 'location', label: 'Location', render: (r) => <LocationTab r={r} /> },
  { id: 'device', label: 'Device info', render: (r) => <DeviceInfo r={r} /> },
  { id: 'auth', label: 'Authentication details', render: (r) => <AuthDetails r={r} /> },
  { id: 'ca', label: 'Conditional Access', render: (r) => <ConditionalAccess r={r} /> },
];
