/**
 * `zorginkoop`: what operations staff type. Run it as `npm run zorginkoop -- <command>`.
 *
 * Every command takes `--json`; bad input gets a message saying what and where and a non-zero
 * exit (2 for bad input or configuration, 1 for a refusal by the workflow or the server).
 */
import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Argument, Command, Option } from 'commander';
import { LocalProviderDirectory } from '../activities/directory';
import { LocalContractPortal } from '../activities/portal';
import { ConfigError, connectionOptions, loadConfig, type Config } from '../config/config';
import { PUBLIC_STATUSES } from '../machines/public-status';
import { evaluate, getPolicy, POLICIES } from '../policies';
import { formatDay, formatInstant } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import { earliestDay, EVENT_WORDS, latestDay } from '../policies/plan-date';
import type { Policy } from '../policies/policy';
import { publicHolidayName } from '../policies/holidays';
import { providerWorkflowId } from '../workflows/ids';
import {
  recordConversationOutcomeUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
  type ProviderStatusView,
} from '../workflows/messages';
import { providerContractingWorkflow } from '../workflows/provider-contracting';
import { ZorgAgbCode, ZorgNextDeadline, ZorgPolicy, ZorgStatus } from '../workflows/search-attributes';
import { readProvidersFile } from './providers-file';
import { registerSearchAttributes } from './search-attributes';

/** Bad input from the user: exit code 2. */
class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

async function connect(config: Config): Promise<{ client: Client; connection: Connection; close: () => Promise<void> }> {
  const connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: '5 seconds' }).catch((err: Error) => {
    throw new Error(`cannot reach Temporal at ${config.address}: ${err.message}. Is the server running (npm start)?`);
  });
  return { client: new Client({ connection, namespace: config.namespace }), connection, close: () => connection.close() };
}

const AGB = /^\d{8}$/;
function agb(value: string): string {
  if (!AGB.test(value)) throw new UsageError(`AGB code '${value}': an AGB code is exactly 8 digits, e.g. 01234567`);
  return value;
}

function policyId(value: string): string {
  try {
    return getPolicy(value).policy.id;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The provider's status as staff read it. */
export function formatStatus(v: ProviderStatusView): string {
  const day = (d?: string) => (d ? `${d} (${formatDay(d)})` : '-');
  const lines = [
    `${v.providerName} (AGB ${v.agbCode}), ${v.policyId}`,
    `Status: ${v.status}: ${v.statusText}`,
    `Track: ${v.track ?? '-'}`,
    'Planned:',
    `  invitations by     ${day(v.planned.invitationBy)}`,
    `  offer sent         ${day(v.planned.offeredOn)}`,
    `  signing deadline   ${v.planned.signingDeadline ? day(v.planned.signingDeadline) : v.planned.signingRule}`,
    `  publication from   ${day(v.planned.publicationFrom)}`,
    `  published          ${day(v.planned.publishedOn)}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event} at ${formatInstant(v.nextDeadline.at)}`);
  if (v.reasons.length) {
    lines.push('Reasons:');
    for (const r of v.reasons) lines.push(`  ${r.met ? 'yes' : 'NO '} ${r.ruleId}: ${r.text} [${r.source.file} s${r.source.section}]`);
  }
  lines.push('History:');
  for (const h of v.history) lines.push(`  ${formatInstant(h.at)}  ${h.text}${h.by ? ` (by ${h.by})` : ''}`);
  return lines.join('\n');
}

/** A day with its Dutch weekday, and a warning where it is a weekend or public holiday. */
function dayWithWeekday(date: string): string {
  const holiday = publicHolidayName(date);
  const weekday = formatDay(date);
  const weekend = /^(zaterdag|zondag)/.test(weekday);
  return `${weekday}${weekend ? ' (weekend)' : ''}${holiday ? ` (${holiday})` : ''}`;
}

/** The season's calendar, step by step, as staff read it. */
export function formatPlan(policy: Policy): string {
  const lines = [`${policy.title} (${policy.id}), contract year ${policy.contractYear}; source ${policy.seedFile}`, ''];
  for (const step of policy.calendar) {
    const d = step.date;
    const from = earliestDay(d);
    const to = latestDay(d);
    const when =
      d.kind === 'window'
        ? `${dayWithWeekday(d.from)} to ${dayWithWeekday(d.to)}`
        : d.kind === 'by'
          ? `by ${dayWithWeekday(to!)}`
          : d.kind === 'from'
            ? `from ${dayWithWeekday(from!)}`
            : d.kind === 'on'
              ? dayWithWeekday(d.date)
              : d.kind === 'after'
                ? `${d.weeks} weeks after the offer (same weekday, Amsterdam calendar)`
                : EVENT_WORDS[d.event];
    const scope = [step.tracks?.join('/'), step.kinds?.join(', ')].filter(Boolean).join('; ');
    lines.push(`${step.label}${scope ? ` [${scope}]` : ''}`);
    lines.push(`    ${when}`);
    lines.push(`    "${step.when}" (${step.source.file.slice(0, 3)} s${step.source.section})`);
  }
  return lines.join('\n');
}

/** Decisions as a table, each followed by its reasons. */
export function formatDecisions(decisions: Decision[], names: Map<string, string>): string {
  const lines: string[] = [];
  for (const d of decisions) {
    const cells = [
      d.agbCode,
      (names.get(d.agbCode) ?? '').slice(0, 30).padEnd(30),
      d.contractKind.padEnd(22),
      d.track.padEnd(16),
      d.tier ? `tier ${d.tier.tier}` : '      ',
      d.term ? `${d.term.fromYear}-${d.term.toYear}` : '         ',
      d.startDate ? `start ${d.startDate}` : '',
    ];
    lines.push(cells.join('  ').trimEnd());
    for (const r of [...d.reasons, ...(d.tier?.factors ?? [])]) {
      lines.push(`    ${r.met ? 'yes' : 'NO '} ${r.ruleId}: ${r.text} [${r.source.file.slice(0, 3)} s${r.source.section}]`);
    }
  }
  const byTrack = new Map<string, number>();
  for (const d of decisions) byTrack.set(d.track, (byTrack.get(d.track) ?? 0) + 1);
  lines.push('', `${decisions.length} decision(s): ${[...byTrack].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  return lines.join('\n');
}

/** Builds the program; `io` lets tests capture what it prints. */
export function buildProgram(env: Record<string, string | undefined>, io: Io): Command {
  const program = new Command('zorginkoop')
    .description('Operations CLI for the yearly contracting of care providers')
    .option('--json', 'print JSON instead of text')
    .showHelpAfterError()
    // Throw instead of exiting, in every subcommand (inherited by those added below).
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const json = () => Boolean(program.opts().json);
  const print = (value: unknown, text: () => string) => io.out(`${json() ? JSON.stringify(value, null, 2) : text()}\n`);
  const config = () => loadConfig(env);

  const withProvider = async <T>(policy: string, agbCode: string, fn: (client: Client, workflowId: string) => Promise<T>): Promise<T> => {
    const { client, close } = await connect(config());
    try {
      return await fn(client, providerWorkflowId(policyId(policy), agb(agbCode)));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new Error(`no contracting track for AGB ${agbCode} under ${policy}`);
      if (err instanceof WorkflowUpdateFailedError) throw new Error(`refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      throw err;
    } finally {
      await close();
    }
  };
  const policyOption = () => new Option('-p, --policy <id>', `policy id (${[...POLICIES.keys()].join(', ')})`).makeOptionMandatory();

  program
    .command('policies')
    .description('list the policies this product knows')
    .action(() => {
      const list = [...POLICIES.values()].map(({ policy: p }) => ({ id: p.id, title: p.title, contractYear: p.contractYear, seed: p.seedFile }));
      print(list, () => list.map((p) => `${p.id}  ${p.title} (contract year ${p.contractYear}; ${p.seed})`).join('\n'));
    });

  program
    .command('plan')
    .description("the season's calendar, step by step, with dates and weekdays")
    .argument('<policy>', 'policy id', policyId)
    .action((policy: string) => {
      const { policy: p } = getPolicy(policy);
      print(p.calendar, () => formatPlan(p));
    });

  program
    .command('evaluate')
    .description("each provider's decision under a policy, with its reasons (nothing is started)")
    .argument('<policy>', 'policy id', policyId)
    .argument('<file>', 'providers file (.json or .csv)')
    .action((policy: string, file: string) => {
      let providers;
      try {
        providers = readProvidersFile(file);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const decisions = providers.flatMap((p) => evaluate(getPolicy(policy), p));
      print(decisions, () => formatDecisions(decisions, new Map(providers.map((p) => [p.agbCode, p.name]))));
    });

  program
    .command('setup')
    .description("register this product's search attributes on the Temporal server (idempotent)")
    .action(async () => {
      const c = config();
      const { connection, close } = await connect(c);
      try {
        const added = await registerSearchAttributes(connection, c.namespace);
        print({ added }, () => (added.length ? `registered: ${added.join(', ')}` : 'search attributes already registered'));
      } finally {
        await close();
      }
    });

  const campaign = program.command('campaign').description('start and watch a policy\'s contracting tracks');
  campaign
    .command('start')
    .description('start the contracting track of every provider in a file; providers already started are left alone')
    .argument('<policy>', 'policy id, e.g. zg-2026', policyId)
    .requiredOption('--providers <file>', 'providers file (.json or .csv)')
    .option('--dry-run', 'validate and show each decision; start nothing')
    .action(async (policy: string, opts: { providers: string; dryRun?: boolean }) => {
      let providers;
      try {
        providers = readProvidersFile(opts.providers);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      if (opts.dryRun) {
        const decisions = providers.flatMap((p) => evaluate(getPolicy(policy), p));
        print(decisions, () => formatDecisions(decisions, new Map(providers.map((p) => [p.agbCode, p.name]))));
        return;
      }
      const c = config();
      const { client, close } = await connect(c);
      const results: { agbCode: string; workflowId: string; result: 'started' | 'already started' }[] = [];
      try {
        for (const provider of providers) {
          const workflowId = providerWorkflowId(policy, provider.agbCode);
          try {
            await client.workflow.start(providerContractingWorkflow, {
              taskQueue: c.taskQueue,
              workflowId,
              // The business key is the workflow id: one track per provider and policy, ever.
              workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
              args: [{ policyId: policy, provider }],
              typedSearchAttributes: [
                { key: ZorgPolicy, value: policy },
                { key: ZorgAgbCode, value: provider.agbCode },
                { key: ZorgStatus, value: 'EVALUATING' },
              ],
              staticSummary: `${provider.name} (AGB ${provider.agbCode}), ${policy}`,
            });
            results.push({ agbCode: provider.agbCode, workflowId, result: 'started' });
          } catch (err) {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
            results.push({ agbCode: provider.agbCode, workflowId, result: 'already started' });
          }
        }
      } finally {
        await close();
      }
      const started = results.filter((r) => r.result === 'started').length;
      print(results, () => `${started} started, ${results.length - started} already started (${opts.providers}, ${policy})`);
    });

  program
    .command('status')
    .description("a provider's status, planned dates, reasons and history")
    .argument('<agb>', 'AGB code of the provider')
    .addOption(policyOption())
    .action(async (agbCode: string, opts: { policy: string }) => {
      const view = await withProvider(opts.policy, agbCode, (client, id) => client.workflow.getHandle(id).query(statusQuery));
      print(view, () => formatStatus(view));
    });

  program
    .command('list')
    .description('providers by policy and public status (from the search attributes)')
    .option('-p, --policy <id>', 'only this policy')
    .addOption(new Option('-s, --status <status>', 'only this public status').choices(Object.keys(PUBLIC_STATUSES)))
    .action(async (opts: { policy?: string; status?: string }) => {
      const clauses = [opts.policy && `ZorgPolicy = '${policyId(opts.policy)}'`, opts.status && `ZorgStatus = '${opts.status}'`, 'ZorgAgbCode IS NOT NULL'].filter(Boolean);
      const { client, close } = await connect(config());
      const rows: { workflowId: string; agbCode?: string; policy?: string; status?: string; nextDeadline?: string }[] = [];
      try {
        for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
          const sa = wf.typedSearchAttributes;
          rows.push({
            workflowId: wf.workflowId,
            agbCode: sa.get(ZorgAgbCode),
            policy: sa.get(ZorgPolicy),
            status: sa.get(ZorgStatus),
            nextDeadline: sa.get(ZorgNextDeadline)?.toISOString(),
          });
        }
      } finally {
        await close();
      }
      rows.sort((a, b) => (a.agbCode ?? '').localeCompare(b.agbCode ?? ''));
      print(rows, () =>
        rows.length
          ? rows.map((r) => `${r.agbCode}  ${r.policy}  ${(r.status ?? '').padEnd(21)} ${r.nextDeadline ? `next deadline ${formatInstant(r.nextDeadline)}` : ''}`.trimEnd()).join('\n')
          : 'no providers match',
      );
    });

  program
    .command('outcome')
    .description('record how the purchase conversation ended (positive sends the offer)')
    .argument('<agb>', 'AGB code of the provider')
    .addArgument(new Argument('<outcome>', 'positive or negative').choices(['positive', 'negative']))
    .addOption(policyOption())
    .requiredOption('--by <name>', 'who records it')
    .option('--note <text>', 'what was agreed or why not')
    .action(async (agbCode: string, outcome: 'positive' | 'negative', opts: { policy: string; by: string; note?: string }) => {
      const view = await withProvider(opts.policy, agbCode, (client, id) =>
        client.workflow.getHandle(id).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome, by: opts.by, note: opts.note }] }),
      );
      print(view, () => formatStatus(view));
    });

  program
    .command('sign')
    .description('record that the provider signed the offer in the portal')
    .argument('<agb>', 'AGB code of the provider')
    .addOption(policyOption())
    .requiredOption('--by <name>', 'the signatory')
    .option('--note <text>', 'a note')
    .action(async (agbCode: string, opts: { policy: string; by: string; note?: string }) => {
      const view = await withProvider(opts.policy, agbCode, (client, id) =>
        client.workflow.getHandle(id).executeUpdate(recordSignatureUpdate, { args: [{ by: opts.by, note: opts.note }] }),
      );
      print(view, () => formatStatus(view));
    });

  program
    .command('refuse')
    .description('record that the provider refused the offer')
    .argument('<agb>', 'AGB code of the provider')
    .addOption(policyOption())
    .requiredOption('--by <name>', 'who refused or who records it')
    .requiredOption('--reason <text>', 'why the provider refused')
    .action(async (agbCode: string, opts: { policy: string; by: string; reason: string }) => {
      const view = await withProvider(opts.policy, agbCode, (client, id) =>
        client.workflow.getHandle(id).executeUpdate(recordRefusalUpdate, { args: [{ by: opts.by, reason: opts.reason }] }),
      );
      print(view, () => formatStatus(view));
    });

  program
    .command('portal')
    .description('what providers received in the local portal (invitations, offers, closed offers)')
    .argument('[agb]', 'only this provider')
    .action(async (agbCode?: string) => {
      const messages = await new LocalContractPortal(config().dataDir).messages(agbCode && agb(agbCode));
      print(messages, () =>
        messages.length
          ? messages
              .map((m) => {
                const what = m.kind === 'offer' ? `offer, sign by ${m.signingDeadline}` : m.kind === 'offer-closed' ? `offer closed (${m.reason})` : 'invitation to the purchase conversation';
                const when = m.kind === 'offer-closed' ? m.closedAt : m.sentAt;
                return `${formatInstant(when)}  ${m.agbCode}  ${what}`;
              })
              .join('\n')
          : 'the portal has sent nothing yet',
      );
    });

  program
    .command('finder')
    .description('what the local provider finder (zorgzoeker) lists')
    .action(async () => {
      const listings = await new LocalProviderDirectory(config().dataDir).listings();
      print(listings, () =>
        listings.length
          ? listings.map((l) => `${l.publishedOn}  ${l.locationAgbCode}  ${l.locationName}, ${l.city}  (${l.providerName}, ${l.contractKind} ${l.contractYear})`).join('\n')
          : 'the provider finder lists nobody yet',
      );
    });

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
    return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
