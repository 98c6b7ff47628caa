/**
 * Which deadline moves staff may make: why a move is refused, as data (a code and its values),
 * so that every front end says it in its reader's language (the workflow's English sentence is
 * workflows/texts.ts, the console's Dutch web/console/i18n.ts).
 */

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
