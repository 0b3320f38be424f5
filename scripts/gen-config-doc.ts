// Writes docs/configuration.md from the configuration schema (`npm run docs:config`).
// src/config/config-doc.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA, renderConfigReference } from '../src/config/index.ts';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), renderConfigReference(CONFIG_SCHEMA));
console.log('wrote docs/configuration.md');
