/**
 * The rehearsal's report: what a season of this edition does to this provider population, week
 * by week, per track, kind and tier, the providers at risk, the traps, and the providers' questions
 * per week with the share answered in time (the reachability figure). Built from the
 * rehearsal's record alone (rehearsal/run.ts), so the same run gives the same report; written as
 * JSON, as CSV for Dutch Excel, and as one HTML page with charts (Chart.js inlined, so the file
 * opens anywhere, also without a network).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Eta } from 'eta';
import { DateTime } from 'luxon';
import { toCsv } from '../operations/csv';
import { reachabilityCsv } from '../operations/export';
import { answerTargetOf, reachability, reachabilityTotal, type ReachabilityWeek } from '../policies/reachability';
import { pastSteps } from '../operations/past-steps';
import type { PublicStatus } from '../machines/public-status';
import type { Edition } from '../policies';
import { formatDay, ZONE, type IsoDate } from '../policies/calendar';
import { publicHolidayName } from '../policies/holidays';
import type { Behaviour } from './behaviour';
import type { RehearsalRun } from './run';
import { wordsFor } from '../words';

const NL = wordsFor('nl');

/** The message kinds a week counts, in the report's order. */
export const MESSAGE_KINDS = ['invitation', 'questionnaire', 'documents-request', 'reminder', 'offer', 'offer-closed', 'tariff-annex', 'contract-amendment', 'withdrawal', 'deadline-moved'] as const;

export interface WeekRow {
  /** The Monday the week starts. */
  week: IsoDate;
  /** Portal messages sent, by kind. */
  messages: Record<(typeof MESSAGE_KINDS)[number], number>;
  /** Work that reached staff: conversations to hold (invitations sent) and assessments to make (questionnaires and documents in). */
  conversations: number;
  assessments: number;
  /** Escalations to staff past the answer target. */
  escalations: number;
  signatures: number;
  refusals: number;
  /** Offers not signed by their deadline, and questionnaires not submitted by theirs. */
  expiries: number;
}

export interface OutcomeRow {
  track: string;
  contractKind: string;
  tier: string;
  status: PublicStatus;
  count: number;
}

export interface RiskRow {
  agbCode: string;
  providerName: string;
  contractKind: string;
  status: PublicStatus;
  why: string;
}

export type TrapKind = 'step-past' | 'questionnaire-after-deadline' | 'deadline-on-closed-day' | 'over-capacity';

export interface Trap {
  kind: TrapKind;
  /** What is wrong, in Dutch, with the days written out. */
  text: string;
  count: number;
}

export interface RehearsalReport {
  edition: RehearsalRun['edition'];
  behaviour: Behaviour;
  providers: number;
  tracks: number;
  start: IsoDate;
  end: IsoDate;
  /** The outcome per public status over all tracks. */
  statuses: Partial<Record<PublicStatus, number>>;
  weeks: WeekRow[];
  outcomes: OutcomeRow[];
  atRisk: RiskRow[];
  traps: Trap[];
  /**
   * The providers' questions per week of receipt (the question load) and how many were answered
   * within the edition's answer target, as on the rehearsal's last day (policies/reachability.ts).
   * Absent in a report made before questions were rehearsed.
   */
  questions?: { weeks: ReachabilityWeek[]; total: Omit<ReachabilityWeek, 'week'> };
}

/** What the rehearsal did, in the words staff read. */
const ACTION_NL: Record<RehearsalRun['actions'][number]['kind'], string> = {
  'conversation-positive': 'positieve uitkomst van het inkoopgesprek',
  'conversation-negative': 'negatieve uitkomst van het inkoopgesprek',
  'questionnaire-submitted': 'vragenlijst ingediend',
  'documents-received': 'documenten ontvangen',
  'assessed-positive': 'positieve beoordeling',
  'assessed-negative': 'negatieve beoordeling',
  signed: 'ondertekening',
  refused: 'weigering',
};

const NOT_CONTRACTED: PublicStatus[] = ['CONVERSATION_NEGATIVE', 'QUESTIONNAIRE_EXPIRED', 'ASSESSED_NEGATIVE', 'REFUSED', 'EXPIRED', 'NOT_CONTRACTED', 'NEEDS_ATTENTION', 'WITHDRAWN'];
const weekOf = (day: IsoDate): IsoDate => DateTime.fromISO(day, { zone: ZONE }).startOf('week').toISODate()!;
const emptyWeek = (week: IsoDate): WeekRow => ({
  week,
  messages: Object.fromEntries(MESSAGE_KINDS.map((k) => [k, 0])) as WeekRow['messages'],
  conversations: 0,
  assessments: 0,
  escalations: 0,
  signatures: 0,
  refusals: 0,
  expiries: 0,
});

/** Saturday, Sunday or a Dutch public holiday: what it is, or undefined on a working day. */
function closedDay(day: IsoDate): string | undefined {
  const weekday = DateTime.fromISO(day, { zone: ZONE }).weekday;
  return publicHolidayName(day) ?? (weekday === 6 ? 'zaterdag' : weekday === 7 ? 'zondag' : undefined);
}

export function buildReport(run: RehearsalRun, edition: Edition): RehearsalReport {
  const weeks = new Map<IsoDate, WeekRow>();
  const week = (day: IsoDate) => {
    const key = weekOf(day);
    let row = weeks.get(key);
    if (!row) weeks.set(key, (row = emptyWeek(key)));
    return row;
  };
  for (const m of run.messages) {
    const row = week(m.day);
    if ((MESSAGE_KINDS as readonly string[]).includes(m.kind)) row.messages[m.kind as WeekRow['messages'] extends Record<infer K, number> ? K : never] += 1;
    if (m.kind === 'invitation') row.conversations += 1;
    if (m.kind === 'offer-closed' && m.reason === 'expired') row.expiries += 1;
  }
  for (const a of run.actions) {
    if (!a.accepted) continue;
    const row = week(a.day);
    if (a.kind === 'questionnaire-submitted' || a.kind === 'documents-received') row.assessments += 1;
    if (a.kind === 'signed') row.signatures += 1;
    if (a.kind === 'refused') row.refusals += 1;
  }
  for (const e of run.escalations) week(e.day).escalations += 1;
  for (const t of run.tracks) for (const e of t.events) if (e.event === 'QUESTIONNAIRE_DEADLINE_PASSED') week(e.day).expiries += 1;
  // Every week from the first with something to the last, empty ones too: a chart's gaps are weeks.
  const known = [...weeks.keys()].sort();
  if (known.length) for (let w = DateTime.fromISO(known[0]!, { zone: ZONE }); w.toISODate()! < known[known.length - 1]!; w = w.plus({ weeks: 1 })) week(w.toISODate()!);
  const weekRows = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));

  const statuses: Partial<Record<PublicStatus, number>> = {};
  const outcomes = new Map<string, OutcomeRow>();
  for (const t of run.tracks) {
    statuses[t.status] = (statuses[t.status] ?? 0) + 1;
    const row = { track: t.track ?? '-', contractKind: t.contractKind ?? '-', tier: t.tier ?? '-', status: t.status };
    const key = JSON.stringify(row);
    outcomes.set(key, { ...row, count: (outcomes.get(key)?.count ?? 0) + 1 });
  }

  // At risk: approached, and no contract at the end; why in the words staff read.
  const refusedActions = new Map<string, string>();
  for (const a of run.actions) if (!a.accepted) refusedActions.set(a.workflowId, `${ACTION_NL[a.kind]} op ${formatDay(a.day)} door het traject geweigerd (${a.refusal ?? ''})`);
  const atRisk: RiskRow[] = run.tracks
    .filter((t) => NOT_CONTRACTED.includes(t.status))
    .map((t) => ({
      agbCode: t.agbCode,
      providerName: t.providerName,
      contractKind: t.contractKind ?? '-',
      status: t.status,
      why: [NL.statusTexts[t.status], lastDeciding(t), refusedActions.get(t.workflowId)].filter(Boolean).join('; '),
    }))
    .sort((a, b) => a.status.localeCompare(b.status) || a.agbCode.localeCompare(b.agbCode));

  const traps: Trap[] = [];
  for (const s of pastSteps(edition, run.start)) traps.push({ kind: 'step-past', count: 1, text: `${s.text}: ${formatDay(s.day)} ligt vóór de start van de campagne (${formatDay(run.start)})` });
  const late = run.messages.filter((m) => m.kind === 'questionnaire' && m.deadline && m.deadline <= m.day);
  if (late.length) traps.push({ kind: 'questionnaire-after-deadline', count: late.length, text: `${late.length} vragenlijst(en) verstuurd op of na hun eigen uiterste datum (bijv. verstuurd ${formatDay(late[0]!.day)}, uiterlijk ${formatDay(late[0]!.deadline!)}): ze verlopen meteen` });
  const closed = new Map<string, number>();
  for (const m of run.messages) {
    if (!m.deadline || (m.kind !== 'offer' && m.kind !== 'questionnaire')) continue;
    const why = closedDay(m.deadline);
    if (why) closed.set(`${m.kind}|${m.deadline}|${why}`, (closed.get(`${m.kind}|${m.deadline}|${why}`) ?? 0) + 1);
  }
  for (const [key, count] of [...closed].sort()) {
    const [kind, day, why] = key.split('|') as [string, IsoDate, string];
    traps.push({ kind: 'deadline-on-closed-day', count, text: `${count} ${kind === 'offer' ? 'aanbod(en) met uiterste ondertekendatum' : 'vragenlijst(en) met uiterste datum'} ${formatDay(day)} (${why})` });
  }
  const capacity = run.behaviour.staff.capacityPerWeek;
  for (const w of weekRows) {
    const work = w.conversations + w.assessments;
    if (work > capacity) traps.push({ kind: 'over-capacity', count: work, text: `week van ${formatDay(w.week)}: ${w.assessments} beoordelingen en ${w.conversations} gesprekken komen binnen, meer dan de ${capacity} per week die het team aankan` });
  }

  const questionWeeks = reachability(run.questions ?? [], answerTargetOf(edition), run.end);

  return {
    edition: run.edition,
    behaviour: run.behaviour,
    providers: run.providers,
    tracks: run.tracks.length,
    start: run.start,
    end: run.end,
    statuses,
    weeks: weekRows,
    outcomes: [...outcomes.values()].sort((a, b) => a.track.localeCompare(b.track) || a.contractKind.localeCompare(b.contractKind) || a.tier.localeCompare(b.tier) || a.status.localeCompare(b.status)),
    atRisk,
    traps,
    questions: { weeks: questionWeeks, total: reachabilityTotal(questionWeeks) },
  };
}

/** The providers' questions per week and the share answered in time, as CSV (the console's export of the figure). */
export function questionsCsv(report: RehearsalReport): string {
  const q = report.questions ?? { weeks: [], total: reachabilityTotal([]) };
  return reachabilityCsv(q.weeks, q.total);
}

/** The event that decided how a track ended, with its day. */
function lastDeciding(t: RehearsalRun['tracks'][number]): string | undefined {
  const deciding = ['QUESTIONNAIRE_DEADLINE_PASSED', 'SIGNING_DEADLINE_PASSED', 'OFFER_REFUSED', 'ASSESSED', 'CONVERSATION_RECORDED', 'CONTRACT_YEAR_ENDED', 'EFFECT_REFUSED', 'WITHDRAWN'];
  const e = [...t.events].reverse().find((x) => deciding.includes(x.event));
  return e && `${NL.events[e.event as keyof typeof NL.events] ?? e.event} op ${formatDay(e.day)}`;
}

/** The week table as CSV for Dutch Excel, one row a week. */
export function weeksCsv(report: RehearsalReport): string {
  const rows = report.weeks.map((w) => ({ week: w.week, ...Object.fromEntries(MESSAGE_KINDS.map((k) => [`msg_${k}`, w.messages[k]])), conversations: w.conversations, assessments: w.assessments, escalations: w.escalations, signatures: w.signatures, refusals: w.refusals, expiries: w.expiries }));
  const columns = ['week', ...MESSAGE_KINDS.map((k) => `msg_${k}`), 'conversations', 'assessments', 'escalations', 'signatures', 'refusals', 'expiries'] as const;
  const headers: Record<string, string> = { week: 'Week van', conversations: 'Gesprekken (uitnodigingen)', assessments: 'Beoordelingen binnen', escalations: 'Escalaties', signatures: 'Ondertekeningen', refusals: 'Weigeringen', expiries: 'Verlopen' };
  for (const k of MESSAGE_KINDS) headers[`msg_${k}`] = `Berichten: ${k}`;
  return toCsv(rows as Record<string, unknown>[], columns as unknown as string[], { headers });
}

/** Outcomes per track, kind and tier, as CSV. */
export function outcomesCsv(report: RehearsalReport): string {
  return toCsv(report.outcomes, ['track', 'contractKind', 'tier', 'status', 'count'], { headers: { track: 'Route', contractKind: 'Contractsoort', tier: 'Niveau', status: 'Status', count: 'Aantal' } });
}

/** The providers at risk, as CSV. */
export function risksCsv(report: RehearsalReport): string {
  return toCsv(report.atRisk, ['agbCode', 'providerName', 'contractKind', 'status', 'why'], { codes: ['agbCode'], headers: { agbCode: 'AGB-code', providerName: 'Zorgaanbieder', contractKind: 'Contractsoort', status: 'Status', why: 'Waarom' } });
}

/** The report as one HTML page (Dutch), with its charts. */
export function reportHtml(report: RehearsalReport): string {
  // From the sources or from the CLI's bundle in dist/: both one folder below the project.
  const eta = new Eta({ views: join(__dirname, '..', 'rehearsal', 'templates') });
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return eta.render('report', { report, day: (d: IsoDate) => formatDay(d), statusNl: NL.statusTexts, kinds: MESSAGE_KINDS, chartJs });
}

/** A one-screen summary for the terminal. */
export function summaryText(report: RehearsalReport): string {
  const busiest = [...report.weeks].sort((a, b) => b.conversations + b.assessments - (a.conversations + a.assessments))[0];
  const lines = [
    `rehearsal of ${report.edition.id} (${report.edition.status}) for ${report.providers} providers, ${report.tracks} tracks, ${formatDay(report.start)} to ${formatDay(report.end)}`,
    `outcomes: ${Object.entries(report.statuses).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ')}`,
    busiest ? `busiest week for staff: ${formatDay(busiest.week)} (${busiest.assessments} assessments, ${busiest.conversations} conversations)` : 'no staff work',
    `providers at risk: ${report.atRisk.length}`,
    ...(report.questions ? [`questions from providers: ${report.questions.total.received}, answered in time ${report.questions.total.inTime}, late ${report.questions.total.late}, open past the target ${report.questions.total.overdue}${report.questions.total.share === undefined ? '' : ` (${Math.round(report.questions.total.share * 100)}% in time)`}`] : []),
    `traps: ${report.traps.length}${report.traps.length ? '' : ' (none found)'}`,
    ...report.traps.map((t) => `  - ${t.text}`),
  ];
  return lines.join('\n');
}
