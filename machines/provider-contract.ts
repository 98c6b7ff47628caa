/**
 * A provider's contract state for one policy year and contract kind, as a pure XState v5
 * machine covering every track the policies decide (policies/policy.ts, `Track`).
 *
 * No timers, no I/O, no clock: every event carries the instant it happened (`at`), and side
 * effects are named actions with params (`sendOffer`, `publishInDirectory`, ...) that the
 * workflow receives from `transition()` and runs as activities. The workflow owns every timer;
 * which timers run in which state is `pendingTimers()` (provider-timers.ts). Its events, context
 * and effects are provider-events.ts; each state names its public status in `meta`.
 */
import { assertEvent, assign, enqueueActions, setup, stateIn, type SnapshotFrom } from 'xstate';
import type { IsoDate } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import {
  hasOpenOffer,
  isBetterTier,
  isOpenQuestion,
  missingOf,
  recorded,
  reminderKey,
  STATE_NAMES,
  type AnswerParams,
  type AuditEntry,
  type MovableDeadline,
  type OfferClosedReason,
  type ProviderContext,
  type ProviderEvent,
  type ProviderMachineInput,
  type RetriedEffects,
  type Tier,
} from './provider-events';
import type { PublicStatus } from './statuses';

export * from './provider-events';
export { deadlineDay, deadlineMoveRefusal, pendingTimers, type PendingTimer } from './provider-timers';

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
    escalateQuestion: (_, _params: { question: number; subject: string; receivedOn: IsoDate }) => {},
    answerProvider: (_, _params: AnswerParams) => {},
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
    // A question that was asked and has no answer yet.
    isOpenQuestion: ({ context, event }) => (event.type === 'QUESTION_ANSWERED' || event.type === 'QUESTION_OVERDUE') && isOpenQuestion(context, event.question),
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
    // A question from the provider, in any open state: kept, the state unchanged.
    QUESTION_ASKED: {
      actions: [assign({ questions: ({ context, event }) => [...(context.questions ?? []), { at: event.at, subject: event.subject, receivedOn: event.receivedOn, by: event.by, note: event.note, messageId: event.messageId, replyTo: event.replyTo }] }), 'record'],
    },
    // Its answer stops the question's clock (every policy, s5: "binnen 5 werkdagen een reactie").
    QUESTION_ANSWERED: {
      guard: 'isOpenQuestion',
      actions: [
        assign({ questions: ({ context, event }) => (context.questions ?? []).map((q, i) => (i === event.question - 1 ? { ...q, answered: { at: event.at, by: event.by, answer: event.answer } } : q)) }),
        'record',
        // The answer goes to the provider as an e-mail, threaded to the question where it came by e-mail.
        {
          type: 'answerProvider',
          params: ({ context, event }) => {
            const q = context.questions![event.question - 1]!;
            return { question: event.question, answer: event.answer, subject: q.subject, receivedOn: q.receivedOn, messageId: q.messageId, replyTo: q.replyTo };
          },
        },
      ],
    },
    // Not answered within the answer target: staff are told, once.
    QUESTION_OVERDUE: {
      guard: 'isOpenQuestion',
      actions: [
        assign({ questions: ({ context, event }) => (context.questions ?? []).map((q, i) => (i === event.question - 1 ? { ...q, overdue: event.at } : q)) }),
        'record',
        { type: 'escalateQuestion', params: ({ context, event }) => ({ question: event.question, subject: context.questions?.[event.question - 1]?.subject ?? '', receivedOn: context.questions?.[event.question - 1]?.receivedOn ?? '' }) },
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

/** A snapshot of the provider contract machine. */
export type ProviderSnapshot = SnapshotFrom<typeof providerContractMachine>;

/** The public status of a snapshot: its state's `meta.status`. */
export function statusOf(snapshot: ProviderSnapshot): PublicStatus {
  return Object.values(snapshot.getMeta())[0]!.status;
}

