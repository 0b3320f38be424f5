export { CONFIG_SCHEMA, type IdtrailConfigSchema } from './config-schema.ts';
export { keyDef, sizeToBytes, ConfigError, type ConfigOf, type ConfigSchema, type ConfigSource, type KeyDef } from './config-types.ts';
export { loadConfig, resolveConfig, findConfigFile, readConfigFile, flagAttr, CONFIG_FILE_NAMES, type ConfigInputs, type LoadedConfig } from './load-config.ts';
export { formatEffectiveConfig, maskedConfig, renderConfigReference, MASK } from './config-report.ts';

import type { ConfigOf } from './config-types.ts';
import type { IdtrailConfigSchema } from './config-schema.ts';
/** The effective, validated configuration of an idtrail process. */
export type IdtrailConfig = ConfigOf<IdtrailConfigSchema>;
