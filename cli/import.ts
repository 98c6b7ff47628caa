/**
 * `zorginkoop import <kind> <file>`: bulk decisions from a spreadsheet (imports/index.ts,
 * docs/imports.md). A dry run unless `--apply`; `--report` writes the per-row result for Dutch
 * Excel. Exit 1 when any row is an error, 2 when the file or the options cannot be used.
 *
 * The command is added to the program by `addImportCommand`; the import module (and with it the
 * Temporal client and exceljs) is loaded when the command runs, not when the CLI starts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Client } from '@temporalio/client';
import { Argument, type Command } from 'commander';
import type { EditionStore } from '../activities/edition-store';
import type { Config } from '../config/config';
import type { ImportKind, ImportReport } from '../imports';
import type { ImportRun } from '../activities/import-runs';

/** What the import command needs from the program it is added to. */
export interface ImportCommandDeps {
  /** The configuration (read when the command runs). */
  config: () => Config;
  /** The policy editions. */
  editions: () => EditionStore;
  /** A Temporal client for the configuration, and how to close it. */
  connect: (config: Config) => Promise<{ client: Client; close: () => Promise<void> }>;
  /** Keeps an applied import in the record (import_runs), for the worker's metrics. */
  recordRun: (config: Config, run: ImportRun) => Promise<void>;
  /** Prints the value as JSON under --json, else the text. */
  print: (value: unknown, text: () => string) => void;
  /** Where notes beside the result go (stderr). */
  err: (text: string) => void;
  /** An error for bad input (the program exits 2 on it); default a plain Error. */
  usageError?: (message: string) => Error;
}

const KINDS: readonly ImportKind[] = ['assessments', 'conversation-outcomes', 'refusals', 'signatures'];
const RESULT_WORD: Record<ImportReport['rows'][number]['result'], string> = { ready: 'klaar', changed: 'vastgelegd', unchanged: 'ongewijzigd', error: 'FOUT' };

/** The report as staff read it in a terminal: the summary line, then one line per row with its tip. */
export function formatImportReport(report: ImportReport, summary: string): string {
  const lines = [summary, ...(report.warnings ?? []).map((w) => `  let op: ${w}`)];
  for (const r of report.rows) {
    lines.push(`  ${String(r.row).padStart(5)}  ${(r.agbCode ?? '').padEnd(8)}  ${RESULT_WORD[r.result].padEnd(11)} ${r.message.replace(/^rij \d+(, |: )/, '')}`);
    if (r.hint) lines.push(`${' '.repeat(31)}tip: ${r.hint}`);
  }
  if (!report.applied && report.counts.ready) lines.push(`Niets verstuurd. Vastleggen: dezelfde opdracht met --apply.`);
  return lines.join('\n');
}

/** Adds `import <kind> <file> [--policy] --by [--apply] [--report]` to `program`. */
export function addImportCommand(program: Command, deps: ImportCommandDeps): Command {
  const usage = deps.usageError ?? ((message: string) => new Error(message));
  return program
    .command('import')
    .description('bulk decisions from a spreadsheet (XLSX or CSV as Dutch Excel writes it): a dry run per row, or --apply (docs/imports.md)')
    .addArgument(new Argument('<kind>', 'what the sheet holds').choices(KINDS))
    .argument('<file>', 'the spreadsheet (.xlsx or .csv)')
    .option('-p, --policy <id>', "the policy edition of rows without a 'Beleid' column, e.g. zg-2026")
    .requiredOption('--by <name>', 'who records the decisions (kept in every history and the audit log)')
    .option('--apply', 'send the updates (without it: a dry run, nothing is sent)')
    .option('--report <out.csv>', 'write the per-row result as CSV for Dutch Excel')
    .action(async (kind: ImportKind, file: string, opts: { policy?: string; by: string; apply?: boolean; report?: string }) => {
      // Everything typed is checked before connecting.
      if (!opts.by.trim()) throw usage('--by: say who records the decisions');
      let policy: string | undefined;
      if (opts.policy !== undefined) {
        try {
          policy = deps.editions().get(opts.policy).id;
        } catch (err) {
          throw usage((err as Error).message);
        }
      }
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (err) {
        throw usage(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      const imports = await import('../imports');
      const config = deps.config();
      const { client, close } = await deps.connect(config);
      let report: ImportReport;
      try {
        const ctx = { client, editions: deps.editions(), by: opts.by, policy };
        const input = { name: basename(file), data };
        report = opts.apply ? await imports.apply(kind, input, ctx) : await imports.dryRun(kind, input, ctx);
      } catch (err) {
        if (err instanceof imports.ImportFileError) throw usage(err.message);
        throw err;
      } finally {
        await close();
      }
      if (opts.apply) {
        // The rows are recorded on their tracks already: a record that cannot be written is said, not fatal.
        await deps.recordRun(config, { kind, source: 'cli', actor: opts.by, fileName: basename(file), ...(policy ? { policyId: policy } : {}), counts: report.counts }).catch((err: Error) => deps.err(`the import is applied, but not kept in the record's import list (metrics): ${err.message}\n`));
      }
      if (opts.report) {
        writeFileSync(opts.report, imports.reportCsv(report));
        deps.err(`per-row result written to ${opts.report}\n`);
      }
      deps.print(report, () => formatImportReport(report, imports.summaryLine(report)));
      if (report.counts.errors) throw new Error(`${report.counts.errors} row(s) with an error (see above${opts.report ? ` and ${opts.report}` : ''})${opts.apply && report.counts.changed ? `; the ${report.counts.changed} other change(s) were recorded` : ''}`);
    });
}
