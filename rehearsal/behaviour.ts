/**
 * How providers and staff behave in a rehearsal: a data file (YAML or JSON) with sensible
 * defaults, validated by zod. Every choice a rehearsal makes for a provider (does it submit its
 * questionnaire, after how many days, does it sign ...) is drawn from a hash of the seed, the
 * provider's track and the question, not from a running random stream: the same inputs give the
 * same choices whatever order the rehearsal meets the providers in, so two runs give one report.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const Share = z.number().min(0).max(1);
/** Days after the message, drawn evenly from `[from, to]`. */
const Days = z
  .tuple([z.number().int().min(1).max(365), z.number().int().min(1).max(365)])
  .refine(([from, to]) => from <= to, 'the first number of days is the smallest: [from, to]');

export const BehaviourSchema = z
  .strictObject({
    /** Another seed gives another population of choices with the same shares. */
    seed: z.number().int().default(1),
    providers: z
      .strictObject({
        /** The share of invited providers whose conversation ends positively, and when staff record it (days after the invitation). */
        conversation: z.strictObject({ positive: Share.default(0.85), afterDays: Days.default([7, 28]) }).prefault({}),
        /** The share of providers that submit their questionnaire, and when (days after it arrives). */
        questionnaire: z.strictObject({ submit: Share.default(0.9), afterDays: Days.default([3, 25]) }).prefault({}),
        /** Documents asked for arrive after these days. */
        documents: z.strictObject({ afterDays: Days.default([3, 12]) }).prefault({}),
        /** The shares that sign and refuse an offer (the rest let it lapse), and when (days after the offer). */
        offer: z
          .strictObject({ sign: Share.default(0.85), refuse: Share.default(0.05), afterDays: Days.default([2, 21]) })
          .refine((o) => o.sign + o.refuse <= 1, 'sign + refuse is at most 1 (the rest let the offer lapse)')
          .prefault({}),
        /**
         * Questions by e-mail ("Vragen over zorginkoop", every policy's last section): the share of
         * tracks whose provider asks, how many questions each of those asks, and when (days after
         * the campaign's start, drawn for each question: spread over the season). A question on a
         * track that has closed by then is refused by the track and not counted.
         */
        questions: z
          .strictObject({
            ask: Share.default(0.3),
            count: z
              .tuple([z.number().int().min(1).max(20), z.number().int().min(1).max(20)])
              .refine(([from, to]) => from <= to, 'the first number of questions is the smallest: [from, to]')
              .default([1, 2]),
            afterDays: Days.default([7, 240]),
          })
          .prefault({}),
      })
      .prefault({}),
    staff: z
      .strictObject({
        /** Assessments are recorded this many days after the submission. */
        assessAfterDays: Days.default([2, 10]),
        /** The share of assessments that are positive. */
        positive: Share.default(0.9),
        /** The tier of a positive assessment where the kind has tiers and the track does not know it yet. */
        tier: z.enum(['A', 'B', 'C', 'D']).default('B'),
        /** How many assessments and conversations staff can handle in a week: a week above it is a trap. */
        capacityPerWeek: z.number().int().min(1).default(150),
        /** The share of providers' questions staff answer, and when (calendar days after the question; the target is working days, so some are late). */
        answer: Share.default(0.9),
        answerAfterDays: Days.default([1, 10]),
      })
      .prefault({}),
  })
  .prefault({});

export type Behaviour = z.output<typeof BehaviourSchema>;

/** The defaults, as a file would spell them out. */
export const DEFAULT_BEHAVIOUR: Behaviour = BehaviourSchema.parse({});

/** A behaviour model that cannot be used: one line per wrong field, with its path. */
export class BehaviourError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'BehaviourError';
  }
}

/** A behaviour file, or a clear error naming the file and each wrong field. */
export function readBehaviour(file: string): Behaviour {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BehaviourError(file, [`cannot read the behaviour file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return parseBehaviour(file, text);
}

/** The behaviour model in the text of a file named `name` (.yaml, .yml or .json). */
export function parseBehaviour(name: string, text: string): Behaviour {
  const ext = extname(name).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) throw new BehaviourError(name, [`expected a .yaml, .yml or .json file, not '${ext || 'no extension'}'`]);
  let raw: unknown;
  try {
    const body = text.replace(/^\uFEFF/, '');
    raw = ext === '.json' ? JSON.parse(body) : parseYaml(body);
  } catch (err) {
    throw new BehaviourError(name, [`cannot read the file (${(err as Error).message})`]);
  }
  const parsed = BehaviourSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new BehaviourError(name, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  return parsed.data;
}

/** A number in [0, 1) from the seed and the question: the same question, the same answer. */
export function draw(seed: number, ...question: string[]): number {
  const hash = createHash('sha256').update([seed, ...question].join('\u0000')).digest();
  return hash.readUInt32BE(0) / 2 ** 32;
}

/** A whole number of days in `[from, to]`, drawn for the question. */
export function drawDays(seed: number, [from, to]: [number, number], ...question: string[]): number {
  return from + Math.floor(draw(seed, 'days', ...question) * (to - from + 1));
}
