import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Guid } from './sign-in-draw.ts';
import { SignInQueue } from './sign-in-queue.ts';
import type { SignInEvent } from './sign-in-record.ts';
import { EVENT_PARTS, RISK_PARTS } from './sign-in-parts.ts';
import type { Part } from './record-part.ts';

// Fields other than k, s, c and tag are only carried along; one part stands in for all of them.
const stub = RISK_PARTS.none as Part<never>;
const event = (k: number, extra: Partial<SignInEvent> = {}): SignInEvent =>
  ({ k, u: stub, a: stub, n: stub, d: stub, e: EVENT_PARTS.interactive, o: stub, r: stub, w: stub, s: null, c: null, tag: null, ...extra });

const DAY_KEYS = 864e9; // one UTC day of keys: ms × 10 000 ticks

test('timeOrder is a stable sort by key (radix passes within a day, a comparison sort beyond)', () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3000 }),
    fc.integer({ min: 0, max: 400 * DAY_KEYS }), fc.boolean(),
    (picks, base, wide) => {
      // Few distinct keys, so many ties; `wide` spreads them past the radix range.
      const span = wide ? 2 ** 41 : DAY_KEYS - 1;
      const keys = picks.map((p) => base + Math.floor((p / 40) * span));
      const q = new SignInQueue();
      keys.forEach((k) => q.add(event(k)));
      const expected = keys.map((k, i) => [k, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, i]) => i);
      assert.deepEqual([...q.timeOrder()], expected);
    },
  ), { numRuns: 200 });
  const q = new SignInQueue();
  [2 ** 41, 5, 2 ** 41, 0].forEach((k) => q.add(event(k)));
  assert.deepEqual([...q.timeOrder()], [3, 1, 0, 2]);
});

test('load gives back what was added: key, parts, tag, session and correlation ids or their absence', () => {
  const q = new SignInQueue();
  const s = new Guid(1, -2, 3, -4);
  const c = new Guid(0x7fffffff, -0x80000000, 0, 9);
  const n = 5000; // past the initial capacity, so the columns grow
  for (let i = 0; i < n; i++) {
    q.add(event(1e12 + i, { o: EVENT_PARTS.nonInteractive as unknown as SignInEvent['o'], s: i % 2 ? s : null, c: i % 3 ? c : null, tag: i % 5 ? null : `t${i}` }));
  }
  assert.equal(q.size, n);
  for (const i of [0, 1, 2, 3, 5, 1023, 1024, 4999]) {
    const ev = q.load(i);
    assert.equal(ev.k, 1e12 + i);
    assert.equal(ev.o, EVENT_PARTS.nonInteractive);
    assert.equal(ev.e, EVENT_PARTS.interactive);
    assert.equal(ev.tag, i % 5 ? null : `t${i}`);
    assert.equal(ev.s?.text() ?? null, i % 2 ? s.text() : null);
    assert.equal(ev.c?.text() ?? null, i % 3 ? c.text() : null);
  }
});
