/**
 * The commands staff and providers send to a provider workflow, as zod schemas: what each
 * update's payload must be. The workflow's update validators check a payload here first, then
 * against the machine's state (workflows/provider-contracting.ts).
 *
 * Workflow code loads this module only when a command arrives (`commandSchemas()` there), not
 * when a track starts: a worker evaluates every module a workflow imports once per workflow it
 * holds, and zod with these schemas would cost each of thousands of open tracks its share
 * (docs/architecture.md, "What a worker costs").
 */
import { z } from 'zod';
import { IsoDateSchema } from '../policies/iso-date-schema';

/**
 * Text as people type it: no control characters but line breaks and tabs. A NUL (from a
 * spreadsheet cell, say) cannot be stored in PostgreSQL's text or jsonb, so an update carrying
 * one was accepted and then failed in its audit log, retried for ever; none is ever meant.
 */
const noControl = (text: string) => !/\p{Cc}/u.test(text.replace(/[\t\n\r]/g, ''));
const Text = () => z.string().trim().refine(noControl, 'contains an invisible control character (such as U+0000): type the text again');
const Who = Text().min(1, 'say who records this (a name or staff id)').max(200);
const Note = Text().max(2000).optional();

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
  reason: Text().min(1, 'give the reason the provider refused').max(2000),
  note: Note,
});
export type RefusalCommand = z.infer<typeof RefusalCommandSchema>;

const Tier = z.enum(['A', 'B', 'C', 'D']);
const Day = IsoDateSchema;
const Documents = z.array(Text().min(1)).min(1, 'name at least one document');

/** The provider submitted its questionnaire in the portal. */
export const QuestionnaireSubmittedCommandSchema = z.strictObject({ by: Who, note: Note });

/** Staff assessed a questionnaire, an application, a follow request or an exception request. */
export const AssessmentCommandSchema = z
  .strictObject({ outcome: z.enum(['positive', 'negative']), tier: Tier.optional(), reason: Text().min(1).max(2000).optional(), by: Who, note: Note })
  .refine((c) => c.outcome === 'positive' || c.reason, { message: 'a negative assessment needs a reason the provider can read', path: ['reason'] });

/** Staff ask the provider for documents. */
export const DocumentsRequestCommandSchema = z.strictObject({ documents: Documents, by: Who, note: Note });

/** The provider's documents arrived. */
export const DocumentsReceivedCommandSchema = z.strictObject({ documents: Documents, by: Who, note: Note });

/** A fysiotherapie practice excluded on its behandelindex asks for an exception on care grounds (001 s2.3). */
export const ExceptionRequestCommandSchema = z.strictObject({ reason: Text().min(1).max(2000), by: Who, note: Note });

/** A provider without an offer applied ("geen aanbod ontvangen"). */
export const ApplicationCommandSchema = z.strictObject({ receivedOn: Day, kinds: z.array(z.string().min(1)).default([]), by: Who, note: Note });

/** The right SKF/KNGF evidence arrived (001 s2.4.2): a better tier from the first of the next month. */
export const CorrectedEvidenceCommandSchema = z.strictObject({ tier: Tier, receivedOn: Day.optional(), by: Who, note: Note });

/** A supplier asks for a new product in the coming offer (003 s4: before 1 August, never during a contract's term). */
export const NewProductCommandSchema = z.strictObject({ product: Text().min(1).max(500), receivedOn: Day.optional(), by: Who, note: Note });

/** Opt-out or withdrawal, by the provider or by staff, with the reason kept. */
export const WithdrawalCommandSchema = z.strictObject({ reason: Text().min(1).max(2000), initiatedBy: z.enum(['provider', 'staff']), by: Who, note: Note });

/** Staff move a deadline (the policies reserve the right to change dates). */
export const DeadlineMoveCommandSchema = z.strictObject({
  deadline: z.enum(['offer', 'questionnaire-deadline', 'signing-deadline']),
  to: Day,
  reason: Text().min(1, 'say why the deadline moves').max(2000),
  by: Who,
});
export type DeadlineMoveCommand = z.infer<typeof DeadlineMoveCommandSchema>;

/** Staff fixed the cause of a business refusal and resume the track (from NEEDS_ATTENTION). */
export const ResumeCommandSchema = z.strictObject({ by: Who, note: Note });
