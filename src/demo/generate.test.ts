import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_KINDS, LOG_KINDS } from '../model/log-kinds.ts';
import { normalizeRecord } from '../model/normalize.ts';
import { captureDemo, SMALL } from './demo-test-fixture.ts';
import { runDemoToDir } from './write-ndjson.ts';

const opts = { ...SMALL, users: 80, days: 3 };
const [a, b, other, attacked] = await Promise.all([
  captureDemo(opts, true), captureDemo(opts), captureDemo({ ...opts, seed: opts.seed + 1 }), captureDemo({ ...opts, attacks: true }, true),
]);

test('the same seed gives byte-identical output for every kind', () => {
  assert.deepEqual(a.hashes, b.hashes);
  assert.deepEqual(a.summary.counts, b.summary.counts);
  for (const kind of ALL_KINDS) assert.ok(a.summary.counts[kind] > 0, `${kind} has records`);
});

test('a different seed gives different output', () => {
  for (const kind of ALL_KINDS) assert.notEqual(a.hashes[kind], other.hashes[kind], kind);
});

test('every NDJSON line is exactly JSON.stringify of the same record built as an object, for every kind', () => {
  for (const kind of ALL_KINDS) assert.equal(a.lines[kind].length, a.records[kind].length, kind);
  assert.equal(a.jsonMismatches, 0);
  assert.equal(attacked.jsonMismatches, 0);
  assert.deepEqual(a.ndjsonSummary, a.summary);
  assert.deepEqual(attacked.ndjsonSummary, attacked.summary);
});

/** Every key path of a JSON value, in the order the keys come. */
const keyPaths = (v: unknown, at = ''): string[] =>
  v === null || typeof v !== 'object' ? []
    : Array.isArray(v) ? v.flatMap((x, i) => keyPaths(x, `${at}[${i}]`))
      : Object.entries(v).flatMap(([k, x]) => [`${at}/${k}`, ...keyPaths(x, `${at}/${k}`)]);

test('sampled NDJSON lines parse to the object form, key for key and in order, and ingest normalization takes them whole', () => {
  for (const kind of ALL_KINDS) {
    const schema = LOG_KINDS[kind].schema;
    const step = kind === 'signIns' ? 97 : 7;
    for (let i = 0; i < attacked.lines[kind].length; i += step) {
      const parsed = JSON.parse(attacked.lines[kind][i]!) as Record<string, unknown>;
      const record = attacked.records[kind][i]!;
      assert.deepEqual(parsed, record, `${kind} ${i}`);
      assert.deepEqual(keyPaths(parsed), keyPaths(record), `${kind} ${i}: key order`);
      // Graph emits every property (nulls included): the top-level keys are exactly the schema's.
      assert.deepEqual(Object.keys(parsed).sort(), Object.keys(schema.fields).sort(), `${kind} ${i}: properties`);
      const normalized = normalizeRecord(schema, parsed);
      assert.equal(normalized.extra, null, `${kind} ${i}: no property outside the schema`);
      assert.deepEqual(normalized.record, normalizeRecord(schema, record).record, `${kind} ${i}`);
    }
  }
  // One layout for every sign-in line: the object form's key order.
  const order = (line: string) => Object.keys(JSON.parse(line) as object).join();
  assert.equal(new Set(attacked.lines.signIns.map(order)).size, 1);
});

test('planting attacks adds records without changing the baseline', () => {
  const planted = new Set(attacked.summary.groundTruth.attacks.flatMap((x) => x.records.map((r) => r.id)));
  for (const kind of ALL_KINDS) {
    const rest = attacked.lines[kind].filter((_, i) => !planted.has(attacked.records[kind][i].id as string));
    assert.ok(rest.length === a.lines[kind].length && rest.every((line, i) => line === a.lines[kind][i]), kind);
  }
  assert.equal(a.summary.groundTruth.attacks.length, 0);
});

test('records are in time order within each kind and inside the window', () => {
  const { windowStart, windowEnd } = a.summary.groundTruth;
  for (const kind of ALL_KINDS) {
    const field = kind === 'signIns' || kind === 'signUps' ? 'createdDateTime' : 'activityDateTime';
    const times = attacked.records[kind].map((r) => r[field] as string);
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] <= times[i], `${kind} out of order at ${i}`);
    assert.ok(times[0] >= windowStart.slice(0, 19) && times[times.length - 1] < windowEnd, `${kind} inside window`);
    for (const t of times) assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  }
});

test('record ids are unique per kind', () => {
  for (const kind of ALL_KINDS) {
    const ids = attacked.records[kind].map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, kind);
  }
});

test('runDemoToDir writes one NDJSON file per kind plus the ground truth, byte-identical to the sink stream', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'idtrail-demo-'));
  try {
    const summary = await runDemoToDir({ ...opts, users: 40, days: 2, attacks: true }, dir, false);
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, [...ALL_KINDS.map((k) => `${k}.ndjson`), 'expected.json', 'ground-truth.json'].sort());
    const again = await captureDemo({ ...opts, users: 40, days: 2, attacks: true });
    for (const kind of ALL_KINDS) {
      const text = await readFile(join(dir, `${kind}.ndjson`), 'utf8');
      const lines = text.split('\n').filter(Boolean);
      assert.equal(lines.length, summary.counts[kind], kind);
      assert.ok(lines.length === again.lines[kind].length && lines.every((l, i) => l === again.lines[kind][i]), kind);
    }
    const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8'));
    assert.deepEqual(truth, JSON.parse(JSON.stringify(summary.groundTruth)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
