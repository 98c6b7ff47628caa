/**
 * The public statuses: the small, documented set that staff, the CLI, queries and search
 * attributes speak (docs/operations.md lists the same). Raw state names stay inside the machine.
 */
import { statusOf, type ProviderEvent, type ProviderSnapshot, type ProviderStateName } from './provider-contract';

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

/** The same sentences in Dutch, for what staff read in the console and the imports. */
export const PUBLIC_STATUSES_NL: Record<keyof typeof PUBLIC_STATUSES, string> = {
  EVALUATING: 'de track wordt bepaald',
  SENDING: 'een bericht gaat naar het portaal',
  RUNNING_CONTRACT: 'een meerjarig contract loopt door',
  NOT_APPROACHED: 'niet benaderd onder dit beleid',
  IN_CONVERSATION: 'uitgenodigd voor het inkoopgesprek; wacht op de uitkomst',
  QUESTIONNAIRE_PLANNED: 'de vragenlijst gaat op de geplande datum uit',
  QUESTIONNAIRE_OPEN: 'de vragenlijst staat in het portaal; wacht op de zorgaanbieder',
  DOCUMENTS_REQUESTED: 'documenten opgevraagd; wacht daarop',
  UNDER_ASSESSMENT: 'wacht op beoordeling',
  OFFER_PLANNED: 'het aanbod gaat op de geplande datum uit',
  OFFERED: 'aanbod in het portaal; wacht op ondertekening',
  SIGNED: 'ondertekend; wacht op de publicatiedatum',
  PUBLISHED: 'ondertekend en gepubliceerd in de zorgzoeker',
  CONVERSATION_NEGATIVE: 'inkoopgesprek zonder overeenstemming: geen aanbod',
  QUESTIONNAIRE_EXPIRED: 'vragenlijst niet op tijd ingediend: geen aanbod',
  ASSESSED_NEGATIVE: 'negatief beoordeeld: geen aanbod',
  REFUSED: 'de zorgaanbieder weigerde het aanbod',
  EXPIRED: 'niet op tijd ondertekend',
  WITHDRAWN: 'teruggetrokken',
  NOT_CONTRACTED: 'het contractjaar eindigde zonder contract',
  NEEDS_ATTENTION: 'een stap werd geweigerd: een medewerker moet kijken',
};

/** What happened in a track, in Dutch, by history event (the console's history, the rehearsal report). */
export const EVENT_NAMES_NL: Partial<Record<ProviderEvent['type'], string>> = {
  ASSESSED: 'Beoordeeld',
  EVALUATED: 'Route bepaald',
  INVITATION_SENT: 'Uitgenodigd voor het inkoopgesprek',
  CONVERSATION_RECORDED: 'Uitkomst van het inkoopgesprek vastgelegd',
  QUESTIONNAIRE_SENT: 'Vragenlijst verstuurd',
  QUESTIONNAIRE_DEADLINE_PASSED: 'Termijn van de vragenlijst verstreken',
  TARIFF_ANNEX_SENT: 'Tariefbijlage verstuurd',
  SIGNING_DEADLINE_PASSED: 'Ondertekentermijn verstreken',
  REMINDER_DUE: 'Herinnering verstuurd',
  ESCALATION_DUE: 'Geëscaleerd: antwoordtermijn verstreken',
  EVIDENCE_CORRECTED: 'Gecorrigeerd bewijs vastgelegd',
  EFFECT_REFUSED: 'Stap geweigerd: actie nodig',
  RESUMED: 'Traject hervat',
  CONTRACT_YEAR_ENDED: 'Contractjaar afgelopen',
  APPLICATION_RECEIVED: 'Aanmelding ontvangen',
  EXCEPTION_REQUESTED: 'Uitzondering aangevraagd',
  CONTRACT_SIGNED: 'Aanbod ondertekend',
  OFFER_REFUSED: 'Aanbod geweigerd',
  OFFER_SENT: 'Aanbod verstuurd',
  OFFER_CLOSED: 'Aanbod gesloten',
  DEADLINE_MOVED: 'Termijn verzet',
  WITHDRAWN: 'Teruggetrokken',
  PUBLISHED: 'Gepubliceerd in de zorgzoeker',
  QUESTIONNAIRE_SUBMITTED: 'Vragenlijst ingediend',
  DOCUMENTS_REQUESTED: 'Documenten opgevraagd',
  DOCUMENTS_RECEIVED: 'Documenten ontvangen',
};

/** A public status. */
export type PublicStatus = keyof typeof PUBLIC_STATUSES;

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
