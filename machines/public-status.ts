/**
 * The public statuses: the small, documented set that staff, the CLI, queries and search
 * attributes speak (docs/operations.md lists the same). Raw state names stay inside the machine.
 * The sentences here are English, for engineers (the status query, the CLI); what staff read, in
 * Dutch and English, is in words/ (`statuses`, `statusTexts`, `events`).
 */
import type { ProviderSnapshot, ProviderStateName } from './provider-contract';

/** Every public status with the sentence staff read. */
export const PUBLIC_STATUSES = {
  EVALUATING: 'the track is being decided',
  SENDING: 'a message to the provider is being put in the portal; retried until the portal has it',
  RUNNING_CONTRACT: 'a multi-year contract runs on: no new offer this year',
  NOT_APPROACHED: 'not approached under this policy (see the reasons); may apply or ask for an exception',
  IN_CONVERSATION: 'invited to the purchase conversation; waiting for its outcome',
  QUESTIONNAIRE_PLANNED: 'the questionnaire goes out on its planned date',
  QUESTIONNAIRE_OPEN: 'questionnaire in the portal; waiting for the provider',
  DOCUMENTS_REQUESTED: 'documents asked from the provider; waiting for them',
  UNDER_ASSESSMENT: 'waiting for staff to assess (questionnaire, application or exception)',
  OFFER_PLANNED: 'the offer goes out on its planned date',
  OFFERED: 'offer in the portal; waiting for the signature',
  SIGNED: 'signed; waiting for the publication date',
  PUBLISHED: 'signed and listed in the provider finder',
  CONVERSATION_NEGATIVE: 'the purchase conversation ended without agreement: no offer',
  QUESTIONNAIRE_EXPIRED: 'the questionnaire was not submitted by its deadline: no offer',
  ASSESSED_NEGATIVE: 'assessed negatively: no offer',
  REFUSED: 'the provider refused the offer: not contracted',
  EXPIRED: 'not signed by the deadline: not contracted',
  WITHDRAWN: 'withdrawn or opted out: not contracted',
  NOT_CONTRACTED: 'the contract year ended before a contract was made',
  NEEDS_ATTENTION: 'the portal refused a step for a business reason: staff must look (see the history)',
} as const;

/** A public status. */
export type PublicStatus = keyof typeof PUBLIC_STATUSES;

const BY_STATE: Record<ProviderStateName, PublicStatus> = {
  evaluating: 'EVALUATING',
  awaitingTariffAnnexDate: 'RUNNING_CONTRACT',
  sendingTariffAnnex: 'RUNNING_CONTRACT',
  runningContract: 'RUNNING_CONTRACT',
  runningContractEnded: 'RUNNING_CONTRACT',
  notApproached: 'NOT_APPROACHED',
  notApproachedEnded: 'NOT_APPROACHED',
  // Not IN_CONVERSATION, QUESTIONNAIRE_OPEN or OFFERED before the portal has the message: a
  // status never runs ahead of what the provider can see (probe defect 9).
  inviting: 'SENDING',
  awaitingConversation: 'IN_CONVERSATION',
  conversationNegative: 'CONVERSATION_NEGATIVE',
  awaitingQuestionnaireDate: 'QUESTIONNAIRE_PLANNED',
  sendingQuestionnaire: 'SENDING',
  awaitingQuestionnaire: 'QUESTIONNAIRE_OPEN',
  questionnaireExpired: 'QUESTIONNAIRE_EXPIRED',
  awaitingDocuments: 'DOCUMENTS_REQUESTED',
  awaitingAssessment: 'UNDER_ASSESSMENT',
  assessedNegative: 'ASSESSED_NEGATIVE',
  awaitingOfferDate: 'OFFER_PLANNED',
  offering: 'SENDING',
  awaitingSignature: 'OFFERED',
  closingRefused: 'REFUSED',
  refused: 'REFUSED',
  closingExpired: 'EXPIRED',
  expired: 'EXPIRED',
  signed: 'SIGNED',
  publishing: 'SIGNED',
  contracted: 'PUBLISHED',
  contractEnded: 'PUBLISHED',
  withdrawing: 'WITHDRAWN',
  withdrawn: 'WITHDRAWN',
  closingAtYearEnd: 'NOT_CONTRACTED',
  closedUnfinished: 'NOT_CONTRACTED',
  needsAttention: 'NEEDS_ATTENTION',
};

/** The public status of a machine snapshot. */
export function publicStatus(snapshot: ProviderSnapshot): PublicStatus {
  return BY_STATE[snapshot.value as ProviderStateName];
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
