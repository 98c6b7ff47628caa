/**
 * Decisions recorded in older histories, read as today's typed decisions.
 *
 * A track's decision is the result of a local activity, kept in its history. Decisions made before
 * decisions were typed (`typed: 2`) carry only their track, reasons and plan; the machine and the
 * workflow now branch on typed fields instead. `typedDecision` derives those fields from a recorded
 * decision exactly as the code of its day read them from the reasons and the plan, so that a replay
 * of an old history takes the same way. It is the one place that still reads rule ids: it reads
 * the past, and nothing new is decided here.
 */
import { earliestDay, latestDay } from './plan-date';
import type { Decision, Plan } from './decision';

/** The decision with its typed fields: as made today, or derived from what an older one recorded. */
export function typedDecision(decision: Decision): Decision {
  if (decision.typed === 2) return decision;
  const step = (id: string) => decision.plan.steps?.find((s) => s.step === id);
  const offer = step('offer');
  const opens = step('questionnaire-open');
  const deadline = step('questionnaire-deadline');
  const annex = step('tariff-annex');
  const newProducts = step('new-product-deadline');
  const plan: Plan = {
    ...decision.plan,
    ...(offer && earliestDay(offer.date) ? { offerWindow: { from: earliestDay(offer.date)!, to: latestDay(offer.date) ?? earliestDay(offer.date)! } } : {}),
    ...(opens || deadline ? { questionnaire: { opens: opens && earliestDay(opens.date), deadline: deadline && latestDay(deadline.date) } } : {}),
    ...(newProducts && newProducts.date.kind === 'by' ? { newProducts: { lastDay: newProducts.date.date, when: newProducts.when, source: newProducts.source } } : {}),
  };
  const excluded = decision.reasons.find((r) => r.ruleId.endsWith('.behandelindex') && !r.met);
  const offers = decision.track !== 'running-contract' && decision.track !== 'not-approached';
  return {
    ...decision,
    plan,
    offer: offers || excluded ? { ...(decision.tier ? { tier: decision.tier.tier } : {}), ...(decision.term ? { term: decision.term } : {}), ...(decision.startDate ? { startDate: decision.startDate } : {}) } : undefined,
    ...(decision.reasons.some((r) => r.ruleId.endsWith('.tariff-annex') && r.met) ? { tariffAnnex: { on: annex && earliestDay(annex.date) } } : {}),
    ...(excluded ? { exception: { text: excluded.text, source: excluded.source } } : {}),
    documentsMissing: decision.track === 'application' || decision.track === 'follow' ? decision.reasons.filter((r) => !r.met).map((r) => r.text) : [],
    // Before, every track took corrected evidence for a better tier, from the first of the next month.
    correctedEvidence: { effectiveFrom: 'first-of-next-month', source: { file: '001_c09c8bb5b9df1701.txt', section: '2.4.2 Fysiotherapie' } },
  };
}
