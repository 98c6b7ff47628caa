/**
 * The signing deadline of an offer: a fixed day, or a number of weeks after the offer.
 *
 * Workflow code computes the deadline when the offer goes out, so this module imports no zod:
 * every module a workflow imports is evaluated again for each workflow a worker holds
 * (docs/architecture.md, "What a worker costs").
 */
import { addWeeks, compareDays, type IsoDate } from './calendar';
import type { PlanStep, Source } from './policy';
import { latestDay } from './plan-date';

/** When the provider must have signed: a fixed day, or a number of weeks after the offer. */
export type SigningRule =
  | { kind: 'fixed'; date: IsoDate; text: string; source: Source }
  | { kind: 'weeks-after-offer'; weeks: number; text: string; source: Source };

/** The signing rule of a plan's signing-deadline step. */
export function signingRuleOf(step: PlanStep): SigningRule {
  if (step.date.kind === 'after') return { kind: 'weeks-after-offer', weeks: step.date.weeks, text: step.when, source: step.source };
  const date = latestDay(step.date);
  if (!date) throw new Error(`signing deadline '${step.when}' has no last day`);
  return { kind: 'fixed', date, text: step.when, source: step.source };
}

/** Weeks to sign an offer made after a fixed signing deadline has passed (docs/decisions.md). */
export const LATE_OFFER_WEEKS = 4;

/**
 * The signing deadline of an offer made on `offeredOn`: the fixed day, or the day `weeks` weeks
 * later by the Amsterdam calendar. An offer made after the fixed day has passed (a late
 * application, an approved exception, a follow request) gets the policies' own relative rule,
 * four weeks after the offer (000 s5, 002 s5), rather than a deadline already gone.
 */
export function signingDeadlineFor(rule: SigningRule, offeredOn: string): string {
  if (rule.kind === 'weeks-after-offer') return addWeeks(offeredOn, rule.weeks);
  return compareDays(offeredOn, rule.date) > 0 ? addWeeks(offeredOn, LATE_OFFER_WEEKS) : rule.date;
}

/** The signing rule in words, for staff. */
export function describeSigningRule(rule: SigningRule): string {
  return rule.kind === 'fixed' ? `sign by ${rule.date}` : `sign within ${rule.weeks} weeks of the offer`;
}

/** An offer's signing deadline: what the rule and a staff move ask, and, where that breaks a bound, the deadline within bounds. */
export interface OfferSigningDeadline {
  /** The moved deadline where staff moved it, else the policy's rule. */
  asked: IsoDate;
  /**
   * Where `asked` lies before the offer or after its contract year: a moved deadline before the
   * offer set aside for the policy's rule, then no day after the contract year (nor before the offer).
   */
  inBounds?: { signingDeadline: IsoDate; movedDeadlineSetAside?: IsoDate };
}

/**
 * The signing deadline of an offer made on `offeredOn` (probe defects 3 and 7): a deadline staff
 * moved while the offer's day was unknown that lies before the offer gives way to the policy's
 * own rule, and no deadline lies after the contract year (the track closes then).
 */
export function offerSigningDeadline(rule: SigningRule, offeredOn: IsoDate, moved: IsoDate | undefined, contractYear: number | undefined): OfferSigningDeadline {
  const policyRule = signingDeadlineFor(rule, offeredOn);
  const asked = moved ?? policyRule;
  const yearEnd = contractYear ? `${contractYear}-12-31` : undefined;
  const movedBeforeOffer = moved !== undefined && moved < offeredOn;
  if (!movedBeforeOffer && !(yearEnd && asked > yearEnd)) return { asked };
  let signingDeadline = movedBeforeOffer ? policyRule : asked;
  if (yearEnd && signingDeadline > yearEnd) signingDeadline = yearEnd < offeredOn ? offeredOn : yearEnd;
  return { asked, inBounds: { signingDeadline, ...(movedBeforeOffer ? { movedDeadlineSetAside: moved } : {}) } };
}
