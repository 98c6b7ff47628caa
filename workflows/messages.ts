/**
 * Every message a provider workflow answers: the updates staff and providers send, and the
 * status query. Each command's payload is validated by its zod schema (commands.ts) and then
 * against the machine's state, in the workflow's update validators.
 *
 * Why updates and not signals: the caller needs to know whether the command was taken. A
 * rejected update (bad payload, or a provider not waiting for it) returns the reason to the
 * caller and leaves no trace in the workflow's history; a signal would be accepted blindly.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AssessmentCommandSchema,
  ApplicationCommandSchema,
  ConversationOutcomeCommand,
  CorrectedEvidenceCommandSchema,
  DeadlineMoveCommand,
  DocumentsReceivedCommandSchema,
  DocumentsRequestCommandSchema,
  ExceptionRequestCommandSchema,
  NewProductCommandSchema,
  QuestionnaireSubmittedCommandSchema,
  RefusalCommand,
  SignatureCommand,
  ResumeCommandSchema,
  WithdrawalCommandSchema,
} from './commands';
import type { z } from 'zod';
import type { HistoryEntry } from '../machines/provider-contract';
import type { PublicStatus } from '../machines/public-status';
import type { IsoDate } from '../policies/calendar';
import type { Decision, OfferTerms } from '../policies/decision';

/** What staff see of one provider's track. */
export interface ProviderStatusView {
  policyId: string;
  agbCode: string;
  providerName: string;
  status: PublicStatus;
  statusText: string;
  track?: Decision['track'];
  /** Dates planned or fixed so far. */
  planned: {
    invitationBy?: IsoDate;
    offeredOn?: IsoDate;
    signingDeadline?: IsoDate;
    /** "4 weeks after the offer" until the offer is out (English, for engineers). */
    signingRule: string;
    /** The same rule as data, for staff in their language (words/ `signingRule`). */
    signing?: { kind: 'fixed'; date: IsoDate } | { kind: 'weeks-after-offer'; weeks: number };
    publicationFrom?: IsoDate;
    publishedOn?: IsoDate;
    questionnaireDeadline?: IsoDate;
    offerDate?: IsoDate;
  };
  contractKind?: string;
  tier?: string;
  term?: { fromYear: number; toYear: number };
  startDate?: IsoDate;
  /** The offer's terms: as sent, or as an offer on this track would carry them. */
  offer?: OfferTerms;
  /** The edition and revision the track runs under. */
  edition?: { id: string; revision: string };
  /** An exception the provider may ask for, with the rule. */
  exception?: Decision['exception'];
  /** Deadlines staff moved for this provider. */
  moved: Record<string, IsoDate>;
  amendments: { tier: string; effectiveFrom: IsoDate; receivedOn: IsoDate }[];
  documents?: { requested: string[]; received: string[] };
  /** A business refusal that stopped the track until staff act. */
  blocked?: { at: string; effect: string; reason: string };
  nextDeadline?: { event: string; day: IsoDate; at: string };
  reasons: Decision['reasons'];
  history: HistoryEntry[];
}

export const statusQuery = defineQuery<ProviderStatusView>('status');
export const recordConversationOutcomeUpdate = defineUpdate<ProviderStatusView, [ConversationOutcomeCommand]>('recordConversationOutcome');
export const recordSignatureUpdate = defineUpdate<ProviderStatusView, [SignatureCommand]>('recordSignature');
export const recordRefusalUpdate = defineUpdate<ProviderStatusView, [RefusalCommand]>('recordRefusal');
export const submitQuestionnaireUpdate = defineUpdate<ProviderStatusView, [z.input<typeof QuestionnaireSubmittedCommandSchema>]>('submitQuestionnaire');
export const recordAssessmentUpdate = defineUpdate<ProviderStatusView, [z.input<typeof AssessmentCommandSchema>]>('recordAssessment');
export const requestDocumentsUpdate = defineUpdate<ProviderStatusView, [z.input<typeof DocumentsRequestCommandSchema>]>('requestDocuments');
export const recordDocumentsReceivedUpdate = defineUpdate<ProviderStatusView, [z.input<typeof DocumentsReceivedCommandSchema>]>('recordDocumentsReceived');
export const requestExceptionUpdate = defineUpdate<ProviderStatusView, [z.input<typeof ExceptionRequestCommandSchema>]>('requestException');
export const recordApplicationUpdate = defineUpdate<ProviderStatusView, [z.input<typeof ApplicationCommandSchema>]>('recordApplication');
export const recordCorrectedEvidenceUpdate = defineUpdate<ProviderStatusView, [z.input<typeof CorrectedEvidenceCommandSchema>]>('recordCorrectedEvidence');
export const withdrawUpdate = defineUpdate<ProviderStatusView, [z.input<typeof WithdrawalCommandSchema>]>('withdraw');
export const moveDeadlineUpdate = defineUpdate<ProviderStatusView, [DeadlineMoveCommand]>('moveDeadline');
export const requestNewProductUpdate = defineUpdate<ProviderStatusView, [z.input<typeof NewProductCommandSchema>]>('requestNewProduct');
/** Staff fixed the cause of a business refusal: the track goes back to where it stopped and tries the refused step again. */
export const resumeUpdate = defineUpdate<ProviderStatusView, [z.input<typeof ResumeCommandSchema>]>('resume');
