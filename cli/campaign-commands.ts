/** The CLI's commands for a policy's campaign: start it (or check a provider file with --dry-run) and follow it. */
import type { CampaignProgress } from '../workflows/campaign';
import { PUBLIC_STATUSES } from '../machines/statuses';
import { equals } from '../operations/visibility';
import { formatDecisions, formatRegisterNotes, formatTransparencyGaps, table } from './format';
import { load, UsageError, withDatabase, connect, type CliContext } from './context';

export function addCampaignCommands(cli: CliContext): void {
  const { program, io, json, print, config, editions, editionOf, policyId } = cli;
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
      // What the NZa's transparency rule asks and the edition lacks: a draft and a dry run warn; a
      // real start of a published edition is refused below (operations/campaigns.ts).
      const gaps = load.transparency().checkTransparency(editionOf(policy)).gaps;
      if (gaps.length && (opts.dryRun || editionOf(policy).status !== 'published')) {
        const refused = editionOf(policy).status === 'published' ? 'a real start is refused until they are added' : 'to add before it is published';
        io.err(`warning: ${policy} lacks ${gaps.length} item(s) of the NZa's transparency rule (${refused}):\n${formatTransparencyGaps(gaps, (g) => g.path.join('.'), 'warning: ').join('\n')}\n`);
      }
      if (opts.dryRun) {
        // As the real start decides: with the register's running contracts, where it can be read.
        const edition = editionOf(policy);
        const today = load.calendar().amsterdamDay(Date.now());
        const check = await withDatabase(config(), (database) => load.campaigns().checkCampaign(database, edition, providers, today)).catch((err: Error) => {
          io.err(`warning: the contract register was not read (${err.message}); the decisions use the provider file's contracts only\n`);
          return load.campaigns().checkCampaign(undefined, edition, providers, today);
        });
        if (check.notes.length) io.err(`${formatRegisterNotes(check.notes)}\n`);
        const { decisions } = check;
        print(decisions, () => formatDecisions(decisions, new Map(providers.map((p) => [p.agbCode, p.name]))));
        return;
      }
      const edition = editionOf(policy);
      if (edition.status !== 'published') {
        throw new UsageError(`${policy} is a ${edition.status} edition, not a published policy: a real campaign runs published editions only (rehearse a draft; publish it by setting status: published)`);
      }
      // Before anything connects: a published edition the transparency rule finds lacking starts nothing (exit 2).
      load.campaigns().refuseUntransparent(edition);
      const c = config();
      const { client, close } = await connect(c);
      try {
        // The list goes to the database every worker reads, under its import id; the workflow
        // carries only offsets.
        const started = await withDatabase(c, (database) => load.campaigns().launchCampaign(client, database, edition, providers, { taskQueue: c.taskQueue, source: opts.providers }));
        if (started.notes.length) io.err(`${formatRegisterNotes(started.notes)}\n`);
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
        for (const status of [...PUBLIC_STATUSES]) {
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
}
