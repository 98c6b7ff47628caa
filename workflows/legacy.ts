/**
 * Tracks started before `patched('tracks-v2')` (v1: the first ZG track as it first ran), in one
 * place: the machine and the status view know one version, today's; what a v1 run did
 * differently is here. v1 runs end at publication (or when their track is decided as a running
 * contract or not approached), with no reminders, no escalation and no contract-year timer, and
 * they indexed the publication day as their next deadline. `test/replay/histories/v1-*` are such
 * runs. When no v1 run is left open, `deprecatePatch(TRACKS_V2)` and then this file can go.
 */
import { publicStatus, type PublicStatus } from '../machines/public-status';
import { pendingTimers, type PendingTimer, type ProviderEvent, type ProviderSnapshot, type ProviderStateName } from '../machines/provider-contract';

/**
 * Patch id of every track beyond the first (questionnaires, direct offers, applications,
 * reminders, escalations, amendments, withdrawal, open until the contract year ends).
 * Workflows started before it keep the ZG behaviour they started with; `test/replay/` proves it.
 */
export const TRACKS_V2 = 'tracks-v2';

/** States in which a v1 workflow ended. */
const V1_FINAL_STATES: readonly ProviderStateName[] = ['contracted', 'runningContract', 'notApproached'];

/** The timers a v1 run never had. */
const TIMERS_SINCE_V2: readonly ProviderEvent['type'][] = ['REMINDER_DUE', 'ESCALATION_DUE', 'CONTRACT_YEAR_ENDED'];

/** Has the run ended: the machine's final state, or, for a v1 run, where v1 ended. */
export function hasEnded(snapshot: ProviderSnapshot, v2: boolean): boolean {
  return snapshot.status === 'done' || (!v2 && V1_FINAL_STATES.includes(snapshot.value as ProviderStateName));
}

/** The timers the run keeps in this state, earliest first: a v1 run only the ones it had. */
export function timersOf(snapshot: ProviderSnapshot, v2: boolean): readonly PendingTimer[] {
  const timers = pendingTimers(snapshot);
  return v2 ? timers : timers.filter((t) => !TIMERS_SINCE_V2.includes(t.event.type));
}

/** The next deadline staff see (search attribute ZorgNextDeadline, the view): v1 runs counted the publication day too. */
export function nextDeadlineOf(snapshot: ProviderSnapshot, v2: boolean): PendingTimer | undefined {
  return timersOf(snapshot, v2).find((t) => t.isDeadline || (!v2 && t.event.type === 'PUBLICATION_DATE_REACHED'));
}

/**
 * The status a run indexed before SENDING existed (the `sending-status` patch keeps replays of
 * older histories exactly as they ran).
 */
export function statusBeforeSending(snapshot: ProviderSnapshot): PublicStatus {
  const before: Partial<Record<ProviderStateName, PublicStatus>> = { inviting: 'IN_CONVERSATION', sendingQuestionnaire: 'QUESTIONNAIRE_OPEN', offering: 'OFFERED' };
  return before[snapshot.value as ProviderStateName] ?? publicStatus(snapshot);
}
