/**
 * The terms an offer carries and when a change takes effect, from a decision's typed fields: pure
 * helpers the workflow calls when it sends an offer or takes corrected evidence. No zod here: the
 * workflow imports this module, and every module it imports is evaluated once per track a worker
 * holds (docs/architecture.md, "What a worker costs").
 */
import { firstOfNextMonth, laterDay, type IsoDate } from './calendar';
import type { CorrectedEvidenceRule, Decision, OfferTerms, Tier } from './decision';
import type { Source } from './policy';

/**
 * "Geen aanbod ontvangen" (001 s2.6, 002 s4, 003 s4, 004 s4): no contract is retroactive; an
 * offer made after 1 January of the contract year starts on the first day of the month after
 * the month of the application; an earlier application starts on 1 January.
 */
export function lateApplicationStart(contractYear: number, receivedOn: IsoDate): IsoDate {
  return laterDay(`${contractYear}-01-01`, firstOfNextMonth(receivedOn));
}

/**
 * The offer an accepted track sends: the decision's terms, the tier staff assessed (or the one the
 * facts gave), and a start that depends on the request where the decision says so.
 */
export function offerTermsAt(decision: Decision, { tier, requestedOn }: { tier?: Tier; requestedOn?: IsoDate }): OfferTerms {
  const offer = decision.offer ?? {};
  const startDate = offer.startDate ?? (offer.startFromRequest && requestedOn && decision.plan.contractYear ? lateApplicationStart(decision.plan.contractYear, requestedOn) : undefined);
  const chosen = tier ?? offer.tier;
  return { ...(chosen ? { tier: chosen } : {}), ...(offer.term ? { term: offer.term } : {}), ...(startDate ? { startDate } : {}) };
}

/** The day corrected evidence received on `receivedOn` takes effect (001 s2.4.2: the first of the next month, never retroactive). */
export function correctedEvidenceEffectiveFrom(rule: CorrectedEvidenceRule, receivedOn: IsoDate): IsoDate {
  switch (rule.effectiveFrom) {
    case 'first-of-next-month':
      return firstOfNextMonth(receivedOn);
  }
}

/** A source as staff read it: "001 s2.4.2 Fysiotherapie". */
export function sourceLabel(source: Source): string {
  return `${source.file.slice(0, 3)} s${source.section}`;
}
