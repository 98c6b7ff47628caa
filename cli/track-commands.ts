/** The CLI's commands for one provider's track: its status, the list of tracks, every command of the catalogue, and deadline moves. */
import { Argument, Option } from 'commander';
import type { DeadlineMoveCommand } from '../workflows/catalogue';
import { PUBLIC_STATUSES } from '../machines/statuses';
import { equals } from '../operations/visibility';
import { formatProviders, formatStatus, day, type ProviderRow } from './format';
import { load, UsageError, trackOf, closedTrack, connect, contractKind, isoDay, kebab, agb, type CliContext } from './context';

export function addTrackCommands(cli: CliContext): void {
  const { program, io, json, print, config, editionOf, policyId, withProvider, policyOption, kindOption } = cli;
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
    .addOption(new Option('-s, --status <status>', 'only this public status').choices([...PUBLIC_STATUSES]))
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

  // What staff record for a provider: each command of the catalogue (workflows/catalogue.ts)
  // that is not given elsewhere, with its fields as arguments and options; the provider's
  // workflow validates it again.
  const { COMMAND_LIST, COMMANDS, commandFromText } = load.catalogue();
  for (const c of COMMAND_LIST.filter((c) => c.cli)) {
    const cmd = program.command(kebab(c.name)).description(c.description).argument('<agb>', 'AGB code of the provider', agb);
    const positional = c.fields.filter((f) => f.positional);
    for (const f of positional) cmd.addArgument(new Argument(`<${f.name}>`, f.help).choices(f.choices ?? []));
    cmd.addOption(policyOption()).addOption(kindOption()).requiredOption('--by <name>', 'who records it');
    for (const f of c.fields.filter((f) => !f.positional)) {
      const option = new Option(`--${kebab(f.name)} <${f.kind === 'day' ? 'date' : f.kind}>`, f.help);
      if (f.choices) option.choices(f.choices);
      if (f.kind === 'day') option.argParser(isoDay);
      cmd.addOption(f.required ? option.makeOptionMandatory() : option);
    }
    cmd.action(async (agbCode: string, ...rest: unknown[]) => {
      const opts = rest[positional.length] as Record<string, string | undefined> & { policy: string; kind?: string; by: string };
      const values: Record<string, string | undefined> = { ...opts };
      positional.forEach((f, i) => (values[f.name] = rest[i] as string));
      // Checked before connecting, as everything typed; the workflow checks it again.
      const parsed = c.parse(commandFromText(c, values, opts.by));
      if (!parsed.ok) throw new UsageError(parsed.error.message);
      const view = await withProvider(opts.policy, agbCode, opts.kind, (client, id) => c.send(client.workflow.getHandle(id), parsed.value));
      print(view, () => formatStatus(view));
    });
  }

  const deadline = program.command('deadline').description('move deadlines (the policies reserve the right to change dates)');
  deadline
    .command('move')
    .description('move a deadline for one provider (--agb) or for every open provider of the policy (--all)')
    .addArgument(new Argument('<deadline>').choices(COMMANDS.moveDeadline.fields.find((f) => f.name === 'deadline')?.choices ?? []))
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
}
