/**
 * Which deadline moves staff may make: why a move is refused, as data (a code and its values),
 * so that every front end says it in its reader's language (the workflow's English sentence is
 * workflows/texts.ts, the words staff read in words/, `deadlineRefusals`).
 *
 * Pure, no zod: the workflow's validator asks it (docs/architecture.md, "What a worker costs").
 */
import type { IsoDate } from './calendar';
import type { Track } from './policy';

/** Why a deadline cannot move. */
export const DEADLINE_REFUSAL_CODES = [
  'track-ended',
  'before-today',
  'after-contract-year',
  'no-such-deadline',
  'offer-sent',
  'offer-not-planned',
  'no-questionnaire',
  'questionnaire-submitted',
  'before-questionnaire',
  'signed',
  'before-offer',
  'before-planned-offer',
] as const;

/** A reason a deadline cannot move. */
export type DeadlineRefusalCode = (typeof DEADLINE_REFUSAL_CODES)[number];

/** Why a deadline cannot move, as data: a code and its values (days as YYYY-MM-DD), so that staff read it in their language. */
export interface DeadlineRefusal {
  code: DeadlineRefusalCode;
  values: Record<string, string>;
  /** Which deadline, to which day (the workflow's refusal adds them). */
  deadline?: string;
  to?: string;
}

/** The deadlines staff may move, for one provider or for all open providers of a policy. */
export type MovableDeadline = 'offer' | 'questionnaire-deadline' | 'signing-deadline';

/** What a move is judged against: where the provider's track stands, as plain facts. */
export interface DeadlineMoveFacts {
  /** The track has ended. */
  ended: boolean;
  /** The decided track (absent: not decided yet). */
  track?: Track;
  /** The provider waits as not approached (no deadline of its own). */
  notApproached: boolean;
  contractYear?: number;
  /** The day its offer went out, where it did. */
  offeredOn?: IsoDate;
  /** The day its offer is planned, where its track plans one (moves included). */
  plannedOffer?: IsoDate;
  /** The day its questionnaire goes out, where it has one. */
  questionnaireOpens?: IsoDate;
  questionnaireSent: boolean;
  questionnaireSubmitted: boolean;
  signed: boolean;
}

/**
 * Why a deadline cannot move for this provider now, as data (a code and its values, days as
 * YYYY-MM-DD, so that staff read it in their language), or undefined when it can. A move applies
 * only to a deadline still ahead of the provider, never to a day before today, never past the
 * end of the contract year (the track closes then), and never before the step it follows: a
 * questionnaire deadline not before the questionnaire goes out, a signing deadline not before
 * its offer (sent, or planned on a day). An offer whose day is not known yet (after a
 * conversation or an assessment) sets aside a moved signing deadline that turns out to lie
 * before it (docs/decisions.md, "A moved deadline never lies before what it governs").
 */
export function refuseDeadlineMove(facts: DeadlineMoveFacts, deadline: MovableDeadline, to: IsoDate, today: IsoDate): DeadlineRefusal | undefined {
  const { track, contractYear } = facts;
  const no = (code: DeadlineRefusalCode, values: Record<string, string> = {}): DeadlineRefusal => ({ code, values });
  if (facts.ended) return no('track-ended');
  if (to < today) return no('before-today', { to, today });
  if (contractYear && to > `${contractYear}-12-31`) return no('after-contract-year', { to, contractYear: String(contractYear) });
  if (!track || track === 'running-contract' || facts.notApproached) return no('no-such-deadline', { deadline, track: track ?? 'not decided yet' });
  switch (deadline) {
    case 'offer':
      if (facts.offeredOn) return no('offer-sent', { offeredOn: facts.offeredOn });
      if (track !== 'direct-offer' && track !== 'questionnaire') return no('offer-not-planned', { track });
      return undefined;
    case 'questionnaire-deadline': {
      if (track !== 'questionnaire') return no('no-questionnaire', { track });
      if (facts.questionnaireSubmitted) return no('questionnaire-submitted');
      const opens = facts.questionnaireOpens;
      if (!facts.questionnaireSent && opens && to < opens) return no('before-questionnaire', { to, opens });
      return undefined;
    }
    case 'signing-deadline':
      if (facts.signed) return no('signed');
      if (facts.offeredOn && to < facts.offeredOn) return no('before-offer', { to, offeredOn: facts.offeredOn });
      if (!facts.offeredOn && facts.plannedOffer && to < facts.plannedOffer) return no('before-planned-offer', { to, plannedOffer: facts.plannedOffer });
      return undefined;
  }
}
