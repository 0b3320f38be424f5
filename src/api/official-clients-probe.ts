// Test-only child process for graph-official-clients.int.test.ts: drives Microsoft's own clients
// against a running idtrail over https and prints one JSON report on stdout. It runs as a child
// because the clients use Node's global fetch, which trusts a test CA only through
// NODE_EXTRA_CA_CERTS, and that variable is read at process start.
import { Client, PageIterator } from '@microsoft/microsoft-graph-client';
import { AnonymousAuthenticationProvider, HttpMethod, RequestInformation, type Parsable } from '@microsoft/kiota-abstractions';
import { DefaultRequestAdapter } from '@microsoft/kiota-bundle';
import {
  createDirectoryAuditCollectionResponseFromDiscriminatorValue, createProvisioningObjectSummaryCollectionResponseFromDiscriminatorValue,
  createSignInCollectionResponseFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';

export interface Walk {
  readonly name: string;
  readonly version: 'v1.0' | 'beta';
  readonly path: string;
  readonly filter?: string;
  readonly select?: string[];
  readonly orderby?: string;
  readonly top?: number;
}

export interface WalkResult {
  readonly name: string;
  readonly ids: string[];
  readonly times: string[];
  readonly keys: string[];
  /** The evolvable-enum properties of the record EVOLVABLE_ID, as the client received them. */
  readonly evolvable: Record<string, unknown> | null;
}

/** A record with enum members declared after `unknownFutureValue` (the int test ingests it and names it). */
const EVOLVABLE_ID = process.env['IDT_PROBE_EVOLVABLE_ID'] ?? '';
const evolvableView = (r: Record<string, unknown>) => ({
  riskDetail: r['riskDetail'], tokenIssuerType: r['tokenIssuerType'],
  policyResults: ((r['appliedConditionalAccessPolicies'] ?? []) as Array<Record<string, unknown>>).map((p) => p['result']),
});

export interface KiotaResult {
  readonly path: string;
  readonly items: number;
  /** Documented properties that landed in additionalData (should be none), with their owner path. */
  readonly stray: string[];
  /** The evolvable-enum properties of EVOLVABLE_ID as Kiota's model parsed them, when on the page. */
  readonly evolvable: Record<string, unknown> | null;
}

const base = process.env['IDT_PROBE_BASE']!;
const walks = JSON.parse(process.env['IDT_PROBE_WALKS'] ?? '[]') as Walk[];

async function graphClientWalk(w: Walk): Promise<WalkResult> {
  const client = Client.init({
    baseUrl: `${base}/`, defaultVersion: 'v1.0', customHosts: new Set([new URL(base).hostname]),
    authProvider: (done) => done(null, 'test-token'),
  });
  let req = client.api(w.path).version(w.version);
  if (w.filter) req = req.filter(w.filter);
  if (w.select) req = req.select(w.select);
  if (w.orderby) req = req.orderby(w.orderby);
  if (w.top) req = req.top(w.top);
  const first = await req.get();
  const ids: string[] = [];
  const times: string[] = [];
  let keys = new Set<string>();
  let evolvable: Record<string, unknown> | null = null;
  const it = new PageIterator(client, first, (item: Record<string, unknown>) => {
    if (item['id'] === EVOLVABLE_ID) evolvable = evolvableView(item);
    ids.push(String(item['id']));
    times.push(String(item['createdDateTime'] ?? item['activityDateTime']));
    keys = new Set([...keys, ...Object.keys(item)]);
    return true;
  }, { headers: {} });
  await it.iterate();
  return { name: w.name, ids, times, keys: [...keys].sort(), evolvable };
}

/** Walk a Kiota-parsed model tree and report documented-looking properties left in additionalData. */
function strays(node: unknown, at: string, out: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => strays(n, `${at}[${i}]`, out));
    return;
  }
  if (!node || typeof node !== 'object' || node instanceof Date) return;
  const rec = node as Record<string, unknown>;
  const extra = rec['additionalData'] as Record<string, unknown> | undefined;
  for (const k of Object.keys(extra ?? {})) if (!k.startsWith('@odata.')) out.push(`${at}.${k}`);
  for (const [k, v] of Object.entries(rec)) if (k !== 'additionalData' && k !== 'backingStore') strays(v, `${at}.${k}`, out);
}

async function kiota(path: string, factory: typeof createSignInCollectionResponseFromDiscriminatorValue): Promise<KiotaResult> {
  const adapter = new DefaultRequestAdapter(new AnonymousAuthenticationProvider());
  adapter.baseUrl = `${base}/v1.0`;
  const ri = new RequestInformation(HttpMethod.GET, `{+baseurl}${path}{?%24top}`);
  ri.queryParameters['%24top'] = 200;
  const res = await adapter.send<Parsable & { value?: unknown[] }>(ri, factory, undefined);
  const out: string[] = [];
  strays(res?.value ?? [], path, out);
  const probe = (res?.value ?? []).find((v) => (v as { id?: string }).id === EVOLVABLE_ID) as Record<string, unknown> | undefined;
  return { path, items: res?.value?.length ?? 0, stray: [...new Set(out.map((s) => s.replace(/\[\d+\]/g, '[]')))], evolvable: probe ? evolvableView(probe) : null };
}

/**
 * What the generated Count builders (`client.auditLogs.signIns.count.get()`, PowerShell's
 * Get-MgAuditLogSignInCount) send: `/$count` with `Accept: text/plain`, read as a number.
 */
async function kiotaCount(path: string, filter: string | undefined): Promise<number | undefined> {
  const adapter = new DefaultRequestAdapter(new AnonymousAuthenticationProvider());
  adapter.baseUrl = `${base}/v1.0`;
  const ri = new RequestInformation(HttpMethod.GET, `{+baseurl}${path}/$count{?%24filter}`);
  if (filter) ri.queryParameters['%24filter'] = filter;
  ri.headers.tryAdd('Accept', 'text/plain;q=0.9');
  ri.headers.tryAdd('ConsistencyLevel', 'eventual');
  return adapter.sendPrimitive<number>(ri, 'number', undefined);
}

export interface CountResult {
  readonly path: string;
  readonly filter: string | null;
  readonly count: number | null;
}

const report = {
  walks: [] as WalkResult[],
  kiota: [] as KiotaResult[],
  counts: [] as CountResult[],
};
for (const [path, filter] of [['/auditLogs/signIns', undefined], ['/auditLogs/signIns', 'status/errorCode ne 0'], ['/auditLogs/directoryAudits', undefined]] as const) {
  report.counts.push({ path, filter: filter ?? null, count: (await kiotaCount(path, filter)) ?? null });
}
for (const w of walks) report.walks.push(await graphClientWalk(w));
report.kiota.push(await kiota('/auditLogs/signIns', createSignInCollectionResponseFromDiscriminatorValue));
report.kiota.push(await kiota('/auditLogs/directoryAudits', createDirectoryAuditCollectionResponseFromDiscriminatorValue));
report.kiota.push(await kiota('/auditLogs/provisioning', createProvisioningObjectSummaryCollectionResponseFromDiscriminatorValue));
process.stdout.write(JSON.stringify(report));
