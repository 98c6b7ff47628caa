/**
 * What `evaluate(policy, provider)` decides, with the reasons staff need to answer a provider,
 * and the small helpers every policy module uses to build one. Plain JSON: a decision travels as
 * an activity result and stays in the workflow's history.
 */
import { firstOfNextMonth, laterDay, type IsoDate } from './calendar';
import { dutchPublicHolidays } from './holidays';
import { latestDay } from './plan-date';
import { planFor, type ContractKind, type Policy, type Source, type StepId, type TierScheme, type Track } from './policy';
import { signingRuleOf, type SigningRule } from './signing';

export type { Track } from './policy';

/** One rule that was checked, whether it held, and where the policy says so. */
export interface Reason {
  /** Stable id, e.g. `paramedisch.s2.6.behandelindex`. */
  ruleId: string;
  /** Did the provider meet this rule (true) or did it stop or divert the provider (false)? */
  met: boolean;
  /** A sentence for staff, naming the provider's facts that counted. */
  text: string;
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
  const signing = plan['signing-deadline'];
  const publication = plan.publication;
  if (!signing || !publication) throw new Error(`policy ${policy.id} has no signing deadline or publication for ${kind} (${track})`);
  const invitation = plan.invitation ?? plan['questionnaire-open'] ?? plan.offer;
  return {
    invitationBy: invitation ? latestDay(invitation.date) : undefined,
    signing: signingRuleOf(signing),
    publicationFrom: latestDay(publication.date) ?? (publication.date.kind === 'from' ? publication.date.date : ''),
    contractYear: policy.contractYear,
    reminderDaysBefore: policy.reminderDaysBefore,
    assessWithinWorkingDays: policy.answerWithinWorkingDays,
    holidays: dutchPublicHolidays([policy.contractYear - 1, policy.contractYear]),
    steps: Object.values(plan).map(({ step, label, when, date, source }) => ({ step, label, when, date, source })),
  };
}

/** Assembles a decision: the kind's term goes with every track that offers a contract. */
export function decide(
  policy: Policy,
  agbCode: string,
  kind: ContractKind,
  track: Track,
  reasons: Reason[],
  extra: Pick<Decision, 'tier' | 'startDate'> = {},
): Decision {
  const offers = track !== 'running-contract' && track !== 'not-approached';
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
    plan: trackPlan(policy, track, kind.id),
  };
}

/**
 * "Geen aanbod ontvangen" (001 s2.6, 002 s4, 003 s4, 004 s4): no contract is retroactive; an
 * offer made after 1 January of the contract year starts on the first day of the month after
 * the month of the application; an earlier application starts on 1 January.
 */
export function lateApplicationStart(contractYear: number, receivedOn: IsoDate): IsoDate {
  return laterDay(`${contractYear}-01-01`, firstOfNextMonth(receivedOn));
}

/** The tier for a number of met factors: the best tier whose minimum is reached (tier tables list best first). */
export function tierFor(scheme: TierScheme, metFactors: number): TierScheme['tiers'][number] {
  return scheme.tiers.find((t) => metFactors >= t.minFactors) ?? scheme.tiers[scheme.tiers.length - 1]!;
}
