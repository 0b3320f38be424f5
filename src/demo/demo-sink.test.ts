import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_KINDS, type LogKind } from '../model/log-kinds.ts';
import { captureDemo, SMALL } from './demo-test-fixture.ts';
import { generateDemo } from './generate.ts';
import { IN_FLIGHT_CHUNKS } from './demo-sink.ts';

const opts = { ...SMALL, users: 60, days: 3 };

test('an NDJSON sink may hold chunks until its promise settles: their bytes stay put, at most IN_FLIGHT_CHUNKS are out', async () => {
  const got = Object.fromEntries(ALL_KINDS.map((k) => [k, [] as Buffer[]])) as Record<LogKind, Buffer[]>;
  let out = 0;
  let most = 0;
  let changed = 0;
  await generateDemo(opts, {
    async writeNdjson(kind, chunk) {
      const copy = Buffer.from(chunk);
      got[kind].push(copy);
      most = Math.max(most, ++out);
      await sleep(1);
      if (!chunk.equals(copy)) changed++;
      out--;
    },
  });
  assert.equal(changed, 0);
  assert.ok(most > 1 && most <= IN_FLIGHT_CHUNKS, `at most ${most} chunks out`);
  assert.ok(got.signIns.length > IN_FLIGHT_CHUNKS, 'enough chunks to reuse buffers');
  const sync = await captureDemo(opts);
  for (const kind of ALL_KINDS) assert.deepEqual(Buffer.concat(got[kind]).toString('utf8').split('\n').slice(0, -1), sync.lines[kind], kind);
});

test('a sink holding one chunk at most (maxChunksHeld: 1) makes generation wait for each promise', async () => {
  let out = 0;
  let most = 0;
  await generateDemo({ ...opts, days: 1 }, {
    maxChunksHeld: 1,
    async writeNdjson() {
      most = Math.max(most, ++out);
      await sleep(1);
      out--;
    },
  });
  assert.equal(most, 1);
});

test("a sink's failure fails the generation", async () => {
  let n = 0;
  await assert.rejects(
    generateDemo(opts, { writeNdjson: async () => { if (++n === 3) throw new Error('disk full'); } }),
    /disk full/,
  );
});
