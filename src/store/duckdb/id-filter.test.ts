import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdFilter } from './id-filter.ts';
import { idHash } from '../id-hash.ts';

test('every added id hash is reported as possibly present, across layer growth', () => {
  const f = new IdFilter(0);
  const added: number[] = [];
  // Beyond the first two layers' capacity (4096 + 16384), so the filter grows twice.
  for (let i = 0; i < 50_000; i++) {
    const h = idHash(`rec-${i}`);
    f.add(h);
    added.push(h);
  }
  for (const h of added) assert.equal(f.mightContain(h), true);
  assert.ok(f.bytes > ((4096 + 16384) * 24) / 8, 'grew beyond its first two layers');
});

test('ids never added are almost always reported absent (false-positive rate bound)', () => {
  const f = new IdFilter(100_000);
  for (let i = 0; i < 100_000; i++) f.add(idHash(`stored-${i}`));
  let fp = 0;
  const trials = 200_000;
  for (let i = 0; i < trials; i++) if (f.mightContain(idHash(`new-${i}`))) fp++;
  // Designed for ≤ 1e-5; 1e-4 leaves room for chance while catching a broken hash spread.
  assert.ok(fp / trials < 1e-4, `false-positive rate ${fp / trials}`);
});

test('a filter grown from empty keeps a low false-positive rate', () => {
  const f = new IdFilter(0);
  for (let i = 0; i < 300_000; i++) f.add(idHash(`grown-${i}`));
  let fp = 0;
  const trials = 200_000;
  for (let i = 0; i < trials; i++) if (f.mightContain(idHash(`other-${i}`))) fp++;
  assert.ok(fp / trials < 1e-3, `false-positive rate ${fp / trials}`);
});

test('an empty filter holds nothing', () => {
  const f = new IdFilter();
  assert.equal(f.mightContain(idHash('anything')), false);
  assert.equal(f.mightContain(0), false);
});
