/**
 * What the provider contract machine hears, remembers and asks for: its events, its context, its
 * effects and its states, with the small pure facts about them that the workflow asks too.
 */
import type { Decision, OfferTerms } from '../policies/decision';
import type { IsoDate } from '../policies/calendar';
import type { MovableDeadline } from '../policies/deadline-moves';

/** Who did something: a member of staff or the provider's signatory. */
export interface Actor {
  by: string;
  note?: string;
}

/** A contract tier (gedifferentieerde inkoop). */
export type Tier = 'A' | 'B' | 'C' | 'D';

/** Why an offer was closed in the portal, so that it can no longer be signed. */
export type OfferClosedReason = 'refused' | 'expired' | 'withdrawn' | 'contract-year-ended';

export type { MovableDeadline };

/** Every event the machine understands. `at` is an ISO instant supplied by the workflow. */
export type ProviderEvent =
  | { type: 'EVALUATED'; at: string; decision: Decision }
  | { type: 'TARIFF_ANNEX_DATE_REACHED'; at: string }
  | { type: 'TARIFF_ANNEX_SENT'; at: string; messageId: string }
  | { type: 'INVITATION_SENT'; at: string; messageId: string }
  | ({ type: 'CONVERSATION_RECORDED'; at: string; outcome: 'positive' | 'negative' } & Actor)
  | { type: 'QUESTIONNAIRE_OPEN_REACHED'; at: string }
  | { type: 'QUESTIONNAIRE_SENT'; at: string; messageId: string }
  | ({ type: 'QUESTIONNAIRE_SUBMITTED'; at: string } & Actor)
  | { type: 'QUESTIONNAIRE_DEADLINE_PASSED'; at: string }
  | ({ type: 'ASSESSED'; at: string; outcome: 'positive' | 'negative'; tier?: Tier; reason?: string } & Actor)
  | ({ type: 'DOCUMENTS_REQUESTED'; at: string; documents: string[] } & Actor)
  | ({ type: 'DOCUMENTS_RECEIVED'; at: string; documents: string[] } & Actor)
  | ({ type: 'EXCEPTION_REQUESTED'; at: string; reason: string } & Actor)
  | ({ type: 'APPLICATION_RECEIVED'; at: string; receivedOn: IsoDate; kinds: string[] } & Actor)
  | { type: 'OFFER_DATE_REACHED'; at: string }
  | {
      type: 'OFFER_SENT';
      at: string;
      offerId: string;
      offeredOn: IsoDate;
      signingDeadline: IsoDate;
      /** A signing deadline staff moved before the offer, that lay before it: set aside for the policy's own rule. */
      movedDeadlineSetAside?: IsoDate;
      /** What the offer carried: tier, term, start. */
      terms?: OfferTerms;
    }
  | { type: 'OFFER_CLOSED'; at: string; reason: OfferClosedReason; skipped?: boolean }
  | ({ type: 'CONTRACT_SIGNED'; at: string } & Actor)
  | ({ type: 'OFFER_REFUSED'; at: string; reason: string } & Actor)
  | { type: 'SIGNING_DEADLINE_PASSED'; at: string }
  | { type: 'PUBLICATION_DATE_REACHED'; at: string }
  | { type: 'PUBLISHED'; at: string; listingIds: string[] }
  | ({ type: 'EVIDENCE_CORRECTED'; at: string; tier: Tier; receivedOn: IsoDate; effectiveFrom: IsoDate } & Actor)
  | ({ type: 'DEADLINE_MOVED'; at: string; deadline: MovableDeadline; to: IsoDate; reason: string } & Actor)
  | { type: 'REMINDER_DUE'; at: string; deadline: 'questionnaire-deadline' | 'signing-deadline'; day: IsoDate; daysBefore: number }
  | { type: 'ESCALATION_DUE'; at: string; waitingSince: string }
  | ({ type: 'NEW_PRODUCT_REQUESTED'; at: string; product: string; receivedOn: IsoDate } & Actor)
  /** The provider asked a question ("Vragen over zorginkoop", every policy's last section): kept on the track, its state unchanged. */
  | ({ type: 'QUESTION_ASKED'; at: string; subject: string; receivedOn: IsoDate } & QuestionMail & Actor)
  /** Staff answered the provider's question `question` (1 for the first): its clock stops. */
  | ({ type: 'QUESTION_ANSWERED'; at: string; question: number; answer: string } & Actor)
  /** The answer target passed for question `question` without an answer: staff are told. */
  | { type: 'QUESTION_OVERDUE'; at: string; question: number }
  | ({ type: 'WITHDRAWN'; at: string; reason: string; initiatedBy: 'provider' | 'staff' } & Actor)
  | { type: 'WITHDRAWAL_PROCESSED'; at: string }
  | { type: 'CONTRACT_YEAR_ENDED'; at: string }
  | {
      type: 'EFFECT_REFUSED';
      at: string;
      effect: string;
      reason: string;
      /** The state the track was in and the effect's params: what `RESUMED` goes back to and tries again. */
      from?: ProviderStateName;
      params?: unknown;
      /** The effects the same step asked for after the refused one: not run, run after it on `RESUMED`. */
      rest?: AskedEffect[];
    }
  | ({ type: 'RESUMED'; at: string } & Actor);

/**
 * One line of the provider's history, as data: the event (who decided is its `by`). An evaluation
 * keeps its outcome (the track, the contract kind, the tier, the reasons that did not hold), not
 * the whole decision. The sentences staff read are made from it outside the machine
 * (workflows/texts.ts).
 */
export type RecordedEvent =
  | Exclude<ProviderEvent, { type: 'EVALUATED' }>
  | { type: 'EVALUATED'; at: string; track: Decision['track']; contractKind: string; tier?: Tier; unmet: string[] };

/** What the machine remembers about the provider's track. */
export interface ProviderContext {
  policyId: string;
  agbCode: string;
  providerName: string;
  decision?: Decision;
  /** The instant the current state was entered: reminders and escalations count from it. */
  since?: string;
  /** The contract tier, from the decision, an assessment, or corrected evidence. */
  tier?: Tier;
  invitation?: { sentAt: string; messageId: string };
  conversation?: { at: string; outcome: 'positive' | 'negative' } & Actor;
  questionnaire?: { sentAt?: string; submittedAt?: string };
  assessment?: { at: string; outcome: 'positive' | 'negative'; reason?: string } & Actor;
  documents?: { requested: string[]; received: string[] };
  exception?: { at: string; reason: string } & Actor;
  offer?: { offerId: string; sentAt: string; offeredOn: IsoDate; signingDeadline: IsoDate; terms?: OfferTerms };
  /** The offer was closed in the portal (refused, expired, withdrawn, the year ended). */
  offerClosed?: { at: string; reason: OfferClosedReason };
  /** The contract year has ended (its timer fired): no further timer of the year. */
  yearEnded?: boolean;
  signature?: { at: string } & Actor;
  refusal?: { at: string; reason: string } & Actor;
  /**
   * A business refusal of an effect that stopped the track until staff act (resume or withdraw).
   * `RESUMED` goes back to `from` and runs the refused effect again, then `rest`.
   */
  blocked?: { at: string; effect: string; reason: string; from?: ProviderStateName; params?: unknown; rest?: AskedEffect[] };
  publication?: { at: string; listingIds: string[] };
  amendments: { at: string; tier: Tier; receivedOn: IsoDate; effectiveFrom: IsoDate; by: string }[];
  /** Deadlines moved by staff, by deadline, with the latest move winning. */
  moved: Partial<Record<MovableDeadline, IsoDate>>;
  /** Reminders already sent, as `deadline@day-N`. */
  remindersSent: string[];
  /** The waiting periods already escalated to staff, by their `since`. */
  escalated: string[];
  withdrawal?: { at: string; reason: string; initiatedBy: 'provider' | 'staff' } & Actor;
  /** The provider's questions, in the order they came. */
  questions?: ({ at: string; subject: string; receivedOn: IsoDate; answered?: { at: string; by: string; answer: string }; overdue?: string } & QuestionMail & Actor)[];
  history: RecordedEvent[];
}

/** A question that came by e-mail: its Message-ID and sender, so the answer is threaded to it and goes back to who asked. */
export interface QuestionMail {
  messageId?: string;
  replyTo?: string;
}

/** What the answer to a provider's question needs: the answer, the question it answers and how it came. */
export interface AnswerParams extends QuestionMail {
  question: number;
  answer: string;
  subject: string;
  receivedOn: IsoDate;
}

/** What starts the machine. */
export interface ProviderMachineInput {
  policyId: string;
  agbCode: string;
  providerName: string;
}

/** The effects the machine asks for; the workflow runs each as an activity. */
export type EffectType =
  | 'sendInvitation'
  | 'escalateQuestion'
  | 'answerProvider'
  | 'sendTariffAnnex'
  | 'sendQuestionnaire'
  | 'requestDocuments'
  | 'sendOffer'
  | 'closeOffer'
  | 'publishInDirectory'
  | 'sendReminder'
  | 'escalateToStaff'
  | 'amendContract'
  | 'processWithdrawal'
  | 'forwardNewProductRequest'
  | 'reevaluate'
  | 'auditCommand'
  | 'registerContract'
  | 'announceDeadlineMove'
  | 'retryEffect';

/** An effect asked for and not run yet: its name and params, as `transition()` returned them. */
export interface AskedEffect {
  effect: string;
  params: unknown;
}

/** What a person's command leaves in the audit log: who, what, when, and the command's own fields. */
export interface AuditEntry {
  /** The history line the command made (its number): with the action, the entry's idempotency key. */
  step: number;
  action: ProviderEvent['type'];
  at: string;
  actor: string;
  details: Record<string, unknown>;
}

/** What `retryEffect` runs: the refused effect once more, then the ones its step had not run. */
export interface RetriedEffects extends AskedEffect {
  rest?: AskedEffect[];
}

const TIER_ORDER: Tier[] = ['A', 'B', 'C', 'D'];
/** Is `a` a better tier than `b` (A best)? */
export const isBetterTier = (a: Tier, b: Tier | undefined) => b === undefined || TIER_ORDER.indexOf(a) < TIER_ORDER.indexOf(b);

/** What an application or follow request still lacks, from the decision. */
export function missingOf(decision: Decision | undefined): string[] {
  return decision?.documentsMissing ?? [];
}

/** What an event leaves in the history: the event itself; an evaluation its outcome, not the whole decision. */
export function recorded(event: ProviderEvent): RecordedEvent {
  if (event.type !== 'EVALUATED') return event;
  const { track, contractKind, tier, reasons } = event.decision;
  return { type: 'EVALUATED', at: event.at, track, contractKind, ...(tier ? { tier: tier.tier } : {}), unmet: reasons.filter((r) => !r.met).map((r) => r.text) };
}

/** The machine's states (flat: one name each); a test holds this list to the machine's. */
export const STATE_NAMES = [
  'evaluating', 'awaitingTariffAnnexDate', 'sendingTariffAnnex', 'runningContract', 'notApproached', 'inviting', 'awaitingConversation',
  'awaitingQuestionnaireDate', 'sendingQuestionnaire', 'awaitingQuestionnaire', 'awaitingDocuments', 'awaitingAssessment',
  'awaitingOfferDate', 'offering', 'awaitingSignature', 'signed', 'publishing', 'contracted', 'needsAttention',
  'closingRefused', 'closingExpired', 'closingAtYearEnd', 'withdrawing',
  'contractEnded', 'runningContractEnded', 'notApproachedEnded', 'closedUnfinished', 'conversationNegative',
  'questionnaireExpired', 'assessedNegative', 'refused', 'expired', 'withdrawn',
] as const;
export type ProviderStateName = (typeof STATE_NAMES)[number];

/** Is an offer in the portal that can still be signed: sent, not signed, not closed? */
export function hasOpenOffer(context: ProviderContext): boolean {
  return Boolean(context.offer && !context.signature && !context.offerClosed);
}

/** Was question `question` (1 for the first) asked, and is it still without an answer? */
export function isOpenQuestion(context: ProviderContext, question: number): boolean {
  const asked = context.questions?.[question - 1];
  return Boolean(asked && !asked.answered);
}

/** The key of a reminder sent: `deadline@day-N`. */
export const reminderKey = (deadline: string, day: IsoDate, daysBefore: number) => `${deadline}@${day}-${daysBefore}`;
