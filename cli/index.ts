/**
 * `zorginkoop`: what operations staff type. Run it as `npm run zorginkoop -- <command>`.
 *
 * Every command takes `--json`; bad input gets a message saying what and where and a non-zero
 * exit (2 for bad input or configuration, 1 for a refusal by the workflow or the server).
 * The commands are in a file per group; what they share is in context.ts.
 */
import { Argument, type Command } from 'commander';
import { VisibilityValueError } from '../operations/visibility';
import { addBackupCommands } from './backup-commands';
import { addCampaignCommands } from './campaign-commands';
import { bashCompletion, zshCompletion } from './completion';
import { recordImportRun } from '../activities/import-runs';
import { connect, createCli, isoDay, UsageError, withDatabase, type Io } from './context';
import { addImportCommand } from './import';
import { addPolicyCommands } from './policy-commands';
import { addRecordCommands } from './record-commands';
import { addRehearseCommand } from './rehearse';
import { addTrackCommands } from './track-commands';

export { CARE_TYPES, isoDay } from './context';
export { formatDecisions, formatRegisterNotes, formatStatus } from './format';

/** Builds the program; `io` lets tests capture what it prints. */
export function buildProgram(env: Record<string, string | undefined>, io: Io): Command {
  const cli = createCli(env, io);
  const { program, config, editions, print } = cli;
  addPolicyCommands(cli);
  addCampaignCommands(cli);
  addTrackCommands(cli);
  addRecordCommands(cli);
  addBackupCommands(cli);

  // Bulk decisions from a spreadsheet (cli/import.ts; the import module loads when it runs).
  addImportCommand(program, { config, editions, connect, recordRun: (c, run) => withDatabase(c, (database) => recordImportRun(database, run)), print, err: io.err, usageError: (message) => new UsageError(message) });
  addRehearseCommand(program, { config, editions, print, err: io.err, usageError: (message) => new UsageError(message), isoDay });

  program
    .command('completion')
    .description('print a shell completion script: source <(zorginkoop completion bash), or zsh')
    .addArgument(new Argument('[shell]', 'the shell').choices(['bash', 'zsh']).default('bash'))
    .action((shell: 'bash' | 'zsh') => io.out(shell === 'zsh' ? zshCompletion(program) : bashCompletion(program)));

  // A usage error says what is wrong and where the help is, in two lines, not the whole help.
  const hint = (command: Command, path: string): void => {
    command.showHelpAfterError(`(${path} --help for usage)`);
    for (const sub of command.commands) hint(sub, `${path} ${sub.name()}`);
  };
  hint(program, 'zorginkoop');
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const program = buildProgram(env, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    io.err(`zorginkoop: ${e.message}\n`);
    return err instanceof UsageError || (err as Error).name === 'ConfigError' || err instanceof VisibilityValueError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
