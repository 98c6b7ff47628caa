/** The CLI's commands for policies and their editions: list, plan, evaluate, setup, and authoring (draft, check, diff). */
import { Argument } from 'commander';
import type { Edition } from '../policies';
import type { CareType, PlanStep } from '../policies/policy';
import { equals } from '../operations/visibility';
import type { FileTransparency } from '../policies/edition-file';
import { formatDay } from '../policies/calendar';
import { ARTICLE_ITEM } from '../policies/transparency-items';
import { wordsFor } from '../words';
import { formatDecisions, formatTransparencyGaps } from './format';
import { load, UsageError, IncompleteError, withDatabase, connect, CARE_TYPES, type CliContext } from './context';

export function addPolicyCommands(cli: CliContext): void {
  const { program, io, print, config, editions, editionOf, policyId } = cli;
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
      const { edition, problems, warnings, transparency } = load.editions().checkFile(file, today);
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
      const refused = edition.status === 'published' && !!transparency?.gaps.length;
      print({ file, id: edition.id, revision: edition.revision, status: edition.status, problems, warnings, transparency, moves, openTracks: counts }, () =>
        [
          `${file}: a valid ${edition.careType} edition, ${edition.id} (revision ${edition.revision}, ${edition.status}), ${warnings.length} warning(s)${listed.length ? ':' : ''}`,
          ...listed,
          '',
          ...(transparency ? [...transparencyLines(file, edition.status, transparency), ''] : []),
          load.editions().formatPlan(edition),
          ...moves.map((m) => {
            const waiting = counts?.[m.step.step];
            const apply = load.pastSteps().MOVABLE[m.step.step];
            const day = load.planDate().latestDay(m.step.date) ?? load.planDate().earliestDay(m.step.date);
            return `amended: ${m.step.label}: '${m.from}' (revision ${m.revision}, which open tracks run with) -> '${m.to}'; ${waiting === undefined ? 'open tracks not counted (cannot reach Temporal)' : `${waiting} open track(s) wait on it`}${apply && day ? `; apply to them with: zorginkoop deadline move ${apply} --policy ${edition.id} --all --to ${day} --reason "..." --by NAME` : ''}`;
          }),
        ].join('\n'),
      );
      // A published edition the transparency rule finds lacking cannot start a campaign: say so by the exit code too.
      if (refused) throw new IncompleteError(`${edition.id} is published but lacks ${transparency!.gaps.length} item(s) of the NZa's transparency rule (above); campaign start refuses it`);
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
}

/**
 * The transparency check of an edition file: each missing item and warning at its line, in Dutch
 * for staff with the English beneath for engineers; then the terms the edition gives.
 */
function transparencyLines(file: string, status: string, t: FileTransparency): string[] {
  const nl = wordsFor('nl').transparency;
  const en = wordsFor('en').transparency;
  const nlDay = (d: string) => formatDay(d);
  const enDay = (d: string) => formatDay(d, 'en-GB');
  const at = (f: { line?: number; path: (string | number)[] }) => `${file}${f.line ? `:${f.line}` : ''}: ${f.path.join('.')}`;
  const draft = status !== 'published';
  return [
    `${nl.title} (${en.title}): ${t.gaps.length ? `${t.gaps.length} ${t.gaps.length === 1 ? 'onderdeel ontbreekt' : 'onderdelen ontbreken'} / missing${draft ? ` (${nl.draftOnly})` : ''}` : 'in orde / complete'}`,
    ...formatTransparencyGaps(t.gaps, at, draft ? 'warning: ' : ''),
    ...t.warnings.flatMap((w) => [`  warning: ${at(w)}: ${nl.warning(w, nlDay)}`, `      (${en.warning(w, enDay)})`]),
    `  art. 4 onder ${ARTICLE_ITEM.phases}, termijnen / terms:`,
    `    ${nl.answerTarget(t.terms.answerWithinWorkingDays)}`,
    ...t.terms.studyTimes.map((s) => `    ${file}${s.line ? `:${s.line}` : ''}: ${nl.studyTime(s)}`),
  ];
}
