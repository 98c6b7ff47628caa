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
 * transition, and its words (docs/architecture.md, "Adding a command").
 *
 * Workflow code imports this module when a track starts, so it must stay light: the schemas are
 * functions of the zod toolkit in `./commands`, which is loaded on the first command only (see
 * `schemas()` and docs/architecture.md, "What a worker costs").
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { deadlineMoveRefusal, isBetterTier, type MovableDeadline, type ProviderEvent, type ProviderSnapshot } from '../machines/provider-contract';
import type { IsoDate } from '../policies/calendar';
import { correctedEvidenceEffectiveFrom, sourceLabel } from '../policies/offer-terms';
import type { CommandName } from './command-names';
import { DEADLINE_REFUSALS_EN } from './texts';
import type { ProviderStatusView } from './view';

export type { CommandName };

type Toolkit = typeof import('./commands');

/**
 * The zod toolkit (zod itself and the shared fields: who, note, text, day, tier), loaded when a
 * schema is first needed rather than when a track starts: `test/workflows/lazy-zod.test.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
const toolkit = (): Toolkit => require('./commands') as Toolkit;

/** What a command needs of the track it is given to (the workflow supplies it). */
export interface Track {
  snapshot(): ProviderSnapshot;
  /** Workflow time, ISO instant. */
  now(): string;
  today(): IsoDate;
  /** Queues the event for the main loop; answers once it and its effects ran. */
  submit(event: ProviderEvent, waitsFor: string): Promise<ProviderStatusView>;
  /** Refuses the update before it is accepted (no history event): the caller gets the reason. */
  refuse(message: string, type?: string, details?: unknown): never;
  /** Refuses unless the machine (after the timers due now) takes the event. */
  requireWaiting(event: ProviderEvent, waitsFor: string): void;
}

/** What a command's event and checks read of the track. */
export type TrackView = Pick<Track, 'snapshot' | 'now' | 'today'>;

/** Who may give a command in the console (the roles are cumulative: a coordinator is a purchaser too). */
export type CommandRole = 'purchaser' | 'coordinator';

/** A field of a command, as a person types it (a CLI option, a form field, a spreadsheet column). */
export interface Field {
  name: string;
  /** text: one line; list: items separated by `;`; day: YYYY-MM-DD; choice: one of `choices`. */
  kind: 'text' | 'list' | 'day' | 'choice';
  required?: boolean;
  choices?: readonly string[];
  /** The CLI takes it as an argument after the AGB code rather than as an option. */
  positional?: boolean;
  /** For engineers (the CLI's help); what staff read is in the words module. */
  help?: string;
}

type Problem = string | { text: string; details?: unknown } | undefined;

interface CommandSpec<N extends string, S extends z.ZodTypeAny> {
  /** The update's name (Temporal's, and so the history's): never change it for a command in use. */
  update: N;
  role: CommandRole;
  /** The payload's schema, from the toolkit (`by` is always there: who records it). */
  schema: (t: Toolkit) => S;
  /** What the track waits for, in the workflow's refusal ("not waiting for a signature"): English, for engineers. */
  waitsFor: string;
  fields: readonly Field[];
  /** The CLI's description of the command: English, for engineers. */
  description: string;
  /** The machine event the command becomes. */
  event: (command: NoInfer<z.output<S>>, track: TrackView) => ProviderEvent;
  /** A check against the track beyond the schema, before the machine is asked: why not, in English. */
  check?: (command: NoInfer<z.output<S>>, track: TrackView) => Problem;
  /** Payloads with which `accepts` asks the machine whether the command would be taken now (any one). */
  samples: (track: TrackView) => NoInfer<z.output<S>>[];
  /** Where taking the command depends on more than the machine's state (the decision's rules). */
  possible?: (snapshot: ProviderSnapshot, today: IsoDate) => boolean;
  /** The CLI gives it elsewhere (a command group of its own). */
  cli?: false;
}

/** A command's failure to parse: each problem with its field. */
export class InvalidCommandInput extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid command: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidCommandInput';
  }
}

/** The part of a client's workflow handle a command needs. */
interface UpdateTarget {
  executeUpdate<Ret, Args extends unknown[]>(def: UpdateDefinition<Ret, Args>, options: { args: Args; updateId?: string }): Promise<Ret>;
}

export interface Command<N extends string = string, In = unknown> {
  readonly name: CommandName;
  readonly update: UpdateDefinition<ProviderStatusView, [In], N>;
  readonly role: CommandRole;
  readonly waitsFor: string;
  readonly fields: readonly Field[];
  readonly description: string;
  readonly cli: boolean;
  /** The payload checked against the schema (the workflow checks it again). */
  parse(input: unknown): { ok: true; value: In } | { ok: false; error: InvalidCommandInput };
  /** Checks the payload, then sends it as the update; answers the track's view once it ran. */
  send(handle: UpdateTarget, input: unknown, options?: { updateId?: string }): Promise<ProviderStatusView>;
  /** Workflow side: the update's handler and validator on this track. */
  register(track: Track): void;
  /** Whether the track takes this command now. */
  acceptedBy(snapshot: ProviderSnapshot, track: Pick<Track, 'now' | 'today'>): boolean;
}

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(value)', message: i.message }));
}

function defineCommand<N extends string, S extends z.ZodTypeAny>(name: CommandName, spec: CommandSpec<N, S>): Command<N, z.input<S>> {
  const update = defineUpdate<ProviderStatusView, [z.input<S>], N>(spec.update);
  // The same update as the workflow registers it: its payload is unknown until zod has read it.
  const wire = defineUpdate<ProviderStatusView, [unknown]>(spec.update);
  let schema: S | undefined;
  const schemaOf = () => (schema ??= spec.schema(toolkit()));
  const isInput = (input: unknown): input is z.input<S> => schemaOf().safeParse(input).success;
  const parse: Command<N, z.input<S>>['parse'] = (input) => {
    const checked = schemaOf().safeParse(input);
    if (!checked.success) return { ok: false, error: new InvalidCommandInput(issuesOf(checked.error)) };
    return isInput(input) ? { ok: true, value: input } : { ok: false, error: new InvalidCommandInput([{ path: '(value)', message: 'not a command' }]) };
  };
  return {
    name,
    update,
    role: spec.role,
    waitsFor: spec.waitsFor,
    fields: spec.fields,
    description: spec.description,
    cli: spec.cli !== false,
    parse,
    async send(handle, input, options) {
      const parsed = parse(input);
      if (!parsed.ok) throw parsed.error;
      return handle.executeUpdate(update, { args: [parsed.value], ...(options?.updateId ? { updateId: options.updateId } : {}) });
    },
    register(track) {
      setHandler(wire, (input: unknown) => track.submit(spec.event(schemaOf().parse(input), track), spec.waitsFor), {
        // zod first, then the command's own check (why not, in English, and where it has them the
        // same as data, for staff in their language), then "is the machine waiting for this?".
        validator: (input: unknown) => {
          const checked = schemaOf().safeParse(input);
          if (!checked.success) throw ApplicationFailure.nonRetryable(new InvalidCommandInput(issuesOf(checked.error)).message, 'InvalidCommand');
          const problem = spec.check?.(checked.data, track);
          if (typeof problem === 'string') track.refuse(problem, 'InvalidCommand');
          else if (problem) track.refuse(problem.text, 'InvalidCommand', problem.details);
          track.requireWaiting(spec.event(checked.data, track), spec.waitsFor);
        },
      });
    },
    acceptedBy(snapshot, track) {
      if (snapshot.status === 'done') return false;
      if (spec.possible && !spec.possible(snapshot, track.today())) return false;
      const view: TrackView = { now: track.now, today: track.today, snapshot: () => snapshot };
      return spec.samples(view).some((sample) => snapshot.can(spec.event(sample, view)));
    },
  };
}

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

/**
 * A command's payload from text as typed in a form, a CLI option or a spreadsheet cell: text
 * trimmed (empty is absent, but a required text stays '' so the schema names what is missing),
 * lists split on `;`, and who gives it.
 */
export function commandFromText(command: Command, values: Record<string, string | undefined>, by: string): Record<string, unknown> {
  const out: Record<string, unknown> = { by };
  for (const field of command.fields) {
    const raw = values[field.name]?.trim();
    if (field.kind === 'list') {
      const items = (raw ?? '').split(';').map((x) => x.trim()).filter(Boolean);
      if (items.length || field.required) out[field.name] = items;
    } else if (raw) out[field.name] = raw;
    else if (field.required && field.kind === 'text') out[field.name] = '';
  }
  return out;
}

/** A command's payload as its update takes it. */
export type CommandPayload<N extends CommandName> = (typeof COMMANDS)[N] extends Command<string, infer In> ? In : never;
export type DeadlineMoveCommand = CommandPayload<'moveDeadline'>;
