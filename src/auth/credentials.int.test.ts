// Credentials that must be refused: expired, revoked, wrongly signed, wrong audience or issuer,
// unknown tenant; and the per-credential rate limit answering 429 with Retry-After.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { openAuthKit, type AuthKit } from './auth-test-kit.ts';
import { CLI_ACTOR } from './admin-service.ts';
import type { DuckDbStore } from '../store/index.ts';

let kit: AuthKit;
let jwks: Server;
let issuer: string;
let good: CryptoKey;
let rogue: CryptoKey;

before(async () => {
  const kp = await generateKeyPair('RS256');
  good = kp.privateKey;
  rogue = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(kp.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  kit = await openAuthKit({ jwt: { issuer, audience: 'api://idtrail' }, rateLimit: { ratePerSecond: 1, burst: 3 } });
});

after(async () => {
  await kit.close();
  await new Promise((r) => jwks.close(r));
});

function token(o: { key?: CryptoKey; aud?: string; iss?: string; exp?: number; tid?: string; roles?: string[]; wids?: string[]; sub?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: o.tid ?? 'tenant-a', roles: o.roles ?? ['Security Reader'], ...(o.wids ? { wids: o.wids } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(o.iss ?? issuer)
    .setAudience(o.aud ?? 'api://idtrail')
    .setSubject(o.sub ?? `user-${Math.random()}`)
    .setIssuedAt(now - 60)
    .setExpirationTime(o.exp ?? now + 600)
    .sign(o.key ?? good);
}

const get = (t: string, url = '/v1.0/auditLogs/signIns') => kit.rt.app.inject({ url, headers: { authorization: `Bearer ${t}` } });

test('a valid JWT reads its own tenant; roles come from role names or Entra template ids', async () => {
  const r = await get(await token());
  assert.equal(r.statusCode, 200, r.body);
  assert.ok(!r.body.includes('TENANTB'));
  // Global Administrator by template id: sign-ins yes, attribute audits no.
  const ga = await token({ roles: [], wids: ['62e90394-69f5-4237-9190-012177145e10'] });
  assert.equal((await get(ga)).statusCode, 200);
  assert.equal((await get(ga, '/beta/auditLogs/customSecurityAttributeAudits')).statusCode, 403);
  const alr = await token({ roles: ['AttributeLogReader'] });
  assert.equal((await get(alr, '/beta/auditLogs/customSecurityAttributeAudits')).statusCode, 200);
  const b = await get(await token({ tid: 'tenant-b' }));
  assert.equal(b.statusCode, 200);
  assert.ok(b.body.includes('TENANTB') && !b.body.includes('tenanta'));
});

test('expired, wrongly signed, wrong-audience, wrong-issuer and unknown-tenant JWTs get 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  const cases: Record<string, string> = {
    expired: await token({ exp: now - 3600 }),
    'wrongly signed': await token({ key: rogue }),
    'wrong audience': await token({ aud: 'api://other' }),
    'wrong issuer': await token({ iss: 'https://evil.example' }),
    'unknown tenant': await token({ tid: 'tenant-z' }),
  };
  const [h, p, s] = (await token()).split('.');
  cases['tampered payload'] = `${h}.${Buffer.from(JSON.stringify({ tid: 'tenant-b', roles: ['Global Administrator'], iss: issuer, aud: 'api://idtrail', exp: now + 600 })).toString('base64url')}.${s}`;
  cases['alg none'] = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
  for (const [what, t] of Object.entries(cases)) {
    const r = await get(t);
    assert.equal(r.statusCode, 401, `${what}: ${r.body}`);
    assert.equal(r.json().error.code, 'InvalidAuthenticationToken', what);
  }
});

test('a JWT with no idtrail role is authenticated but denied (403)', async () => {
  const r = await get(await token({ roles: ['Some Other Role'] }));
  assert.equal(r.statusCode, 403);
  assert.equal(r.json().error.code, 'Authorization_RequestDenied');
});

test('revoked and expired API keys get 401; revocation is audited', async () => {
  const svc = kit.rt.security.service;
  const k = await svc.createKey(CLI_ACTOR, { tenantId: 'tenant-a', roles: ['Reports Reader'] });
  assert.equal((await get(k.token)).statusCode, 200);
  assert.equal(await svc.revokeKey(CLI_ACTOR, 'tenant-a', k.key.id), true);
  assert.equal((await get(k.token)).statusCode, 401);
  // Another tenant cannot revoke tenant A's key.
  const k2 = await svc.createKey(CLI_ACTOR, { tenantId: 'tenant-a', roles: ['Reports Reader'], expiresInDays: 1 });
  assert.equal(await svc.revokeKey(CLI_ACTOR, 'tenant-b', k2.key.id), false);
  await (kit.rt.store as DuckDbStore).exec(`UPDATE _api_keys SET expires = '2000-01-01T00:00:00.000Z' WHERE id = $1`, [k2.key.id]);
  const r = await get(k2.token);
  assert.equal(r.statusCode, 401);
  assert.match(r.json().error.message, /expired/);
  const audits = await get(kit.keys['tenant-a']!['Reports Reader'], `/v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'idtrail'&$top=100`);
  const names = (audits.json().value as Array<{ activityDisplayName: string }>).map((a) => a.activityDisplayName);
  assert.ok(names.includes('Revoke API key') && names.includes('Add API key') && names.includes('Add tenant'), names.join());
});

test('ingest keys cannot read and read keys cannot ingest', async () => {
  const ingestKey = kit.keys['tenant-a']!['Ingest Writer'];
  assert.equal((await get(ingestKey)).statusCode, 403);
  const r = await kit.rt.app.inject({ method: 'POST', url: '/ingest/signIns', headers: { authorization: `Bearer ${kit.keys['tenant-a']!['Global Administrator']}` }, payload: [] });
  assert.equal(r.statusCode, 403);
  await assert.rejects(kit.rt.security.service.createKey(CLI_ACTOR, { tenantId: 'tenant-a', roles: ['Ingest Writer', 'Global Reader'] }), /ingest-only/);
});

test('past its burst a credential gets 429 with Retry-After; other credentials are unaffected', async () => {
  const k = await kit.rt.security.service.createKey(CLI_ACTOR, { tenantId: 'tenant-a', roles: ['Global Reader'] });
  const codes: number[] = [];
  let last;
  for (let i = 0; i < 5; i++) {
    last = await get(k.token);
    codes.push(last.statusCode);
  }
  assert.deepEqual(codes, [200, 200, 200, 429, 429]);
  assert.equal(last!.json().error.code, 'TooManyRequests');
  assert.ok(Number(last!.headers['retry-after']) >= 1);
  assert.equal((await get(kit.keys['tenant-a']!['Security Reader'])).statusCode, 200);
});

test('local mode is off once keys exist: no credential → 401', async () => {
  assert.equal(await kit.rt.security.auth.localModeActive(), false);
  const r = await kit.rt.app.inject({ url: '/v1.0/auditLogs/signIns' });
  assert.equal(r.statusCode, 401);
});
