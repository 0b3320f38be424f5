// Microsoft's official clients against a listening idtrail over https with a certificate made at
// test time: @microsoft/microsoft-graph-client v3 (customHosts + PageIterator) walks 2,500 records
// of each collection exactly once, the Kiota models of @microsoft/msgraph-sdk parse our responses
// without a documented property falling into additionalData, and Kiota reads `/$count` as a number.
// Neither client sends `Prefer: include-unknown-enum-members` by default, so both receive members
// declared after `unknownFutureValue` as the sentinel (spec 3.9), which their models know.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { localAuthenticator } from './request-context.ts';
import { field, named, project, scan } from '../query/ir/index.ts';
import { loadFixtures } from '../query/odata/odata-test-fixtures.ts';
import { LOG_KINDS, normalizeRecord } from '../model/index.ts';
import type { CountResult, KiotaResult, Walk, WalkResult } from './official-clients-probe.ts';

const N = 2500;
const EVOLVABLE_ID = 'evolvable-enum-probe';
const TENANT = 'clients';
let rt: Runtime;
let base = '';
let dir = '';
let ca: Buffer;
const requests: string[] = [];
const prefers: Array<string | undefined> = [];
const data: Record<string, Array<Record<string, unknown>>> = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'idtrail-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'));
  rt = await createRuntime({
    dataDir: ':memory:', enrich: false, defaultTenant: TENANT, threads: 2,
    // The clients send `Authorization: Bearer test-token`; key/JWT checking is the auth suite's job.
    authenticate: localAuthenticator(TENANT),
    https: { key: readFileSync(join(dir, 'key.pem')), cert: ca },
  });
  rt.app.addHook('onRequest', async (req) => {
    requests.push(req.url);
    prefers.push(req.headers['prefer'] as string | undefined);
  });
  for (const k of ['signIns', 'directoryAudits', 'provisioning', 'customSecurityAttributeAudits', 'signUps'] as const) {
    data[k] = await loadFixtures(rt.store, k, TENANT, N);
  }
  // The newest interactive sign-in, so it is on Kiota's first page too; its enums have later members.
  const evolvable = normalizeRecord(LOG_KINDS.signIns.schema, {
    id: EVOLVABLE_ID, createdDateTime: '2030-01-01T00:00:00Z', signInEventTypes: ['interactiveUser'], status: { errorCode: 0 },
    appDisplayName: 'Probe', riskDetail: 'adminDismissedRiskForSignIn', tokenIssuerType: 'AzureADBackupAuth',
    appliedConditionalAccessPolicies: [{ id: 'p1', result: 'reportOnlyFailure' }, { id: 'p2', result: 'success' }],
  });
  await rt.store.append('signIns', TENANT, [evolvable]);
  data['signIns']!.push(evolvable.record);
  const addr = await rt.app.listen({ port: 0, host: '127.0.0.1' });
  base = addr.replace('localhost', '127.0.0.1');
});

after(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

function runProbe(walks: Walk[]): Promise<{ walks: WalkResult[]; kiota: KiotaResult[]; counts: CountResult[] }> {
  const probe = fileURLToPath(new URL('./official-clients-probe.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', probe], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), IDT_PROBE_BASE: base, IDT_PROBE_WALKS: JSON.stringify(walks), IDT_PROBE_EVOLVABLE_ID: EVOLVABLE_ID },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe exited ${code}: ${err.slice(0, 4000)}`))));
  });
}

const ALL_EVENT_TYPES = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser' or t eq 'servicePrincipal' or t eq 'managedIdentity')";
const isInteractive = (r: Record<string, unknown>) => (r['signInEventTypes'] as string[]).includes('interactiveUser');

test('official clients: 2,500 records of each collection exactly once; Kiota models fit', { timeout: 120_000 }, async () => {
  const walks: Walk[] = [
    { name: 'signIns beta, all event types', version: 'beta', path: '/auditLogs/signIns', filter: ALL_EVENT_TYPES, top: 400 },
    { name: 'signIns v1.0', version: 'v1.0', path: '/auditLogs/signIns', top: 300, select: ['id', 'createdDateTime', 'status'] },
    { name: 'signIns beta default scope, oldest first', version: 'beta', path: '/auditLogs/signIns', orderby: 'createdDateTime asc', top: 500 },
    { name: 'directoryAudits', version: 'v1.0', path: '/auditLogs/directoryAudits', top: 700 },
    { name: 'provisioning', version: 'v1.0', path: '/auditLogs/provisioning', top: 1000 },
    { name: 'customSecurityAttributeAudits', version: 'beta', path: '/auditLogs/customSecurityAttributeAudits' },
    { name: 'signUps', version: 'beta', path: '/auditLogs/signUps', top: 999, filter: "createdDateTime ge 2026-02-01T00:00:00Z and status/errorCode eq 0 or status/errorCode ne 0" },
    { name: 'signIns failures', version: 'v1.0', path: '/auditLogs/signIns', filter: "Status/ErrorCode ne 0 and startsWith(appDisplayName,'Graph')", top: 50 },
  ];
  const report = await runProbe(walks);
  const byName = new Map(report.walks.map((w) => [w.name, w]));
  const expectIds = (name: string, rows: ReadonlyArray<Record<string, unknown>>) => {
    const w = byName.get(name)!;
    assert.equal(new Set(w.ids).size, w.ids.length, `${name}: no record served twice`);
    assert.deepEqual([...w.ids].sort(), rows.map((r) => String(r['id'])).sort(), `${name}: every record served`);
    return w;
  };
  const newestFirst = (w: WalkResult) => w.times.every((t, i) => i === 0 || Date.parse(w.times[i - 1]!) >= Date.parse(t));
  const all = expectIds('signIns beta, all event types', data['signIns']!);
  assert.equal(all.ids.length, N + 1);
  assert.ok(newestFirst(all), 'default order is newest first');
  const v1 = expectIds('signIns v1.0', data['signIns']!.filter(isInteractive));
  assert.deepEqual(v1.keys, ['createdDateTime', 'id', 'status'], '$select returns exactly the selected properties');
  const asc = expectIds('signIns beta default scope, oldest first', data['signIns']!.filter(isInteractive));
  assert.ok(asc.times.every((t, i) => i === 0 || Date.parse(asc.times[i - 1]!) <= Date.parse(t)), '$orderby asc');
  for (const k of ['directoryAudits', 'provisioning', 'customSecurityAttributeAudits', 'signUps'] as const) {
    // Everything stored, not just the fixtures: idtrail records its own admin actions as audits.
    const stored = (await rt.store.query(project(scan(k, TENANT), [named('id', field('id'))]))).rows;
    assert.ok(expectIds(k, stored).ids.length >= N);
  }
  const failures = data['signIns']!.filter((r) => isInteractive(r) && (r['status'] as { errorCode: number }).errorCode !== 0 && String(r['appDisplayName']).toLowerCase().startsWith('graph'));
  expectIds('signIns failures', failures);
  // customSecurityAttributeAudits cap $top at 100, so its walk took at least 25 pages.
  assert.ok(requests.filter((u) => u.includes('customSecurityAttributeAudits')).length >= 25);

  // Live v1.0 responses carry auditUserIdentity's extra fields (spec 2.6: "also observed on v1.0
  // wire"; userType is in no metadata), so the v1.0 userIdentity model rightly keeps them aside.
  const observedExtras = new Set(['homeTenantId', 'homeTenantName', 'userType'].map((p) => `/auditLogs/directoryAudits[].initiatedBy.user.${p}`));
  for (const k of report.kiota) {
    assert.ok(k.items > 0, `${k.path}: Kiota parsed items`);
    assert.deepEqual(k.stray.filter((s) => !observedExtras.has(s)), [], `${k.path}: documented properties left in additionalData`);
  }

  // Evolvable enums: the clients did not opt in, so the later members arrived as the sentinel.
  assert.ok(prefers.every((p) => !/include-unknown-enum-members/i.test(p ?? '')), 'neither SDK sends the preference by default');
  assert.deepEqual(all.evolvable, { riskDetail: 'unknownFutureValue', tokenIssuerType: 'UnknownFutureValue', policyResults: ['unknownFutureValue', 'success'] });
  // v1.0 has no tokenIssuerType, so the JSON report carries none.
  assert.deepEqual(report.kiota[0]!.evolvable, { riskDetail: 'unknownFutureValue', policyResults: ['unknownFutureValue', 'success'] },
    'Kiota parses the sentinel into its enum');

  // Kiota's Count builders read `/$count` as a number: v1.0 counts interactive sign-ins.
  const storedAudits = (await rt.store.query(project(scan('directoryAudits', TENANT), [named('id', field('id'))]))).rows.length;
  assert.deepEqual(report.counts, [
    { path: '/auditLogs/signIns', filter: null, count: data['signIns']!.filter(isInteractive).length },
    { path: '/auditLogs/signIns', filter: 'status/errorCode ne 0', count: data['signIns']!.filter((r) => isInteractive(r) && (r['status'] as { errorCode: number }).errorCode !== 0).length },
    { path: '/auditLogs/directoryAudits', filter: null, count: storedAudits },
  ]);
});

test('over real https: malformed filters get well-formed Graph 400s', async () => {
  const get = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
  const r = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent("createdDateTime ge '2026-01-01'")}`);
  assert.equal(r.status, 400);
  const e = JSON.parse(r.body).error;
  assert.equal(e.code, 'BadRequest');
  assert.match(e.message, /^Invalid filter clause: the DateTimeOffset value '2026-01-01' must not be quoted.* at position 19$/);
  assert.equal(e.innerError.position, 19);
});
