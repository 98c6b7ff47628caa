/**
 * An edition checked against the NZa's transparency rule (Regeling transparantie zorginkoopproces
 * Zvw, TH/NR-021 article 4; docs/transparency.md): what a published purchasing policy must say and
 * this edition does not, each item with the path of the field it concerns, and the response terms
 * the edition actually gives (the answer target, the study time of an offer per contract kind and
 * track). Pure: data in, data out; the words are in words/ (`transparency`), the lines in
 * policies/edition-file.ts, the refusal of a campaign in operations/campaigns.ts.
 */
import { planFor, type Policy, type Track } from './policy';
import { earliestDay, latestDay } from './plan-date';
import { signingRuleOf } from './signing';

/** The items of article 4 (the numbers are its items; `published` is its first sentence). */
export { ARTICLE_ITEM, type TransparencyItem } from './transparency-items';

/** Something the rule asks for that the edition lacks, at the path of the field it concerns. */
export type TransparencyGap = { path: (string | number)[] } & (
  | { item: 'published'; problem: 'missing' }
  | { item: 'published'; problem: 'late'; date: string; due: string }
  | { item: 'phases'; problem: 'no-signing-deadline' | 'no-questionnaire-deadline'; kind: string; tracks: Track[] }
  | { item: 'reachability'; problem: 'missing' }
  | { item: 'quality-policy'; problem: 'missing' }
  | { item: 'minimum-requirements'; problem: 'missing'; kind: string }
);

/** A warning: the rule is answered, but a person should look (a publication date the text does not name). */
export type TransparencyWarning = { path: (string | number)[] } & ({ item: 'published'; problem: 'assumed'; date: string; why: string } | { item: 'reachability'; problem: 'answer-target-default'; days: number });

/**
 * The study time an edition gives between an offer and its signing deadline, for some contract
 * kinds and tracks:
 * - `weeks-after-offer`: the deadline is a number of weeks after the offer (`days` = weeks x 7);
 * - `after-dated-offer`: a fixed deadline after an offer dated in the calendar: `days` from the
 *   offer's last day to the deadline, the least an offer made in time gets;
 * - `after-undated-offer`: a fixed deadline after an offer that follows an event (a conversation,
 *   an assessment): the calendar fixes no study time (an offer made after the deadline has passed
 *   gets four weeks, policies/signing.ts).
 */
export interface StudyTime {
  rule: 'weeks-after-offer' | 'after-dated-offer' | 'after-undated-offer';
  days?: number;
  /** The policy's words for the offer (absent: the plan has no offer line) and for the signing deadline. */
  offer?: string;
  signing: string;
  /** The signing deadline's line in the calendar. */
  path: (string | number)[];
  /** Where it holds: contract kind and its tracks. */
  where: { kind: string; tracks: Track[] }[];
}

/** The response terms an edition gives: the purchaser's answer target and each offer's study time. */
export interface ResponseTerms {
  /** Working days within which a provider's question or application is answered. */
  answerWithinWorkingDays: number;
  studyTimes: StudyTime[];
}

export interface TransparencyReport {
  gaps: TransparencyGap[];
  warnings: TransparencyWarning[];
  terms: ResponseTerms;
}

/** Tracks on which a provider can come to a new contract this year (the rest: a running contract, or nothing). */
const CONTRACTING: Track[] = ['direct-offer', 'questionnaire', 'negotiation', 'application', 'follow'];

/** Days from `a` to `b` (YYYY-MM-DD), by the calendar. */
export function daysBetween(a: string, b: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

/** The last day the transparency rule allows the policy of `contractYear` to be published: 1 April of the year before. */
export function publicationDue(contractYear: number): string {
  return `${contractYear - 1}-04-01`;
}

type Checked = Pick<Policy, 'contractYear' | 'calendar' | 'contractKinds' | 'conditions' | 'exclusions' | 'answerWithinWorkingDays' | 'published' | 'contact' | 'qualityPolicy'>;

/**
 * The study time the calendar gives an offer of `kind` on `track`, with the lines it comes from;
 * undefined where the track has no signing deadline.
 */
export function studyTimeOf(edition: Pick<Policy, 'calendar'>, kind: string, track: Track): Omit<StudyTime, 'where'> | undefined {
  const plan = planFor(edition, track, kind);
  const signing = plan['signing-deadline'];
  if (!signing) return undefined;
  const path = ['calendar', edition.calendar.indexOf(signing)];
  const offer = plan.offer;
  const rule = signingRuleOf(signing);
  if (rule.kind === 'weeks-after-offer') return { rule: 'weeks-after-offer', days: rule.weeks * 7, ...(offer ? { offer: offer.when } : {}), signing: signing.when, path };
  const offerDay = offer && (latestDay(offer.date) ?? (offer.date.kind === 'on' ? earliestDay(offer.date) : undefined));
  if (!offer || !offerDay) return { rule: 'after-undated-offer', ...(offer ? { offer: offer.when } : {}), signing: signing.when, path };
  return { rule: 'after-dated-offer', days: daysBetween(offerDay, rule.date), offer: offer.when, signing: signing.when, path };
}

/**
 * The edition's own promise of study time for an offer of `kind` on `track`, in days: what the
 * calendar gives an offer made in time; undefined where it fixes none (an undated offer before a
 * fixed deadline). The season overview lists the open offers that got less.
 */
export function promisedStudyDays(edition: Pick<Policy, 'calendar'>, kind: string, track: Track): number | undefined {
  return studyTimeOf(edition, kind, track)?.days;
}

/** What the transparency rule asks of an edition and it lacks, its warnings, and the terms it gives. */
export function checkTransparency(edition: Checked): TransparencyReport {
  const gaps: TransparencyGap[] = [];
  const warnings: TransparencyWarning[] = [];

  // Article 4, opening sentence: published by 1 April of the year before.
  const due = publicationDue(edition.contractYear);
  if (!edition.published) gaps.push({ item: 'published', problem: 'missing', path: ['published'] });
  else {
    if (edition.published.date > due) gaps.push({ item: 'published', problem: 'late', date: edition.published.date, due, path: ['published', 'date'] });
    if (edition.published.assumed) warnings.push({ item: 'published', problem: 'assumed', date: edition.published.date, why: edition.published.assumed, path: ['published', 'assumed'] });
  }

  // Item 1: the phases and the terms for both sides. The purchaser's is the answer target; the
  // provider's are the questionnaire deadline and the signing deadline of every contracting track.
  const studyTimes = new Map<string, StudyTime>();
  const missing = new Map<string, Extract<TransparencyGap, { item: 'phases' }>>();
  edition.contractKinds.forEach((kind, i) => {
    for (const track of kind.tracks.filter((t) => CONTRACTING.includes(t))) {
      const plan = planFor(edition, track, kind.id);
      const lack = (problem: 'no-signing-deadline' | 'no-questionnaire-deadline') => {
        const gap = missing.get(`${kind.id} ${problem}`) ?? { item: 'phases' as const, problem, kind: kind.id, tracks: [], path: ['contractKinds', i, 'tracks'] };
        gap.tracks.push(track);
        missing.set(`${kind.id} ${problem}`, gap);
      };
      if (track === 'questionnaire' && !plan['questionnaire-deadline']) lack('no-questionnaire-deadline');
      const study = studyTimeOf(edition, kind.id, track);
      if (!study) {
        lack('no-signing-deadline');
        continue;
      }
      const key = `${study.path.join('.')} ${study.offer ?? ''}`;
      const entry = studyTimes.get(key) ?? { ...study, where: [] };
      const here = entry.where.find((w) => w.kind === kind.id);
      if (here) here.tracks.push(track);
      else entry.where.push({ kind: kind.id, tracks: [track] });
      studyTimes.set(key, entry);
    }
  });
  gaps.push(...missing.values());

  // Item 2: how the purchaser is reached (the address; the answer target is answerWithinWorkingDays).
  if (!edition.contact) gaps.push({ item: 'reachability', problem: 'missing', path: ['contact'] });
  // Item 3: the quality policy.
  if (!edition.qualityPolicy) gaps.push({ item: 'quality-policy', problem: 'missing', path: ['qualityPolicy'] });
  // Item 4: the minimum requirements for each contract a provider can come to.
  edition.contractKinds.forEach((kind, i) => {
    if (!kind.tracks.some((t) => CONTRACTING.includes(t))) return;
    if (minimumRequirements(edition, kind).length === 0) gaps.push({ item: 'minimum-requirements', problem: 'missing', kind: kind.id, path: ['contractKinds', i] });
  });

  return { gaps, warnings, terms: { answerWithinWorkingDays: edition.answerWithinWorkingDays, studyTimes: [...studyTimes.values()] } };
}

/**
 * The minimum requirements of a contract kind, derived from the edition rather than written twice:
 * the conditions and exclusions that apply to it (no `kinds`, or it named), its Vektis
 * registration and its certificates. Each as `{ what, id? }`: a condition's id and text, or the registration's label.
 */
export function minimumRequirements(edition: Pick<Policy, 'conditions' | 'exclusions'>, kind: Policy['contractKinds'][number]): { what: string; id?: string }[] {
  const applies = (c: { kinds?: string[] }) => !c.kinds || c.kinds.includes(kind.id);
  const conditions = [...edition.conditions, ...edition.exclusions].filter(applies).map((c) => ({ what: c.textNl ?? c.text, id: c.id }));
  const vektis = kind.vektis ? [{ what: `Vektis: ${kind.vektis.practitioner.label}` }] : [];
  const certificates = kind.certificates.map((group) => ({ what: group.join(' / ') }));
  return [...conditions, ...vektis, ...certificates];
}
