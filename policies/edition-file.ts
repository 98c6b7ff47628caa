/**
 * An edition's data file (YAML), read with the line of every problem: a purchaser edits the file
 * in an editor, and `policy check` says "line 42: calendar[3].when: cannot read the planning date
 * 'uiterlijk 31 setpember 2028'". Pure (text in, edition or problems out); the edition store reads
 * the files.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatDay } from './calendar';
import { checkEditionData, describePath, type Edition } from './edition';
import { publicHolidayName } from './holidays';
import { earliestDay, latestDay, parsePlanDate } from './plan-date';
import { checkTransparency, type ResponseTerms, type StudyTime, type TransparencyGap, type TransparencyWarning } from './transparency';

/** A problem in an edition file: the file, the line (1-based) where it is, the item and what is wrong. */
export interface EditionFileProblem {
  file: string;
  line?: number;
  path?: string;
  message: string;
}

/** A finding of the transparency check at its line in the file. */
export type AtLine<T> = T & { line?: number };

/** The transparency check of a valid edition file (policies/transparency.ts), every finding with its line. */
export interface FileTransparency {
  gaps: AtLine<TransparencyGap>[];
  warnings: AtLine<TransparencyWarning>[];
  terms: Omit<ResponseTerms, 'studyTimes'> & { studyTimes: AtLine<StudyTime>[] };
}

/**
 * The text of an edition file as data, or its problems, each with its line; and, whether or not
 * it is valid, a warning for every planning date that falls on a weekend or a Dutch public
 * holiday, or (given `today`) lies in the past. A valid edition is also checked against the NZa's
 * transparency rule (`transparency`: what it lacks and the terms it gives, at their lines).
 */
export function checkEditionText(text: string, file: string, options: { today?: string } = {}): { edition?: Edition; problems: EditionFileProblem[]; warnings: EditionFileProblem[]; transparency?: FileTransparency } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({ file, line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! }));
  if (doc.errors.length) return { problems: syntax, warnings: [] };
  const raw = doc.toJS();
  const warnings = calendarWarnings(doc, lineCounter, raw, file, options.today);
  const checked = checkEditionData(raw);
  if (checked.edition) return { edition: checked.edition, problems: syntax, warnings, transparency: transparencyAtLines(doc, lineCounter, raw, checked.edition) };
  const problems = checked.issues.map((issue) => ({ file, line: lineOf(doc, lineCounter, issue.path), path: describePath(issue.path), message: issue.message }));
  return { problems: [...syntax, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), warnings };
}

/**
 * The transparency check with lines: a field that is missing is reported where the transparency
 * fields go (after `answerWithinWorkingDays`, docs/new-edition.md), anything else at its own line.
 * An answer target the file leaves to its default is a warning: the published text must state it.
 */
function transparencyAtLines(doc: Document, lineCounter: LineCounter, raw: unknown, edition: Edition): FileTransparency {
  const report = checkTransparency(edition);
  const at = (path: (string | number)[]) => {
    const missingTopLevel = path.length === 1 && !doc.hasIn(path);
    return missingTopLevel && doc.hasIn(['answerWithinWorkingDays']) ? lineOf(doc, lineCounter, ['answerWithinWorkingDays']) : lineOf(doc, lineCounter, path);
  };
  const withLine = <T extends { path: (string | number)[] }>(finding: T): AtLine<T> => ({ ...finding, line: at(finding.path) });
  const warnings: TransparencyWarning[] = [...report.warnings];
  if (!(raw && typeof raw === 'object' && 'answerWithinWorkingDays' in raw)) warnings.push({ item: 'reachability', problem: 'answer-target-default', days: edition.answerWithinWorkingDays, path: ['answerWithinWorkingDays'] });
  return { gaps: report.gaps.map(withLine), warnings: warnings.map(withLine), terms: { ...report.terms, studyTimes: report.terms.studyTimes.map(withLine) } };
}

/** Weekend, holiday and past days of the calendar's readable phrases, each at its line. */
function calendarWarnings(doc: Document, lineCounter: LineCounter, raw: unknown, file: string, today?: string): EditionFileProblem[] {
  const calendar = (raw as { calendar?: unknown } | undefined)?.calendar;
  if (!Array.isArray(calendar)) return [];
  const warnings: EditionFileProblem[] = [];
  calendar.forEach((step: { when?: unknown; label?: unknown }, i) => {
    if (typeof step?.when !== 'string') return;
    let date;
    try {
      date = parsePlanDate(step.when);
    } catch {
      return; // an unreadable phrase is a problem, reported as such
    }
    const at = { file, line: lineOf(doc, lineCounter, ['calendar', i, 'when']), path: describePath(['calendar', i, 'when']) };
    const label = typeof step.label === 'string' ? step.label : `step ${i + 1}`;
    for (const day of new Set([earliestDay(date), latestDay(date)].filter((d): d is string => !!d))) {
      const weekday = formatDay(day);
      if (/^(zaterdag|zondag)/.test(weekday)) warnings.push({ ...at, message: `${label}: '${step.when}' falls on a ${weekday.split(' ')[0]} (${weekday})` });
      const holiday = publicHolidayName(day);
      if (holiday) warnings.push({ ...at, message: `${label}: '${step.when}' falls on ${holiday} (${weekday})` });
    }
    const last = latestDay(date) ?? earliestDay(date);
    if (today && last && last < today) warnings.push({ ...at, message: `${label}: '${step.when}' lies in the past (today is ${formatDay(today)}): a track started now acts on it at once` });
  });
  return warnings;
}

/** The line of the item at `path`, or of the nearest item around it that exists. */
export function lineOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      // A key that is missing is reported where its map starts; a value where it is.
      return lineCounter.linePos(node.range[0]).line;
    }
    if (n === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return 1;
  }
  return undefined;
}

/** A problem as a line for staff: `editions/x.yaml:42: calendar[3].when: cannot read ...`. */
export function formatProblem(p: EditionFileProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
