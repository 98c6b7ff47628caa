/**
 * A provider's contract state for one policy year and contract kind, as a pure XState v5
 * machine covering every track the policies decide (policies/policy.ts, `Track`).
 *
 * No timers, no I/O, no clock: every event carries the instant it happened (`at`), and side
 * effects are named actions with params (`sendOffer`, `publishInDirectory`, ...) that the
 * workflow receives from `transition()` and runs as activities. The workflow owns every timer;
 * which timers run in which state is `pendingTimers()` below.
 */
import { assertEvent, assign, enqueueActions, setup, stateIn, type SnapshotFrom } from 'xstate';
import { deadlinePassesAt, startOfDay, type IsoDate } from '../policies/calendar';
import type { Decision, OfferTerms } from '../policies/decision';
import type { PublicStatus } from './public-status';
import { refuseDeadlineMove, type DeadlineRefusal, type MovableDeadline } from '../policies/deadline-moves';
import { escalationDueAt, remindersBefore } from '../policies/reminders';

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
  history: RecordedEvent[];
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
function recorded(event: ProviderEvent): RecordedEvent {
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

/** The provider contract machine. */
export const providerContractMachine = setup({
  types: {
    context: {} as ProviderContext,
    events: {} as ProviderEvent,
    input: {} as ProviderMachineInput,
    // Every state names the public status staff see in it (machines/public-status.ts).
    meta: {} as { status: PublicStatus },
  },
  actions: {
    // Effects: no implementation here. `transition()` returns them with their params and the
    // workflow runs them; the empty bodies exist only so that the names are typed.
    sendInvitation: () => {},
    sendTariffAnnex: () => {},
    sendQuestionnaire: () => {},
    requestDocuments: (_, _params: { documents: string[] }) => {},
    sendOffer: () => {},
    closeOffer: (_, _params: { reason: OfferClosedReason }) => {},
    publishInDirectory: () => {},
    sendReminder: (_, _params: { deadline: string; day: IsoDate; daysBefore: number }) => {},
    escalateToStaff: () => {},
    amendContract: (_, _params: { tier: Tier; effectiveFrom: IsoDate }) => {},
    processWithdrawal: () => {},
    forwardNewProductRequest: (_, _params: { product: string; receivedOn: IsoDate }) => {},
    reevaluate: (_, _params: { receivedOn: IsoDate; kinds: string[] }) => {},
    auditCommand: (_, _params: AuditEntry) => {},
    registerContract: (_, _params: { signedAt: string; signedBy: string }) => {},
    announceDeadlineMove: (_, _params: { deadline: MovableDeadline; to: IsoDate; reason: string; step: number }) => {},
    retryEffect: (_, _params: RetriedEffects) => {},
    // A history line for the event; a command a person gave (`by`) is written to the audit log
    // too, before whatever else the step asks.
    record: enqueueActions<ProviderContext, ProviderEvent, undefined, ProviderEvent, never, { type: 'auditCommand'; params: AuditEntry }, never, never, never>(({ context, event, enqueue }) => {
      const history = [...context.history, recorded(event)];
      enqueue.assign({ history });
      if ('by' in event && typeof event.by === 'string') {
        const { type, at, by, ...details } = event;
        enqueue({ type: 'auditCommand', params: { step: history.length, action: type, at, actor: by, details } });
      }
    }),
    entered: assign({ since: ({ event }) => event.at }),
    yearEnded: assign({ yearEnded: true }),
    offerClosed: assign(({ event }) => {
      assertEvent(event, 'OFFER_CLOSED');
      return { offerClosed: { at: event.at, reason: event.reason } };
    }),
    decided: assign(({ event }) => {
      assertEvent(event, 'EVALUATED');
      return { decision: event.decision, tier: event.decision.tier?.tier, since: event.at };
    }),
    conversed: assign(({ event }) => {
      assertEvent(event, 'CONVERSATION_RECORDED');
      return { conversation: { at: event.at, outcome: event.outcome, by: event.by, note: event.note } };
    }),
    assessed: assign(({ context, event }) => {
      assertEvent(event, 'ASSESSED');
      return { assessment: { at: event.at, outcome: event.outcome, by: event.by, reason: event.reason, note: event.note }, tier: event.tier ?? context.tier };
    }),
    reminded: assign(({ context, event }) => {
      assertEvent(event, 'REMINDER_DUE');
      return { remindersSent: [...context.remindersSent, reminderKey(event.deadline, event.day, event.daysBefore)] };
    }),
    corrected: assign(({ context, event }) => {
      assertEvent(event, 'EVIDENCE_CORRECTED');
      return { tier: event.tier, amendments: [...context.amendments, { at: event.at, tier: event.tier, receivedOn: event.receivedOn, effectiveFrom: event.effectiveFrom, by: event.by }] };
    }),
  },
  guards: {
    isTrack: ({ event }, track: Decision['track']) => event.type === 'EVALUATED' && event.decision.track === track,
    hasTariffAnnex: ({ event }) => event.type === 'EVALUATED' && event.decision.tariffAnnex !== undefined,
    hasMissing: ({ event }) => event.type === 'EVALUATED' && missingOf(event.decision).length > 0,
    isPositive: ({ event }) => (event.type === 'CONVERSATION_RECORDED' || event.type === 'ASSESSED') && event.outcome === 'positive',
    // The decision says whether an exception may be asked (a behandelindex above the limit).
    canAskException: ({ context }) => context.decision?.exception !== undefined,
    // Corrected evidence counts where the decision says how it takes effect, and only for a better tier.
    isBetterTier: ({ context, event }) => event.type === 'EVIDENCE_CORRECTED' && context.decision?.correctedEvidence !== undefined && isBetterTier(event.tier, context.tier),
    // An offer in the portal that can still be signed: sent, not signed, not closed.
    hasOpenOffer: ({ context }) => hasOpenOffer(context),
  },
}).createMachine({
  id: 'providerContract',
  initial: 'evaluating',
  context: ({ input }) => ({ ...input, history: [], amendments: [], moved: {}, remindersSent: [], escalated: [] }),
  on: {
    // Opt-out and withdrawal at any point, the reason kept; whatever is open is closed, then the
    // track ends (a refusal while closing stops it for staff instead, with nothing lost).
    WITHDRAWN: { target: '.withdrawing', actions: [assign({ withdrawal: ({ event }) => ({ at: event.at, by: event.by, reason: event.reason, initiatedBy: event.initiatedBy, note: event.note }) }), 'record', 'processWithdrawal'] },
    // The provider is told its new day.
    DEADLINE_MOVED: {
      actions: [
        assign({ moved: ({ context, event }) => ({ ...context.moved, [event.deadline]: event.to }) }),
        'record',
        { type: 'announceDeadlineMove', params: ({ context, event }) => ({ deadline: event.deadline, to: event.to, reason: event.reason, step: context.history.length }) },
      ],
    },
    // A business refusal (non-retryable) of an effect: the provider waits for staff.
    EFFECT_REFUSED: {
      target: '.needsAttention',
      actions: [
        assign({ blocked: ({ event }) => ({ at: event.at, effect: event.effect, reason: event.reason, ...(event.from ? { from: event.from, params: event.params } : {}), ...(event.rest?.length ? { rest: event.rest } : {}) }) }),
        'record',
      ],
    },
    CONTRACT_YEAR_ENDED: [
      { guard: stateIn('contracted'), target: '.contractEnded', actions: ['yearEnded', 'record'] },
      { guard: stateIn('runningContract'), target: '.runningContractEnded', actions: ['yearEnded', 'record'] },
      { guard: stateIn('notApproached'), target: '.notApproachedEnded', actions: ['yearEnded', 'record'] },
      // An offer still open when the year ends can no longer be signed: close it, then end.
      { guard: 'hasOpenOffer', target: '.closingAtYearEnd', actions: ['yearEnded', 'record', { type: 'closeOffer', params: { reason: 'contract-year-ended' } }] },
      { target: '.closedUnfinished', actions: ['yearEnded', 'record'] },
    ],
  },
  states: {
    evaluating: {
      meta: { status: 'EVALUATING' },
      on: {
        EVALUATED: [
          { guard: 'hasTariffAnnex', target: 'awaitingTariffAnnexDate', actions: ['decided', 'record'] },
          { guard: { type: 'isTrack', params: 'running-contract' }, target: 'runningContract', actions: ['decided', 'record'] },
          { guard: { type: 'isTrack', params: 'not-approached' }, target: 'notApproached', actions: ['decided', 'record'] },
          { guard: { type: 'isTrack', params: 'negotiation' }, target: 'inviting', actions: ['decided', 'record', 'sendInvitation'] },
          { guard: { type: 'isTrack', params: 'questionnaire' }, target: 'awaitingQuestionnaireDate', actions: ['decided', 'record'] },
          { guard: { type: 'isTrack', params: 'direct-offer' }, target: 'awaitingOfferDate', actions: ['decided', 'record'] },
          {
            guard: 'hasMissing',
            target: 'awaitingDocuments',
            actions: ['decided', 'record', { type: 'requestDocuments', params: ({ event }) => {
              assertEvent(event, 'EVALUATED');
              return { documents: missingOf(event.decision) };
            } }],
          },
          { target: 'awaitingAssessment', actions: ['decided', 'record'] },
        ],
      },
    },
    // The new tariff annex goes out on the decision's day for it, or at once.
    awaitingTariffAnnexDate: {
      meta: { status: 'RUNNING_CONTRACT' },
      entry: 'entered',
      on: { TARIFF_ANNEX_DATE_REACHED: { target: 'sendingTariffAnnex', actions: ['record', 'sendTariffAnnex'] } },
    },
    sendingTariffAnnex: { meta: { status: 'RUNNING_CONTRACT' }, on: { TARIFF_ANNEX_SENT: { target: 'runningContract', actions: 'record' } } },
    runningContract: {
      meta: { status: 'RUNNING_CONTRACT' },
      entry: 'entered',
      on: { EVIDENCE_CORRECTED: { guard: 'isBetterTier', actions: ['corrected', 'record', { type: 'amendContract', params: amendment }] } },
    },
    notApproached: {
      meta: { status: 'NOT_APPROACHED' },
      entry: 'entered',
      on: {
        EXCEPTION_REQUESTED: {
          guard: 'canAskException',
          target: 'awaitingAssessment',
          actions: [assign({ exception: ({ event }) => ({ at: event.at, by: event.by, reason: event.reason, note: event.note }) }), 'record'],
        },
        // "Geen aanbod ontvangen": a provider applies; the policy decides again with the application.
        APPLICATION_RECEIVED: { target: 'evaluating', actions: ['record', { type: 'reevaluate', params: ({ event }) => ({ receivedOn: event.receivedOn, kinds: event.kinds }) }] },
      },
    },
    // SENDING, not IN_CONVERSATION, QUESTIONNAIRE_OPEN or OFFERED, while the portal has not taken
    // the message (here, sendingQuestionnaire, offering): a status never runs ahead of what the
    // provider can see (probe defect 9).
    inviting: {
      meta: { status: 'SENDING' },
      on: { INVITATION_SENT: { target: 'awaitingConversation', actions: [assign({ invitation: ({ event }) => ({ sentAt: event.at, messageId: event.messageId }) }), 'record'] } },
    },
    awaitingConversation: {
      meta: { status: 'IN_CONVERSATION' },
      entry: 'entered',
      on: {
        NEW_PRODUCT_REQUESTED: { actions: ['record', { type: 'forwardNewProductRequest', params: newProduct }] },
        CONVERSATION_RECORDED: [
          { guard: 'isPositive', target: 'offering', actions: ['conversed', 'record', 'sendOffer'] },
          { target: 'conversationNegative', actions: ['conversed', 'record'] },
        ],
      },
    },
    awaitingQuestionnaireDate: {
      meta: { status: 'QUESTIONNAIRE_PLANNED' },
      entry: 'entered',
      on: { QUESTIONNAIRE_OPEN_REACHED: { target: 'sendingQuestionnaire', actions: ['record', 'sendQuestionnaire'] } },
    },
    sendingQuestionnaire: {
      meta: { status: 'SENDING' },
      on: { QUESTIONNAIRE_SENT: { target: 'awaitingQuestionnaire', actions: [assign({ questionnaire: ({ event }) => ({ sentAt: event.at }) }), 'record'] } },
    },
    awaitingQuestionnaire: {
      meta: { status: 'QUESTIONNAIRE_OPEN' },
      entry: 'entered',
      on: {
        QUESTIONNAIRE_SUBMITTED: { target: 'awaitingAssessment', actions: [assign({ questionnaire: ({ context, event }) => ({ ...context.questionnaire, submittedAt: event.at }) }), 'record'] },
        QUESTIONNAIRE_DEADLINE_PASSED: { target: 'questionnaireExpired', actions: 'record' },
        REMINDER_DUE: { actions: ['reminded', 'record', { type: 'sendReminder', params: reminder }] },
      },
    },
    awaitingDocuments: {
      meta: { status: 'DOCUMENTS_REQUESTED' },
      entry: 'entered',
      on: {
        NEW_PRODUCT_REQUESTED: { actions: ['record', { type: 'forwardNewProductRequest', params: newProduct }] },
        DOCUMENTS_RECEIVED: {
          target: 'awaitingAssessment',
          actions: [assign({ documents: ({ context, event }) => ({ requested: context.documents?.requested ?? [], received: [...(context.documents?.received ?? []), ...event.documents] }) }), 'record'],
        },
      },
    },
    awaitingAssessment: {
      meta: { status: 'UNDER_ASSESSMENT' },
      entry: 'entered',
      on: {
        NEW_PRODUCT_REQUESTED: { actions: ['record', { type: 'forwardNewProductRequest', params: newProduct }] },
        ASSESSED: [
          { guard: 'isPositive', target: 'awaitingOfferDate', actions: ['assessed', 'record'] },
          { target: 'assessedNegative', actions: ['assessed', 'record'] },
        ],
        DOCUMENTS_REQUESTED: {
          target: 'awaitingDocuments',
          actions: [assign({ documents: ({ event }) => ({ requested: event.documents, received: [] }) }), 'record', { type: 'requestDocuments', params: ({ event }) => ({ documents: event.documents }) }],
        },
        ESCALATION_DUE: { actions: [assign({ escalated: ({ context, event }) => [...context.escalated, event.waitingSince] }), 'record', 'escalateToStaff'] },
      },
    },
    awaitingOfferDate: {
      meta: { status: 'OFFER_PLANNED' },
      entry: 'entered',
      on: {
        OFFER_DATE_REACHED: { target: 'offering', actions: ['record', 'sendOffer'] },
        NEW_PRODUCT_REQUESTED: { actions: ['record', { type: 'forwardNewProductRequest', params: newProduct }] },
      },
    },
    offering: {
      meta: { status: 'SENDING' },
      on: {
        OFFER_SENT: {
          target: 'awaitingSignature',
          // The offer carries its deadline, a move made before it included (or set aside, where it
          // lay before the offer): from here on the offer's deadline counts, and later moves.
          actions: [
            assign({
              offer: ({ event }) => ({ offerId: event.offerId, sentAt: event.at, offeredOn: event.offeredOn, signingDeadline: event.signingDeadline, ...(event.terms ? { terms: event.terms } : {}) }),
              moved: ({ context }) => Object.fromEntries(Object.entries(context.moved).filter(([deadline]) => deadline !== 'signing-deadline')),
            }),
            'record',
          ],
        },
      },
    },
    awaitingSignature: {
      meta: { status: 'OFFERED' },
      entry: 'entered',
      on: {
        // The signed contract goes into the contract register.
        CONTRACT_SIGNED: {
          target: 'signed',
          actions: [assign({ signature: ({ event }) => ({ at: event.at, by: event.by, note: event.note }) }), 'record', { type: 'registerContract', params: ({ event }) => ({ signedAt: event.at, signedBy: event.by }) }],
        },
        OFFER_REFUSED: {
          target: 'closingRefused',
          actions: [assign({ refusal: ({ event }) => ({ at: event.at, by: event.by, reason: event.reason, note: event.note }) }), 'record', { type: 'closeOffer', params: { reason: 'refused' } }],
        },
        SIGNING_DEADLINE_PASSED: { target: 'closingExpired', actions: ['record', { type: 'closeOffer', params: { reason: 'expired' } }] },
        REMINDER_DUE: { actions: ['reminded', 'record', { type: 'sendReminder', params: reminder }] },
      },
    },
    signed: {
      meta: { status: 'SIGNED' },
      entry: 'entered',
      on: {
        PUBLICATION_DATE_REACHED: { target: 'publishing', actions: ['record', 'publishInDirectory'] },
        EVIDENCE_CORRECTED: { guard: 'isBetterTier', actions: ['corrected', 'record', { type: 'amendContract', params: amendment }] },
      },
    },
    publishing: {
      meta: { status: 'SIGNED' },
      on: { PUBLISHED: { target: 'contracted', actions: [assign({ publication: ({ event }) => ({ at: event.at, listingIds: event.listingIds }) }), 'record'] } },
    },
    // Signed and listed; the contract runs: corrected evidence may still raise its tier.
    contracted: {
      meta: { status: 'PUBLISHED' },
      entry: 'entered',
      on: { EVIDENCE_CORRECTED: { guard: 'isBetterTier', actions: ['corrected', 'record', { type: 'amendContract', params: amendment }] } },
    },
    // The outcome is decided; the offer is being closed in the portal. A refusal of the close
    // stops the track for staff (root EFFECT_REFUSED) rather than ending it with the offer open.
    closingRefused: { meta: { status: 'REFUSED' }, on: { OFFER_CLOSED: { target: 'refused', actions: ['offerClosed', 'record'] } } },
    closingExpired: { meta: { status: 'EXPIRED' }, on: { OFFER_CLOSED: { target: 'expired', actions: ['offerClosed', 'record'] } } },
    closingAtYearEnd: { meta: { status: 'NOT_CONTRACTED' }, on: { OFFER_CLOSED: { target: 'closedUnfinished', actions: ['offerClosed', 'record'] } } },
    withdrawing: { meta: { status: 'WITHDRAWN' }, on: { WITHDRAWAL_PROCESSED: { target: 'withdrawn', actions: [assign({ offerClosed: ({ context, event }) => context.offerClosed ?? (context.offer && !context.signature ? { at: event.at, reason: 'withdrawn' as const } : undefined) }), 'record'] } } },
    // Waits for staff: resumed once the cause is fixed (back to whichever state it stopped in, the
    // refused effect tried again), withdrawn, or ended by the contract year (root transitions).
    needsAttention: {
      meta: { status: 'NEEDS_ATTENTION' },
      entry: 'entered',
      on: {
        // A refusal while the track already waits for staff (a deadline move's notice) keeps where
        // it stopped first; its effect is tried again on resume, after the ones refused before it.
        EFFECT_REFUSED: {
          actions: [
            assign({ blocked: ({ context, event }) => ({ ...context.blocked!, rest: [...(context.blocked!.rest ?? []), { effect: event.effect, params: event.params }, ...(event.rest ?? [])] }) }),
            'record',
          ],
        },
        RESUMED: STATE_NAMES.filter((from) => from !== 'needsAttention').map((from) => ({
          guard: ({ context }: { context: ProviderContext }) => context.blocked?.from === from,
          target: from,
          actions: [
            'record',
            {
              type: 'retryEffect' as const,
              params: ({ context }: { context: ProviderContext }) => ({ effect: context.blocked!.effect, params: context.blocked!.params, ...(context.blocked!.rest ? { rest: context.blocked!.rest } : {}) }),
            },
          ],
        })),
      },
    },
    contractEnded: { meta: { status: 'PUBLISHED' }, type: 'final' },
    runningContractEnded: { meta: { status: 'RUNNING_CONTRACT' }, type: 'final' },
    notApproachedEnded: { meta: { status: 'NOT_APPROACHED' }, type: 'final' },
    closedUnfinished: { meta: { status: 'NOT_CONTRACTED' }, type: 'final' },
    conversationNegative: { meta: { status: 'CONVERSATION_NEGATIVE' }, type: 'final' },
    questionnaireExpired: { meta: { status: 'QUESTIONNAIRE_EXPIRED' }, type: 'final' },
    assessedNegative: { meta: { status: 'ASSESSED_NEGATIVE' }, type: 'final' },
    refused: { meta: { status: 'REFUSED' }, type: 'final' },
    expired: { meta: { status: 'EXPIRED' }, type: 'final' },
    withdrawn: { meta: { status: 'WITHDRAWN' }, type: 'final' },
  },
});

/** The params of the effects, from the event that asked them. */
function amendment({ event }: { event: ProviderEvent }): { tier: Tier; effectiveFrom: IsoDate } {
  assertEvent(event, 'EVIDENCE_CORRECTED');
  return { tier: event.tier, effectiveFrom: event.effectiveFrom };
}

function newProduct({ event }: { event: ProviderEvent }): { product: string; receivedOn: IsoDate } {
  assertEvent(event, 'NEW_PRODUCT_REQUESTED');
  return { product: event.product, receivedOn: event.receivedOn };
}

function reminder({ event }: { event: ProviderEvent }): { deadline: string; day: IsoDate; daysBefore: number } {
  assertEvent(event, 'REMINDER_DUE');
  return { deadline: event.deadline, day: event.day, daysBefore: event.daysBefore };
}

const reminderKey = (deadline: string, day: IsoDate, daysBefore: number) => `${deadline}@${day}-${daysBefore}`;

/** Is an offer in the portal that can still be signed: sent, not signed, not closed? */
export function hasOpenOffer(context: ProviderContext): boolean {
  return Boolean(context.offer && !context.signature && !context.offerClosed);
}

/** A snapshot of the provider contract machine. */
export type ProviderSnapshot = SnapshotFrom<typeof providerContractMachine>;

/** The public status of a snapshot: its state's `meta.status`. */
export function statusOf(snapshot: ProviderSnapshot): PublicStatus {
  return Object.values(snapshot.getMeta())[0]!.status;
}


/** A timer the workflow keeps, and the event it sends when the timer fires. */
export interface PendingTimer {
  event: ProviderEvent;
  /** The instant the timer fires. */
  at: Date;
  /** The calendar day the policy or a staff move names. */
  day: IsoDate;
  /** Does this timer mark a deadline shown to staff (search attribute ZorgNextDeadline)? */
  isDeadline: boolean;
}

/** The current deadline day of a movable deadline, moves included. */
export function deadlineDay(context: ProviderContext, deadline: MovableDeadline): IsoDate | undefined {
  if (context.moved[deadline]) return context.moved[deadline];
  const plan = context.decision?.plan;
  switch (deadline) {
    case 'signing-deadline':
      return context.offer?.signingDeadline;
    case 'offer':
      return plan?.offerWindow?.from;
    case 'questionnaire-deadline':
      return plan?.questionnaire?.deadline;
  }
}

/**
 * The timers the workflow keeps in this state: the deadline itself, the reminders before it
 * (from the policy's `reminderDaysBefore`, at 09:00, not before the state was entered), the
 * escalation of an assessment waiting longer than the answer target in working days, the
 * publication day, and the end of the contract year for tracks that stay open.
 */
export function pendingTimers(snapshot: ProviderSnapshot): readonly PendingTimer[] {
  // A snapshot never changes (a transition makes a new one), and the workflow asks for its timers
  // several times a step (the loop, the search attributes, the view, an update's validator).
  const known = timersOf.get(snapshot);
  if (known) return known;
  const timers = Object.freeze(timersFor(snapshot));
  timersOf.set(snapshot, timers);
  return timers;
}

const timersOf = new WeakMap<ProviderSnapshot, readonly PendingTimer[]>();

function timersFor(snapshot: ProviderSnapshot): PendingTimer[] {
  const { context } = snapshot;
  const plan = context.decision?.plan;
  const timers: PendingTimer[] = [];
  const state = snapshot.value as ProviderStateName;
  const since = context.since ? Date.parse(context.since) : 0;

  const deadline = (name: 'questionnaire-deadline' | 'signing-deadline', event: ProviderEvent['type']) => {
    const day = deadlineDay(context, name);
    if (!day) return;
    timers.push({ event: { type: event, at: deadlinePassesAt(day).toISOString() } as ProviderEvent, at: deadlinePassesAt(day), day, isDeadline: true });
    for (const { daysBefore, day: remindOn, at } of remindersBefore(day, plan?.reminderDaysBefore ?? [])) {
      if (at.getTime() <= since || context.remindersSent.includes(reminderKey(name, day, daysBefore))) continue;
      timers.push({ event: { type: 'REMINDER_DUE', at: at.toISOString(), deadline: name, day, daysBefore }, at, day: remindOn, isDeadline: false });
    }
  };
  const onDay = (day: IsoDate | undefined, event: 'OFFER_DATE_REACHED' | 'QUESTIONNAIRE_OPEN_REACHED' | 'PUBLICATION_DATE_REACHED' | 'TARIFF_ANNEX_DATE_REACHED', isDeadline: boolean) => {
    // No day (the step waits for an event, or is "by" a day): at once.
    const at = day ? startOfDay(day) : new Date(since);
    timers.push({ event: { type: event, at: at.toISOString() }, at, day: day ?? (context.since ?? '').slice(0, 10), isDeadline });
  };

  switch (state) {
    case 'awaitingSignature':
      deadline('signing-deadline', 'SIGNING_DEADLINE_PASSED');
      break;
    case 'awaitingQuestionnaire':
      deadline('questionnaire-deadline', 'QUESTIONNAIRE_DEADLINE_PASSED');
      break;
    case 'awaitingTariffAnnexDate':
      onDay(context.decision?.tariffAnnex?.on, 'TARIFF_ANNEX_DATE_REACHED', false);
      break;
    case 'awaitingQuestionnaireDate':
      onDay(plan?.questionnaire?.opens, 'QUESTIONNAIRE_OPEN_REACHED', false);
      break;
    case 'awaitingOfferDate':
      // A late application, follow request or exception is offered as soon as it is approved.
      onDay(context.decision?.track === 'direct-offer' || context.decision?.track === 'questionnaire' ? deadlineDay(context, 'offer') : undefined, 'OFFER_DATE_REACHED', false);
      break;
    case 'signed':
      if (plan) onDay(plan.publicationFrom, 'PUBLICATION_DATE_REACHED', false);
      break;
    case 'awaitingAssessment': {
      if (!context.since || context.escalated.includes(context.since) || !plan?.assessWithinWorkingDays) break;
      const due = escalationDueAt(context.since, plan.assessWithinWorkingDays, plan.holidays ?? []);
      timers.push({ event: { type: 'ESCALATION_DUE', at: due.toISOString(), waitingSince: context.since }, at: due, day: due.toISOString().slice(0, 10), isDeadline: false });
      break;
    }
  }
  if (plan?.contractYear && snapshot.status !== 'done' && !context.yearEnded) {
    const end = startOfDay(`${plan.contractYear + 1}-01-01`);
    timers.push({ event: { type: 'CONTRACT_YEAR_ENDED', at: end.toISOString() }, at: end, day: `${plan.contractYear + 1}-01-01`, isDeadline: false });
  }
  return timers.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Why a deadline cannot move for this provider now, as data, or undefined when it can: the policy's rule (policies/deadline-moves.ts) on the track's facts. */
export function deadlineMoveRefusal(snapshot: ProviderSnapshot, deadline: MovableDeadline, to: IsoDate, today: IsoDate): DeadlineRefusal | undefined {
  const { context } = snapshot;
  const track = context.decision?.track;
  return refuseDeadlineMove(
    {
      ended: snapshot.status === 'done',
      track,
      notApproached: snapshot.matches('notApproached'),
      contractYear: context.decision?.plan.contractYear,
      offeredOn: context.offer?.offeredOn,
      plannedOffer: track === 'direct-offer' || track === 'questionnaire' ? deadlineDay(context, 'offer') : undefined,
      questionnaireOpens: context.decision?.plan.questionnaire?.opens,
      questionnaireSent: Boolean(context.questionnaire?.sentAt),
      questionnaireSubmitted: Boolean(context.questionnaire?.submittedAt),
      signed: Boolean(context.signature),
    },
    deadline,
    to,
    today,
  );
}
