/**
 * The timers the workflow keeps for a provider's track, from the machine's state and the
 * decision's dates (the date rules themselves are in policies/), and whether a deadline may move.
 * The machine has no clock: the workflow waits for these and sends their events.
 */
import { deadlinePassesAt, startOfDay, type IsoDate } from '../policies/calendar';
import { refuseDeadlineMove, type DeadlineRefusal, type MovableDeadline } from '../policies/deadline-moves';
import { escalationDueAt, remindersBefore } from '../policies/reminders';
import { reminderKey, type ProviderContext, type ProviderEvent, type ProviderStateName } from './provider-events';

/** What the timers read of a snapshot: the machine's, structurally (this file is part of the machine's module). */
interface ProviderSnapshot {
  value: unknown;
  status: string;
  context: ProviderContext;
  matches(state: ProviderStateName): boolean;
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
 * escalation of an assessment waiting longer than the answer target in working days, each
 * question of the provider without an answer until the same target passes, the publication day, and the end of the contract year for tracks that stay open.
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
  // Each question without an answer, until its answer target passes (every policy, s5: "binnen 5
  // werkdagen"): counted from the day it came, in working days.
  if (plan?.assessWithinWorkingDays && snapshot.status !== 'done') {
    for (const [i, q] of (context.questions ?? []).entries()) {
      if (q.answered || q.overdue) continue;
      const due = escalationDueAt(q.receivedOn, plan.assessWithinWorkingDays, plan.holidays ?? []);
      timers.push({ event: { type: 'QUESTION_OVERDUE', at: due.toISOString(), question: i + 1 }, at: due, day: due.toISOString().slice(0, 10), isDeadline: false });
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
