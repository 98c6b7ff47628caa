/**
 * The season overview's figures from ONE paged listing of an edition's tracks (web/console/season.ts
 * `snapshot`), kept in the console process for a short time. The listing carries every search
 * attribute the overview needs (ZorgStatus, ZorgNextDeadline, ZorgContractKind, ZorgAgbCode) and
 * the execution status, so the counts per status, the open tracks, the weeks ahead and the
 * worklists' sizes are all derived from it here, instead of a count query each: some 25 visibility
 * calls an overview made before, against the server's per-namespace visibility rate limit (10 a
 * second by default on a self-hosted server), took 4.5 to 5.4 s with 10,000 tracks on the cluster.
 * Derived, the counts are the ones `temporal workflow count --query "ZorgPolicy = '...' AND
 * ZorgStatus = '...'"` gives, as of the listing.
 */
import { DateTime } from 'luxon';
import { PUBLIC_STATUSES, type PublicStatus } from '../../machines/public-status';
import type { IsoDate } from '../../policies/calendar';

/** The series of the weeks-ahead chart: what a track's next deadline is, by its status. */
export const WEEK_SERIES = ['offers', 'expiring', 'questionnaires', 'assessments', 'other'] as const;
export type WeekSeries = (typeof WEEK_SERIES)[number];

const SERIES_OF: Partial<Record<PublicStatus, WeekSeries>> = {
  OFFER_PLANNED: 'offers',
  OFFERED: 'expiring',
  QUESTIONNAIRE_OPEN: 'questionnaires',
  QUESTIONNAIRE_PLANNED: 'questionnaires',
  UNDER_ASSESSMENT: 'assessments',
  DOCUMENTS_REQUESTED: 'assessments',
};

export interface WeekRow {
  /** The Monday the week starts. */
  week: IsoDate;
  counts: Record<WeekSeries, number>;
}

/** A track as visibility lists it. */
export interface Listed {
  workflowId: string;
  agbCode: string;
  contractKind?: string;
  status: PublicStatus;
  nextDeadline?: Date;
  /** Its workflow runs (ExecutionStatus = 'Running'). */
  running: boolean;
}

/** The statuses of the worklist of escalations (those whose escalation is in the staff inbox). */
export const ESCALATION_STATUSES: readonly PublicStatus[] = ['UNDER_ASSESSMENT', 'DOCUMENTS_REQUESTED'];
/** The worklist "offers expiring within 7 days": OFFERED, the signing deadline before now + 7 days. */
export const expiringBefore = (now: Date) => DateTime.fromJSDate(now).plus({ days: 7 }).toJSDate();

/** The number of tracks per public status, every status, zeros included (closed tracks too, as `workflow count` counts them). */
export function countsOf(tracks: readonly Listed[]): Record<PublicStatus, number> {
  const counts = Object.fromEntries(PUBLIC_STATUSES.map((s) => [s, 0])) as Record<PublicStatus, number>;
  for (const t of tracks) if (Object.hasOwn(counts, t.status)) counts[t.status] += 1;
  return counts;
}

/** Next deadlines of the running tracks per week, from this week on, by what they are (the weeks' bounds computed once, not a date per track). */
export function weeksOf(tracks: readonly Listed[], now: Date, weeks = 12): WeekRow[] {
  const start = DateTime.fromJSDate(now, { zone: 'Europe/Amsterdam' }).startOf('week');
  const bounds = Array.from({ length: weeks + 1 }, (_, i) => start.plus({ weeks: i }).toMillis());
  const rows: WeekRow[] = Array.from({ length: weeks }, (_, i) => ({ week: start.plus({ weeks: i }).toISODate()!, counts: { offers: 0, expiring: 0, questionnaires: 0, assessments: 0, other: 0 } }));
  for (const t of tracks) {
    const at = t.running ? t.nextDeadline?.getTime() : undefined;
    if (at === undefined || at < bounds[0]! || at >= bounds[weeks]!) continue;
    let i = 0;
    while (at >= bounds[i + 1]!) i++;
    rows[i]!.counts[SERIES_OF[t.status] ?? 'other'] += 1;
  }
  return rows;
}

/** The sizes of the worklists of tracks; `escalated`: the workflow ids whose escalation is in the staff inbox. */
export function trackListSizes(tracks: readonly Listed[], now: Date, escalated: ReadonlySet<string>): Record<'conversations' | 'assessments' | 'escalations' | 'expiring' | 'attention', number> {
  const expiring = expiringBefore(now);
  const sizes = { conversations: 0, assessments: 0, escalations: 0, expiring: 0, attention: 0 };
  for (const t of tracks) {
    if (t.status === 'IN_CONVERSATION') sizes.conversations += 1;
    else if (t.status === 'NEEDS_ATTENTION') sizes.attention += 1;
    else if (t.status === 'OFFERED' && t.nextDeadline && t.nextDeadline < expiring) sizes.expiring += 1;
    if (t.status === 'UNDER_ASSESSMENT') sizes.assessments += 1;
    if (ESCALATION_STATUSES.includes(t.status) && escalated.has(t.workflowId)) sizes.escalations += 1;
  }
  return sizes;
}

/** How long a snapshot is served as it is, and up to when it is served while a fresh one is read. */
export interface Freshness {
  /** Younger than this: served, nothing read. */
  freshMs: number;
  /** Older than `freshMs` and younger than this: served, and a fresh one is read in the background. Older: the request waits for a fresh one. */
  staleMs: number;
}

/** The console's default: 15 s as it is, up to 10 minutes while it is read again. */
export const OVERVIEW_FRESHNESS: Freshness = { freshMs: 15_000, staleMs: 10 * 60_000 };

/**
 * Values by key, read at most once at a time per key and kept for a while (stale-while-revalidate):
 * a request within `freshMs` of the last read is served from it; an older one (up to `staleMs`) is
 * served from it while a fresh read runs in the background; concurrent requests share one read. A
 * background read that fails keeps the old value (and is reported to `failed`); a waiting one fails
 * its requests.
 */
export class Recent<T> {
  private readonly entries = new Map<string, { value?: T; at: number; reading?: Promise<T> }>();

  constructor(
    private readonly freshness: Freshness,
    private readonly failed: (err: unknown) => void = () => undefined,
    /** A monotonic clock in ms (the process's, not the console's simulated day). */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async get(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    const age = entry && entry.value !== undefined ? this.clock() - entry.at : Infinity;
    if (age < this.freshness.freshMs) return entry!.value!;
    if (age < this.freshness.staleMs) {
      this.read(key, read).catch(this.failed);
      return entry!.value!;
    }
    return this.read(key, read);
  }

  private read(key: string, read: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { at: 0 }));
    if (entry.reading) return entry.reading;
    const started = this.clock();
    const e = entry;
    e.reading = read()
      .then((value) => {
        e.value = value;
        e.at = started;
        return value;
      })
      .finally(() => {
        e.reading = undefined;
      });
    return e.reading;
  }
}
