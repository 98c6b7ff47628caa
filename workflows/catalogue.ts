/**
 * The command catalogue: every command staff (or a provider, through staff) give a provider's
 * track, each spelled out once. An entry holds its update (name and payload type), its zod
 * schema, the machine event it becomes, the checks it passes before the machine is asked, who
 * may give it, its fields (which the CLI's options, the console's forms and the spreadsheet
 * imports are made from), and a sample with which the track says whether it takes the command
 * now (`accepts` in the status view, computed with `snapshot.can()`).
 *
 * Everything that gives a command iterates this table: the workflow's update handlers and
 * validators (provider-contracting.ts), the CLI's track commands (cli/track-commands.ts), the
 * console's provider page (web/console/provider-actions.ts) and the imports (imports/kinds.ts).
 * Its words (labels, field names) are in the words module, keyed by the command's name; a test
 * fails when one is missing. Adding a command is an entry here, the machine's event and
 * transition, and its words (docs/architecture.md, "Commands: one catalogue").
 *
 * Workflow code imports this module when a track starts, so it must stay light: the schemas are
 * functions of the zod toolkit in `./commands`, which command-kit.ts loads on the first command
 * only (docs/architecture.md, "What a worker costs"). How an entry becomes a command (handler,
 * validator, `send`, `acceptedBy`) is in command-kit.ts.
 */
import type { ProviderSnapshot } from '../machines/provider-contract';
// The machine's pure facts, not the machine: the CLI loads this catalogue to build its commands.
import { isBetterTier, type MovableDeadline } from '../machines/provider-events';
import { deadlineMoveRefusal } from '../machines/provider-timers';
import type { IsoDate } from '../policies/calendar';
import { correctedEvidenceEffectiveFrom, sourceLabel } from '../policies/offer-terms';
import type { CommandName } from './command-names';
import { DEADLINE_REFUSALS_EN } from './texts';
import { defineCommand, type Command, type Field, type Track, type TrackView } from './command-kit';

export type { CommandName };
export { commandFromText, InvalidCommandInput, type Command, type CommandRole, type Field, type Track, type TrackView } from './command-kit';

const note: Field = { name: 'note', kind: 'text', help: 'a note kept in the history' };
const reason = (help: string): Field => ({ name: 'reason', kind: 'text', required: true, help });
const receivedOn = (help: string, required = false): Field => ({ name: 'receivedOn', kind: 'day', required, help });
const documents: Field = { name: 'documents', kind: 'list', required: true, help: 'documents, separated by ;' };
const OUTCOMES = ['positive', 'negative'] as const;
const TIERS = ['A', 'B', 'C', 'D'] as const;
const MOVABLE: readonly MovableDeadline[] = ['signing-deadline', 'questionnaire-deadline', 'offer'];
const by = 'staff';
/** Not after today: a day in the future is a typing error. */
const notAfterToday = (day: IsoDate | undefined, what: string, track: TrackView) => (day && day > track.today() ? `cannot have ${what} on ${day}: that is after today (${track.today()})` : undefined);


export const COMMANDS = {
  outcome: defineCommand('outcome', {
    update: 'recordConversationOutcome',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ outcome: t.z.enum(OUTCOMES), by: t.who(), note: t.note() }),
    waitsFor: 'a purchase-conversation outcome',
    description: 'record how the purchase conversation ended (positive sends the offer)',
    fields: [{ name: 'outcome', kind: 'choice', choices: OUTCOMES, required: true, positional: true, help: 'positive or negative' }, { ...note, help: 'what was agreed or why not' }],
    event: (c, t) => ({ type: 'CONVERSATION_RECORDED', at: t.now(), ...c }),
    samples: () => [{ outcome: 'positive' as const, by }],
  }),
  assess: defineCommand('assess', {
    update: 'recordAssessment',
    role: 'purchaser',
    schema: (t) =>
      t.z
        .strictObject({ outcome: t.z.enum(OUTCOMES), tier: t.tier().optional(), reason: t.text().min(1).max(2000).optional(), by: t.who(), note: t.note() })
        .refine((c) => c.outcome === 'positive' || c.reason, { message: 'a negative assessment needs a reason the provider can read', path: ['reason'] }),
    waitsFor: 'an assessment',
    description: 'record the assessment of a questionnaire, application, follow request or exception (positive leads to the offer)',
    fields: [
      { name: 'outcome', kind: 'choice', choices: OUTCOMES, required: true, positional: true, help: 'positive or negative' },
      { name: 'tier', kind: 'choice', choices: TIERS, help: 'the tier, where the kind has tiers' },
      { name: 'reason', kind: 'text', help: 'why (required when negative)' },
      note,
    ],
    event: (c, t) => ({ type: 'ASSESSED', at: t.now(), ...c }),
    check: (c, t) => {
      const tiers = t.snapshot().context.decision?.tierOptions ?? [];
      return c.tier && !tiers.includes(c.tier) ? `cannot get tier ${c.tier}: its contract kind has ${tiers.length ? `tiers ${tiers.join(', ')}` : 'no tiers'}` : undefined;
    },
    samples: () => [{ outcome: 'positive' as const, by }],
  }),
  sign: defineCommand('sign', {
    update: 'recordSignature',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ by: t.who(), note: t.note() }),
    waitsFor: 'a signature',
    description: 'record that the provider signed the offer in the portal',
    fields: [note],
    event: (c, t) => ({ type: 'CONTRACT_SIGNED', at: t.now(), ...c }),
    samples: () => [{ by }],
  }),
  refuse: defineCommand('refuse', {
    update: 'recordRefusal',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ by: t.who(), reason: t.text().min(1, 'give the reason the provider refused').max(2000), note: t.note() }),
    waitsFor: 'a refusal',
    description: 'record that the provider refused the offer',
    fields: [reason('why the provider refused'), note],
    event: (c, t) => ({ type: 'OFFER_REFUSED', at: t.now(), ...c }),
    samples: () => [{ by, reason: '-' }],
  }),
  submitQuestionnaire: defineCommand('submitQuestionnaire', {
    update: 'submitQuestionnaire',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ by: t.who(), note: t.note() }),
    waitsFor: 'a questionnaire',
    description: 'record that the provider submitted its questionnaire',
    fields: [note],
    event: (c, t) => ({ type: 'QUESTIONNAIRE_SUBMITTED', at: t.now(), ...c }),
    samples: () => [{ by }],
  }),
  requestDocuments: defineCommand('requestDocuments', {
    update: 'requestDocuments',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ documents: t.documents(), by: t.who(), note: t.note() }),
    waitsFor: 'a request for documents',
    description: 'ask the provider for documents',
    fields: [documents],
    event: (c, t) => ({ type: 'DOCUMENTS_REQUESTED', at: t.now(), ...c }),
    samples: () => [{ documents: ['-'], by }],
  }),
  documentsReceived: defineCommand('documentsReceived', {
    update: 'recordDocumentsReceived',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ documents: t.documents(), by: t.who(), note: t.note() }),
    waitsFor: 'documents',
    description: "record the provider's documents",
    fields: [documents],
    event: (c, t) => ({ type: 'DOCUMENTS_RECEIVED', at: t.now(), ...c }),
    samples: () => [{ documents: ['-'], by }],
  }),
  requestException: defineCommand('requestException', {
    update: 'requestException',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ reason: t.text().min(1).max(2000), by: t.who(), note: t.note() }),
    waitsFor: 'an exception request (only where its decision allows one)',
    description: 'record an exception request, where the decision allows one (status shows the rule)',
    fields: [reason('the care grounds'), note],
    event: (c, t) => ({ type: 'EXCEPTION_REQUESTED', at: t.now(), ...c }),
    samples: () => [{ reason: '-', by }],
  }),
  apply: defineCommand('apply', {
    update: 'recordApplication',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ receivedOn: t.day(), kinds: t.z.array(t.z.string().min(1)).default([]), by: t.who(), note: t.note() }),
    waitsFor: 'an application',
    description: 'record an application of a provider without an offer ("geen aanbod ontvangen")',
    fields: [receivedOn('the day the application came (YYYY-MM-DD)', true), { name: 'kinds', kind: 'list', help: 'contract kinds, separated by ;' }, note],
    event: (c, t) => ({ type: 'APPLICATION_RECEIVED', at: t.now(), ...c }),
    check: (c, t) => notAfterToday(c.receivedOn, 'applied', t),
    samples: (t) => [{ receivedOn: t.today(), kinds: [], by }],
  }),
  correctedEvidence: defineCommand('correctedEvidence', {
    update: 'recordCorrectedEvidence',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ tier: t.tier(), receivedOn: t.day().optional(), by: t.who(), note: t.note() }),
    waitsFor: 'corrected evidence for a better tier (only where its contract kind takes it)',
    description: 'record corrected evidence for a better tier, where the contract kind takes it (status shows how it takes effect)',
    fields: [{ name: 'tier', kind: 'choice', choices: TIERS, required: true }, receivedOn('the day the right evidence arrived (YYYY-MM-DD, default today)'), note],
    event: (c, t) => {
      const receivedOn = c.receivedOn ?? t.today();
      // The decision says how corrected evidence takes effect; without a rule there is no event to take.
      const rule = t.snapshot().context.decision?.correctedEvidence;
      const effectiveFrom = rule ? correctedEvidenceEffectiveFrom(rule, receivedOn) : receivedOn;
      return { type: 'EVIDENCE_CORRECTED', at: t.now(), tier: c.tier, receivedOn, effectiveFrom, by: c.by, note: c.note };
    },
    check: (c, t) => {
      const { decision, tier } = t.snapshot().context;
      if (c.receivedOn && c.receivedOn > t.today()) return `cannot have received evidence on ${c.receivedOn}: that is after today (${t.today()})`;
      if (decision && !decision.correctedEvidence) return `cannot take corrected evidence: its contract kind (${decision.contractKind}) has no rule for it`;
      if (!isBetterTier(c.tier, tier)) return `tier ${c.tier} is not better than its tier ${tier ?? '(none)'}`;
      return undefined;
    },
    samples: () => [{ tier: 'A' as const, by }],
  }),
  newProduct: defineCommand('newProduct', {
    update: 'requestNewProduct',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ product: t.text().min(1).max(500), receivedOn: t.day().optional(), by: t.who(), note: t.note() }),
    waitsFor: "a new-product request (only before its offer, never during a contract's term)",
    description: "record a request for a new product in the coming offer, until the policy's last day for it",
    fields: [{ name: 'product', kind: 'text', required: true }, receivedOn('YYYY-MM-DD, default today'), note],
    event: (c, t) => ({ type: 'NEW_PRODUCT_REQUESTED', at: t.now(), product: c.product, receivedOn: c.receivedOn ?? t.today(), by: c.by, note: c.note }),
    check: (c, t) => {
      const rule = t.snapshot().context.decision?.plan.newProducts;
      const receivedOn = c.receivedOn ?? t.today();
      if (!rule) return 'cannot request new products: its policy takes no new-product requests';
      if (receivedOn > t.today()) return `cannot have requested on ${receivedOn}: that is after today (${t.today()})`;
      if (receivedOn > rule.lastDay) return `cannot request new products after ${rule.lastDay} ("${rule.when}", ${sourceLabel(rule.source)})`;
      return undefined;
    },
    possible: (snapshot, today) => {
      const rule = snapshot.context.decision?.plan.newProducts;
      return rule !== undefined && today <= rule.lastDay;
    },
    samples: () => [{ product: '-', by }],
  }),
  question: defineCommand('question', {
    update: 'recordQuestion',
    role: 'purchaser',
    // A question filed from the purchasing mailbox (mailbox/) also carries its Message-ID and sender: the answer is threaded to it.
    schema: (t) =>
      t.z.strictObject({
        subject: t.text().min(1, 'say what the provider asked').max(2000),
        receivedOn: t.day().optional(),
        by: t.who(),
        note: t.note(),
        messageId: t.text().min(3).max(998).optional(),
        from: t.z.string().trim().email('give the e-mail address the question came from').max(320).optional(),
      }),
    waitsFor: 'a question (only while its track is open)',
    description: 'record a question the provider asked (by e-mail or phone); the track keeps it, its state does not change',
    fields: [{ name: 'subject', kind: 'text', required: true, help: 'the subject or the question' }, receivedOn('the day the question came (YYYY-MM-DD, default today)'), note],
    event: (c, t) => ({ type: 'QUESTION_ASKED', at: t.now(), subject: c.subject, receivedOn: c.receivedOn ?? t.today(), by: c.by, note: c.note, ...(c.messageId ? { messageId: c.messageId } : {}), ...(c.from ? { replyTo: c.from } : {}) }),
    check: (c, t) => notAfterToday(c.receivedOn, 'asked', t),
    samples: () => [{ subject: '-', by }],
  }),
  answerQuestion: defineCommand('answerQuestion', {
    update: 'answerQuestion',
    role: 'purchaser',
    schema: (t) => t.z.strictObject({ number: t.z.coerce.number().int().min(1), answer: t.text().min(1, 'give the answer the provider reads').max(4000), by: t.who() }),
    waitsFor: 'an answer (only to a question without one)',
    description: "record the answer to the provider's question NUMBER (status lists them): its clock of working days stops",
    fields: [{ name: 'number', kind: 'text', required: true, help: 'the question, 1 for the first' }, { name: 'answer', kind: 'text', required: true, help: 'the answer' }],
    event: (c, t) => ({ type: 'QUESTION_ANSWERED', at: t.now(), question: c.number, answer: c.answer, by: c.by }),
    check: (c, t) => {
      const asked = t.snapshot().context.questions ?? [];
      if (!asked[c.number - 1]) return `has no question ${c.number} (it has ${asked.length})`;
      return asked[c.number - 1]!.answered ? `has answered question ${c.number} already` : undefined;
    },
    // Some question is still without an answer.
    samples: (t) => (t.snapshot().context.questions ?? []).flatMap((q, i) => (q.answered ? [] : [{ number: i + 1, answer: '-', by }])),
  }),
  withdraw: defineCommand('withdraw', {
    update: 'withdraw',
    role: 'coordinator',
    schema: (t) => t.z.strictObject({ reason: t.text().min(1).max(2000), initiatedBy: t.z.enum(['provider', 'staff']), by: t.who(), note: t.note() }),
    waitsFor: 'a withdrawal',
    description: 'record an opt-out or withdrawal; whatever is open is closed, a listing is taken out of the finder',
    fields: [reason('why'), { name: 'initiatedBy', kind: 'choice', choices: ['provider', 'staff'], required: true }],
    event: (c, t) => ({ type: 'WITHDRAWN', at: t.now(), ...c }),
    samples: () => [{ reason: '-', initiatedBy: 'staff' as const, by }],
  }),
  moveDeadline: defineCommand('moveDeadline', {
    update: 'moveDeadline',
    role: 'coordinator',
    schema: (t) => t.z.strictObject({ deadline: t.z.enum(MOVABLE as [MovableDeadline, ...MovableDeadline[]]), to: t.day(), reason: t.text().min(1, 'say why the deadline moves').max(2000), by: t.who() }),
    waitsFor: 'a deadline move',
    description: 'move a deadline for one provider',
    fields: [{ name: 'deadline', kind: 'choice', choices: MOVABLE, required: true }, { name: 'to', kind: 'day', required: true }, reason('why it moves (kept in the history)')],
    event: (c, t) => ({ type: 'DEADLINE_MOVED', at: t.now(), ...c }),
    check: (c, t) => {
      const refusal = deadlineMoveRefusal(t.snapshot(), c.deadline, c.to, t.today());
      return refusal && { text: `cannot move its ${c.deadline} to ${c.to}: ${DEADLINE_REFUSALS_EN[refusal.code](refusal.values)}`, details: { ...refusal, deadline: c.deadline, to: c.to } };
    },
    // Some deadline of the track can still move (to the last day of its contract year, the latest allowed).
    possible: (snapshot, today) => {
      const year = snapshot.context.decision?.plan.contractYear;
      return year !== undefined && MOVABLE.some((d) => !deadlineMoveRefusal(snapshot, d, `${year}-12-31`, today));
    },
    samples: (t) => [{ deadline: 'signing-deadline' as const, to: t.today(), reason: '-', by }],
    cli: false,
  }),
  resume: defineCommand('resume', {
    update: 'resume',
    role: 'coordinator',
    schema: (t) => t.z.strictObject({ by: t.who(), note: t.note() }),
    waitsFor: 'a resume (only a track stopped by a business refusal)',
    description: 'resume a track stopped by a business refusal (NEEDS_ATTENTION) once the cause is fixed: the refused step runs again',
    fields: [{ ...note, help: 'what was fixed' }],
    event: (c, t) => ({ type: 'RESUMED', at: t.now(), ...c }),
    samples: () => [{ by }],
  }),
};

/** Every command, in the catalogue's order (and every name has one: a type error otherwise). */
const EVERY: Record<CommandName, Command> = COMMANDS;
export const COMMAND_LIST: readonly Command[] = Object.values(EVERY);

/** The command of a name typed by a person or a URL (own names only: `constructor` is none). */
export function commandNamed(name: string): Command | undefined {
  return Object.hasOwn(EVERY, name) ? EVERY[name as CommandName] : undefined;
}

/** The commands a track takes now, in catalogue order: the status view's `accepts`. */
export function acceptedCommands(snapshot: ProviderSnapshot, track: Pick<Track, 'now' | 'today'>): CommandName[] {
  return COMMAND_LIST.filter((c) => c.acceptedBy(snapshot, track)).map((c) => c.name);
}

/** A command's payload as its update takes it. */
export type CommandPayload<N extends CommandName> = (typeof COMMANDS)[N] extends Command<string, infer In> ? In : never;
export type DeadlineMoveCommand = CommandPayload<'moveDeadline'>;
