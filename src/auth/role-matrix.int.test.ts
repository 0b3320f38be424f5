// Every endpoint × every role, against a literal copy of spec section 4 (not the code's own table),
// plus the cross-tenant probe: tenant A's credentials never see one of tenant B's rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_KINDS, LOG_KINDS, type LogKind } from '../model/index.ts';
import { openAuthKit, type AuthKit } from './auth-test-kit.ts';
import { READ_MATRIX, ROLES, type Role } from './role-matrix.ts';

const SPEC: Record<LogKind, Role[]> = {
  signIns: ['Global Reader', 'Reports Reader', 'Security Administrator', 'Security Operator', 'Security Reader', 'Global Administrator'],
  directoryAudits: ['Reports Reader', 'Security Administrator', 'Security Reader', 'Global Reader', 'Global Administrator'],
  provisioning: ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader', 'Security Operator', 'Global Administrator'],
  signUps: ['Global Reader', 'Reports Reader', 'Security Administrator', 'Security Operator', 'Security Reader', 'Global Administrator'],
  customSecurityAttributeAudits: ['Attribute Log Reader', 'Attribute Log Administrator'],
};

interface Probe {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** Status expected for a role. */
  expect(role: Role): number;
}

const readers = (k: LogKind) => (r: Role) => SPEC[k].includes(r);
const anyReader = (r: Role) => ALL_KINDS.some((k) => SPEC[k].includes(r));

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const k of ALL_KINDS) {
    const c = LOG_KINDS[k].collection;
    for (const v of LOG_KINDS[k].versions) {
      out.push({ name: `${v} list ${c}`, method: 'GET', url: `/${v}/auditLogs/${c}?$top=50`, expect: (r) => (readers(k)(r) ? 200 : 403) });
      out.push({ name: `${v} count ${c}`, method: 'GET', url: `/${v}/auditLogs/${c}?$count=true`, expect: (r) => (readers(k)(r) ? 200 : 403) });
      out.push({ name: `${v} get own ${c}`, method: 'GET', url: `/${v}/auditLogs/${c}/tenanta-${k}-1`, expect: (r) => (readers(k)(r) ? 200 : 403) });
      out.push({ name: `${v} get shared ${c}`, method: 'GET', url: `/${v}/auditLogs/${c}/shared-${k}`, expect: (r) => (readers(k)(r) ? 200 : 403) });
      out.push({ name: `${v} get foreign ${c}`, method: 'GET', url: `/${v}/auditLogs/${c}/TENANTB-${k}-1`, expect: (r) => (readers(k)(r) ? 404 : 403) });
    }
    out.push({ name: `ingest ${c}`, method: 'POST', url: `/ingest/${c}`, body: [{ id: `probe-${k}`, [LOG_KINDS[k].timeField]: new Date().toISOString() }], expect: (r) => (r === 'Ingest Writer' ? 200 : 403) });
    out.push({
      name: `set retention ${c}`, method: 'PUT', url: '/admin/retention', body: { kind: c, days: 30 },
      expect: (r) => ((k === 'customSecurityAttributeAudits' ? ['Attribute Log Administrator'] : ['Global Administrator', 'Security Administrator']).includes(r) ? 200 : 403),
    });
  }
  // The routed endpoint (no kind in the path) checks exactly as /ingest/{kind} does.
  out.push({ name: 'ingest routed', method: 'POST', url: '/ingest', body: [{ '@odata.type': '#microsoft.graph.signIn', id: 'probe-routed', createdDateTime: new Date().toISOString() }], expect: (r) => (r === 'Ingest Writer' ? 200 : 403) });
  const ga = (r: Role) => r === 'Global Administrator';
  out.push({ name: 'list keys', method: 'GET', url: '/admin/keys', expect: (r) => (ga(r) ? 200 : 403) });
  out.push({ name: 'create key', method: 'POST', url: '/admin/keys', body: { roles: ['Reports Reader'], expiresInDays: 1 }, expect: (r) => (ga(r) ? 201 : 403) });
  out.push({ name: 'revoke unknown key', method: 'DELETE', url: '/admin/keys/0000000000000000', expect: (r) => (ga(r) ? 404 : 403) });
  out.push({ name: 'read retention', method: 'GET', url: '/admin/retention', expect: (r) => (['Global Administrator', 'Security Administrator', 'Global Reader', 'Attribute Log Administrator'].includes(r) ? 200 : 403) });
  out.push({ name: 'set tier', method: 'PUT', url: '/admin/retention', body: { tier: 'premium' }, expect: (r) => (ga(r) ? 200 : 403) });
  out.push({ name: 'checkpoint', method: 'GET', url: '/admin/checkpoint', expect: (r) => (anyReader(r) ? 200 : 403) });
  out.push({ name: 'verify', method: 'GET', url: '/admin/verify', expect: (r) => (anyReader(r) ? 200 : 403) });
  out.push({ name: 'tenant', method: 'GET', url: '/admin/tenant', expect: (r) => (r === 'Ingest Writer' ? 403 : 200) });
  out.push({ name: 'auditLogs root', method: 'GET', url: '/v1.0/auditLogs', expect: (r) => (r === 'Ingest Writer' ? 403 : 200) });
  return out;
}

let kit: AuthKit;
before(async () => {
  kit = await openAuthKit();
});
after(async () => {
  await kit.close();
});

test('the code’s read matrix is the spec’s', () => {
  for (const k of ALL_KINDS) assert.deepEqual([...READ_MATRIX[k]].sort(), [...SPEC[k]].sort(), k);
  assert.ok(!READ_MATRIX.customSecurityAttributeAudits.includes('Global Administrator'));
});

test('every endpoint × every role: exact status, Graph envelope on refusal, no foreign rows', async () => {
  const failures: string[] = [];
  let calls = 0;
  for (const role of ROLES) {
    for (const p of probes()) {
      const res = await kit.rt.app.inject({
        method: p.method, url: p.url, headers: { authorization: `Bearer ${kit.keys['tenant-a']![role]}` },
        ...(p.body !== undefined ? { payload: p.body as object } : {}),
      });
      calls++;
      const want = p.expect(role);
      if (res.statusCode !== want) failures.push(`${role} · ${p.name}: ${res.statusCode}, want ${want} ${res.body.slice(0, 200)}`);
      if (res.statusCode === 403) {
        const e = res.json().error;
        if (e?.code !== 'Authorization_RequestDenied' || !e?.innerError?.['request-id']) failures.push(`${role} · ${p.name}: bad 403 envelope`);
      }
      // The probe: nothing of tenant B may appear in any answer to tenant A.
      // (A 404 echoes the id asked for; that is the caller's own text, not a foreign row.)
      const echoed = /TENANTB-[A-Za-z]+-1/.exec(p.url)?.[0] ?? '\u0000';
      if (/TENANTB|tenant-b/.test(res.body.split(echoed).join(''))) failures.push(`${role} · ${p.name}: LEAK ${res.body.slice(0, 300)}`);
      if (res.statusCode === 200 && p.method === 'GET' && p.url.includes('/auditLogs/') && p.url.includes('$top')) {
        const ids = (res.json().value as Array<{ id: string }>).map((x) => x.id);
        if (!ids.some((id) => id.startsWith('tenanta-'))) failures.push(`${role} · ${p.name}: own rows missing`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(calls > 300, `${calls} calls`);
});

test('tenant B’s credentials see tenant B only (the probe in the other direction)', async () => {
  for (const k of ALL_KINDS) {
    const role = SPEC[k][0]!;
    const c = LOG_KINDS[k].collection;
    const res = await kit.rt.app.inject({ url: `/beta/auditLogs/${c}`, headers: { authorization: `Bearer ${kit.keys['tenant-b']![role]}` } });
    assert.equal(res.statusCode, 200);
    assert.ok(!/tenanta|tenant-a/.test(res.body), res.body.slice(0, 300));
    const shared = await kit.rt.app.inject({ url: `/beta/auditLogs/${c}/shared-${k}`, headers: { authorization: `Bearer ${kit.keys['tenant-b']![role]}` } });
    assert.equal(shared.statusCode, 200);
    assert.ok(shared.body.includes('TENANTB') || k !== 'signIns');
  }
});

test('missing and malformed credentials get 401 with the Graph envelope', async () => {
  for (const h of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }, { authorization: `Bearer ${kit.keys['tenant-a']!['Global Reader'].slice(0, -2)}xx` }]) {
    const res = await kit.rt.app.inject({ url: '/v1.0/auditLogs/signIns', headers: h });
    assert.equal(res.statusCode, 401, JSON.stringify(h));
    assert.equal(res.json().error.code, 'InvalidAuthenticationToken');
  }
});

test('KQL obeys the same matrix: each Log Analytics table needs the right to read its log', async () => {
  const tables: Record<string, (typeof ALL_KINDS)[number]> = {
    SigninLogs: 'signIns', AADNonInteractiveUserSignInLogs: 'signIns', AuditLogs: 'directoryAudits',
    AADProvisioningLogs: 'provisioning', AADCustomSecurityAttributeAuditLogs: 'customSecurityAttributeAudits',
  };
  const failures: string[] = [];
  for (const role of ROLES) {
    for (const [table, kind] of Object.entries(tables)) {
      // The table read directly, and read only inside an `in (subquery)` of another table.
      for (const query of [`${table} | count`, `SigninLogs | where UserPrincipalName in ((${table} | take 1 | project tostring(TimeGenerated)))`]) {
        const res = await kit.rt.app.inject({
          method: 'POST', url: '/v1/workspaces/tenant-a/query', headers: { authorization: `Bearer ${kit.keys['tenant-a']![role]}` },
          payload: { query },
        });
        const readsSignIns = query.startsWith('SigninLogs') ? READ_MATRIX.signIns.includes(role) : true;
        const want = READ_MATRIX[kind].includes(role) && readsSignIns ? 200 : 403;
        if (role === 'Ingest Writer' && res.statusCode === 403) continue;
        if (res.statusCode !== want) failures.push(`${role} · ${query}: ${res.statusCode}, want ${want}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
