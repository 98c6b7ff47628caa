/**
 * Every message a provider workflow answers: the updates staff and providers send, and the
 * status query. Commands are validated by zod here and again against the machine's state in
 * the workflow's update validators.
 *
 * Why updates and not signals: the caller needs to know whether the command was taken. A
 * rejected update (bad payload, or a provider not waiting for it) returns the reason to the
 * caller and leaves no trace in the workflow's history; a signal would be accepted blindly.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { HistoryEntry } from '../machines/provider-contract';
import type { PublicStatus } from '../machines/public-status';
import type { IsoDate } from '../policies/calendar';
import type { Decision } from '../policies/decision';

const Who = z.string().trim().min(1, 'say who records this (a name or staff id)').max(200);
const Note = z.string().trim().max(2000).optional();

/** Staff record how the individual purchase conversation ended. */
export const ConversationOutcomeCommandSchema = z.strictObject({
  outcome: z.enum(['positive', 'negative']),
  by: Who,
  note: Note,
});
export type ConversationOutcomeCommand = z.infer<typeof ConversationOutcomeCommandSchema>;

/** The provider signed the offer in the portal. */
export const SignatureCommandSchema = z.strictObject({ by: Who, note: Note });
export type SignatureCommand = z.infer<typeof SignatureCommandSchema>;

/** The provider refused the offer. */
export const RefusalCommandSchema = z.strictObject({
  by: Who,
  reason: z.string().trim().min(1, 'give the reason the provider refused').max(2000),
  note: Note,
});
export type RefusalCommand = z.infer<typeof RefusalCommandSchema>;

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
    /** "4 weeks after the offer" until the offer is out. */
    signingRule: string;
    publicationFrom?: IsoDate;
    publishedOn?: IsoDate;
  };
  nextDeadline?: { event: string; day: IsoDate; at: string };
  reasons: Decision['reasons'];
  history: HistoryEntry[];
}

export const statusQuery = defineQuery<ProviderStatusView>('status');
export const recordConversationOutcomeUpdate = defineUpdate<ProviderStatusView, [ConversationOutcomeCommand]>('recordConversationOutcome');
export const recordSignatureUpdate = defineUpdate<ProviderStatusView, [SignatureCommand]>('recordSignature');
export const recordRefusalUpdate = defineUpdate<ProviderStatusView, [RefusalCommand]>('recordRefusal');
