/**
 * The English sentences of a track, made from the machine's data: its history lines and why a
 * deadline cannot move. English, for engineers and the Temporal Web UI; the console says them in
 * Dutch and English in words/. The imports read history sentences back: a change here is a change
 * of what they parse.
 */
import type { ProviderEvent, RecordedEvent } from '../machines/provider-contract';
import type { DeadlineRefusalCode } from '../policies/deadline-moves';

/** One line of the provider's history: what happened, when, and who decided. */
export interface HistoryEntry {
  at: string;
  event: ProviderEvent['type'];
  text: string;
  by?: string;
}

/** The history lines of a track, with their sentences. */
export function historyEntries(history: readonly RecordedEvent[]): HistoryEntry[] {
  return history.map((event) => ({ at: event.at, event: event.type, text: historyText(event), ...('by' in event ? { by: event.by } : {}) }));
}

/** Why a deadline cannot move, in English (the workflow's own sentence, for engineers). */
export const DEADLINE_REFUSALS_EN: Record<DeadlineRefusalCode, (values: Record<string, string>) => string> = {
  'track-ended': () => 'its track has ended',
  'before-today': (v) => `${v.to} is before today (${v.today})`,
  'after-contract-year': (v) => `${v.to} is after its contract year ${v.contractYear} ends (${v.contractYear}-12-31)`,
  'no-such-deadline': (v) => `it has no ${v.deadline} (track ${v.track})`,
  'offer-sent': (v) => `its offer went out on ${v.offeredOn}`,
  'offer-not-planned': (v) => `its offer has no planned date (track ${v.track})`,
  'no-questionnaire': (v) => `it has no questionnaire (track ${v.track})`,
  'questionnaire-submitted': () => 'its questionnaire is already submitted',
  'before-questionnaire': (v) => `${v.to} is before its questionnaire goes out (${v.opens})`,
  signed: () => 'it has already signed',
  'before-offer': (v) => `${v.to} is before its offer of ${v.offeredOn}`,
  'before-planned-offer': (v) => `${v.to} is before its offer, planned on ${v.plannedOffer}`,
};

/** The sentence staff read for a line of the history (the imports read these sentences back: keep them as they are). */
export function historyText(event: RecordedEvent): string {
  switch (event.type) {
    case 'EVALUATED': {
      const tier = event.tier ? `, tier ${event.tier}` : '';
      return `track decided: ${event.track} (${event.contractKind}${tier})${event.unmet.length ? `: ${event.unmet.join('; ')}` : ''}`;
    }
    case 'TARIFF_ANNEX_DATE_REACHED':
      return 'tariff annex date reached';
    case 'TARIFF_ANNEX_SENT':
      return `new tariff annex sent for the running contract (message ${event.messageId})`;
    case 'INVITATION_SENT':
      return `invited to the individual purchase conversation (message ${event.messageId})`;
    case 'CONVERSATION_RECORDED':
      return `purchase conversation recorded as ${event.outcome}${event.note ? `: ${event.note}` : ''}`;
    case 'QUESTIONNAIRE_OPEN_REACHED':
      return 'questionnaire date reached';
    case 'QUESTIONNAIRE_SENT':
      return `questionnaire sent in the portal (message ${event.messageId})`;
    case 'QUESTIONNAIRE_SUBMITTED':
      return `questionnaire submitted${event.note ? `: ${event.note}` : ''}`;
    case 'QUESTIONNAIRE_DEADLINE_PASSED':
      return 'questionnaire deadline passed without a submission: no offer';
    case 'ASSESSED':
      return `assessed ${event.outcome}${event.tier ? `, tier ${event.tier}` : ''}${event.reason ? `: ${event.reason}` : ''}`;
    case 'DOCUMENTS_REQUESTED':
      return `documents requested: ${event.documents.join('; ')}`;
    case 'DOCUMENTS_RECEIVED':
      return `documents received: ${event.documents.join('; ')}`;
    case 'EXCEPTION_REQUESTED':
      return `exception requested: ${event.reason}`;
    case 'APPLICATION_RECEIVED':
      return `application received (dated ${event.receivedOn}${event.kinds.length ? `, for ${event.kinds.join(', ')}` : ''})`;
    case 'OFFER_DATE_REACHED':
      return 'offer date reached';
    case 'OFFER_SENT':
      return `offer ${event.offerId} sent in the portal on ${event.offeredOn}; sign by ${event.signingDeadline}${
        event.movedDeadlineSetAside ? ` (the moved signing deadline ${event.movedDeadlineSetAside} lies before this offer: the policy's own rule applies)` : ''
      }`;
    case 'OFFER_CLOSED':
      return event.skipped ? 'offer left as it was (a run from before open offers were closed at the end of the year)' : `offer closed in the portal (${event.reason}): it can no longer be signed`;
    case 'WITHDRAWAL_PROCESSED':
      return 'withdrawal processed: open offer closed, listing taken out of the finder, provider told';
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
    case 'EVIDENCE_CORRECTED':
      return `corrected evidence received on ${event.receivedOn}: tier ${event.tier} from ${event.effectiveFrom}`;
    case 'DEADLINE_MOVED':
      return `${event.deadline} moved to ${event.to}: ${event.reason}`;
    case 'REMINDER_DUE':
      return `reminder sent: ${event.deadline} on ${event.day} (${event.daysBefore} day(s) before)`;
    case 'ESCALATION_DUE':
      return 'escalated to staff: waiting for an assessment longer than the answer target';
    case 'NEW_PRODUCT_REQUESTED':
      return `new product requested for the coming offer: ${event.product} (received ${event.receivedOn})`;
    case 'QUESTION_ANSWERED':
      return `question ${event.question} answered: ${event.answer}`;
    case 'QUESTION_OVERDUE':
      return `question ${event.question} not answered within the answer target: staff told`;
    case 'QUESTION_ASKED':
      return `question from the provider (received ${event.receivedOn}): ${event.subject}`;
    case 'WITHDRAWN':
      return `withdrawn by the ${event.initiatedBy}: ${event.reason}`;
    case 'CONTRACT_YEAR_ENDED':
      return 'contract year ended: track closed';
    case 'EFFECT_REFUSED':
      return `refused for a business reason: ${event.effect}: ${event.reason}; staff must look (resume once the cause is fixed, or withdraw)`;
    case 'RESUMED':
      return `resumed by staff: ${event.note ?? 'the cause is fixed'}; trying again`;
  }
}

