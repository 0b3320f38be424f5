// The `idtrail` command line. Each command lives in its own module; errors become a readable
// message on stderr and a non-zero exit code here, once.
import { Command, CommanderError } from 'commander';
import { registerServeCommand } from './serve-command.ts';
import { registerIngestCommand } from './ingest-command.ts';
import { registerConfigCommand } from './config-command.ts';
import { registerReportCommand } from './report-command.ts';
import { registerQueryCommand } from './query-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { CliError } from './cli-error.ts';
import { registerAdminCommands } from './admin-commands.ts';

export function buildProgram(): Command {
  const program = new Command();
  program.name('idtrail').description('Self-hosted identity activity logs with a Microsoft Graph-compatible API').version('0.1.0');
  program.showHelpAfterError('(add --help for usage)');
  registerServeCommand(program);
  registerIngestCommand(program);
  registerConfigCommand(program);
  registerReportCommand(program);
  registerAdminCommands(program);
  registerQueryCommand(program);
  registerDemoCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    const msg = e instanceof CliError ? e.message : (e as Error)?.message ?? String(e);
    process.stderr.write(`idtrail: ${msg}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  }
}
