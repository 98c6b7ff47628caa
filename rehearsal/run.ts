/**
 * A season rehearsal: the real provider workflows of an edition, for a real provider file, on a
 * private time-skipping server and a private database (nothing touches the real cluster or the
 * real outbox), with providers and staff acting as the behaviour model says.
 *
 * The driver (rehearsal/part.ts) keeps an agenda of what people do on which day and walks the
 * calendar, answering the messages the workflows put in the portal as the workflows' own updates.
 *
 * A large population is rehearsed in parts, each on a private server, database and worker of its
 * own (`partSize`, `parallel`): tracks never interact and every draw depends on the track and the
 * day alone, so the parts' records together are the record of one run (a test checks it). The
 * reason is the test server, whose every step costs in proportion to everything it has done
 * before (docs/rehearsal.md, "Why 10,000 providers take more than ten times 1,000").
 *
 * What it is given and what it records: rehearsal/record.ts (its types are exported from here too).
 */
import { DateTime } from 'luxon';
import { ZONE } from '../policies/calendar';
import { AT, PartStopped, rehearsePart } from './part';
import type { RehearsalOptions, RehearsalRun, RehearsalStatus } from './record';

export { REHEARSAL_PHASES } from './record';
export type { Action, ActionKind, RehearsalOptions, RehearsalRun, RehearsalStatus, SentMessage, TrackOutcome } from './record';

/**
 * The most providers one private test server rehearses. The test server's cost per step grows
 * with everything it has done (docs/rehearsal.md), so a season on one server grows with the
 * square of its tracks; `bench:season` chose the size (README).
 */
export const PART_SIZE = 1000;
/** Parts at the same time: each keeps a core about busy (its worker's workflow thread and its server). */
export const PARALLEL_PARTS = 2;

/** Runs the season and returns everything that happened in it. */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalRun> {
  const began = Date.now();
  const { edition } = options;
  // The first day: the test server's clock starts at the time of day, and cannot go back.
  const now = DateTime.now().setZone(ZONE);
  const firstDefault = DateTime.fromObject({ year: edition.contractYear - 1, month: 1, day: 1, ...AT }, { zone: ZONE });
  let start = options.start ? DateTime.fromISO(options.start, { zone: ZONE }).set(AT) : firstDefault;
  if (start <= now) {
    if (options.start) throw new Error(`the start day ${options.start} has passed: a rehearsal starts today or later`);
    start = now.plus({ days: 1 }).set(AT).startOf('hour');
  }
  const end = DateTime.fromObject({ year: edition.contractYear + 1, month: 1, day: 2, ...AT }, { zone: ZONE });

  const size = options.partSize ?? PART_SIZE;
  const parallel = options.parallel ?? PARALLEL_PARTS;
  for (const [name, n] of [['partSize', size], ['parallel', parallel]] as const) if (!Number.isInteger(n) || n < 1) throw new Error(`${name} ${n}: a whole number of at least 1`);
  const parts = splitEvenly(options.providers, Math.ceil(options.providers.length / size));
  const say = options.onProgress ?? (() => {});
  if (parts.length === 1) return merge([await rehearsePart({ ...options, start, end, stopped: () => false })], began);

  // The parts' status together: the phase and day of the first part still running, every part's answers.
  const statuses: (RehearsalStatus | undefined)[] = parts.map(() => undefined);
  const done = parts.map(() => false);
  const tell = () => {
    const running = statuses.findIndex((s, i) => s && !done[i]);
    const shown = statuses[running] ?? { phase: 'outcomes' as const };
    options.onStatus?.({ ...shown, actions: statuses.reduce((n, s) => n + (s?.actions ?? 0), 0), parts: parts.length, partsDone: done.filter(Boolean).length });
  };
  say(`${options.providers.length} providers in ${parts.length} parts of at most ${size}, ${Math.min(parallel, parts.length)} at a time`);
  const runs: RehearsalRun[] = [];
  let next = 0;
  let failed = false;
  const runner = async () => {
    while (!failed && next < parts.length) {
      const i = next++;
      try {
        runs[i] = await rehearsePart({
          ...options,
          providers: parts[i]!,
          start,
          end,
          stopped: () => failed,
          onProgress: (line) => say(`part ${i + 1}/${parts.length}: ${line}`),
          onStatus: (s) => {
            statuses[i] = s;
            tell();
          },
        });
        done[i] = true;
        tell();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(parallel, parts.length) }, runner));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof PartStopped));
  if (failure) throw failure.reason;
  return merge(runs, began);
}

/** `n` parts of the list in its order, their sizes at most one apart. */
export function splitEvenly<T>(list: T[], n: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0, from = 0; i < Math.max(n, 1); i++) {
    const to = Math.round(((i + 1) * list.length) / Math.max(n, 1));
    parts.push(list.slice(from, to));
    from = to;
  }
  return parts;
}

/** The parts' records as the record of one run: every list in one order, whatever the parts. */
function merge(runs: RehearsalRun[], began: number): RehearsalRun {
  const [first] = runs;
  const all = <K extends 'messages' | 'escalations' | 'actions' | 'tracks'>(key: K) => runs.flatMap((r) => r[key] as RehearsalRun[K][number][]);
  const questions = runs.flatMap((r) => r.questions ?? []);
  // Stable sorts: what one track did on one day stays in the order its part's database kept it.
  return {
    ...first!,
    providers: runs.reduce((n, r) => n + r.providers, 0),
    messages: all('messages').sort((x, y) => x.day.localeCompare(y.day) || (x.workflowId ?? '').localeCompare(y.workflowId ?? '') || x.agbCode.localeCompare(y.agbCode)),
    escalations: all('escalations').sort((x, y) => x.day.localeCompare(y.day) || x.agbCode.localeCompare(y.agbCode)),
    actions: all('actions').sort((x, y) => x.day.localeCompare(y.day) || x.workflowId.localeCompare(y.workflowId) || x.kind.localeCompare(y.kind)),
    tracks: all('tracks').sort((x, y) => x.workflowId.localeCompare(y.workflowId)),
    questions: questions.sort((x, y) => x.receivedOn.localeCompare(y.receivedOn) || x.workflowId.localeCompare(y.workflowId) || x.number - y.number),
    wallSeconds: (Date.now() - began) / 1000,
    fanOutSeconds: runs.reduce((n, r) => n + r.fanOutSeconds, 0),
  };
}
