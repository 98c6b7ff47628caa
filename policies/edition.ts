/**
 * Policy editions: one care type's purchasing policy for one contract year, as data (editions/),
 * validated by the care type's schema, decided by the care type's rules (policies/care-types/).
 *
 *   edition data (YAML) --parseEdition--> Edition --evaluate(edition, provider)--> Decision[]
 *
 * Pure: reading files and hashing revisions happen in the edition store (activities/edition-store.ts).
 */
import { z } from 'zod';
import { CARE_TYPES, EDITION_SCHEMAS, type Edition } from './care-types';
import type { Decision } from './decision';
import { parsePlanDate } from './plan-date';
import { calendarOrderIssues, checkEdition, StepIdSchema, TrackSchema, type Policy } from './policy';
import type { Provider } from './provider';

export type { Edition } from './care-types';

/** Every care type's edition schema, told apart by `careType`, with the checks every edition needs. */
export const EditionSchema = z
  .discriminatedUnion('careType', EDITION_SCHEMAS as [z.ZodObject, ...z.ZodObject[]])
  .superRefine((edition, ctx) => checkEdition(edition as unknown as Policy, ctx));

/** A problem with an edition's data: where (a path of keys and positions) and what is wrong. */
export interface EditionIssue {
  path: (string | number)[];
  message: string;
}

/** An edition that cannot be used, with every problem found. */
export class EditionError extends Error {
  constructor(
    readonly where: string,
    readonly issues: EditionIssue[],
  ) {
    super(`${where}: ${issues.length} problem(s):\n${issues.map((i) => `  ${describePath(i.path)}: ${i.message}`).join('\n')}`);
    this.name = 'EditionError';
  }
}

/** `calendar[3].when`, for messages. */
export function describePath(path: (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${key}`), '') || '(edition)';
}

/**
 * Every `source` in an edition names the seed file; in the data file it may leave it out, and the
 * edition's `seedFile` is meant. Done before validation, on a copy.
 */
export function withSourceFiles(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const seedFile = (raw as { seedFile?: unknown }).seedFile;
  if (typeof seedFile !== 'string') return raw;
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (!value || typeof value !== 'object') return value;
    const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return key === 'source' && !('file' in copy) ? { file: seedFile, ...copy } : copy;
  };
  return walk(raw);
}

/** The issues of data that is not an edition, or the edition. */
export function checkEditionData(raw: unknown): { edition: Edition; issues: [] } | { edition?: undefined; issues: EditionIssue[] } {
  const parsed = EditionSchema.safeParse(withSourceFiles(withoutRevision(raw)));
  if (parsed.success) return { edition: parsed.data as Edition, issues: [] };
  const issues: EditionIssue[] = parsed.error.issues.flatMap((i) =>
    // A field the schema does not know is named at its own line, one issue a field.
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...(i.path as (string | number)[]), key], message: `unknown field '${key}' (a typo? the schema, editions/edition.schema.json, lists the fields)` }))
      : [{ path: i.path as (string | number)[], message: i.message }],
  );
  // The schema stops before the calendar's order when anything else is wrong: check it anyway.
  const seen = new Set(issues.map((i) => `${describePath(i.path)} ${i.message}`));
  for (const issue of lenientOrderIssues(raw)) if (!seen.has(`${describePath(issue.path)} ${issue.message}`)) issues.push(issue);
  return { issues };
}

/** The calendar order problems of raw data, from whatever of it can be read. */
function lenientOrderIssues(raw: unknown): EditionIssue[] {
  const data = raw as { calendar?: unknown; contractKinds?: unknown } | undefined;
  if (!Array.isArray(data?.calendar) || !Array.isArray(data?.contractKinds)) return [];
  const calendar = data.calendar.map((s: { step?: unknown; when?: unknown; tracks?: unknown; kinds?: unknown }) => {
    let date;
    try {
      date = typeof s?.when === 'string' ? parsePlanDate(s.when) : undefined;
    } catch {
      date = undefined;
    }
    const steps = StepIdSchema.safeParse(s?.step);
    const tracks = z.array(TrackSchema).safeParse(s?.tracks);
    const kinds = z.array(z.string()).safeParse(s?.kinds);
    return { step: steps.success ? steps.data : ('unknown' as never), when: String(s?.when ?? ''), ...(tracks.success ? { tracks: tracks.data } : {}), ...(kinds.success ? { kinds: kinds.data } : {}), ...(steps.success && date ? { date } : {}) };
  });
  const kinds = data.contractKinds.flatMap((k: { id?: unknown; tracks?: unknown }) => {
    const tracks = z.array(TrackSchema).safeParse(k?.tracks);
    return typeof k?.id === 'string' && tracks.success ? [{ id: k.id, tracks: tracks.data }] : [];
  });
  return calendarOrderIssues(calendar, kinds);
}

/** The data without a `revision`: that is computed from the content, never read from it. */
function withoutRevision(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || !('revision' in raw)) return raw;
  const { revision: _revision, ...rest } = raw as Record<string, unknown>;
  return rest;
}

/** An edition as data again: the calendar's resolved dates are left out (they are read from its words). */
export function unresolved(edition: Omit<Edition, 'revision'>): unknown {
  return { ...edition, calendar: edition.calendar.map(({ date: _date, ...step }) => step) };
}

/** An edition from its data, with its revision; an EditionError naming every problem otherwise. */
export function parseEdition(raw: unknown, where: string, revision: string): Edition {
  const checked = checkEditionData(raw);
  if (!checked.edition) throw new EditionError(where, checked.issues);
  return { ...checked.edition, revision };
}

/** Decides a provider's tracks under an edition, one per contract kind, with every reason that counted. */
export function evaluate(edition: Edition, provider: Provider): Decision[] {
  return CARE_TYPES[edition.careType].evaluate(edition, provider);
}

/** The contract kinds `evaluate` decides for a provider, asked of the care type without deciding them. */
export function kindsFor(edition: Edition, provider: Provider): string[] {
  return CARE_TYPES[edition.careType].kindsFor(edition, provider);
}

/**
 * The contract kinds a provider gets a track for: one per kind the edition considers it for, or a
 * single track without a kind where the edition has one kind (its workflow id then names none).
 * A campaign's page asks this of every provider: the care type names the kinds (`kindsFor`), and
 * each track decides its own kind once, rather than the page deciding every kind first.
 */
export function trackKinds(edition: Edition, provider: Provider): (string | undefined)[] {
  if (edition.contractKinds.length === 1) return [undefined];
  return kindsFor(edition, provider);
}

/**
 * The one decision of a track among a provider's decisions (`evaluate`): the one of its contract
 * kind, or the only one where the track names no kind; undefined where there is not exactly one.
 * The track's own evaluation (`evaluateProvider`) and the campaign's page, which passes the
 * decision into the tracks it starts, both choose with this.
 */
export function decisionOfTrack(decisions: Decision[], contractKind?: string): Decision | undefined {
  const matching = contractKind ? decisions.filter((d) => d.contractKind === contractKind) : decisions;
  return matching.length === 1 ? matching[0] : undefined;
}

/** A day (YYYY-MM-DD) `years` calendar years later; 29 February becomes the 28th in a year without it. */
function shiftDay(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day.slice(5) === '02-29' && !leap ? `${year}-02-28` : `${year}${day.slice(4)}`;
}

/**
 * The same edition with every date moved by whole calendar years, as a rehearsal for another
 * contract year: the time-skipping tests (whose server clock starts today, after the real dates)
 * and dry runs. Its id says it is a rehearsal; the rules and the words it quotes are the same.
 */
export function rehearse<E extends Edition>(edition: E, contractYear: number): E {
  const years = contractYear - edition.contractYear;
  const shiftYears = (text: string) => text.replace(/\b(20\d\d)\b/g, (y) => String(Number(y) + years));
  const range = <T extends { fromYear: number; toYear: number } | undefined>(r: T): T => (r && { ...r, fromYear: r.fromYear + years, toYear: r.toYear + years }) as T;
  const data = {
    ...edition,
    id: `${edition.id}-rehearsal-${contractYear}`,
    title: `${edition.title} (rehearsal for ${contractYear})`,
    contractYear,
    status: 'rehearsal',
    contractKinds: edition.contractKinds.map((k) => ({ ...k, term: range(k.term), runsOn: range(k.runsOn) })),
    calendar: edition.calendar.map(({ date: _date, ...s }) => ({ ...s, when: shiftYears(s.when) })),
    // The publication date moves with the calendar, so a rehearsal keeps to the transparency rule as the edition does.
    ...(edition.published ? { published: { ...edition.published, date: shiftDay(edition.published.date, years), ...(edition.published.amendedOn ? { amendedOn: shiftDay(edition.published.amendedOn, years) } : {}) } } : {}),
    // The clauses' own words move with the dates; the policy's words they quote stay as written.
    ...(edition.contract ? { contract: { clauses: edition.contract.clauses.map((c) => ({ ...c, title: shiftYears(c.title), text: shiftYears(c.text) })) } } : {}),
  };
  delete (data as { revision?: string }).revision;
  return parseEdition(data, data.id, `${edition.revision ?? 'unrevised'}+${years}y`) as E;
}
