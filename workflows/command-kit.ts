/**
 * How a command of the catalogue (catalogue.ts) is made: `defineCommand` turns an entry (its
 * update's name, schema, event, check, role, fields, CLI description and sample) into what the
 * workflow registers, the front ends send, and the status view asks (`acceptedBy`). The entries
 * themselves are in catalogue.ts.
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { ProviderEvent, ProviderSnapshot } from '../machines/provider-contract';
import type { IsoDate } from '../policies/calendar';
import type { CommandName } from './command-names';
import type { ProviderStatusView } from './view';

type Toolkit = typeof import('./commands');
type WorkflowApi = typeof import('@temporalio/workflow');

/**
 * The workflow API, loaded when an update is first defined, registered or refused: the CLI reads
 * this catalogue to build its commands and should not load Temporal to print its help.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
const workflowApi = (): WorkflowApi => require('@temporalio/workflow') as WorkflowApi;

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

export interface CommandSpec<N extends string, S extends z.ZodTypeAny> {
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

export function defineCommand<N extends string, S extends z.ZodTypeAny>(name: CommandName, spec: CommandSpec<N, S>): Command<N, z.input<S>> {
  let update: UpdateDefinition<ProviderStatusView, [z.input<S>], N> | undefined;
  const updateOf = () => (update ??= workflowApi().defineUpdate<ProviderStatusView, [z.input<S>], N>(spec.update));
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
    get update() {
      return updateOf();
    },
    role: spec.role,
    waitsFor: spec.waitsFor,
    fields: spec.fields,
    description: spec.description,
    cli: spec.cli !== false,
    parse,
    async send(handle, input, options) {
      const parsed = parse(input);
      if (!parsed.ok) throw parsed.error;
      return handle.executeUpdate(updateOf(), { args: [parsed.value], ...(options?.updateId ? { updateId: options.updateId } : {}) });
    },
    register(track) {
      const { ApplicationFailure, defineUpdate, setHandler } = workflowApi();
      // The update as the workflow registers it: its payload is unknown until zod has read it.
      const wire = defineUpdate<ProviderStatusView, [unknown]>(spec.update);
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
