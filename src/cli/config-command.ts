// `idtrail config check`: resolve the configuration exactly as `serve` would (file, environment,
// flags) and print it with the source of every value and secrets masked; exit 78 when invalid.
import type { Command } from 'commander';
import { CONFIG_SCHEMA, ConfigError, formatEffectiveConfig, loadConfig, maskedConfig, type IdtrailConfigSchema, type LoadedConfig } from '../config/index.ts';
import { CliError } from './cli-error.ts';
import { addConfigOptions } from './config-options.ts';

/** sysexits EX_CONFIG: lets a supervisor tell "fix the config" from a crash. */
export const EXIT_CONFIG = 78;

export function loadCliConfig(flags: Record<string, unknown>): LoadedConfig<IdtrailConfigSchema> {
  try {
    return loadConfig(CONFIG_SCHEMA, { configPath: flags['config'] as string | undefined, env: process.env, flags });
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, EXIT_CONFIG);
    throw e;
  }
}

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  const check = config
    .command('check')
    .description('validate the configuration and print the effective values (secrets masked)')
    .option('--json', 'print JSON instead of key = value lines');
  addConfigOptions(check, CONFIG_SCHEMA).action((o: Record<string, unknown>) => {
    const loaded = loadCliConfig(o);
    process.stdout.write(o['json'] ? JSON.stringify({ file: loaded.file, values: maskedConfig(CONFIG_SCHEMA, loaded), origin: loaded.origin }, null, 2) + '\n' : formatEffectiveConfig(CONFIG_SCHEMA, loaded));
  });
}
