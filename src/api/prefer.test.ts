import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preferenceTokens } from './prefer.ts';

test('Prefer header: several preferences, repeated headers, parameters, quotes and case', () => {
  assert.deepEqual(preferenceTokens(undefined), []);
  assert.deepEqual(preferenceTokens('include-unknown-enum-members'), ['include-unknown-enum-members']);
  assert.deepEqual(preferenceTokens('odata.maxpagesize=50, Include-Unknown-Enum-Members'), ['odata.maxpagesize', 'include-unknown-enum-members']);
  assert.deepEqual(preferenceTokens(['return=minimal', 'include-unknown-enum-members; x=1']), ['return', 'include-unknown-enum-members']);
  // A comma inside a quoted value does not start another preference.
  assert.deepEqual(preferenceTokens('outlook.timezone="a, include-unknown-enum-members"'), ['outlook.timezone']);
  assert.deepEqual(preferenceTokens('include-unknown-enum-members-please'), ['include-unknown-enum-members-please']);
});
