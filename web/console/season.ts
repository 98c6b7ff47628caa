/**
 * What the console shows of a season, read from Temporal's visibility (the search attributes
 * every provider workflow keeps: ZorgPolicy, ZorgStatus, ZorgNextDeadline ...) and, for a
 * worklist's rows, each track's own status query. The overview's figures come from one listing of
 * an edition's tracks, kept for a short time (web/console/overview.ts); they are the same counts
 * `temporal workflow count --query "ZorgPolicy = '...' AND ZorgStatus = '...'"` gives. The
 * providers' questions come from the audit log instead (web/console/questions.ts).
 */
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { PublicStatus } from '../../machines/public-status';
import { amsterdamDay, type IsoDate } from '../../policies/calendar';
import { equals } from '../../operations/visibility';
import { statusQuery, type ProviderStatusView } from '../../workflows/messages';
import type { Database } from '../../db/database';
import type { Edition } from '../../policies';
import { daysBetween, promisedStudyDays } from '../../policies/transparency';
import { QUESTION_LISTS, SeasonQuestions, type QuestionList } from './questions';
import { limit, mapLimit } from '../../operations/concurrency';
import { countsOf, ESCALATION_STATUSES, expiringBefore, OVERVIEW_FRESHNESS, Recent, trackListSizes, weeksOf, type Freshness, type Listed, type WeekRow } from './overview';

export { WEEK_SERIES, type WeekRow, type WeekSeries } from './overview';

export const WORKLISTS = ['conversations', 'assessments', 'escalations', 'questions', 'overdueQuestions', 'expiring', 'attention'] as const;
export type Worklist = (typeof WORKLISTS)[number];
/** The worklists of tracks (the others are of questions). */
type TrackList = Exclude<Worklist, QuestionList>;
export const isQuestionList = (list: Worklist): list is QuestionList => (QUESTION_LISTS as readonly string[]).includes(list);

export interface WorklistRow {
  workflowId: string;
  agbCode: string;
  providerName: string;
  contractKind?: string;
  status: PublicStatus;
  tier?: string;
  nextDeadline?: IsoDate;
  /** When the track entered its current wait (the last history entry). */
  since?: string;
}

/** An open offer with less study time than its edition promises (offer day to signing deadline). */
export interface ShortStudyRow {
  workflowId: string;
  agbCode: string;
  providerName: string;
  contractKind?: string;
  offeredOn: IsoDate;
  signingDeadline: IsoDate;
  /** Days from the offer to the signing deadline. */
  days: number;
  /** The days the edition promises an offer of this kind and track (policies/transparency.ts). */
  promised: number;
}

/** At most this many rows in a worklist page: the rest is for the import. */
export const WORKLIST_LIMIT = 300;

/** What the overview shows of an edition's tracks, and when visibility was read for it. */
export interface Overview {
  /** When the listing was read (the console's clock): the page says so. */
  readAt: Date;
  counts: Record<PublicStatus, number>;
  /** Running tracks. */
  open: number;
  weeks: WeekRow[];
  sizes: Record<Worklist, number>;
  shortStudy: ShortStudyRow[];
}

/** One listing of an edition's tracks, and the short study times found among them. */
interface Snapshot {
  readAt: Date;
  tracks: Listed[];
  shortStudy: ShortStudyRow[];
}

/** Visibility's largest page by default (the frontend's `limit.maxPageSize`... 1000): 10,000 tracks are 10 calls. */
const PAGE_SIZE = 1000;

export class Season {
  /** The providers' questions: their worklists and the reachability figure. */
  readonly questions: SeasonQuestions;
  private readonly snapshots: Recent<Snapshot>;
  private readonly openCounts: Recent<Record<string, number>>;

  constructor(
    private readonly client: Client,
    private readonly database: Database,
    private readonly now: () => Date,
    /** An edition by its id (its answer target, for the questions; its promises, for the study times). */
    private readonly editionOf: (policyId: string) => Edition,
    /** How long the overview's figures are served as read (tests: 0, every request reads). */
    freshness: Freshness = OVERVIEW_FRESHNESS,
    /** A background read that failed (the figures served stay the older ones). */
    failed: (err: unknown) => void = () => undefined,
    /** Each read of an edition's tracks: how many, and how long its listing and its study-time check took. */
    private readonly read: (figures: { policyId: string; tracks: number; listingMs: number; studyTimeMs: number; asked: number }) => void = () => undefined,
  ) {
    this.questions = new SeasonQuestions(client, database, now, editionOf);
    this.snapshots = new Recent(freshness, failed);
    this.openCounts = new Recent(freshness, failed);
  }

  /**
   * The season overview's figures of an edition: from one listing of its tracks (kept for
   * `freshness`, web/console/overview.ts), the staff inbox's escalations and the questions (the
   * database, read on every request).
   */
  async overview(edition: Edition): Promise<Overview> {
    const [snapshot, questions, escalated] = await Promise.all([this.snapshots.get(edition.id, () => this.snapshot(edition)), this.questions.open(edition.id), this.escalated(edition.id)]);
    const now = this.now();
    return {
      readAt: snapshot.readAt,
      counts: countsOf(snapshot.tracks),
      open: snapshot.tracks.filter((t) => t.running).length,
      weeks: weeksOf(snapshot.tracks, now),
      sizes: { ...trackListSizes(snapshot.tracks, now, escalated), questions: questions.questions.length, overdueQuestions: questions.overdueQuestions.length },
      shortStudy: snapshot.shortStudy,
    };
  }

  private async snapshot(edition: Edition): Promise<Snapshot> {
    const readAt = this.now();
    const began = performance.now();
    // The study-time check asks its tracks while the listing's later pages are read.
    const check = this.studyTimeCheck(edition);
    const tracks = await this.list(equals('ZorgPolicy', edition.id), PAGE_SIZE, check.consider);
    const listed = performance.now();
    const shortStudy = await check.rows();
    this.read({ policyId: edition.id, tracks: tracks.length, listingMs: Math.round(listed - began), studyTimeMs: Math.round(performance.now() - listed), asked: check.asked() });
    return { readAt, tracks, shortStudy };
  }

  /** The number of open (running) tracks of each edition: a count per edition, kept as the overview's figures are. */
  async openTracks(policyIds: string[]): Promise<Record<string, number>> {
    return this.openCounts.get(policyIds.join('\n'), async () => {
      const counts = await Promise.all(policyIds.map(async (id) => (await this.client.workflow.count(`${equals('ZorgPolicy', id)} AND ExecutionStatus = 'Running'`)).count));
      return Object.fromEntries(policyIds.map((id, i) => [id, counts[i]!]));
    });
  }

  /** The edition the season overview opens on when the address names none: the one last looked at (if still there), else `seasonEdition`'s. */
  async opening(editions: { id: string }[], last?: string): Promise<string | undefined> {
    if (last && editions.some((e) => e.id === last)) return last;
    return seasonEdition(editions, await this.openTracks(editions.map((e) => e.id)));
  }

  /** The tracks on a worklist, oldest wait first, with each provider's name from its track. */
  async worklist(policyId: string, list: TrackList): Promise<WorklistRow[]> {
    const tracks = (await this.tracksOn(policyId, list)).slice(0, WORKLIST_LIMIT);
    const views = await mapLimit(tracks, 16, (t) => this.client.workflow.getHandle(t.workflowId).query(statusQuery).catch(() => undefined));
    return tracks
      .map((t, i) => rowOf(t, views[i]))
      .sort((a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999') || (a.since ?? '').localeCompare(b.since ?? '') || a.agbCode.localeCompare(b.agbCode));
  }

  /** The tracks on a worklist, from visibility (and the staff inbox for escalations). */
  private async tracksOn(policyId: string, list: TrackList): Promise<Listed[]> {
    const policy = equals('ZorgPolicy', policyId);
    let tracks: Listed[];
    switch (list) {
      case 'conversations':
        tracks = await this.list(`${policy} AND ${equals('ZorgStatus', 'IN_CONVERSATION')}`);
        break;
      case 'assessments':
        tracks = await this.list(`${policy} AND ${equals('ZorgStatus', 'UNDER_ASSESSMENT')}`);
        break;
      case 'attention':
        tracks = await this.list(`${policy} AND ${equals('ZorgStatus', 'NEEDS_ATTENTION')}`);
        break;
      case 'expiring': {
        tracks = await this.list(`${policy} AND ${equals('ZorgStatus', 'OFFERED')} AND ZorgNextDeadline < '${expiringBefore(this.now()).toISOString()}'`);
        break;
      }
      case 'escalations': {
        // Escalated to staff (the inbox has the escalation) and still waiting for staff.
        const escalated = await this.escalated(policyId);
        tracks = (await this.list(`${policy} AND (${ESCALATION_STATUSES.map((s) => equals('ZorgStatus', s)).join(' OR ')})`)).filter((t) => escalated.has(t.workflowId));
        break;
      }
    }
    return tracks;
  }

  /** The workflow ids of an edition's tracks whose escalation is in the staff inbox. */
  private async escalated(policyId: string): Promise<Set<string>> {
    const rows = await this.database.db.selectFrom('staff_messages').select('idempotency_key').where('kind', '=', 'escalation').where('policy_id', '=', policyId).execute();
    return new Set(rows.map((r) => r.idempotency_key.split('/escalation/')[0]!));
  }

  /**
   * The open offers whose study time (offer day to signing deadline, a moved one included) fell
   * below what the edition promises their contract kind and track, for example after a deadline
   * moved earlier. Visibility holds the signing deadline (ZorgNextDeadline of an OFFERED track),
   * not the offer day, so no new search attribute is needed: an offer with less than the longest
   * promise ends before today plus that promise (it was made today or earlier), so only those of
   * the edition's listed tracks are asked for their offer day (as they are listed, 16 at a time),
   * as a worklist asks its rows.
   */
  private studyTimeCheck(edition: Edition): { consider: (t: Listed) => void; asked: () => number; rows: () => Promise<ShortStudyRow[]> } {
    const promises = edition.contractKinds.flatMap((k) => k.tracks.map((t) => promisedStudyDays(edition, k.id, t) ?? 0));
    const longest = Math.max(0, ...promises);
    const until = longest > 0 ? DateTime.fromJSDate(this.now(), { zone: 'Europe/Amsterdam' }).startOf('day').plus({ days: longest + 1 }).toJSDate() : undefined;
    const asked: { t: Listed; view: Promise<ProviderStatusView | undefined> }[] = [];
    const slot = limit(16);
    return {
      consider: (t) => {
        if (!until || asked.length >= WORKLIST_LIMIT || t.status !== 'OFFERED' || !t.nextDeadline || t.nextDeadline >= until) return;
        asked.push({ t, view: slot(() => this.client.workflow.getHandle(t.workflowId).query(statusQuery)).catch(() => undefined) });
      },
      asked: () => asked.length,
      rows: async () => {
        const rows: ShortStudyRow[] = [];
        for (const { t, view: viewOf } of asked) {
          const view = await viewOf;
          const { offeredOn, signingDeadline } = view?.planned ?? {};
          const kind = view?.contractKind ?? edition.contractKinds[0]?.id;
          if (!view?.track || !offeredOn || !signingDeadline || !kind) continue;
          const promised = promisedStudyDays(edition, kind, view.track);
          const days = daysBetween(offeredOn, signingDeadline);
          if (promised !== undefined && days < promised) rows.push({ workflowId: t.workflowId, agbCode: t.agbCode, providerName: view.providerName, contractKind: view.contractKind, offeredOn, signingDeadline, days, promised });
        }
        return rows.sort((a, b) => a.days - b.days || a.signingDeadline.localeCompare(b.signingDeadline) || a.agbCode.localeCompare(b.agbCode));
      },
    };
  }

  /** How many rows each worklist has (the worklist page's tabs; the overview's come from `overview`). */
  async worklistSizes(policyId: string): Promise<Record<Worklist, number>> {
    const questions = this.questions.open(policyId);
    const sizes = await Promise.all(WORKLISTS.map((l) => (isQuestionList(l) ? questions.then((q) => q[l].length) : l === 'escalations' ? this.tracksOn(policyId, l).then((r) => r.length) : this.countOf(policyId, l))));
    return Object.fromEntries(WORKLISTS.map((l, i) => [l, sizes[i]!])) as Record<Worklist, number>;
  }

  private async countOf(policyId: string, list: Exclude<TrackList, 'escalations'>): Promise<number> {
    const policy = equals('ZorgPolicy', policyId);
    const status = { conversations: 'IN_CONVERSATION', assessments: 'UNDER_ASSESSMENT', attention: 'NEEDS_ATTENTION', expiring: 'OFFERED' }[list];
    const extra = list === 'expiring' ? ` AND ZorgNextDeadline < '${expiringBefore(this.now()).toISOString()}'` : '';
    return (await this.client.workflow.count(`${policy} AND ${equals('ZorgStatus', status)}${extra}`)).count;
  }

  private async list(query: string, pageSize?: number, each: (t: Listed) => void = () => undefined): Promise<Listed[]> {
    const out: Listed[] = [];
    for await (const wf of this.client.workflow.list({ query, ...(pageSize ? { pageSize } : {}) })) {
      const sa = wf.searchAttributes as Record<string, unknown[] | undefined>;
      const first = (name: string) => sa[name]?.[0];
      out.push({
        workflowId: wf.workflowId,
        agbCode: String(first('ZorgAgbCode') ?? ''),
        contractKind: first('ZorgContractKind') as string | undefined,
        status: first('ZorgStatus') as PublicStatus,
        nextDeadline: first('ZorgNextDeadline') as Date | undefined,
        running: wf.status.name === 'RUNNING',
      });
      each(out[out.length - 1]!);
    }
    return out;
  }
}

function rowOf(t: Listed, view: ProviderStatusView | undefined): WorklistRow {
  const last = view?.history[view.history.length - 1];
  return {
    workflowId: t.workflowId,
    agbCode: t.agbCode,
    providerName: view?.providerName ?? '',
    contractKind: t.contractKind,
    status: view?.status ?? t.status,
    tier: view?.tier,
    nextDeadline: view?.nextDeadline?.day ?? (t.nextDeadline ? amsterdamDay(t.nextDeadline) : undefined),
    since: last?.at,
  };
}


/**
 * The edition the season overview opens on when the address names none and this person has not
 * looked at one yet (the session keeps the last): the one with the most open tracks, the campaign
 * that runs (the first of the list on a tie: the newest). None when no edition has an open track:
 * then the newest published. Opening on the newest edition showed an empty season while the demo's
 * campaign ran under another (issue 23).
 */
export function seasonEdition(editions: { id: string }[], open: Record<string, number>): string | undefined {
  let best: string | undefined;
  for (const e of editions) if ((open[e.id] ?? 0) > (best === undefined ? 0 : open[best]!)) best = e.id;
  return best;
}
