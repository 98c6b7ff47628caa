/**
 * Season rehearsals in the console: a coordinator rehearses an edition (a draft too) on a real
 * provider file, optionally with a behaviour model and for another contract year; the rehearsal
 * runs in the background in this console process (rehearsal/run.ts on a private time-skipping
 * server and database: nothing reaches the real cluster or outbox), its row in `rehearsals` goes
 * running → done or failed, and its report (rehearsal/report.ts) is kept there. Anyone signed in
 * reads a report and compares two side by side.
 *
 * One rehearsal at a time per console process (each starts its own servers): a second waits for
 * the first.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { EditionStore } from '../../activities/edition-store';
import { readProvidersUpload } from './campaigns';
import type { Database } from '../../db/database';
import { PUBLIC_STATUSES } from '../../machines/public-status';
import { rehearse as forContractYear, type Edition } from '../../policies';
import { ZONE, type IsoDate } from '../../policies/calendar';
import { rehearseProvider, type Provider } from '../../policies/provider';
import { BehaviourError, DEFAULT_BEHAVIOUR, parseBehaviour, type Behaviour } from '../../rehearsal/behaviour';
import { buildReport, reportHtml, weeksCsv, type RehearsalReport, type WeekRow } from '../../rehearsal/report';
import { REHEARSAL_PHASES, rehearse, type RehearsalStatus } from '../../rehearsal/run';
import { wordsFor } from '../../words';
import type { PageFn } from './page';

export interface RehearsalRow {
  id: string;
  editionId: string;
  contractYear: number;
  title: string;
  providers: number;
  startedBy: string;
  status: 'running' | 'done' | 'failed';
  progress?: string;
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

/** The rehearsals table. */
export class Rehearsals {
  constructor(private readonly database: Database) {}

  async create(row: Pick<RehearsalRow, 'id' | 'editionId' | 'contractYear' | 'title' | 'providers' | 'startedBy'>): Promise<void> {
    await this.database.db
      .insertInto('rehearsals')
      .values({ id: row.id, edition_id: row.editionId, contract_year: row.contractYear, title: row.title, providers: row.providers, started_by: row.startedBy, status: 'running', progress: null, error: null, report: null })
      .execute();
  }

  async progress(id: string, line: string): Promise<void> {
    await this.database.db.updateTable('rehearsals').set({ progress: line.slice(0, 500), heartbeat_at: sql<Date>`now()` }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** This console process still runs these rehearsals (or holds them in its queue). */
  async beat(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.database.db.updateTable('rehearsals').set({ heartbeat_at: sql<Date>`now()` }).where('id', 'in', ids).where('status', '=', 'running').execute();
  }

  /**
   * Rehearsals still marked running whose console has given no sign of life for `STALE_AFTER`
   * (it was killed, or its machine went): failed, saying so. Every reader calls it first, so any
   * console process shows them as they are.
   */
  async failAbandoned(): Promise<void> {
    await this.database.db
      .updateTable('rehearsals')
      .set({ status: 'failed', error: sql<string>`'the console process running this rehearsal stopped (its last sign of life ' || to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC); start it again'`, finished_at: sql<Date>`now()` })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', sql<Date>`now() - interval '${sql.raw(String(STALE_AFTER_MS / 1000))} seconds'`)
      .execute();
  }

  async finish(id: string, report: RehearsalReport): Promise<void> {
    await this.database.db.updateTable('rehearsals').set({ status: 'done', report: JSON.stringify(report), progress: null, finished_at: new Date() }).where('id', '=', id).execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.database.db.updateTable('rehearsals').set({ status: 'failed', error: error.slice(0, 4000), finished_at: new Date() }).where('id', '=', id).execute();
  }

  /** Every rehearsal, newest first, without its report. */
  async list(): Promise<RehearsalRow[]> {
    await this.failAbandoned();
    const rows = await this.database.db
      .selectFrom('rehearsals')
      .select(['id', 'edition_id', 'contract_year', 'title', 'providers', 'started_by', 'status', 'progress', 'error', 'created_at', 'finished_at'])
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
    return rows.map(toRow);
  }

  /** One rehearsal with its report (once done). */
  async get(id: string): Promise<(RehearsalRow & { report?: RehearsalReport }) | undefined> {
    if (!ID.test(id)) return undefined;
    await this.failAbandoned();
    const row = await this.database.db.selectFrom('rehearsals').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...toRow(row), report: (row.report as unknown as RehearsalReport | null) ?? undefined };
  }
}

const ID = /^[0-9a-f-]{36}$/;
/** How often a console process marks the rehearsals it holds, and after how long without a mark one counts as abandoned. */
export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 5 * HEARTBEAT_MS;
const toRow = (r: { id: string; edition_id: string; contract_year: number; title: string; providers: number; started_by: string; status: RehearsalRow['status']; progress: string | null; error: string | null; created_at: Date; finished_at: Date | null }): RehearsalRow => ({
  id: r.id,
  editionId: r.edition_id,
  contractYear: r.contract_year,
  title: r.title,
  providers: r.providers,
  startedBy: r.started_by,
  status: r.status,
  progress: r.progress ?? undefined,
  error: r.error ?? undefined,
  createdAt: r.created_at,
  finishedAt: r.finished_at ?? undefined,
});

/** A behaviour model uploaded as YAML or JSON, checked as `readBehaviour` checks a file. */
export function readBehaviourUpload(name: string, data: Buffer): { behaviour: Behaviour } | { problems: string[] } {
  try {
    return { behaviour: parseBehaviour(name, data.toString('utf8')) };
  } catch (err) {
    return { problems: err instanceof BehaviourError ? err.problems : [(err as Error).message] };
  }
}

/** A week's staff work: assessments that came in and conversations to hold. */
export const staffWork = (w: Pick<WeekRow, 'assessments' | 'conversations'>) => w.assessments + w.conversations;

/** The Monday of a day's week. */
const mondayOf = (day: IsoDate) => DateTime.fromISO(day, { zone: ZONE }).startOf('week');

/**
 * Two reports' staff work week by week, aligned by the week's index from each start (week 1 is the
 * week the rehearsal started), every week from 1 to the last with work in either.
 */
export function alignedWeeks(a: RehearsalReport, b: RehearsalReport): { index: number; a?: WeekRow; aWeek: IsoDate; b?: WeekRow; bWeek: IsoDate }[] {
  const indexed = (r: RehearsalReport) => {
    const first = mondayOf(r.start);
    const byIndex = new Map<number, WeekRow>();
    for (const w of r.weeks) byIndex.set(Math.round(mondayOf(w.week).diff(first, 'weeks').weeks) + 1, w);
    return { first, byIndex };
  };
  const [ia, ib] = [indexed(a), indexed(b)];
  const last = Math.max(0, ...[...ia.byIndex].filter(([, w]) => staffWork(w) > 0).map(([i]) => i), ...[...ib.byIndex].filter(([, w]) => staffWork(w) > 0).map(([i]) => i));
  return Array.from({ length: last }, (_, k) => {
    const index = k + 1;
    return { index, a: ia.byIndex.get(index), aWeek: ia.first.plus({ weeks: k }).toISODate()!, b: ib.byIndex.get(index), bWeek: ib.first.plus({ weeks: k }).toISODate()! };
  });
}

/** The busiest weeks for staff, most work first. */
export const busiestWeeks = (r: RehearsalReport, n = 3): WeekRow[] =>
  [...r.weeks].filter((w) => staffWork(w) > 0).sort((x, y) => staffWork(y) - staffWork(x) || x.week.localeCompare(y.week)).slice(0, n);

interface Job {
  id: string;
  edition: Edition;
  providers: Provider[];
  behaviour: Behaviour;
}

export async function consoleRehearsals(app: FastifyInstance, deps: { database: Database; editions: EditionStore; page: PageFn }): Promise<void> {
  const { editions, page } = deps;
  const store = new Rehearsals(deps.database);
  const allEditions = () =>
    editions
      .list()
      .map((e) => ({ id: e.id, title: e.title, status: e.status, year: e.contractYear }))
      .sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));

  // One rehearsal at a time in this process; the rest wait their turn. On close, the running one
  // is finished (its private servers stopped) and the waiting ones are marked failed.
  let queue: Promise<void> = Promise.resolve();
  let closing = false;
  const waiting = new Set<string>();
  // The rehearsals this process holds, marked as alive (a row whose process stopped is failed by the next reader).
  const held = new Set<string>();
  const heartbeat = setInterval(() => void store.beat([...held]).catch((err: unknown) => app.log.warn({ err }, 'rehearsal heartbeat failed')), HEARTBEAT_MS);
  heartbeat.unref();
  const runJob = async (job: Job) => {
    waiting.delete(job.id);
    if (closing) {
      held.delete(job.id);
      return store.fail(job.id, 'the console stopped before the rehearsal began');
    }
    try {
      // Where it is, as data: the page says it in the reader's language.
      await store.progress(job.id, JSON.stringify({ phase: 'starting' } satisfies RehearsalStatus));
      const run = await rehearse({ edition: job.edition, providers: job.providers, behaviour: job.behaviour, onStatus: (status) => void store.progress(job.id, JSON.stringify(status)).catch(() => undefined) });
      await store.finish(job.id, buildReport(run, job.edition));
      app.log.info({ rehearsal: job.id, seconds: run.wallSeconds }, 'rehearsal done');
    } catch (err) {
      app.log.error({ rehearsal: job.id, err }, 'rehearsal failed');
      await store.fail(job.id, (err as Error).message ?? String(err)).catch(() => undefined);
    } finally {
      held.delete(job.id);
    }
  };
  const enqueue = (job: Job) => {
    held.add(job.id);
    waiting.add(job.id);
    queue = queue.then(() => runJob(job)).catch(() => undefined);
  };
  app.addHook('onClose', async () => {
    closing = true;
    await queue;
    clearInterval(heartbeat);
  });

  const t = (request: { session: { lang?: 'nl' | 'en' } }) => wordsFor(request.session.lang ?? 'nl');
  const notFound = (request: Parameters<PageFn>[0], reply: Parameters<PageFn>[1]) => page(request, reply, 'message.eta', { title: t(request).notFound, text: t(request).notFound }, 404);

  app.get('/repetities', { config: { role: 'viewer' } }, async (request, reply) => {
    const rows = await store.list();
    const done = rows.filter((r) => r.status === 'done');
    return page(request, reply, 'rehearsals.eta', { rows, done, waiting: [...waiting] });
  });

  const form = (request: Parameters<PageFn>[0], reply: Parameters<PageFn>[1], data: Record<string, unknown> = {}, status = 200) =>
    page(request, reply, 'rehearsal-new.eta', { all: allEditions(), chosen: undefined, ...data }, status);

  app.get('/repetities/nieuw', { config: { role: 'coordinator' } }, async (request, reply) => form(request, reply, { chosen: (request.query as { beleid?: string }).beleid }));

  app.post('/repetities/nieuw', { config: { role: 'coordinator', upload: { files: ['bestand', 'gedrag'], fields: ['beleid', 'jaar', 'titel'] } } }, async (request, reply) => {
    const m = t(request);
    const { fields, files } = request.upload!;
    const editionId = fields.beleid;
    const yearText = fields.jaar?.trim() ?? '';
    const description = (fields.titel ?? '').trim().slice(0, 200);
    const echo = { chosen: editionId, year: yearText, description };
    let edition: Edition | undefined;
    try {
      edition = editionId ? editions.get(editionId) : undefined;
    } catch {
      edition = undefined;
    }
    const year = yearText ? Number(yearText) : edition?.contractYear;
    const providersFile = files.bestand;
    const behaviourFile = files.gedrag;
    if (!edition || !providersFile || !year || !Number.isInteger(year) || year < 2000 || year > 2100) {
      const what = !edition ? m.edition : !providersFile ? m.providersFile : m.rehearsal.contractYear;
      return form(request, reply, { ...echo, problems: { title: m.badInput, lines: [`${m.badInput}: ${what}`] } }, 400);
    }
    const read = readProvidersUpload(providersFile.name, providersFile.data, editions);
    if ('problems' in read) return form(request, reply, { ...echo, problems: { title: `${m.rehearsal.fileBad}: ${providersFile.name}`, lines: read.problems } }, 422);
    let behaviour = DEFAULT_BEHAVIOUR;
    if (behaviourFile) {
      const b = readBehaviourUpload(behaviourFile.name, behaviourFile.data);
      if ('problems' in b) return form(request, reply, { ...echo, problems: { title: `${m.rehearsal.behaviourBad}: ${behaviourFile.name}`, lines: b.problems } }, 422);
      behaviour = b.behaviour;
    }
    // Another contract year: every date of the edition and of the provider records moves by whole years.
    const years = year - edition.contractYear;
    const rehearsed = years ? forContractYear(edition, year) : edition;
    const providers = years ? read.providers.map((p) => rehearseProvider(p, years)) : read.providers;
    const id = randomUUID();
    await store.create({
      id,
      editionId: edition.id,
      contractYear: year,
      title: description || [providersFile.name, behaviourFile?.name].filter(Boolean).join(' + '),
      providers: providers.length,
      startedBy: request.session.user!.username,
    });
    enqueue({ id, edition: rehearsed, providers, behaviour });
    request.log.info({ rehearsal: id, edition: rehearsed.id, providers: providers.length, by: request.session.user!.username }, 'rehearsal started');
    return reply.redirect(`/repetities/${id}`);
  });

  const Pair = z.object({ a: z.string().max(40).optional(), b: z.string().max(40).optional() });
  app.get('/repetities/vergelijk', { config: { role: 'viewer' } }, async (request, reply) => {
    const q = Pair.parse(request.query);
    const [a, b] = await Promise.all([store.get(q.a ?? ''), store.get(q.b ?? '')]);
    if (!a?.report || !b?.report) {
      const rows = await store.list();
      return page(request, reply, 'rehearsals.eta', { rows, done: rows.filter((r) => r.status === 'done'), waiting: [...waiting], needTwo: true, a: q.a, b: q.b }, 400);
    }
    const statuses = [...PUBLIC_STATUSES].filter((s) => a.report!.statuses[s] || b.report!.statuses[s]);
    const weeks = alignedWeeks(a.report, b.report);
    return page(request, reply, 'rehearsal-compare.eta', { a, b, statuses, weeks, busiest: { a: busiestWeeks(a.report), b: busiestWeeks(b.report) }, staffWork });
  });

  app.get('/repetities/:id', { config: { role: 'viewer' } }, async (request, reply) => {
    const row = await store.get((request.params as { id: string }).id);
    if (!row) return notFound(request, reply);
    const statuses = row.report ? [...PUBLIC_STATUSES].filter((s) => row.report!.statuses[s]) : [];
    return page(request, reply, 'rehearsal.eta', { row, report: row.report, statuses, waiting: waiting.has(row.id), staffWork, status: statusOf(row.progress) });
  });

  const download = (name: string) => `attachment; filename="${name}"`;
  app.get('/repetities/:id/rapport.html', { config: { role: 'viewer' } }, async (request, reply) => {
    const row = await store.get((request.params as { id: string }).id);
    if (!row?.report) return notFound(request, reply);
    return reply.type('text/html; charset=utf-8').header('content-disposition', download(`repetitie-${row.report.edition.id}-${row.id.slice(0, 8)}.html`)).send(reportHtml(row.report));
  });
  app.get('/repetities/:id/weken.csv', { config: { role: 'viewer' } }, async (request, reply) => {
    const row = await store.get((request.params as { id: string }).id);
    if (!row?.report) return notFound(request, reply);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', download(`repetitie-${row.report.edition.id}-${row.id.slice(0, 8)}-weken.csv`)).send(weeksCsv(row.report));
  });
}

/** A running rehearsal's status as the store keeps it (JSON); undefined for a line of text (a row from before) or nothing. */
export function statusOf(progress: string | undefined): RehearsalStatus | undefined {
  if (!progress?.startsWith('{')) return undefined;
  try {
    const status = JSON.parse(progress) as RehearsalStatus;
    return REHEARSAL_PHASES.includes(status.phase) ? status : undefined;
  } catch {
    return undefined;
  }
}
