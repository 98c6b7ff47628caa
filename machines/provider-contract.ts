/**
 * A provider's contract state for one policy year, as a pure XState v5 machine.
 *
 * No timers, no I/O, no clock: every event carries the instant it happened (`at`), and side
 * effects are named actions with params (`sendOffer`, `publishInDirectory`) that the workflow
 * receives from `transition()` and runs as activities. The workflow owns every timer; which
 * deadline applies in which state is `pendingDeadline()` below.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { deadlinePassesAt, startOfDay, type IsoDate } from '../policies/calendar';
import type { Decision } from '../policies/decision';

/** Who did something: a member of staff or the provider's signatory. */
export interface Actor {
  by: string;
  note?: string;
}

/** Every event the machine understands. `at` is an ISO instant supplied by the workflow. */
export type ProviderEvent =
  | { type: 'EVALUATED'; at: string; decision: Decision }
  | { type: 'INVITATION_SENT'; at: string; messageId: string }
  | ({ type: 'CONVERSATION_RECORDED'; at: string; outcome: 'positive' | 'negative' } & Actor)
  | { type: 'OFFER_SENT'; at: string; offerId: string; offeredOn: IsoDate; signingDeadline: IsoDate }
  | ({ type: 'CONTRACT_SIGNED'; at: string } & Actor)
  | ({ type: 'OFFER_REFUSED'; at: string; reason: string } & Actor)
  | { type: 'SIGNING_DEADLINE_PASSED'; at: string }
  | { type: 'PUBLICATION_DATE_REACHED'; at: string }
  | { type: 'PUBLISHED'; at: string; listingIds: string[] };

/** One line of the provider's history: what happened, when, and who decided. */
export interface HistoryEntry {
  at: string;
  event: ProviderEvent['type'];
  text: string;
  by?: string;
}

/** What the machine remembers about the provider's track. */
export interface ProviderContext {
  policyId: string;
  agbCode: string;
  providerName: string;
  decision?: Decision;
  invitation?: { sentAt: string; messageId: string };
  conversation?: { at: string; outcome: 'positive' | 'negative' } & Actor;
  offer?: { offerId: string; sentAt: string; offeredOn: IsoDate; signingDeadline: IsoDate };
  signature?: { at: string } & Actor;
  refusal?: { at: string; reason: string } & Actor;
  publication?: { at: string; listingIds: string[] };
  history: HistoryEntry[];
}

/** What starts the machine. */
export interface ProviderMachineInput {
  policyId: string;
  agbCode: string;
  providerName: string;
}

/** The effects the machine asks for; the workflow runs each as an activity. */
export type EffectType = 'sendInvitation' | 'sendOffer' | 'closeOffer' | 'publishInDirectory';

function describe(event: ProviderEvent): string {
  switch (event.type) {
    case 'EVALUATED': {
      const blocking = event.decision.reasons.filter((r) => !r.met).map((r) => r.text);
      return `track decided: ${event.decision.track}${blocking.length ? ` (${blocking.join('; ')})` : ''}`;
    }
    case 'INVITATION_SENT':
      return `invited to the individual purchase conversation (message ${event.messageId})`;
    case 'CONVERSATION_RECORDED':
      return `purchase conversation recorded as ${event.outcome}${event.note ? `: ${event.note}` : ''}`;
    case 'OFFER_SENT':
      return `offer ${event.offerId} sent in the portal on ${event.offeredOn}; sign by ${event.signingDeadline}`;
    case 'CONTRACT_SIGNED':
      return `contract signed${event.note ? `: ${event.note}` : ''}`;
    case 'OFFER_REFUSED':
      return `offer refused: ${event.reason}`;
    case 'SIGNING_DEADLINE_PASSED':
      return 'signing deadline passed without a signature: not contracted, not published';
    case 'PUBLICATION_DATE_REACHED':
      return 'publication date reached: listing in the provider finder';
    case 'PUBLISHED':
      return `listed in the provider finder (${event.listingIds.length} location(s))`;
  }
}

/** The provider contract machine. */
export const providerContractMachine = setup({
  types: {
    context: {} as ProviderContext,
    events: {} as ProviderEvent,
    input: {} as ProviderMachineInput,
  },
  actions: {
    // Effects: no implementation here. `transition()` returns them with their params and the
    // workflow runs them; the empty bodies exist only so that the names are typed.
    sendInvitation: () => {},
    sendOffer: () => {},
    closeOffer: (_, _params: { reason: 'refused' | 'expired' }) => {},
    publishInDirectory: () => {},
    record: assign({
      history: ({ context, event }) => [
        ...context.history,
        { at: event.at, event: event.type, text: describe(event), ...('by' in event ? { by: event.by } : {}) },
      ],
    }),
  },
  guards: {
    isRunningContract: ({ event }) => event.type === 'EVALUATED' && event.decision.track === 'running-contract',
    isNotApproached: ({ event }) => event.type === 'EVALUATED' && event.decision.track === 'not-approached',
    isPositive: ({ event }) => event.type === 'CONVERSATION_RECORDED' && event.outcome === 'positive',
  },
}).createMachine({
  id: 'providerContract',
  initial: 'evaluating',
  context: ({ input }) => ({ ...input, history: [] }),
  states: {
    evaluating: {
      on: {
        EVALUATED: [
          { guard: 'isRunningContract', target: 'runningContract', actions: [assign({ decision: ({ event }) => event.decision }), 'record'] },
          { guard: 'isNotApproached', target: 'notApproached', actions: [assign({ decision: ({ event }) => event.decision }), 'record'] },
          { target: 'inviting', actions: [assign({ decision: ({ event }) => event.decision }), 'record', 'sendInvitation'] },
        ],
      },
    },
    inviting: {
      on: {
        INVITATION_SENT: {
          target: 'awaitingConversation',
          actions: [assign({ invitation: ({ event }) => ({ sentAt: event.at, messageId: event.messageId }) }), 'record'],
        },
      },
    },
    awaitingConversation: {
      on: {
        CONVERSATION_RECORDED: [
          {
            guard: 'isPositive',
            target: 'offering',
            actions: [assign({ conversation: ({ event }) => ({ at: event.at, outcome: event.outcome, by: event.by, note: event.note }) }), 'record', 'sendOffer'],
          },
          {
            target: 'conversationNegative',
            actions: [assign({ conversation: ({ event }) => ({ at: event.at, outcome: event.outcome, by: event.by, note: event.note }) }), 'record'],
          },
        ],
      },
    },
    offering: {
      on: {
        OFFER_SENT: {
          target: 'awaitingSignature',
          actions: [
            assign({
              offer: ({ event }) => ({ offerId: event.offerId, sentAt: event.at, offeredOn: event.offeredOn, signingDeadline: event.signingDeadline }),
            }),
            'record',
          ],
        },
      },
    },
    awaitingSignature: {
      on: {
        CONTRACT_SIGNED: { target: 'signed', actions: [assign({ signature: ({ event }) => ({ at: event.at, by: event.by, note: event.note }) }), 'record'] },
        OFFER_REFUSED: {
          target: 'refused',
          actions: [
            assign({ refusal: ({ event }) => ({ at: event.at, by: event.by, reason: event.reason, note: event.note }) }),
            'record',
            { type: 'closeOffer', params: { reason: 'refused' } },
          ],
        },
        SIGNING_DEADLINE_PASSED: { target: 'expired', actions: ['record', { type: 'closeOffer', params: { reason: 'expired' } }] },
      },
    },
    signed: {
      on: { PUBLICATION_DATE_REACHED: { target: 'publishing', actions: ['record', 'publishInDirectory'] } },
    },
    publishing: {
      on: { PUBLISHED: { target: 'published', actions: [assign({ publication: ({ event }) => ({ at: event.at, listingIds: event.listingIds }) }), 'record'] } },
    },
    published: { type: 'final' },
    runningContract: { type: 'final' },
    notApproached: { type: 'final' },
    conversationNegative: { type: 'final' },
    refused: { type: 'final' },
    expired: { type: 'final' },
  },
});

/** A snapshot of the provider contract machine. */
export type ProviderSnapshot = SnapshotFrom<typeof providerContractMachine>;
/** The machine's states (flat: one name each). */
export type ProviderStateName = keyof typeof providerContractMachine.config.states & string;

/** The deadline the workflow must keep a timer for in this state, if any. */
export interface PendingDeadline {
  event: 'SIGNING_DEADLINE_PASSED' | 'PUBLICATION_DATE_REACHED';
  /** The instant the timer fires. */
  at: Date;
  /** The calendar day the policy names. */
  day: IsoDate;
}

/**
 * Which timer the workflow keeps now: the signing deadline while an offer waits for a signature
 * (it passes when the deadline day is over), and the publication day once signed.
 */
export function pendingDeadline(snapshot: ProviderSnapshot): PendingDeadline | null {
  const { context } = snapshot;
  if (snapshot.matches('awaitingSignature') && context.offer) {
    const day = context.offer.signingDeadline;
    return { event: 'SIGNING_DEADLINE_PASSED', at: deadlinePassesAt(day), day };
  }
  if (snapshot.matches('signed') && context.decision) {
    const day = context.decision.plan.publicationFrom;
    return { event: 'PUBLICATION_DATE_REACHED', at: startOfDay(day), day };
  }
  return null;
}
