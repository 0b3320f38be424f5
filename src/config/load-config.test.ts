import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_SCHEMA, ConfigError, formatEffectiveConfig, keyDef, loadConfig, maskedConfig, resolveConfig, MASK } from './index.ts';

const schema = {
  'server.port': keyDef.int({ default: 8080, min: 0, max: 65535, env: 'T_PORT', flag: 'port', doc: 'port' }),
  'server.host': keyDef.string({ default: '127.0.0.1', env: 'T_HOST', flag: 'host', doc: 'host' }),
  'store.dataDir': keyDef.path({ default: './data', env: 'T_DATA', flag: 'data-dir', doc: 'dir' }),
  'ingest.enrich': keyDef.bool({ default: true, env: 'T_ENRICH', flag: 'enrich', doc: 'enrich' }),
  'log.format': keyDef.enum(['json', 'pretty'] as const, { default: 'json', env: 'T_FMT', flag: 'log-format', doc: 'fmt' }),
  'auth.apiKeys': keyDef.list({ default: [], env: 'T_KEYS', secret: true, doc: 'keys' }),
};

const tmp = () => mkdtempSync(join(tmpdir(), 'idtrail-cfg-'));
const problems = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems;
  }
  assert.fail('expected a ConfigError');
};

test('precedence: defaults < file < environment < flags, with the source of each value', () => {
  const file = { path: 'idtrail.yaml', data: { server: { port: 1000, host: 'file-host' }, 'store.dataDir': '/file/data', ingest: { enrich: false } } };
  const env = { T_PORT: '2000', T_DATA: '/env/data' };
  const flags = { port: '3000' };
  const c = resolveConfig(schema, { file, env, flags });
  assert.equal(c.values['server.port'], 3000);
  assert.equal(c.values['store.dataDir'], '/env/data');
  assert.equal(c.values['server.host'], 'file-host');
  assert.equal(c.values['ingest.enrich'], false);
  assert.equal(c.values['log.format'], 'json');
  assert.deepEqual(
    { port: c.origin['server.port'], data: c.origin['store.dataDir'], host: c.origin['server.host'], fmt: c.origin['log.format'] },
    { port: 'flag', data: 'env', host: 'file', fmt: 'default' },
  );
  // --no-enrich (commander gives false) beats a file's true; an empty variable counts as unset.
  const d = resolveConfig(schema, { file: { path: 'f', data: { ingest: { enrich: true } } }, env: { T_HOST: '' }, flags: { enrich: false } });
  assert.equal(d.values['ingest.enrich'], false);
  assert.equal(d.values['server.host'], '127.0.0.1');
});

test('bad values name the key and where the value came from; every problem is reported', () => {
  const p = problems(() => resolveConfig(schema, { file: { path: 'idtrail.yaml', data: { server: { port: 'eighty' } } }, env: { T_FMT: 'xml' }, flags: { enrich: undefined } }));
  assert.deepEqual(p, [
    "server.port: expected a whole number from 0 to 65535, got 'eighty' (in idtrail.yaml)",
    "log.format: expected one of json, pretty, got 'xml' (from environment variable T_FMT)",
  ]);
  assert.match(problems(() => resolveConfig(schema, { flags: { port: '70000' } }))[0]!, /^server\.port: .* got '70000' \(from flag --port\)$/);
  assert.match(problems(() => resolveConfig(schema, { env: { T_ENRICH: 'maybe' } }))[0]!, /^ingest\.enrich: expected true or false/);
});

test('unknown keys in the file are refused, with a suggestion', () => {
  assert.deepEqual(problems(() => resolveConfig(schema, { file: { path: 'c.yaml', data: { server: { prot: 1 } } } })), ['server.prot: unknown key in c.yaml']);
  assert.deepEqual(problems(() => resolveConfig(schema, { file: { path: 'c.yaml', data: { store: { datadir: 'x' } } } })), ['store.datadir: unknown key in c.yaml (did you mean store.dataDir?)']);
  assert.deepEqual(problems(() => resolveConfig(schema, { file: { path: 'c.yaml', data: ['x'] } })), ['c.yaml: expected a mapping of keys to values at the top level']);
});

test('secrets are masked by config check and never echoed in errors', () => {
  const c = resolveConfig(schema, { env: { T_KEYS: 'k-super-secret-1,k-super-secret-2' } });
  assert.deepEqual(c.values['auth.apiKeys'], ['k-super-secret-1', 'k-super-secret-2']);
  const text = formatEffectiveConfig(schema, c);
  assert.doesNotMatch(text, /super-secret/);
  assert.match(text, new RegExp(`auth\\.apiKeys\\s+= \\*{8}\\s+# env`));
  assert.equal(maskedConfig(schema, c)['auth.apiKeys'], MASK);
  const p = problems(() => resolveConfig(schema, { file: { path: 'f', data: { auth: { apiKeys: { x: 'k-super-secret' } } } } }));
  assert.equal(p.length, 1);
  assert.doesNotMatch(p[0]!, /super-secret/);
});

test('loadConfig reads YAML or JSON files, from --config, IDTRAIL_CONFIG or the working directory', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'idtrail.yaml'), 'server:\n  port: 9001\nlog:\n  format: pretty\n');
  const c = loadConfig(CONFIG_SCHEMA, { cwd: dir, env: {}, flags: {} });
  assert.equal(c.file, join(dir, 'idtrail.yaml'));
  assert.equal(c.values['server.port'], 9001);
  assert.equal(c.values['log.format'], 'pretty');
  const json = join(dir, 'other.json');
  writeFileSync(json, JSON.stringify({ 'server.port': 9002 }));
  assert.equal(loadConfig(CONFIG_SCHEMA, { cwd: dir, env: { IDTRAIL_CONFIG: json }, flags: {} }).values['server.port'], 9002);
  assert.equal(loadConfig(CONFIG_SCHEMA, { cwd: dir, configPath: json, env: { IDTRAIL_PORT: '9003' }, flags: {} }).values['server.port'], 9003);
  writeFileSync(join(dir, 'bad.yaml'), 'server: [1\n');
  assert.match(problems(() => loadConfig(CONFIG_SCHEMA, { cwd: dir, configPath: join(dir, 'bad.yaml'), env: {} }))[0]!, /bad\.yaml is not valid YAML/);
  assert.match(problems(() => loadConfig(CONFIG_SCHEMA, { cwd: dir, configPath: join(dir, 'missing.yaml'), env: {} }))[0]!, /missing\.yaml does not exist/);
});

test('every key of the real schema has a doc line, a unique env variable and a unique flag', () => {
  const envs = new Set<string>();
  const flags = new Set<string>();
  for (const [key, def] of Object.entries(CONFIG_SCHEMA)) {
    assert.ok(def.doc.length > 10, `${key} needs a doc line`);
    assert.match(key, /^[a-z]+\.[a-zA-Z]+$/, `${key} is section.camelCase`);
    if (def.env) assert.ok(!envs.has(def.env), `${def.env} used twice`), envs.add(def.env);
    if (def.flag) assert.ok(!flags.has(def.flag), `--${def.flag} used twice`), flags.add(def.flag);
    assert.doesNotThrow(() => def.default === null || def.parse(def.default), `${key}: the default parses`);
  }
});
