/**
 * `zorginkoop`: what operations staff type. Run it as `npm run zorginkoop -- <command>`.
 *
 * Every command takes `--json`; bad input gets a message saying what and where and a non-zero
 * exit (2 for bad input or configuration, 1 for a refusal by the workflow or the server).
 */
import type { Client, Connection } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Argument, Command, Option } from 'commander';
import { version } from '../package.json';
import type { Config } from '../config/config';
import type { Edition } from '../policies';
import type { EditionStore } from '../activities/edition-store';
import type { CareType, PlanStep } from '../policies/policy';
import type { ProviderStatusView } from '../workflows/messages';
import type { DeadlineMoveCommand } from '../workflows/commands';
import type { Database } from '../db/database';
import type { CampaignProgress } from '../workflows/campaign';
import type { CampaignStart } from './campaigns';
import { PUBLIC_STATUSES } from '../machines/public-status';
import { equals, VisibilityValueError } from './visibility';
import { addImportCommand } from './import';
import { addRehearseCommand } from './rehearse';
import { bashCompletion, zshCompletion } from './completion';
import { contractsCsv, exportCsv, formatAudit, formatContracts, formatDecisions, formatEmails, formatInbox, formatListings, formatPortal, formatProviders, formatRegisterNotes, formatStatus, day, moment, table, type ProviderRow } from './format';

// Start-up stays fast (`zorginkoop --version`, `--help`, a usage error): the Temporal client, the
// database, the policies and the activities load when a command's action needs them, not before.
/* eslint-disable @typescript-eslint/no-require-imports -- required where an action needs them, for start-up time */
const load = {
  temporal: () => require('@temporalio/client') as typeof import('@temporalio/client'),
  config: () => require('../config/config') as typeof import('../config/config'),
  database: () => require('../db/database') as typeof import('../db/database'),
  policies: () => require('../policies') as typeof import('../policies'),
  calendar: () => require('../policies/calendar') as typeof import('../policies/calendar'),
  planDate: () => require('../policies/plan-date') as typeof import('../policies/plan-date'),
  editionFile: () => require('../policies/edition-file') as typeof import('../policies/edition-file'),
  editionStore: () => require('../activities/edition-store') as typeof import('../activities/edition-store'),
  editionArchive: () => require('../activities/edition-archive') as typeof import('../activities/edition-archive'),
  directory: () => require('../activities/directory') as typeof import('../activities/directory'),
  portal: () => require('../activities/portal') as typeof import('../activities/portal'),
  staff: () => require('../activities/staff') as typeof import('../activities/staff'),
  audit: () => require('../activities/audit') as typeof import('../activities/audit'),
  mail: () => require('../activities/mail') as typeof import('../activities/mail'),
  contracts: () => require('../activities/contracts') as typeof import('../activities/contracts'),
  providerStore: () => require('../activities/provider-store') as typeof import('../activities/provider-store'),
  messages: () => require('../workflows/messages') as typeof import('../workflows/messages'),
  ids: () => require('../workflows/ids') as typeof import('../workflows/ids'),
  campaign: () => require('../workflows/campaign') as typeof import('../workflows/campaign'),
  searchAttributes: () => require('../workflows/search-attributes') as typeof import('../workflows/search-attributes'),
  campaigns: () => require('./campaigns') as typeof import('./campaigns'),
  deadlines: () => require('./deadlines') as typeof import('./deadlines'),
  editions: () => require('./editions') as typeof import('./editions'),
  providersFile: () => require('./providers-file') as typeof import('./providers-file'),
  pastSteps: () => require('./past-steps') as typeof import('./past-steps'),
  registerSearchAttributes: () => require('./search-attributes') as typeof import('./search-attributes'),
  progress: () => require('cli-progress') as typeof import('cli-progress'),
  fs: () => require('node:fs') as typeof import('node:fs'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export { contractsCsv, exportCsv, formatDecisions, formatRegisterNotes, formatStatus };

/** The care types (policies/policy.ts CareTypeSchema; a test keeps them equal), for `policy draft`'s choices without loading zod. */
export const CARE_TYPES = ['zg', 'paramedisch', 'farmacie', 'hulpmiddelen', 'geboortezorg'] as const;

/** Bad input from the user: exit code 2. */
class UsageError extends Error {}

/** What a command read had records it could not read: it printed the rest, then exits 1. */
class IncompleteError extends Error {}

/** Runs `work` with the configured database (up to date), and closes it. */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = load.database().databaseFor(config, { poolSize: 2 });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}


/** A contract kind of the edition, or a usage error naming the kinds it has. */
function contractKind(edition: Edition, kind: string): string {
  const policy = edition.id;
  const kinds = edition.contractKinds.map((k) => k.id);
  if (!kinds.includes(kind)) throw new UsageError(`contract kind '${kind}' is not a contract kind of ${policy} (known: ${kinds.join(', ')})`);
  return kind;
}

/** The workflow id of a provider's track: with the contract kind where the edition has several. */
function workflowIdFor(p: Edition, agbCode: string, kind?: string): string {
  const policy = p.id;
  if (kind !== undefined) contractKind(p, kind);
  if (p.contractKinds.length > 1 && !kind) throw new UsageError(`${policy} has several contract kinds: name one with --kind (${p.contractKinds.map((k) => k.id).join(', ')})`);
  return load.ids().providerWorkflowId(policy, agbCode, p.contractKinds.length > 1 ? kind : undefined);
}

/**
 * The provider's track: by its contract kind where one is named or the edition has one kind; else
 * the one track the provider has under the policy (found in visibility by ZorgPolicy and
 * ZorgAgbCode), or a usage error naming the kinds it has tracks of.
 */
async function trackOf(client: Client, edition: Edition, agbCode: string, kind?: string): Promise<string> {
  if (kind !== undefined || edition.contractKinds.length <= 1) return workflowIdFor(edition, agbCode, kind);
  const { ZorgContractKind } = load.searchAttributes();
  const tracks = new Map<string, string>();
  for await (const wf of client.workflow.list({ query: `${equals('ZorgPolicy', edition.id)} AND ${equals('ZorgAgbCode', agbCode)}` })) {
    tracks.set(wf.typedSearchAttributes.get(ZorgContractKind) ?? wf.workflowId, wf.workflowId);
  }
  if (tracks.size === 1) return [...tracks.values()][0]!;
  if (!tracks.size) throw new Error(`no contracting track for AGB ${agbCode} under ${edition.id} (of any of its contract kinds: ${edition.contractKinds.map((k) => k.id).join(', ')})`);
  throw new UsageError(`AGB ${agbCode} has ${tracks.size} tracks under ${edition.id}: name one with --kind (${[...tracks.keys()].sort().join(', ')})`);
}

/** How a closed track ended, in words ("closed: PUBLISHED, since ..."); undefined while it runs or where there is none. */
async function closedTrack(client: Client, workflowId: string): Promise<{ status: string; execution: string; closedAt?: Date; text: string } | undefined> {
  let d;
  try {
    d = await client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof load.temporal().WorkflowNotFoundError) return undefined;
    throw err;
  }
  if (d.status.name === 'RUNNING') return undefined;
  const status = d.typedSearchAttributes.get(load.searchAttributes().ZorgStatus) ?? d.status.name;
  const execution = d.status.name.toLowerCase();
  return { status, execution, closedAt: d.closeTime, text: `closed: its final status is ${status}${d.closeTime ? `, since ${moment(d.closeTime)}` : ''} (workflow ${execution})` };
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

async function connect(config: Config): Promise<{ client: Client; connection: Connection; close: () => Promise<void> }> {
  const connection = await load.temporal().Connection.connect({ ...load.config().connectionOptions(config), connectTimeout: '5 seconds' }).catch((err: Error) => {
    throw new Error(`cannot reach Temporal at ${config.address}: ${err.message}. Is the server running (npm start)?`);
  });
  return { client: new (load.temporal().Client)({ connection, namespace: config.namespace }), connection, close: () => connection.close() };
}

/** A year as typed after --year: four digits. */
function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`year '${value}': a year is four digits, e.g. 2028`);
  return Number(value);
}

/** A calendar day as typed: YYYY-MM-DD, and a day that exists (no 2027-02-30). */
export function isoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new UsageError(`date '${value}': a date is YYYY-MM-DD, e.g. 2027-11-08`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw new UsageError(`date '${value}': there is no such day`);
  return value;
}

const AGB = /^\d{8}$/;
function agb(value: string): string {
  if (!AGB.test(value)) throw new UsageError(`AGB code '${value}': an AGB code is exactly 8 digits, e.g. 01234567`);
  return value;
}


/** Builds the program; `io` lets tests capture what it prints. */
export function buildProgram(env: Record<string, string | undefined>, io: Io): Command {
  const program = new Command('zorginkoop')
    .description('Operations CLI for the yearly contracting of care providers')
    .version(version, '-V, --version', 'print the version')
    .option('--json', 'print JSON instead of text')
    // Throw instead of exiting, in every subcommand (inherited by those added below).
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`zorginkoop: ${text.replace(/^error: /, '').replace(/\n\(Did you mean/, ' (did you mean')}`) });
  const json = () => Boolean(program.opts().json);
  // The editions: the configured folder (read once, when a command first needs one).
  let store: EditionStore | undefined;
  const editions = () => (store ??= load.editionStore().editionStoreFor(config()));
  /** The edition with this id, or a usage error listing the known ones. */
  const editionOf = (value: string): Edition => {
    try {
      return editions().get(value);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  };
  const policyId = (value: string): string => editionOf(value).id;
  const print = (value: unknown, text: () => string) => io.out(`${json() ? JSON.stringify(value, null, 2) : text()}\n`);
  const config = () => load.config().loadConfig(env);

  const withProvider = async <T>(policy: string, agbCode: string, kind: string | undefined, fn: (client: Client, workflowId: string) => Promise<T>): Promise<T> => {
    // Everything typed is checked before connecting.
    const edition = editionOf(policy);
    agb(agbCode);
    if (kind !== undefined) contractKind(edition, kind);
    const { client, close } = await connect(config());
    let workflowId: string | undefined;
    try {
      workflowId = await trackOf(client, edition, agbCode, kind);
      return await fn(client, workflowId);
    } catch (err) {
      if (err instanceof UsageError || !workflowId) throw err;
      // A track whose workflow has completed takes no updates: say so, with how and when it ended.
      const closed = await closedTrack(client, workflowId).catch(() => undefined);
      if (closed) throw new Error(`the track of AGB ${agbCode} under ${edition.id}${kind ? ` (${kind})` : ''} is ${closed.text}`);
      if (err instanceof load.temporal().WorkflowNotFoundError) throw new Error(`no contracting track for AGB ${agbCode} under ${edition.id}${kind ? ` (${kind})` : ''}`);
      if (err instanceof load.temporal().WorkflowUpdateFailedError) throw new Error(`refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      throw err;
    } finally {
      await close();
    }
  };
  const policyOption = () => new Option('-p, --policy <id>', 'policy edition id, e.g. paramedisch-2027 (`policies` lists them)').makeOptionMandatory();

  program
    .command('policies')
    .description('list the policies this product knows')
    .action(() => {
      const list = editions()
        .list()
        .map((p) => ({ id: p.id, title: p.title, careType: p.careType, contractYear: p.contractYear, status: p.status, revision: p.revision, seed: p.seedFile }));
      print(list, () => list.map((p) => `${p.id}  ${p.title} (contract year ${p.contractYear}; ${p.status}${p.status === 'published' ? '' : ', not for real campaigns'}; revision ${p.revision}; ${p.seed})`).join('\n'));
      for (const problem of editions().problems) io.err(`warning: ${load.editionFile().formatProblem(problem)}\n`);
    });

  program
    .command('plan')
    .description("the season's calendar, step by step, with dates and weekdays")
    .argument('<policy>', 'policy id', policyId)
    .action((policy: string) => {
      const p = editionOf(policy);
      print(p.calendar, () => load.editions().formatPlan(p));
    });

  program
    .command('evaluate')
    .description("each provider's decision under a policy, with its reasons (nothing is started)")
    .argument('<policy>', 'policy id', policyId)
    .argument('<file>', 'providers file (.json or .csv)')
    .action((policy: string, file: string) => {
      let providers;
      try {
        providers = load.providersFile().readProvidersFile(file, editions().list());
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const decisions = providers.flatMap((p) => load.policies().evaluate(editionOf(policy), p));
      print(decisions, () => formatDecisions(decisions, new Map(providers.map((p) => [p.agbCode, p.name]))));
    });

  program
    .command('setup')
    .description("register this product's search attributes on the Temporal server (idempotent)")
    .action(async () => {
      const c = config();
      const { connection, close } = await connect(c);
      try {
        const added = await load.registerSearchAttributes().registerSearchAttributes(connection, c.namespace);
        print({ added }, () => (added.length ? `registered: ${added.join(', ')}` : 'search attributes already registered'));
      } finally {
        await close();
      }
    });

  const policy = program.command('policy').description('author policy editions: draft next year\'s, check a file, compare two');
  policy
    .command('draft')
    .description("next year's edition from this year's: every date moved and marked REVIEW, status draft")
    .addArgument(new Argument('<care type>').choices(CARE_TYPES))
    .argument('<year>', 'the contract year of the draft', (v: string) => {
      if (!/^\d{4}$/.test(v)) throw new UsageError(`year '${v}': a contract year is four digits, e.g. 2028`);
      return Number(v);
    })
    .requiredOption('--from <edition>', 'the edition to start from, e.g. paramedisch-2027')
    .option('--out <file>', 'where to write it (default: <editions folder>/<care type>-<year>.yaml)')
    .action((careType: CareType, year: number, opts: { from: string; out?: string }) => {
      const source = editionOf(opts.from);
      const sourceFile = load.editions().editionFileOf(editions(), source.id);
      if (!sourceFile) throw new UsageError(`${source.id} has no file in ${editions().dir} to draft from`);
      let text: string;
      let file: string;
      try {
        text = load.editions().draftEdition(load.fs().readFileSync(sourceFile, 'utf8'), source, careType, year, load.calendar().amsterdamDay(Date.now()));
        file = load.editions().draftFile(editions(), careType, year, opts.out);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      load.editions().writeDraft(file, text);
      const marks = (text.match(/# REVIEW/g) ?? []).length;
      const { problems, warnings } = load.editions().checkFile(file, load.calendar().amsterdamDay(Date.now()));
      print({ file, marks, problems, warnings }, () =>
        [
          `${file} written: ${careType}-${year}, status draft, ${marks} line(s) marked REVIEW (dates, terms, texts with years).`,
          ...(problems.length ? ['It does not check yet:', ...problems.map((p) => `  ${load.editionFile().formatProblem(p)}`)] : [`Next: edit it, then: zorginkoop policy check ${file}`]),
        ].join('\n'),
      );
    });

  policy
    .command('check')
    .description('check an edition file: every problem and warning with its line (weekend, holiday and past dates); the season plan with weekdays; open tracks an amended date would move')
    .argument('<file>', 'the edition file (.yaml)')
    .action(async (file: string) => {
      const today = load.calendar().amsterdamDay(Date.now());
      const { edition, problems, warnings } = load.editions().checkFile(file, today);
      const listed = [...problems.map((p) => `  ${load.editionFile().formatProblem(p)}`), ...warnings.map((w) => `  warning: ${load.editionFile().formatProblem(w)}`)];
      if (!edition) {
        print({ file, problems, warnings }, () => [`${file}: ${problems.length} problem(s), ${warnings.length} warning(s):`, ...listed].join('\n'));
        throw new IncompleteError(`${file} is not a valid edition: ${problems.length} problem(s) above`);
      }
      // Against the revisions open tracks started with: which amended dates would move them.
      // The archive is in the database; a check without one still checks the file, and says so.
      const running = (
        await withDatabase(config(), (database) => new (load.editionArchive().EditionArchive)(database).revisions(edition.id)).catch((err: Error) => {
          io.err(`warning: the revisions open tracks started with were not read (${err.message}); dates they would move are not shown\n`);
          return [];
        })
      ).filter((r) => r.revision !== edition.revision);
      const moves = running.flatMap((r) => load.editions().movedSteps(r, edition).map((m) => ({ ...m, revision: r.revision })));
      const counts = moves.length ? await openTracksWaiting(edition.id, moves.map((m) => m.step.step)) : undefined;
      print({ file, id: edition.id, revision: edition.revision, status: edition.status, problems, warnings, moves, openTracks: counts }, () =>
        [
          `${file}: a valid ${edition.careType} edition, ${edition.id} (revision ${edition.revision}, ${edition.status}), ${warnings.length} warning(s)${listed.length ? ':' : ''}`,
          ...listed,
          '',
          load.editions().formatPlan(edition),
          ...moves.map((m) => {
            const waiting = counts?.[m.step.step];
            const apply = load.editions().MOVABLE[m.step.step];
            const day = load.planDate().latestDay(m.step.date) ?? load.planDate().earliestDay(m.step.date);
            return `amended: ${m.step.label}: '${m.from}' (revision ${m.revision}, which open tracks run with) -> '${m.to}'; ${waiting === undefined ? 'open tracks not counted (cannot reach Temporal)' : `${waiting} open track(s) wait on it`}${apply && day ? `; apply to them with: zorginkoop deadline move ${apply} --policy ${edition.id} --all --to ${day} --reason "..." --by NAME` : ''}`;
          }),
        ].join('\n'),
      );
    });

  policy
    .command('diff')
    .description('what changed between two editions (dates, thresholds, kinds, terms, tiers, conditions, rule sources), in words')
    .argument('<a>', 'an edition id or file')
    .argument('<b>', 'an edition id or file')
    .action((a: string, b: string) => {
      let lines: string[];
      let ea: Edition;
      let eb: Edition;
      try {
        ea = load.editions().editionFrom(editions(), a);
        eb = load.editions().editionFrom(editions(), b);
        lines = load.editions().diffEditions(ea, eb);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      print({ a: ea.id, b: eb.id, changes: lines }, () => (lines.length ? [`${ea.id} -> ${eb.id}: ${lines.length} change(s)`, ...lines.map((l) => `  ${l}`)].join('\n') : `${ea.id} and ${eb.id} do not differ`));
    });

  /** How many open tracks of an edition wait on each step (by public status); undefined where Temporal cannot be reached. */
  const openTracksWaiting = async (policyId: string, steps: PlanStep['step'][]): Promise<Partial<Record<string, number>> | undefined> => {
    let connected;
    try {
      connected = await connect(config());
    } catch {
      return undefined;
    }
    try {
      const counts: Partial<Record<string, number>> = {};
      for (const step of new Set(steps)) {
        const statuses = load.editions().WAITING_ON[step] ?? [];
        let n = 0;
        for (const status of statuses) n += (await connected.client.workflow.count(`${equals('ZorgPolicy', policyId)} AND ${equals('ZorgStatus', status)} AND ExecutionStatus = 'Running'`)).count;
        counts[step] = n;
      }
      return counts;
    } catch {
      return undefined;
    } finally {
      await connected.close();
    }
  };

  const campaign = program.command('campaign').description('start and watch a policy\'s contracting tracks');
  campaign
    .command('start')
    .description('validate a provider file, import it and start every provider\'s track; providers already started are left alone')
    .argument('<policy>', 'policy id, e.g. zg-2026', policyId)
    .requiredOption('--providers <file>', 'providers file (.json or .csv)')
    .option('--dry-run', 'validate and show each decision; start nothing')
    .action(async (policy: string, opts: { providers: string; dryRun?: boolean }) => {
      let providers;
      try {
        providers = load.providersFile().readProvidersFile(opts.providers, editions().list());
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      // A step whose day has passed is met at once by every track started now: say so, per step.
      for (const line of load.pastSteps().pastStepWarnings(editionOf(policy), load.calendar().amsterdamDay(Date.now()))) io.err(`${line}\n`);
      if (opts.dryRun) {
        // As the real start decides: with the register's running contracts, where it can be read.
        const edition = editionOf(policy);
        const merged = await withDatabase(config(), (database) => load.contracts().withRegisteredContracts(new (load.contracts().ContractRegister)(database), edition.careType, edition.contractYear, providers)).catch((err: Error) => {
          io.err(`warning: the contract register was not read (${err.message}); the decisions use the provider file's contracts only\n`);
          return undefined;
        });
        if (merged?.notes.length) io.err(`${formatRegisterNotes(merged.notes)}\n`);
        const decisions = (merged?.providers ?? providers).flatMap((p) => load.policies().evaluate(edition, p));
        print(decisions, () => formatDecisions(decisions, new Map(providers.map((p) => [p.agbCode, p.name]))));
        return;
      }
      const edition = editionOf(policy);
      if (edition.status !== 'published') {
        throw new UsageError(`${policy} is a ${edition.status} edition, not a published policy: a real campaign runs published editions only (rehearse a draft; publish it by setting status: published)`);
      }
      const c = config();
      const { client, close } = await connect(c);
      try {
        // The list goes to the database every worker reads, under its import id; the workflow
        // carries only offsets.
        const started: CampaignStart = await withDatabase(c, async (database) => {
          // The yearly loop: running contracts come from the register; where the file disagrees, staff read why.
          const merged = await load.contracts().withRegisteredContracts(new (load.contracts().ContractRegister)(database), edition.careType, edition.contractYear, providers);
          if (merged.notes.length) io.err(`${formatRegisterNotes(merged.notes)}\n`);
          // Every track decides with this revision of the edition, kept in the archive for them.
          await new (load.editionArchive().EditionArchive)(database).save(edition);
          return load.campaigns().startCampaign(client, new (load.providerStore().DatabaseProviderListStore)(database), { campaignId: policy, policyId: policy, revision: edition.revision, taskQueue: c.taskQueue, providers: merged.providers, source: opts.providers });
        });
        if (started.joined) io.err(`campaign ${policy} is already running with this provider list (import ${started.importId}): following it\n`);
        // A progress bar on long runs, on a terminal only (not in --json or piped output).
        const bar = !json() && providers.length >= 200 && process.stderr.isTTY ? new (load.progress().SingleBar)({ format: 'campaign {bar} {value}/{total} evaluated | {started} started, {already} already started' }) : undefined;
        bar?.start(providers.length, 0, { started: 0, already: 0 });
        let progress: CampaignProgress;
        try {
          progress = await load.campaigns().followCampaign(started.handle, (p) => bar?.update(p.evaluated, { started: p.started, already: p.alreadyStarted }), policy);
        } finally {
          bar?.stop();
        }
        print(progress, () => `${progress.started} started, ${progress.alreadyStarted} already started (${opts.providers}, ${policy})`);
        if (progress.failed) throw new (load.campaigns().CampaignIncompleteError)(`${progress.failed} provider(s) could not be read or started; fix them and start the file again:\n${load.campaigns().problemLines(progress).join('\n')}`);
      } finally {
        await close();
      }
    });

  campaign
    .command('status')
    .description("a campaign's progress, and how many providers are in each public status")
    .argument('<policy>', 'policy id', policyId)
    .action(async (policy: string) => {
      const { client, close } = await connect(config());
      try {
        const handle = client.workflow.getHandle(load.campaign().campaignWorkflowId(policy));
        const progress = await handle.query(load.campaign().campaignProgressQuery).catch(() => undefined);
        const stalled = progress && !progress.done ? await load.campaigns().stalledReason(handle).catch(() => undefined) : undefined;
        const statuses: Record<string, number> = {};
        for (const status of Object.keys(PUBLIC_STATUSES)) {
          const { count } = await client.workflow.count(`${equals('ZorgPolicy', policy)} AND ${equals('ZorgStatus', status)}`);
          if (count) statuses[status] = count;
        }
        print({ progress, stalled, statuses }, () =>
          [
            progress
              ? `campaign ${policy}: ${progress.evaluated}/${progress.total} evaluated, ${progress.started} started, ${progress.alreadyStarted} already started${progress.failed ? `, ${progress.failed} could not be read or started` : ''}${progress.done ? ', done' : ''}${progress.importId ? ` (import ${progress.importId} from ${progress.source})` : ''}`
              : `campaign ${policy}: not started`,
            ...(stalled ? [`  not progressing: ${stalled}`] : []),
            ...(progress?.failed ? load.campaigns().problemLines(progress) : []),
            ...(Object.keys(statuses).length ? ['', table(['STATUS', 'PROVIDERS'], Object.entries(statuses))] : []),
          ].join('\n'),
        );
        if (stalled) throw new (load.campaigns().CampaignStalledError)(`campaign ${policy} is not progressing`);
        if (progress?.failed) throw new (load.campaigns().CampaignIncompleteError)(`campaign ${policy}: ${progress.failed} provider(s) could not be read or started`);
      } finally {
        await close();
      }
    });

  const kindOption = () => new Option('-k, --kind <contract kind>', 'the contract kind, where the provider has tracks of several under the policy (e.g. fysiotherapie)');

  program
    .command('status')
    .description("a provider's status, planned dates, reasons and history")
    .argument('<agb>', 'AGB code of the provider', agb)
    .addOption(policyOption())
    .addOption(kindOption())
    .action(async (agbCode: string, opts: { policy: string; kind?: string }) => {
      const { view, closed } = await withProvider(opts.policy, agbCode, opts.kind, async (client, id) => ({
        view: await client.workflow.getHandle(id).query(load.messages().statusQuery),
        closed: await closedTrack(client, id),
      }));
      print(view, () => `${formatStatus(view)}${closed ? `\nTrack ${closed.text}` : ''}`);
    });

  // `providers list` as the operations guide says, and `list` for short.
  const providersGroup = program.command('providers').description('providers across campaigns');
  for (const parent of [program, providersGroup]) parent
    .command('list')
    .description('providers by policy and public status (from the search attributes)')
    .option('-p, --policy <id>', 'only this policy')
    .addOption(new Option('-s, --status <status>', 'only this public status').choices(Object.keys(PUBLIC_STATUSES)))
    .action(async (opts: { policy?: string; status?: string }) => {
      const clauses = [opts.policy && equals('ZorgPolicy', policyId(opts.policy)), opts.status && equals('ZorgStatus', opts.status), 'ZorgAgbCode IS NOT NULL'].filter(Boolean);
      const { client, close } = await connect(config());
      const rows: ProviderRow[] = [];
      try {
        for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
          const sa = wf.typedSearchAttributes;
          rows.push({
            workflowId: wf.workflowId,
            agbCode: sa.get(load.searchAttributes().ZorgAgbCode),
            policy: sa.get(load.searchAttributes().ZorgPolicy),
            contractKind: sa.get(load.searchAttributes().ZorgContractKind),
            tier: sa.get(load.searchAttributes().ZorgTier),
            status: sa.get(load.searchAttributes().ZorgStatus),
            nextDeadline: sa.get(load.searchAttributes().ZorgNextDeadline)?.toISOString(),
          });
        }
      } finally {
        await close();
      }
      rows.sort((a, b) => (a.agbCode ?? '').localeCompare(b.agbCode ?? '') || (a.contractKind ?? '').localeCompare(b.contractKind ?? ''));
      print(rows, () => (rows.length ? formatProviders(rows) : 'no providers match'));
    });

  // What staff record for a provider: each is an update the provider's workflow validates.
  const list = (value: string) => value.split(';').map((x) => x.trim()).filter(Boolean);
  const recorders: {
    name: string;
    description: string;
    update: () => UpdateDefinition<ProviderStatusView, [never]>;
    argument?: Argument;
    options: Option[];
    toCommand: (opts: Record<string, string | undefined>, argument?: string) => unknown;
  }[] = [
    {
      name: 'outcome',
      description: 'record how the purchase conversation ended (positive sends the offer)',
      update: () => load.messages().recordConversationOutcomeUpdate as never,
      argument: new Argument('<outcome>', 'positive or negative').choices(['positive', 'negative']),
      options: [new Option('--note <text>', 'what was agreed or why not')],
      toCommand: (o, outcome) => ({ outcome, by: o.by, note: o.note }),
    },
    { name: 'sign', description: 'record that the provider signed the offer in the portal', update: () => load.messages().recordSignatureUpdate as never, options: [new Option('--note <text>')], toCommand: (o) => ({ by: o.by, note: o.note }) },
    {
      name: 'refuse',
      description: 'record that the provider refused the offer',
      update: () => load.messages().recordRefusalUpdate as never,
      options: [new Option('--reason <text>', 'why the provider refused').makeOptionMandatory()],
      toCommand: (o) => ({ by: o.by, reason: o.reason }),
    },
    { name: 'submit-questionnaire', description: 'record that the provider submitted its questionnaire', update: () => load.messages().submitQuestionnaireUpdate as never, options: [new Option('--note <text>')], toCommand: (o) => ({ by: o.by, note: o.note }) },
    {
      name: 'assess',
      description: 'record the assessment of a questionnaire, application, follow request or exception (positive leads to the offer)',
      update: () => load.messages().recordAssessmentUpdate as never,
      argument: new Argument('<outcome>', 'positive or negative').choices(['positive', 'negative']),
      options: [new Option('--tier <tier>', 'the tier, where the kind has tiers').choices(['A', 'B', 'C', 'D']), new Option('--reason <text>', 'why (required when negative)'), new Option('--note <text>')],
      toCommand: (o, outcome) => ({ outcome, tier: o.tier, reason: o.reason, by: o.by, note: o.note }),
    },
    {
      name: 'request-documents',
      description: 'ask the provider for documents',
      update: () => load.messages().requestDocumentsUpdate as never,
      options: [new Option('--documents <list>', 'documents, separated by ;').makeOptionMandatory()],
      toCommand: (o) => ({ documents: list(o.documents ?? ''), by: o.by }),
    },
    {
      name: 'documents-received',
      description: "record the provider's documents",
      update: () => load.messages().recordDocumentsReceivedUpdate as never,
      options: [new Option('--documents <list>', 'documents, separated by ;').makeOptionMandatory()],
      toCommand: (o) => ({ documents: list(o.documents ?? ''), by: o.by }),
    },
    {
      name: 'request-exception',
      description: 'record an exception request, where the decision allows one (status shows the rule)',
      update: () => load.messages().requestExceptionUpdate as never,
      options: [new Option('--reason <text>', 'the care grounds').makeOptionMandatory()],
      toCommand: (o) => ({ reason: o.reason, by: o.by }),
    },
    {
      name: 'apply',
      description: 'record an application of a provider without an offer ("geen aanbod ontvangen")',
      update: () => load.messages().recordApplicationUpdate as never,
      options: [new Option('--received-on <date>', 'the day the application came (YYYY-MM-DD)').argParser(isoDay).makeOptionMandatory(), new Option('--kinds <list>', 'contract kinds, separated by ;')],
      toCommand: (o) => ({ receivedOn: o.receivedOn, kinds: list(o.kinds ?? ''), by: o.by }),
    },
    {
      name: 'corrected-evidence',
      description: 'record corrected evidence for a better tier, where the contract kind takes it (status shows how it takes effect)',
      update: () => load.messages().recordCorrectedEvidenceUpdate as never,
      options: [new Option('--tier <tier>').choices(['A', 'B', 'C', 'D']).makeOptionMandatory(), new Option('--received-on <date>', 'the day the right evidence arrived (YYYY-MM-DD, default today)').argParser(isoDay), new Option('--note <text>')],
      toCommand: (o) => ({ tier: o.tier, receivedOn: o.receivedOn, by: o.by, note: o.note }),
    },
    {
      name: 'new-product',
      description: 'record a request for a new product in the coming offer, until the policy\'s last day for it',
      update: () => load.messages().requestNewProductUpdate as never,
      options: [new Option('--product <text>').makeOptionMandatory(), new Option('--received-on <date>', 'YYYY-MM-DD, default today').argParser(isoDay)],
      toCommand: (o) => ({ product: o.product, receivedOn: o.receivedOn, by: o.by }),
    },
    {
      name: 'resume',
      description: 'resume a track stopped by a business refusal (NEEDS_ATTENTION) once the cause is fixed: the refused step runs again',
      update: () => load.messages().resumeUpdate as never,
      options: [new Option('--note <text>', 'what was fixed')],
      toCommand: (o) => ({ by: o.by, note: o.note }),
    },
    {
      name: 'withdraw',
      description: "record an opt-out or withdrawal; whatever is open is closed, a listing is taken out of the finder",
      update: () => load.messages().withdrawUpdate as never,
      options: [new Option('--reason <text>').makeOptionMandatory(), new Option('--initiated-by <who>').choices(['provider', 'staff']).makeOptionMandatory()],
      toCommand: (o) => ({ reason: o.reason, initiatedBy: o.initiatedBy, by: o.by }),
    },
  ];
  for (const r of recorders) {
    const cmd = program.command(r.name).description(r.description).argument('<agb>', 'AGB code of the provider', agb);
    if (r.argument) cmd.addArgument(r.argument);
    cmd.addOption(policyOption()).addOption(kindOption()).requiredOption('--by <name>', 'who records it');
    for (const o of r.options) cmd.addOption(o);
    cmd.action(async (agbCode: string, ...rest: unknown[]) => {
      const argument = r.argument ? (rest[0] as string) : undefined;
      const opts = (r.argument ? rest[1] : rest[0]) as Record<string, string | undefined> & { policy: string; kind?: string };
      const command = r.toCommand(opts, argument);
      const view = await withProvider(opts.policy, agbCode, opts.kind, (client, id) => client.workflow.getHandle(id).executeUpdate(r.update(), { args: [command as never] }));
      print(view, () => formatStatus(view));
    });
  }

  const deadline = program.command('deadline').description('move deadlines (the policies reserve the right to change dates)');
  deadline
    .command('move')
    .description('move a deadline for one provider (--agb) or for every open provider of the policy (--all)')
    .addArgument(new Argument('<deadline>').choices(['signing-deadline', 'questionnaire-deadline', 'offer']))
    .addOption(policyOption())
    .addOption(kindOption())
    .requiredOption('--to <date>', 'the new day (YYYY-MM-DD)', isoDay)
    .requiredOption('--reason <text>', 'why it moves (kept in every provider\'s history)')
    .requiredOption('--by <name>', 'who moves it')
    .option('--agb <agb>', 'only this provider', agb)
    .option('--all', 'every open provider of the policy')
    .action(async (which: DeadlineMoveCommand['deadline'], opts: { policy: string; kind?: string; to: string; reason: string; by: string; agb?: string; all?: boolean }) => {
      if (Boolean(opts.agb) === Boolean(opts.all)) throw new UsageError('name one provider with --agb, or all open providers with --all');
      const move = { deadline: which, to: opts.to, reason: opts.reason, by: opts.by };
      // Everything typed is checked before connecting: the policy, the kind (one of the policy's), the provider.
      const edition = editionOf(opts.policy);
      const policy = edition.id;
      const kind = opts.kind === undefined ? undefined : contractKind(edition, opts.kind);
      const { client, close } = await connect(config());
      try {
        let ids: string[];
        if (opts.agb) ids = [await trackOf(client, edition, opts.agb, kind)];
        else {
          ids = [];
          const query = [equals('ZorgPolicy', policy), "ExecutionStatus = 'Running'", ...(kind ? [equals('ZorgContractKind', kind)] : [])].join(' AND ');
          for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
        }
        const report = await load.deadlines().moveDeadlines(client, ids, move, { onProgress: (n) => !json() && ids.length > 20 && n % 100 === 0 && io.err(`  ${n}/${ids.length}\n`) });
        print(report, () => [`${which} ${day(opts.to)}: ${report.moved.length} moved, ${report.refused.length} refused`, ...report.refused.map((r) => `  ${r.workflowId}: ${r.reason}`)].join('\n'));
        if (opts.agb && report.refused.length) throw new Error(`refused: ${report.refused[0]!.reason}`);
      } finally {
        await close();
      }
    });

  program
    .command('portal')
    .description('what providers received in the local portal (invitations, offers, closed offers)')
    .argument('[agb]', 'only this provider')
    .action(async (agbCode?: string) => {
      const code = agbCode && agb(agbCode);
      const messages = await withDatabase(config(), (database) => new (load.portal().LocalContractPortal)(database).messages(code));
      print(messages, () => (messages.length ? formatPortal(messages) : 'the portal has sent nothing yet'));
    });

  program
    .command('finder')
    .description('what the local provider finder (zorgzoeker) lists')
    .action(async () => {
      const listings = await withDatabase(config(), (database) => new (load.directory().LocalProviderDirectory)(database).listings());
      print(listings, () => (listings.length ? formatListings(listings) : 'the provider finder lists nobody yet'));
    });

  const directory = program.command('directory').description('the provider finder (zorgzoeker)');
  directory
    .command('export')
    .description('the provider-finder list: signed, published contracts only, one line per location (CSV or JSON)')
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .option('--policy <id>', 'only this policy')
    .option('--out <file>', 'write to a file instead of the screen')
    .action(async (opts: { format: 'csv' | 'json'; policy?: string; out?: string }) => {
      const policy = opts.policy && policyId(opts.policy);
      const listings = (await withDatabase(config(), (database) => new (load.directory().LocalProviderDirectory)(database).listings())).filter((l) => !policy || l.policyId === policy);
      const text = opts.format === 'json' || json() ? `${JSON.stringify(listings, null, 2)}\n` : exportCsv(listings);
      if (opts.out) {
        load.fs().writeFileSync(opts.out, text);
        io.err(`${listings.length} listing(s) written to ${opts.out}\n`);
      } else io.out(text);
    });

  const contracts = program.command('contracts').description('the contract register: signed contracts and their amendments');
  const contractFilters = (command: Command) =>
    command
      .option('--policy <id>', 'only contracts from this policy edition', policyId)
      .option('--agb <code>', 'only this provider', agb)
      .option('--care-type <type>', 'only this care type (zg, paramedisch, farmacie, hulpmiddelen, geboortezorg)')
      .option('--year <year>', 'only contracts running in this year', year);
  const readContracts = (opts: { policy?: string; agb?: string; careType?: string; year?: number }) =>
    withDatabase(config(), (database) => new (load.contracts().ContractRegister)(database).list({ policyId: opts.policy, agbCode: opts.agb, careType: opts.careType, year: opts.year }));
  contractFilters(contracts.command('list').description('the register, one line per contract'))
    .action(async (opts: { policy?: string; agb?: string; careType?: string; year?: number }) => {
      const list = await readContracts(opts);
      print(list, () => (list.length ? formatContracts(list) : 'the register holds no contract that matches'));
    });
  contractFilters(contracts.command('export').description('the register as CSV for Dutch Excel (; separated, UTF-8 with BOM, AGB codes as text) or JSON'))
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to a file instead of the screen')
    .action(async (opts: { policy?: string; agb?: string; careType?: string; year?: number; format: 'csv' | 'json'; out?: string }) => {
      const list = await readContracts(opts);
      const text = opts.format === 'json' || json() ? `${JSON.stringify(list, null, 2)}\n` : contractsCsv(list);
      if (opts.out) {
        load.fs().writeFileSync(opts.out, text);
        io.err(`${list.length} contract(s) written to ${opts.out}\n`);
      } else io.out(text);
    });

  program
    .command('mail')
    .description('the e-mail to providers: what was sent, what waits for the mail server, and providers without an address')
    .argument('[agb]', 'only this provider', agb)
    .addOption(new Option('--status <status>', 'only e-mail in this state').choices(['pending', 'sent', 'no-address']))
    .action(async (agbCode: string | undefined, opts: { status?: 'pending' | 'sent' | 'no-address' }) => {
      const list = await withDatabase(config(), (database) => load.mail().emails(database, { agbCode, status: opts.status }));
      print(list, () => (list.length ? formatEmails(list) : 'no e-mail to providers yet'));
    });

  program
    .command('audit')
    .description('who did what and when: every update a person made to a track')
    .argument('[agb]', 'only this provider', agb)
    .option('--policy <id>', 'only this policy', policyId)
    .option('--by <name>', 'only what this person did')
    .action(async (agbCode: string | undefined, opts: { policy?: string; by?: string }) => {
      const entries = await withDatabase(config(), (database) => new (load.audit().AuditLog)(database).entries({ agbCode, policyId: opts.policy, actor: opts.by }));
      print(entries, () => (entries.length ? formatAudit(entries) : 'nothing in the audit log that matches'));
    });

  program
    .command('inbox')
    .description('what waits for staff in the local inbox (escalations, new-product requests)')
    .action(async () => {
      const messages = await withDatabase(config(), (database) => new (load.staff().LocalStaffInbox)(database).messages());
      print(messages, () => (messages.length ? formatInbox(messages) : 'nothing waits for staff'));
    });

  // Bulk decisions from a spreadsheet (cli/import.ts; the import module loads when it runs).
  addImportCommand(program, { config, editions, connect, print, err: io.err, usageError: (message) => new UsageError(message) });
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
