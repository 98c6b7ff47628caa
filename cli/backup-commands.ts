/**
 * `zorginkoop backup` and `zorginkoop restore`: the record (the configured database and schema) to
 * a file and back into an empty schema. The work is db/backup.ts and db/restore.ts, loaded when a
 * command runs; neither migrates first (a backup takes the schema as it is, a restore needs it empty).
 */
import type { Database } from '../db/database';
import { load, UsageError, type CliContext } from './context';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when the command runs, for start-up time */
const backupModule = () => require('../db/backup') as typeof import('../db/backup');
const restoreModule = () => require('../db/restore') as typeof import('../db/restore');
const pgDumpModule = () => require('../db/pg-dump') as typeof import('../db/pg-dump');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A file name for a backup taken now: zorginkoop-<schema>-<UTC time>.backup.gz (.pgdump: pg_dump's archive). */
export function defaultBackupFile(schema: string, pgDump = false, now = new Date()): string {
  return `zorginkoop-${schema}-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}Z.${pgDump ? 'pgdump' : 'backup.gz'}`;
}

/** Whether `file` is a pg_dump custom-format archive (it starts with PGDMP). */
function isPgDumpArchive(file: string): boolean {
  const fs = load.fs();
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    fs.closeSync(fd);
  }
}

export function addBackupCommands(cli: CliContext): void {
  const { program, print, config } = cli;
  const withServer = async <T>(action: string, work: (database: Database) => Promise<T>): Promise<T> => {
    const database = load.database().databaseFor(config(), { poolSize: 2 });
    try {
      await database.checkServer(action);
      return await work(database);
    } finally {
      await database.close();
    }
  };

  program
    .command('backup')
    .description('write a consistent dump of the record (every table of the configured database and schema) to a file; restore brings it back')
    .option('--out <file>', 'the file to write (default: zorginkoop-<schema>-<time>.backup.gz here)')
    .option('--pg-dump', "PostgreSQL's own archive instead (pg_dump --format=custom --schema): needs a pg_dump of the server's version or later")
    .action(async (opts: { out?: string; pgDump?: boolean }) => {
      const summary = await withServer('back up the record', async (database) => {
        const file = opts.out ?? defaultBackupFile(database.schema, opts.pgDump);
        if (load.fs().existsSync(file)) throw new UsageError(`${file} exists: a backup never overwrites a file; name another with --out`);
        if (opts.pgDump) return { ...(await pgDumpModule().pgDumpBackup(database, file, config().postgresBinDir)), where: database.where };
        return { ...(await backupModule().backup(database, file)), where: database.where };
      });
      print(summary, () =>
        'tool' in summary
          ? `pg_dump archive of ${summary.where} written to ${summary.file} by ${summary.tool}, at migration ${summary.migration} (${summary.bytes} bytes)`
          : `backup of ${summary.where} written to ${summary.file}: ${summary.rows} row(s) in ${summary.tables.length} tables, at migration ${summary.migration} (${summary.bytes} bytes)`,
      );
    });

  program
    .command('restore')
    .description('bring a backup (zorginkoop backup, or its --pg-dump archive) into the configured database and schema, which must be empty (one transaction: all of it or nothing)')
    .argument('<file>', 'a file written by zorginkoop backup')
    .action(async (file: string) => {
      if (!load.fs().existsSync(file)) throw new UsageError(`${file}: no such file`);
      const { restore, RestoreRefused } = restoreModule();
      const summary = await withServer('restore the record', async (database) => {
        try {
          if (!isPgDumpArchive(file)) return { ...(await restore(database, file)), where: database.where };
          return { ...(await pgDumpModule().pgRestore(database, file, config().postgresBinDir)), where: database.where, source: 'a pg_dump archive', takenAt: '' };
        } catch (err) {
          throw err instanceof RestoreRefused ? new UsageError(err.message) : err;
        }
      });
      print(summary, () =>
        [
          `restored ${summary.rows} row(s) in ${summary.tables.length} tables into ${summary.where}, from ${summary.takenAt ? `the backup of ${summary.source} taken ${summary.takenAt}` : summary.source}`,
          `the schema is at migration ${summary.migration}${summary.later.length ? `; the ${summary.later.length} later migration(s) (${summary.later.join(', ')}) run when a worker or the CLI next starts` : ''}`,
        ].join('\n'),
      );
    });
}
