/**
 * The public statuses: the small, documented set that staff, the CLI, queries and search
 * attributes speak (docs/operations.md lists the same). Raw state names stay inside the machine.
 * The sentences here are English, for engineers (the status query, the CLI); what staff read, in
 * Dutch and English, is in words/ (`statuses`, `statusTexts`, `events`).
 */
import { statusOf, type ProviderSnapshot, type ProviderStateName } from './provider-contract';
import { PUBLIC_STATUSES, type PublicStatus } from './statuses';

export { PUBLIC_STATUSES, type PublicStatus };

/** The public status of a machine snapshot: each state names its own (`meta.status` in the machine). */
export function publicStatus(snapshot: ProviderSnapshot): PublicStatus {
  return statusOf(snapshot);
}

/** What is being sent while a track is SENDING, for the sentence staff read. */
const SENDING_TEXT: Partial<Record<ProviderStateName, string>> = {
  inviting: 'the invitation to the purchase conversation is being put in the portal; retried until the portal has it',
  sendingQuestionnaire: 'the questionnaire is being put in the portal; retried until the portal has it',
  offering: 'the offer is being put in the portal; retried until the portal has it, then OFFERED',
};

/** The sentence staff read for a snapshot's public status. */
export function statusText(snapshot: ProviderSnapshot): string {
  return SENDING_TEXT[snapshot.value as ProviderStateName] ?? PUBLIC_STATUSES[publicStatus(snapshot)];
}

/**
 * The status a run indexed before SENDING existed (the `sending-status` patch keeps replays of
 * older histories exactly as they ran).
 */
export function statusBeforeSending(snapshot: ProviderSnapshot): PublicStatus {
  const before: Partial<Record<ProviderStateName, PublicStatus>> = { inviting: 'IN_CONVERSATION', sendingQuestionnaire: 'QUESTIONNAIRE_OPEN', offering: 'OFFERED' };
  return before[snapshot.value as ProviderStateName] ?? publicStatus(snapshot);
}
