/**
 * Every message a provider workflow answers: the status query, and the updates staff and
 * providers send, one per entry of the command catalogue (catalogue.ts), where each is defined
 * with its schema, its event and its checks. The named exports below are the catalogue's
 * updates, for code and tests that send one command.
 *
 * Why updates and not signals: the caller needs to know whether the command was taken. A
 * rejected update (bad payload, or a provider not waiting for it) returns the reason to the
 * caller and leaves no trace in the workflow's history; a signal would be accepted blindly.
 */
import { defineQuery } from '@temporalio/workflow';
import { COMMANDS } from './catalogue';
import type { ProviderStatusView } from './view';

export type { ProviderStatusView } from './view';

export const statusQuery = defineQuery<ProviderStatusView>('status');
export const recordConversationOutcomeUpdate = COMMANDS.outcome.update;
export const recordSignatureUpdate = COMMANDS.sign.update;
export const recordRefusalUpdate = COMMANDS.refuse.update;
export const submitQuestionnaireUpdate = COMMANDS.submitQuestionnaire.update;
export const recordAssessmentUpdate = COMMANDS.assess.update;
export const requestDocumentsUpdate = COMMANDS.requestDocuments.update;
export const recordDocumentsReceivedUpdate = COMMANDS.documentsReceived.update;
export const requestExceptionUpdate = COMMANDS.requestException.update;
export const recordApplicationUpdate = COMMANDS.apply.update;
export const recordCorrectedEvidenceUpdate = COMMANDS.correctedEvidence.update;
export const withdrawUpdate = COMMANDS.withdraw.update;
export const moveDeadlineUpdate = COMMANDS.moveDeadline.update;
export const requestNewProductUpdate = COMMANDS.newProduct.update;
/** Staff fixed the cause of a business refusal: the track goes back to where it stopped and tries the refused step again. */
export const resumeUpdate = COMMANDS.resume.update;
