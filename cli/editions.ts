/**
 * Authoring policy editions: what a purchaser does each spring before the season, without a new
 * release of the code.
 *
 * - `policy draft <care type> <year> --from <edition>`: next year's file, every date moved by the
 *   years between and marked REVIEW, the status `draft`;
 * - `policy check <file>`: every problem with its line; then the season plan with weekdays, a
 *   warning for each date on a weekend or a Dutch public holiday and for each step already past,
 *   and, against the revisions open tracks run with, which open tracks an amended date would move;
 * - `policy diff <a> <b>`: what changed between two editions, in words.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, visit, type Node, type Pair, type Scalar } from 'yaml';
import { revisionOf, type EditionStore } from '../activities/edition-store';
import type { Edition } from '../policies';
import { checkEditionText, formatProblem, type EditionFileProblem, type FileTransparency } from '../policies/edition-file';
import { formatDay } from '../policies/calendar';
import { clauseChanges } from '../policies/contract-changes';
import { publicHolidayName } from '../policies/holidays';
import { describePlanDate, earliestDay, EVENT_WORDS, latestDay } from '../policies/plan-date';
import type { CareType, PlanStep, Policy } from '../policies/policy';

/** A day with its Dutch weekday, and a note where it is a weekend or public holiday. */
export function dayWithWeekday(date: string): string {
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

/** The key a calendar step is known by across editions: its step, tracks and kinds. */
function stepKey(step: Pick<PlanStep, 'step' | 'tracks' | 'kinds'>): string {
  return `${step.step}${step.tracks ? ` [${step.tracks.join('/')}]` : ''}${step.kinds ? ` (${step.kinds.join(', ')})` : ''}`;
}

/** What differs between two editions, one sentence a change: dates, thresholds, kinds, terms, tiers, conditions, rules. */
export function diffEditions(a: Edition, b: Edition): string[] {
  const out: string[] = [];
  const say = (text: string) => out.push(text);
  if (a.contractYear !== b.contractYear) say(`contract year: ${a.contractYear} -> ${b.contractYear}`);
  if (a.status !== b.status) say(`status: ${a.status} -> ${b.status}`);
  if (a.seedFile !== b.seedFile) say(`policy text (seed): ${a.seedFile} -> ${b.seedFile}`);
  if (a.answerWithinWorkingDays !== b.answerWithinWorkingDays) say(`answer target for staff: ${a.answerWithinWorkingDays} -> ${b.answerWithinWorkingDays} working days`);
  if (JSON.stringify(a.reminderDaysBefore) !== JSON.stringify(b.reminderDaysBefore)) say(`reminders: ${a.reminderDaysBefore.join(', ')} -> ${b.reminderDaysBefore.join(', ')} days before a deadline`);

  // What the NZa's transparency rule asks: publication, contact, quality policy (docs/transparency.md).
  for (const field of ['published', 'contact', 'qualityPolicy'] as const) for (const line of deepDiff(field, a[field], b[field])) say(line);

  // Dates, by step.
  const stepsA = new Map(a.calendar.map((s) => [stepKey(s), s]));
  const stepsB = new Map(b.calendar.map((s) => [stepKey(s), s]));
  for (const [key, s] of stepsA) {
    const t = stepsB.get(key);
    if (!t) say(`date removed: ${key} '${s.when}'`);
    else if (s.when !== t.when) say(`date ${key}: '${s.when}' (${describePlanDate(s.date)}) -> '${t.when}' (${describePlanDate(t.date)})`);
  }
  for (const [key, t] of stepsB) if (!stepsA.has(key)) say(`date added: ${key} '${t.when}' (${describePlanDate(t.date)})`);

  // Contract kinds: added, removed, and what changed in each.
  const kindsA = new Map(a.contractKinds.map((k) => [k.id, k as Record<string, unknown> & { id: string }]));
  const kindsB = new Map(b.contractKinds.map((k) => [k.id, k as Record<string, unknown> & { id: string }]));
  for (const id of kindsA.keys()) if (!kindsB.has(id)) say(`contract kind removed: ${id}`);
  for (const [id, k] of kindsB) {
    const before = kindsA.get(id);
    if (!before) {
      say(`contract kind added: ${id} (${String(k.name)})`);
      continue;
    }
    for (const field of new Set([...Object.keys(before), ...Object.keys(k)])) {
      if (field === 'source') continue;
      const x = JSON.stringify(before[field]);
      const y = JSON.stringify(k[field]);
      if (x !== y) say(`${id}.${field}: ${summarise(before[field])} -> ${summarise(k[field])}`);
    }
  }

  // Thresholds and the sources of rules, field by field.
  for (const line of deepDiff('thresholds', (a as { thresholds?: unknown }).thresholds, (b as { thresholds?: unknown }).thresholds)) say(line);
  for (const line of deepDiff('rules', (a as { rules?: unknown }).rules, (b as { rules?: unknown }).rules)) say(line);

  // Conditions and exclusions, by id.
  for (const list of ['conditions', 'exclusions'] as const) {
    const idsA = new Map(a[list].map((c) => [c.id, c]));
    const idsB = new Map(b[list].map((c) => [c.id, c]));
    for (const id of idsA.keys()) if (!idsB.has(id)) say(`${list}: removed ${id}`);
    for (const [id, c] of idsB) {
      const before = idsA.get(id);
      if (!before) say(`${list}: added ${id}: ${c.text}`);
      else if (before.text !== c.text) say(`${list}: ${id}: '${before.text}' -> '${c.text}'`);
    }
  }

  // The contract template's clauses, by id: what the provider signs (docs/contract-document.md).
  const clauses = clauseChanges(a.contract, b.contract);
  for (const c of clauses.added) say(`contract clause added: ${c.id} '${c.title}': ${c.text}`);
  for (const c of clauses.removed) say(`contract clause removed: ${c.id} '${c.title}'`);
  for (const c of clauses.changed) say(`contract clause ${c.id}: ${c.before.title === c.after.title ? '' : `'${c.before.title}' -> '${c.after.title}'; `}${c.before.text === c.after.text ? 'text unchanged' : `'${c.before.text}' -> '${c.after.text}'`}`);
  return out;
}

/** A value in a sentence: a year range as `2027-2028`, a list of words as `a, b`, else short JSON, cut where long. */
function summarise(value: unknown): string {
  const v = value as { fromYear?: unknown; toYear?: unknown } | undefined;
  if (v && typeof v.fromYear === 'number' && typeof v.toYear === 'number' && Object.keys(v).length === 2) return `${v.fromYear}-${v.toYear}`;
  if (Array.isArray(value) && value.every((x) => typeof x === 'string' || typeof x === 'number')) return value.length ? value.join(', ') : '(none)';
  const text = value === undefined ? '(none)' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Every leaf that differs between two values, as `path: a -> b`. */
function deepDiff(path: string, a: unknown, b: unknown): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => deepDiff(`${path}.${k}`, a[k], b[k]));
  return [`${path}: ${summarise(a)} -> ${summarise(b)}`];
}

/** The file an edition was read from, in the store's folder. */
export function editionFileOf(store: EditionStore, id: string): string | undefined {
  if (!existsSync(store.dir)) return undefined;
  for (const name of readdirSync(store.dir).filter((n) => /\.ya?ml$/.test(n))) {
    const file = join(store.dir, name);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.get('id') === id) return file;
  }
  return undefined;
}

/** An edition named by id (from the store) or by file (read and checked). */
export function editionFrom(store: EditionStore, idOrFile: string): Edition {
  if (existsSync(idOrFile) && /\.ya?ml$/.test(idOrFile)) {
    const { edition, problems } = checkEditionText(readFileSync(idOrFile, 'utf8'), idOrFile);
    if (!edition) throw new Error(`${idOrFile} is not a valid edition:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    return { ...edition, revision: revisionOf(edition) };
  }
  return store.get(idOrFile);
}

/** The steps whose day an amended edition moves, against the revision open tracks run with. */
export function movedSteps(running: Edition, amended: Edition): { step: PlanStep; from: string; to: string }[] {
  const byKey = new Map(running.calendar.map((s) => [stepKey(s), s]));
  const moved: { step: PlanStep; from: string; to: string }[] = [];
  for (const step of amended.calendar) {
    const before = byKey.get(stepKey(step));
    if (before && before.when !== step.when) moved.push({ step, from: before.when, to: step.when });
  }
  return moved;
}

/** The public statuses of the tracks waiting on a step (they would move if its day moved). */
export const WAITING_ON: Partial<Record<PlanStep['step'], string[]>> = {
  'signing-deadline': ['OFFER_PLANNED', 'SENDING', 'OFFERED', 'IN_CONVERSATION', 'QUESTIONNAIRE_PLANNED', 'QUESTIONNAIRE_OPEN', 'UNDER_ASSESSMENT', 'DOCUMENTS_REQUESTED'],
  'questionnaire-deadline': ['QUESTIONNAIRE_PLANNED', 'QUESTIONNAIRE_OPEN'],
  'questionnaire-open': ['QUESTIONNAIRE_PLANNED'],
  offer: ['OFFER_PLANNED', 'QUESTIONNAIRE_PLANNED', 'QUESTIONNAIRE_OPEN', 'UNDER_ASSESSMENT'],
  publication: ['SIGNED'],
};


// ---------------------------------------------------------------------------------------------
// policy draft

const YEAR = /\b(20\d\d)\b/g;

/**
 * Next year's edition from this year's file: the id, title and contract year for `year`, every
 * date and term moved by the years between and marked `REVIEW` (a comment on its line), the status
 * `draft`; comments are kept. Texts and quotes with years keep their words, their years moved and
 * marked: they are last year's words until the new policy text replaces them.
 */
export function draftEdition(sourceText: string, source: Edition, careType: CareType, year: number, today: string): string {
  if (source.careType !== careType) throw new Error(`${source.id} is a ${source.careType} edition, not ${careType}`);
  const years = year - source.contractYear;
  if (years <= 0) throw new Error(`a draft for ${year} must come after ${source.id} (contract year ${source.contractYear})`);
  const doc = parseDocument(sourceText);
  const shift = (text: string) => text.replace(YEAR, (y) => String(Number(y) + years));
  const mark = (node: Node | Pair, note: string) => {
    const target = (isPair(node) ? node.value : node) as Node & { comment?: string | null };
    target.comment = ` REVIEW: ${note}`;
  };
  doc.set('id', `${careType}-${year}`);
  doc.set('title', shift(source.title));
  doc.set('contractYear', year);
  doc.set('status', 'draft');
  // The editor's schema line stays first; the draft's own note follows it. (The file's header is
  // the comment before its first key, or before the document.)
  const firstKey = isMap(doc.contents) ? (doc.contents.items[0]?.key as (Node & { commentBefore?: string | null }) | undefined) : undefined;
  const holder = doc.commentBefore ? doc : firstKey;
  const before = (holder?.commentBefore ?? '').split('\n').filter((line, i, all) => i > 0 || line !== '' || all.length > 1);
  const schemaLine = before[0]?.includes('yaml-language-server') ? [before.shift()!] : [' yaml-language-server: $schema=./edition.schema.json'];
  if (holder) holder.commentBefore = null;
  doc.commentBefore = [
    ...schemaLine,
    '',
    ` DRAFT of the ${careType} edition for ${year}, made on ${today} by \`zorginkoop policy draft ${careType} ${year} --from ${source.id}\`.`,
    ' Not a published policy: a draft runs in rehearsals only. Every date and term below was moved by',
    ` ${years} year(s) from ${source.id} and is marked REVIEW; so is every text whose years were moved.`,
    ' Check each against the new policy text, set seedFile to it, remove the REVIEW marks, and set',
    ' status: published when the purchaser publishes it. `policy check` lists what is still off.',
    ...before,
  ].join('\n');
  visit(doc, {
    Pair(_, pair, path) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const inside = path.filter((n): n is Pair => isPair(n)).map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      if (key === 'when' && isScalar(pair.value) && typeof pair.value.value === 'string') {
        const before = pair.value.value;
        const after = shift(before);
        if (after !== before) {
          (pair.value as Scalar).value = after;
          mark(pair, `date moved from '${before}'`);
        }
        return;
      }
      if ((key === 'term' || key === 'runsOn') && isMap(pair.value)) {
        for (const item of pair.value.items) if (isScalar(item.value) && typeof item.value.value === 'number') item.value.value += years;
        mark(pair, `years moved by ${years}`);
        return;
      }
      // Ids and names of files are not years of the season (`rules.*.id` included).
      if (['id', 'seedFile', 'careType', 'title', 'ruleId'].includes(key) || (inside.includes('rules') && key === 'id')) return;
      if (isScalar(pair.value) && typeof pair.value.value === 'string' && YEAR.test(pair.value.value)) {
        YEAR.lastIndex = 0;
        const before = pair.value.value;
        (pair.value as Scalar).value = shift(before);
        mark(pair, `years moved: last year's words, check against the new policy text`);
      }
      YEAR.lastIndex = 0;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Where a draft goes: `<folder>/<care type>-<year>.yaml`, never over an existing file. */
export function draftFile(store: EditionStore, careType: CareType, year: number, out?: string): string {
  const file = out ?? join(store.dir, `${careType}-${year}.yaml`);
  if (existsSync(file)) throw new Error(`${file} exists already: a draft never overwrites an edition (remove it, or give --out)`);
  return file;
}

/** Writes a draft (the folder exists: it is the editions folder or the caller's choice). */
export function writeDraft(file: string, text: string): void {
  writeFileSync(file, text, { flag: 'wx' });
}

/** The file's problems and warnings, each with its line, and the edition where it is valid. */
export function checkFile(file: string, today: string): { edition?: Edition; problems: EditionFileProblem[]; warnings: EditionFileProblem[]; transparency?: FileTransparency } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { problems: [{ file, message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }], warnings: [] };
  }
  const { edition, problems, warnings, transparency } = checkEditionText(text, file, { today });
  return edition ? { edition: { ...edition, revision: revisionOf(edition) }, problems, warnings, transparency } : { problems, warnings };
}
