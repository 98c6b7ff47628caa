/**
 * The public statuses: the small, documented set that staff, the CLI, queries and search
 * attributes speak. Raw state names stay inside the machine.
 */
import type { ProviderSnapshot, ProviderStateName } from './provider-contract';

/** Every public status with the sentence staff read (docs/operations.md lists the same). */
export const PUBLIC_STATUSES = {
  EVALUATING: 'the track is being decided',
  RUNNING_CONTRACT: 'a multi-year contract runs on: no new offer this year',
  NOT_APPROACHED: 'not approached under this policy (see the reasons)',
  IN_CONVERSATION: 'invited to the purchase conversation; waiting for its outcome',
  OFFERED: 'offer in the portal; waiting for the signature',
  SIGNED: 'signed; waiting for the publication date',
  PUBLISHED: 'signed and listed in the provider finder',
  CONVERSATION_NEGATIVE: 'the purchase conversation ended without agreement: no offer',
  REFUSED: 'the provider refused the offer: not contracted',
  EXPIRED: 'not signed by the deadline: not contracted',
} as const;

/** A public status. */
export type PublicStatus = keyof typeof PUBLIC_STATUSES;

const BY_STATE: Record<ProviderStateName, PublicStatus> = {
  evaluating: 'EVALUATING',
  runningContract: 'RUNNING_CONTRACT',
  notApproached: 'NOT_APPROACHED',
  inviting: 'IN_CONVERSATION',
  awaitingConversation: 'IN_CONVERSATION',
  conversationNegative: 'CONVERSATION_NEGATIVE',
  offering: 'OFFERED',
  awaitingSignature: 'OFFERED',
  refused: 'REFUSED',
  expired: 'EXPIRED',
  signed: 'SIGNED',
  publishing: 'SIGNED',
  published: 'PUBLISHED',
};

/** The public status of a machine snapshot. */
export function publicStatus(snapshot: ProviderSnapshot): PublicStatus {
  return BY_STATE[snapshot.value as ProviderStateName];
}
