// decodeBody must return exactly the UTF-8 decoding of the (decompressed) body, whichever way it
// decodes; parseRecords keeps one item per non-blank line with its index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeBody, parseRecords } from './body-parser.ts';

const limits = { maxBytes: 1 << 20, maxRecords: 100 };

test('decodeBody is the UTF-8 decoding for ASCII, non-ASCII, invalid UTF-8, a BOM and gzip', () => {
  const samples = [
    '{"a":"plain"}\n{"b":1}', '{"name":"Zoë 🙂 東京"}', '\uFEFF{"bom":true}', '', '\u007f\u0000\u0001',
  ].map((s) => Buffer.from(s, 'utf8'));
  samples.push(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), Buffer.from([0xc3]), Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]));
  for (const b of samples) {
    assert.equal(decodeBody(b, limits), b.toString('utf8'), JSON.stringify([...b]));
    if (b.length) assert.equal(decodeBody(gzipSync(b), limits), b.toString('utf8'));
  }
});

test('decodeBody equals UTF-8 decoding on seeded random bytes (mostly ASCII, some high bytes)', () => {
  let seed = 9;
  const rnd = (n: number) => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * n);
  for (let i = 0; i < 500; i++) {
    const b = Buffer.alloc(1 + rnd(64));
    const high = rnd(3); // 0: ASCII only; else a few bytes anywhere in 0x80-0xff
    for (let j = 0; j < b.length; j++) b[j] = high && rnd(8) === 0 ? 0x80 + rnd(128) : rnd(128);
    assert.equal(decodeBody(b, limits), b.toString('utf8'), `sample ${i}`);
  }
});

test('parseRecords: NDJSON lines keep their index; blank lines are skipped; a bad line is rejected alone', () => {
  const items = parseRecords('{"id":"a"}\n\n  \n{"id":"é"}\r\nnot json\n', limits);
  assert.deepEqual(items.map((i) => [i.index, i.value ?? null, i.error === undefined]), [[0, { id: 'a' }, true], [1, { id: 'é' }, true], [2, null, false]]);
  assert.match(items[2]!.error!, /^line 3 is not valid JSON: /);
});
