import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createRuntime } from '../runtime/runtime.ts';
import { ApiError } from '../api/index.ts';
import { createLogger, redactUrl } from './index.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.sig-XYZZY';
const API_KEY = 'idt_live_4f9c2a7e1b-APIKEY';
const COOKIE = 'session=cookie-value-QWERTY';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, stream };
}

async function exercise(level: string) {
  const out = capture();
  const log = createLogger({ level, format: 'json', destination: out.stream });
  let calls = 0;
  const rt = await createRuntime({
    dataDir: ':memory:', enrich: false, loggerInstance: log,
    // A failing credential check that (badly) puts the request's headers on the error.
    authenticate: async (req) => {
      if (++calls === 3) throw Object.assign(new Error('identity provider unreachable'), { headers: req.headers, config: { headers: req.headers }, token: TOKEN });
      if (req.headers['x-api-key'] === 'wrong') throw new ApiError('IDT_UNAUTHENTICATED' as never, 'bad key');
      return { tenantId: 't1', roles: ['Global Reader'], subject: 's', credentialKind: 'apiKey' };
    },
  });
  const headers = { authorization: `Bearer ${TOKEN}`, 'x-api-key': API_KEY, cookie: COOKIE, 'content-type': 'application/x-ndjson' };
  const record = { id: 'rec-1', createdDateTime: '2024-05-01T00:00:00Z', userPrincipalName: 'alice.private@contoso.example' };
  await rt.app.inject({ method: 'POST', url: '/ingest/signIns', headers, payload: JSON.stringify(record) });
  await rt.app.inject({ url: `/v1.0/auditLogs/signIns?$top=5&apiKey=${API_KEY}&access_token=${TOKEN}`, headers });
  const failed = await rt.app.inject({ url: '/beta/auditLogs/signIns', headers });
  assert.equal(failed.statusCode, 500);
  await rt.close();
  return out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

for (const level of ['info', 'trace']) {
  test(`logs at ${level} never contain a bearer token, API key or cookie`, async () => {
    const lines = await exercise(level);
    assert.ok(lines.length >= 6, `expected request lines, got ${lines.length}`);
    const text = JSON.stringify(lines);
    for (const secret of [TOKEN, API_KEY, COOKIE, 'c2VjcmV0LXRva2Vu', 'APIKEY', 'QWERTY']) assert.ok(!text.includes(secret), `${secret} leaked at ${level}`);
    // A request's lines all carry its id.
    const reqLines = lines.filter((l) => l['req'] || l['res'] || /ingest|request/.test(String(l['msg'])));
    for (const l of reqLines) assert.match(String(l['requestId']), /^[0-9a-f-]{36}$/, JSON.stringify(l));
    assert.ok(lines.some((l) => l['level'] === 'error' && l['msg'] === 'request failed'));
    // Record contents (user names) appear only at debug and below.
    assert.equal(text.includes('alice.private@contoso.example'), level === 'trace');
  });
}

test('secret-looking query parameters are redacted from logged URLs', () => {
  assert.equal(redactUrl('/x?$top=5&apiKey=abc&access_token=t&$filter=a%20eq%201&code=c'), '/x?$top=5&apiKey=[redacted]&access_token=[redacted]&$filter=a%20eq%201&code=[redacted]');
  assert.equal(redactUrl('/plain'), '/plain');
});
