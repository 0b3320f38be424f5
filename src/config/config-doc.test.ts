import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONFIG_SCHEMA, renderConfigReference } from './index.ts';

test('docs/configuration.md is generated from the current schema (run `npm run docs:config`)', () => {
  const committed = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  assert.equal(committed, renderConfigReference(CONFIG_SCHEMA));
  for (const key of Object.keys(CONFIG_SCHEMA)) assert.ok(committed.includes(`\`${key}\``), key);
});
