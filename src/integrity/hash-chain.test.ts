// The chain's bytes are a stored format: links written by earlier versions must still verify. These
// pin each hash against an independent createHash computation and against fixed known answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { genesisLink, nextLink, recordDigest } from './hash-chain.ts';

const ref = (...parts: Array<string | Buffer>) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

test('genesis, record digest and next link are the SHA-256 the chain format defines', () => {
  const g = genesisLink('tenant-ä', 'signIns');
  assert.deepEqual(g, ref('idtrail-chain-v1\u0000tenant-ä\u0000signIns'));
  // Non-ASCII text is hashed as its UTF-8 bytes, whether given as a record or as its JSON.
  const record = { id: 'r1', userDisplayName: 'Zoë 🙂', status: { errorCode: 0 }, n: null };
  const json = JSON.stringify(record);
  const d = recordDigest(record);
  assert.deepEqual(d, ref(Buffer.from(json, 'utf8')));
  assert.deepEqual(recordDigest(record, null, json), d);
  // Unknown properties follow the known ones in the canonical text.
  assert.deepEqual(recordDigest(record, { later: 1 }), ref(JSON.stringify({ ...record, later: 1 })));
  const link = nextLink(g, d);
  assert.deepEqual(link, ref(g, d));
  assert.equal(link.length, 32);
});

test('known answers (computed once with createHash; a changed format must fail here)', () => {
  const g = genesisLink('contoso', 'signIns');
  assert.equal(g.toString('hex'), createHash('sha256').update('idtrail-chain-v1\u0000contoso\u0000signIns').digest('hex'));
  assert.equal(g.toString('hex'), KNOWN_GENESIS);
  assert.equal(nextLink(g, recordDigest({ id: 'a', x: 'é' })).toString('hex'), KNOWN_LINK);
});

const KNOWN_GENESIS = '673331a9a00e743ecf0809f784b4ebd250783c6c7727b4f2311a1ec56d82ca63';
const KNOWN_LINK = '228d678c1bdb04e580fcf7062a500beb78a7011d2b59fdef136626f1beac4bc1';
