/**
 * `zorginkoop rehearse <edition> --providers <file>`: the season of an edition (a draft too) for
 * a real provider file, on a private time-skipping server and a private database, with providers
 * and staff acting as the behaviour model says (rehearsal/, docs/rehearsal.md). Prints a summary
 * and writes the report: HTML with charts, JSON, and CSV for Dutch Excel.
 *
 * The rehearsal modules (and with them the Temporal worker) load when the command runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { EditionStore } from '../activities/edition-store';
import type { Config } from '../config/config';

export interface RehearseCommandDeps {
  config: () => Config;
  editions: () => EditionStore;
  print: (value: unknown, text: () => string) => void;
  err: (text: string) => void;
  usageError: (message: string) => Error;
  /** Checks a typed day (YYYY-MM-DD, a day that exists). */
  isoDay: (value: string) => string;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when the command runs, for start-up time */
export function addRehearseCommand(program: Command, deps: RehearseCommandDeps): Command {
  return program
    .command('rehearse')
    .description("rehearse an edition's whole season (a draft too) on a private time-skipping server: the staff workload week by week, outcomes, providers at risk, traps")
    .argument('<edition>', 'edition id, e.g. paramedisch-2028')
    .requiredOption('--providers <file>', 'the provider file (.json or .csv), as for campaign start')
    .option('--behaviour <file>', 'the behaviour model (YAML or JSON; docs/rehearsal.md); default: the built-in shares and days')
    .option('--year <contract year>', "rehearse the edition for another contract year: every date of the edition and of the provider records moves by the difference (for a past edition)")
    .option('--start <date>', 'the day the campaign starts (YYYY-MM-DD; default 1 January of the campaign year)')
    .option('--out <dir>', 'where the report goes (default: <data folder>/rehearsals/<edition>)')
    .option('--part-size <n>', 'at most this many providers on one private server (default 1000; docs/rehearsal.md)', wholeNumber('--part-size', deps))
    .option('--parallel <n>', 'how many parts run at the same time (default 2)', wholeNumber('--parallel', deps))
    .action(async (editionId: string, opts: { providers: string; behaviour?: string; year?: string; start?: string; out?: string; partSize?: number; parallel?: number }) => {
      // Everything typed is checked before anything starts.
      let edition = (() => {
        try {
          return deps.editions().get(editionId);
        } catch (err) {
          throw deps.usageError((err as Error).message);
        }
      })();
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw deps.usageError(`--year '${opts.year}': a contract year is four digits, e.g. 2028`);
      if (opts.start) deps.isoDay(opts.start);
      const { readProvidersFile } = require('../operations/providers-file') as typeof import('../operations/providers-file');
      const { readBehaviour, DEFAULT_BEHAVIOUR } = require('../rehearsal/behaviour') as typeof import('../rehearsal/behaviour');
      let providers;
      let behaviour;
      try {
        providers = readProvidersFile(opts.providers, deps.editions().list());
        behaviour = opts.behaviour ? readBehaviour(opts.behaviour) : DEFAULT_BEHAVIOUR;
      } catch (err) {
        throw deps.usageError((err as Error).message);
      }
      if (opts.year !== undefined && Number(opts.year) !== edition.contractYear) {
        const years = Number(opts.year) - edition.contractYear;
        const { rehearse: shift } = require('../policies') as typeof import('../policies');
        const { rehearseProvider, ProviderSchema } = require('../policies/provider') as typeof import('../policies/provider');
        edition = shift(edition, Number(opts.year));
        providers = providers.map((p) => ProviderSchema.parse(rehearseProvider(p, years)));
      }
      const out = resolve(opts.out ?? join(deps.config().dataDir, 'rehearsals', edition.id));

      // The worker of the private server says only what is wrong.
      const worker = require('@temporalio/worker') as typeof import('@temporalio/worker');
      try {
        worker.Runtime.install({ logger: new worker.DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: worker.makeTelemetryFilterString({ core: 'ERROR' }) } } });
      } catch {
        // installed already (a test, or a second rehearsal in one process)
      }
      const { rehearse } = require('../rehearsal/run') as typeof import('../rehearsal/run');
      const report = require('../rehearsal/report') as typeof import('../rehearsal/report');
      deps.err(`rehearsing ${edition.id} for ${providers.length} providers (a private time-skipping server; nothing reaches the real cluster or outbox) ...\n`);
      const run = await rehearse({ edition, providers, behaviour, ...(opts.start ? { start: opts.start } : {}), partSize: opts.partSize, parallel: opts.parallel, onProgress: (line) => deps.err(`  ${line}\n`) });
      const result = report.buildReport(run, edition);
      mkdirSync(out, { recursive: true });
      const files = {
        html: join(out, 'repetitie.html'),
        json: join(out, 'repetitie.json'),
        weeks: join(out, 'weken.csv'),
        outcomes: join(out, 'uitkomsten.csv'),
        risks: join(out, 'risico.csv'),
        questions: join(out, 'vragen.csv'),
      };
      writeFileSync(files.html, report.reportHtml(result));
      writeFileSync(files.json, `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(files.weeks, report.weeksCsv(result));
      writeFileSync(files.outcomes, report.outcomesCsv(result));
      writeFileSync(files.risks, report.risksCsv(result));
      writeFileSync(files.questions, report.questionsCsv(result));
      deps.print(result, () => `${report.summaryText(result)}\nreport: ${files.html} (also ${files.json}, ${files.weeks}, ${files.outcomes}, ${files.risks}, ${files.questions}); ${run.wallSeconds.toFixed(1)} s`);
    });
}

/** A whole number of at least 1, as typed after `option`. */
function wholeNumber(option: string, deps: Pick<RehearseCommandDeps, 'usageError'>): (value: string) => number {
  return (value) => {
    if (!/^[1-9]\d*$/.test(value)) throw deps.usageError(`${option} '${value}': a whole number of at least 1`);
    return Number(value);
  };
}
