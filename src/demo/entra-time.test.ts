import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DAY, TICKS, TIME_CHARS, entraClock } from './entra-time.ts';

test('writeTime writes the bytes of format, across days, seconds and every fraction digit', () => {
  const base = Date.parse('2024-02-27T00:00:00Z'); // crosses a leap day and a month end
  const clock = entraClock(base);
  const out = Buffer.alloc(TIME_CHARS + 4);
  const check = (key: number) => {
    clock.writeTime(key, out, 2);
    const text = clock.format(key);
    assert.equal(out.toString('latin1', 2, 2 + TIME_CHARS), text);
    assert.equal(text, new Date(base + Math.floor(key / TICKS)).toISOString().slice(0, 23) + String(key % TICKS).padStart(4, '0') + 'Z');
  };
  for (const key of [0, 9999, 10_000, 999 * TICKS + 9999, (DAY - 1) * TICKS + 9999, DAY * TICKS, 3 * DAY * TICKS + 12_345_678]) check(key);
  fc.assert(fc.property(fc.integer({ min: 0, max: 40 * DAY * TICKS }), check), { numRuns: 2000 });
  // Keys in any order: the cached day must follow.
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 * DAY * TICKS }), { maxLength: 20 }), (keys) => keys.forEach(check)));
});
