// Commander options generated from the configuration schema, so every key with a flag is a flag
// of `serve` and `config check` with the same name, and help shows its default and variable.
// Options carry no commander default: an absent flag must stay undefined so the file and the
// environment can supply the value (precedence is decided in config/, not here).
import { Option, type Command } from 'commander';
import type { ConfigSchema } from '../config/index.ts';

export function addConfigOptions(cmd: Command, schema: ConfigSchema): Command {
  cmd.option('-c, --config <file>', 'configuration file (YAML or JSON; or IDTRAIL_CONFIG; default ./idtrail.yaml if present)');
  for (const [key, def] of Object.entries(schema)) {
    if (!def.flag) continue;
    const dflt = def.default === null ? '' : `; default ${def.secret ? '(hidden)' : String(def.default)}`;
    const help = `${def.doc} [${key}${def.env ? `, ${def.env}` : ''}${dflt}]`;
    const short = def.short ? `-${def.short}, ` : '';
    if (def.type === 'bool') {
      cmd.addOption(new Option(`${short}--${def.flag}`, help));
      cmd.addOption(new Option(`--no-${def.flag}`, `turn off ${key}`));
    } else {
      const opt = new Option(`${short}--${def.flag} <${def.type === 'enum' ? 'value' : def.type}>`, help);
      if (def.values) opt.choices(def.values);
      cmd.addOption(opt);
    }
  }
  return cmd;
}
