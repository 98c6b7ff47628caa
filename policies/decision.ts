/**
 * What `evaluate(policy, provider)` decides, with the reasons staff need to answer a provider,
 * and the small helpers every policy module uses to build one. Plain JSON: a decision travels as
 * an activity result and stays in the workflow's history.
 */
import type { IsoDate } from './calendar';
import { earliestDay, latestDay } from './plan-date';
import { answerTargetOf } from './reachability';
import { planFor, type ContractKind, type Policy, type Source, type StepId, type TierScheme, type Track } from './policy';
import { signingRuleOf, type SigningRule } from './signing';

export type { Track } from './policy';

/** One rule that was checked, whether it held, and where the policy says so. */
export interface Reason {
  /** Stable id, e.g. `paramedisch.s2.6.behandelindex`. */
  ruleId: string;
  /** Did the provider meet this rule (true) or did it stop or divert the provider (false)? */
  met: boolean;
  /** A sentence naming the provider's facts that counted, in English (for engineers; the golden decisions keep it). */
  text: string;
  /** The same sentence in Dutch, for staff (absent in decisions made before it was written: the English is shown). */
  nl?: string;
  source: Source;
}

/** The dates a provider's track runs on. */
export interface Plan {
  /** The latest day the invitation or questionnaire goes out, where the policy plans one. */
  invitationBy?: IsoDate;
  signing: SigningRule;
  publicationFrom: IsoDate;
  /** The contract year (its end closes the provider's year). */
  contractYear?: number;
  /** Reminders go out this many days before a deadline (policy setting). */
  reminderDaysBefore?: number[];
  /** Staff are escalated when an assessment has waited longer than this many working days. */
  assessWithinWorkingDays?: number;
  /** The Dutch public holidays of the campaign and contract years, for counting working days. */
  holidays?: IsoDate[];
  /** Every step of the track with the policy's words and what they mean. */
  steps: { step: StepId; label: string; when: string; date: import('./plan-date').PlanDate; source: Source }[];
  /** The offer's planned window (first and last day), where the policy plans one; absent: the offer follows an event. */
  offerWindow?: { from: IsoDate; to: IsoDate };
  /** The questionnaire's first day and deadline (questionnaire track). */
  questionnaire?: { opens?: IsoDate; deadline?: IsoDate };
  /** The last day a provider may ask for a new product in the coming offer, with the policy's words. */
  newProducts?: { lastDay: IsoDate; when: string; source: Source };
}

/** Tiers, best first. */
export type Tier = 'A' | 'B' | 'C' | 'D';

/**
 * What an offer carries, on whichever path the track reaches it (at once, after a questionnaire,
 * a conversation, an application, a follow request or an approved exception): complete, so that
 * no offer goes out without its tier, term or start.
 */
export interface OfferTerms {
  /** The tier the provider's facts give, where the kind has tiers (staff may assess another). */
  tier?: Tier;
  /** The term of the contract offered. */
  term?: { fromYear: number; toYear: number };
  /** A start fixed by the decision (a late application's). */
  startDate?: IsoDate;
  /**
   * A start that depends on when the provider asked (an exception request): no contract is
   * retroactive, so the first of the month after the request, not before the contract year.
   */
  startFromRequest?: boolean;
}

/** How corrected evidence for a better tier takes effect (001 s2.4.2: never retroactive). */
export interface CorrectedEvidenceRule {
  effectiveFrom: 'first-of-next-month';
  source: Source;
}

/** The decision for one provider, one contract kind, under one policy. */
export interface Decision {
  policyId: string;
  agbCode: string;
  contractKind: string;
  track: Track;
  /** The tier and the factors that counted, where the kind has tiers. */
  tier?: { tier: 'A' | 'B' | 'C' | 'D'; factors: Reason[] };
  /** The tiers the contract kind has (best first), where it has tiers: what staff may assess. */
  tierOptions?: ('A' | 'B' | 'C' | 'D')[];
  /** The term of the contract offered, in years. */
  term?: { fromYear: number; toYear: number };
  /** A late application's contract start: never retroactive. */
  startDate?: IsoDate;
  reasons: Reason[];
  plan: Plan;
  /**
   * The typed fields below come with every decision made since decisions were typed (`typed: 2`);
   * a decision recorded in an older history gets them from `typedDecision` (recorded-decision.ts).
   */
  typed?: 2;
  /** The edition and its revision (a hash of its content) the decision was made under. */
  edition?: { id: string; revision: string };
  /** The offer, complete, where any path of the track can reach one. */
  offer?: OfferTerms;
  /** A running contract's new tariff annex: on its planned day, or at once. */
  tariffAnnex?: { on?: IsoDate };
  /** The provider may ask for an exception (a behandelindex above the limit, 001 s2.3). */
  exception?: { text: string; source: Source };
  /** What an application or follow request still lacks: asked from the provider at once. */
  documentsMissing?: string[];
  /** How corrected evidence for a better tier takes effect, where the contract kind takes it. */
  correctedEvidence?: CorrectedEvidenceRule;
}

/** A reason builder bound to one seed file: `rule('2.6', 'paramedisch.s2.6.x', met, text, quote)`. */
export function ruleFor(file: string) {
  return (section: string, ruleId: string, met: boolean, text: string, quote?: string): Reason => ({
    ruleId,
    met,
    text,
    source: { file, section, quote },
  });
}

/** The track's plan for a kind, from the policy's calendar. */
export function trackPlan(policy: Policy, track: Track, kind: string): Plan {
  const plan = planFor(policy, track, kind);
  const target = answerTargetOf(policy);
  const signing = plan['signing-deadline'];
  const publication = plan.publication;
  if (!signing || !publication) throw new Error(`policy ${policy.id} has no signing deadline or publication for ${kind} (${track})`);
  const invitation = plan.invitation ?? plan['questionnaire-open'] ?? plan.offer;
  const offerFrom = plan.offer && earliestDay(plan.offer.date);
  const offerTo = plan.offer && latestDay(plan.offer.date);
  const newProducts = plan['new-product-deadline'];
  const newProductsBy = newProducts && newProducts.date.kind === 'by' ? newProducts.date.date : undefined;
  return {
    invitationBy: invitation ? latestDay(invitation.date) : undefined,
    signing: signingRuleOf(signing),
    publicationFrom: latestDay(publication.date) ?? (publication.date.kind === 'from' ? publication.date.date : ''),
    contractYear: policy.contractYear,
    reminderDaysBefore: policy.reminderDaysBefore,
    // The answer target as the reachability figure counts it (policies/reachability.ts).
    assessWithinWorkingDays: target.workingDays,
    holidays: [...target.holidays],
    steps: Object.values(plan).map(({ step, label, when, date, source }) => ({ step, label, when, date, source })),
    ...(offerFrom ? { offerWindow: { from: offerFrom, to: offerTo ?? offerFrom } } : {}),
    ...(track === 'questionnaire' && (plan['questionnaire-open'] || plan['questionnaire-deadline'])
      ? { questionnaire: { opens: plan['questionnaire-open'] && earliestDay(plan['questionnaire-open'].date), deadline: plan['questionnaire-deadline'] && latestDay(plan['questionnaire-deadline'].date) } }
      : {}),
    ...(newProducts && newProductsBy ? { newProducts: { lastDay: newProductsBy, when: newProducts.when, source: newProducts.source } } : {}),
  };
}

/** Extras a care type's rules give a decision beyond its track and reasons. */
export interface DecisionExtras extends Pick<Decision, 'tier' | 'startDate' | 'exception'> {
  /** The kind's running contract gets a new tariff annex (on the plan's tariff-annex day, or at once). */
  tariffAnnex?: boolean;
  /** Corrected evidence takes effect this way (where the kind takes it). */
  correctedEvidence?: CorrectedEvidenceRule;
  /** The tier an offer would carry where the decision itself names none (not approached, but an exception may be asked). */
  offerTier?: Decision['tier'];
}

/**
 * Assembles a decision: the kind's term goes with every track that offers a contract, and every
 * path that can reach an offer (an approved exception included) gets the offer's terms in full.
 */
export function decide(policy: Policy, agbCode: string, kind: ContractKind, track: Track, reasons: Reason[], extra: DecisionExtras = {}): Decision {
  const offers = track !== 'running-contract' && track !== 'not-approached';
  const plan = trackPlan(policy, track, kind.id);
  const annexStep = plan.steps.find((st) => st.step === 'tariff-annex');
  const offerTier = (extra.tier ?? extra.offerTier)?.tier;
  return {
    policyId: policy.id,
    agbCode,
    contractKind: kind.id,
    track,
    ...(extra.tier ? { tier: extra.tier } : {}),
    ...(kind.tiers ? { tierOptions: kind.tiers.tiers.map((t) => t.tier) } : {}),
    ...(offers && kind.term ? { term: kind.term } : {}),
    ...(extra.startDate ? { startDate: extra.startDate } : {}),
    reasons,
    plan,
    typed: 2,
    edition: { id: policy.id, revision: (policy as { revision?: string }).revision ?? 'built-in' },
    ...(offers || extra.exception
      ? { offer: { ...(offerTier ? { tier: offerTier } : {}), ...(kind.term ? { term: kind.term } : {}), ...(extra.startDate ? { startDate: extra.startDate } : {}), ...(!offers && extra.exception ? { startFromRequest: true } : {}) } }
      : {}),
    ...(track === 'running-contract' && extra.tariffAnnex ? { tariffAnnex: annexStep ? { on: earliestDay(annexStep.date) } : {} } : {}),
    ...(extra.exception ? { exception: extra.exception } : {}),
    documentsMissing: track === 'application' || track === 'follow' ? reasons.filter((r) => !r.met).map((r) => r.text) : [],
    ...(extra.correctedEvidence ? { correctedEvidence: extra.correctedEvidence } : {}),
  };
}



/** The tier for a number of met factors: the best tier whose minimum is reached (tier tables list best first). */
export function tierFor(scheme: TierScheme, metFactors: number): TierScheme['tiers'][number] {
  return scheme.tiers.find((t) => metFactors >= t.minFactors) ?? scheme.tiers[scheme.tiers.length - 1]!;
}
