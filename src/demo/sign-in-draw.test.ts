import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from './prng.ts';
import { GUID_CHARS, Guid, SignInDraw, TOKEN_ID_CHARS, sharedId } from './sign-in-draw.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a Guid draws the words Prng.guid draws, and writes the bytes of its text', () => {
  const a = new Prng(11, 'ids');
  const b = new Prng(11, 'ids');
  const out = Buffer.alloc(GUID_CHARS);
  for (let i = 0; i < 2000; i++) {
    const g = sharedId(a);
    const text = b.guid();
    assert.equal(g.text(), text);
    assert.match(text, GUID);
    g.write(out, 0);
    assert.equal(out.toString('latin1'), text);
  }
  assert.equal(new Guid(-1, -1, -1, -1).text(), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
});

test('a draw takes its values as Prng.guid, base64url and u32 would, in that order, and writes the bytes of their text', () => {
  const a = new Prng(5, 'render');
  const b = new Prng(5, 'render');
  const draw = new SignInDraw();
  const out = Buffer.alloc(TOKEN_ID_CHARS);
  for (let i = 0; i < 2000; i++) {
    const own = i % 3 !== 0;
    draw.draw(a, own);
    assert.equal(draw.id.text(), b.guid());
    if (own) assert.equal(draw.correlation.text(), b.guid());
    assert.equal(draw.tokenId(), b.base64url(TOKEN_ID_CHARS));
    assert.equal(draw.processingMs, 8 + (b.u32() % 240));
    draw.writeTokenId(out, 0);
    assert.equal(out.toString('latin1'), draw.tokenId());
  }
});
