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
