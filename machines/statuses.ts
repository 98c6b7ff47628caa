/**
 * The public statuses: the small, documented set that staff, the CLI, queries and search
 * attributes speak (docs/operations.md lists the same). Raw state names stay inside the machine;
 * each state names its own (`meta.status`). The sentences are elsewhere: for engineers in
 * workflows/status-texts.ts, for staff in words/.
 */
export const PUBLIC_STATUSES = [
  'EVALUATING',
  'SENDING',
  'RUNNING_CONTRACT',
  'NOT_APPROACHED',
  'IN_CONVERSATION',
  'QUESTIONNAIRE_PLANNED',
  'QUESTIONNAIRE_OPEN',
  'DOCUMENTS_REQUESTED',
  'UNDER_ASSESSMENT',
  'OFFER_PLANNED',
  'OFFERED',
  'SIGNED',
  'PUBLISHED',
  'CONVERSATION_NEGATIVE',
  'QUESTIONNAIRE_EXPIRED',
  'ASSESSED_NEGATIVE',
  'REFUSED',
  'EXPIRED',
  'WITHDRAWN',
  'NOT_CONTRACTED',
  'NEEDS_ATTENTION',
] as const;

/** A public status. */
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
