/**
 * The sentence of each public status, for engineers (the status query's `statusText`, the CLI);
 * what staff read, in Dutch and English, is in words/ (`statusTexts`).
 */
import { publicStatus } from '../machines/public-status';
import type { ProviderSnapshot, ProviderStateName } from '../machines/provider-contract';
import type { PublicStatus } from '../machines/statuses';

export const STATUS_TEXTS_EN: Record<PublicStatus, string> = {
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
};

/** What is being sent while a track is SENDING. */
const SENDING_TEXT: Partial<Record<ProviderStateName, string>> = {
  inviting: 'the invitation to the purchase conversation is being put in the portal; retried until the portal has it',
  sendingQuestionnaire: 'the questionnaire is being put in the portal; retried until the portal has it',
  offering: 'the offer is being put in the portal; retried until the portal has it, then OFFERED',
};

/** The sentence for a snapshot's public status. */
export function statusText(snapshot: ProviderSnapshot): string {
  return SENDING_TEXT[snapshot.value as ProviderStateName] ?? STATUS_TEXTS_EN[publicStatus(snapshot)];
}
