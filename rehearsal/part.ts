/**
 * One part of a season rehearsal: its providers' season on a private time-skipping server,
 * database and worker of its own (rehearsal/run.ts splits the providers into parts).
 *
 * The driver keeps an agenda of what people do on which day. It walks the calendar a day at a time
 * (10:00 Amsterdam): it reads the messages the workflows put in the portal since the day before and
 * plans each provider's answer (an outcome after the invitation, a questionnaire submitted, a
 * signature or a refusal after the offer), then does what the agenda holds for the day, as the
 * workflows' own updates. It never polls the tracks: their messages tell it what happened.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { localDeps } from '../activities';
import { EditionStore } from '../activities/edition-store';
import { importIdOf, listIdOf } from '../activities/provider-store';
import { startPrivateDatabase } from '../db/embedded';
import type { Database } from '../db/database';
import { trackKinds } from '../policies';
import { ZONE, type IsoDate } from '../policies/calendar';
import { providerWorkflowId } from '../policies/ids';
import { campaignWorkflow } from '../workflows/campaign';
import { campaignTaskQueue } from '../config/task-queues';
import {
  recordAssessmentUpdate,
  recordConversationOutcomeUpdate,
  recordDocumentsReceivedUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
  submitQuestionnaireUpdate,
  type ProviderStatusView,
} from '../workflows/messages';
import { startLocalWorker } from '../runtime/local-worker';
import { createTimeSkippingEnv, serverClock, type ServerClock } from '../runtime/time-skipping';
import { draw, drawDays } from './behaviour';
import { actOnQuestion, questionDays, rehearsedQuestions, type QuestionItem } from './questions';
import type { Action, ActionKind, RehearsalOptions, RehearsalRun, RehearsalStatus, SentMessage, TrackOutcome } from './record';

/** The time of day the driver acts (Amsterdam). */
export const AT = { hour: 10 };
const dayOf = (iso: string): IsoDate => DateTime.fromISO(iso, { zone: ZONE }).toISODate()!;
const plus = (day: IsoDate, days: number): IsoDate => DateTime.fromISO(day, { zone: ZONE }).plus({ days }).toISODate()!;

/** A part stopped because another one failed. */
export class PartStopped extends Error {}

/** A part's options: the rehearsal's, with its first and last moment, and whether another part failed. */
export type PartOptions = Omit<RehearsalOptions, 'start' | 'partSize' | 'parallel'> & { start: DateTime; end: DateTime; stopped: () => boolean };

/** One part: its providers' season on a private server, database and worker of its own. */
export async function rehearsePart(options: PartOptions): Promise<RehearsalRun> {
  const began = Date.now();
  const { edition, providers, behaviour, start, end } = options;
  const say = options.onProgress ?? (() => {});
  let status: RehearsalStatus = { phase: 'starting' };
  const tell = (next: RehearsalStatus) => {
    status = next;
    options.onStatus?.(next);
  };
  const env = await createTimeSkippingEnv();
  const db = options.database ? { database: await options.database(), stop: async () => {} } : await startPrivateDatabase();
  const deps = localDeps(db.database);
  const taskQueue = 'rehearsal';
  let worker: Awaited<ReturnType<typeof startLocalWorker>> | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let clock: ServerClock | undefined;
  try {
    clock = await serverClock(env);
    const { client } = clock;
    worker = await startLocalWorker(env, taskQueue, { ...deps, editions: new EditionStore({ extra: [edition] }) }, { starterClient: client, stackTraces: false, ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}) });
    const serverNow = DateTime.fromMillis(await clock.now(), { zone: ZONE });
    if (start <= serverNow) throw new Error(`the start ${start.toISO()} has passed on the rehearsal's server (${serverNow.toISO()}): start the rehearsal again`);
    await clock.sleepUntil(start.toMillis());

    // What the driver waits for, said when nothing has moved for a minute (a rehearsal that hangs
    // says where).
    const open = new Map<string, { kind: string; since: number }>();
    let phase = 'starting the campaign';
    let moved = Date.now();
    let told = 0;
    watchdog = setInterval(() => {
      if (Date.now() - Math.max(moved, told) < 60_000) return;
      const oldest = [...open].sort((x, y) => x[1].since - y[1].since)[0];
      options.onStatus?.({ ...status, stalledSeconds: Math.round((Date.now() - moved) / 1000) });
      say(`still ${phase} after ${Math.round((Date.now() - moved) / 1000)} s${oldest ? `; ${open.size} updates unanswered, the oldest ${oldest[1].kind} to ${oldest[0]}` : ''}`);
      if (oldest) void describePending(client, env.namespace ?? 'default', oldest[0]).then(say, () => {});
      told = Date.now();
    }, 15_000);
    watchdog.unref();
    // The campaign starts every track, as staff would start it.
    tell({ phase: 'campaign' });
    const importId = importIdOf(providers);
    await deps.providerLists.save(listIdOf('rehearsal', importId), providers);
    const campaign = await client.workflow.start(campaignWorkflow, {
      taskQueue: campaignTaskQueue(taskQueue),
      workflowId: `campaign/rehearsal-${edition.id}`,
      args: [{ campaignId: 'rehearsal', policyId: edition.id, total: providers.length, importId, tracksTaskQueue: taskQueue }],
    });
    // Its result (a plain client's: the test environment's own unlocks the clock while it waits).
    // Not by asking its progress: a query that reaches a campaign in the middle of a workflow task
    // holds the test server's clock until it is answered, and one that is never answered (the run
    // continued as new) holds it for good, so that every later sleep runs at the speed of real time.
    await campaign.result();
    const fanOutSeconds = (Date.now() - began) / 1000;
    say(`campaign started ${providers.length} providers on ${start.toISODate()} (${fanOutSeconds.toFixed(1)} s)`);

    const tracks = providers.flatMap((p) => trackKinds(edition, p).map((kind) => ({ provider: p, workflowId: providerWorkflowId(edition.id, p.agbCode, kind) })));
    const byWorkflow = new Map(tracks.map((t) => [t.workflowId, t]));
    type Item = { kind: ActionKind | 'assess'; workflowId: string; agbCode: string; documents?: string[] } | QuestionItem;
    const agenda = new Map<IsoDate, Item[]>();
    const plan = (day: IsoDate, item: Item) => {
      const list = agenda.get(day) ?? [];
      list.push(item);
      agenda.set(day, list);
    };
    const actions: Action[] = [];
    const seed = behaviour.seed;
    const b = behaviour.providers;
    let lastMessageId = 0;
    // The providers' questions, spread over the season from the campaign's first day.
    for (const t of tracks) for (const day of questionDays(behaviour, t.workflowId, start.toISODate()!)) plan(day, { kind: 'question', workflowId: t.workflowId, agbCode: t.provider.agbCode });

    /** Plans each provider's answer to the messages sent since the last look. */
    const readMessages = async () => {
      const rows = await db.database.db.selectFrom('portal_messages').select(['id', 'kind', 'agb_code', 'sent_at', 'message']).where('id', '>', lastMessageId).orderBy('id').execute();
      for (const row of rows) {
        lastMessageId = Math.max(lastMessageId, row.id);
        const m = row.message as Record<string, unknown>;
        const workflowId = workflowOf(edition.id, row.agb_code, m, byWorkflow);
        if (!workflowId) continue;
        const day = dayOf(row.sent_at);
        const q = (what: string) => [workflowId, what, day];
        if (row.kind === 'invitation') {
          const positive = draw(seed, ...q('conversation')) < b.conversation.positive;
          plan(plus(day, drawDays(seed, b.conversation.afterDays, ...q('conversation'))), { kind: positive ? 'conversation-positive' : 'conversation-negative', workflowId, agbCode: row.agb_code });
        } else if (row.kind === 'questionnaire') {
          if (draw(seed, ...q('questionnaire')) < b.questionnaire.submit) plan(plus(day, drawDays(seed, b.questionnaire.afterDays, ...q('questionnaire'))), { kind: 'questionnaire-submitted', workflowId, agbCode: row.agb_code });
        } else if (row.kind === 'documents-request') {
          const documents = ((m.details as { documents?: string[] } | undefined)?.documents ?? ['documenten']).map(String);
          plan(plus(day, drawDays(seed, b.documents.afterDays, ...q('documents'))), { kind: 'documents-received', workflowId, agbCode: row.agb_code, documents });
        } else if (row.kind === 'offer') {
          const r = draw(seed, ...q('offer'));
          const kind: ActionKind | undefined = r < b.offer.sign ? 'signed' : r < b.offer.sign + b.offer.refuse ? 'refused' : undefined;
          if (kind) plan(plus(day, drawDays(seed, b.offer.afterDays, ...q('offer'))), { kind, workflowId, agbCode: row.agb_code });
        }
      }
    };

    /** Does one thing on the agenda; plans the assessment a submission calls for. */
    const act = async (day: IsoDate, item: Item) => {
      if (item.kind === 'question' || item.kind === 'answer') {
        const answer = await actOnQuestion(client, item, day, behaviour);
        if (answer) plan(answer.day, answer.item);
        moved = Date.now();
        return;
      }
      const handle = client.workflow.getHandle(item.workflowId);
      const by = item.kind === 'assess' || item.kind.startsWith('conversation') ? 'staff (rehearsal)' : 'provider (rehearsal)';
      const kind: ActionKind = item.kind === 'assess' ? (draw(seed, item.workflowId, 'assessment', day) < behaviour.staff.positive ? 'assessed-positive' : 'assessed-negative') : item.kind;
      const send = async (): Promise<ProviderStatusView> => {
        switch (kind) {
          case 'conversation-positive':
          case 'conversation-negative':
            return handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: kind === 'conversation-positive' ? 'positive' : 'negative', by }] });
          case 'questionnaire-submitted':
            return handle.executeUpdate(submitQuestionnaireUpdate, { args: [{ by }] });
          case 'documents-received':
            return handle.executeUpdate(recordDocumentsReceivedUpdate, { args: [{ documents: item.documents ?? ['documenten'], by }] });
          case 'assessed-positive':
            // With the behaviour's tier where the track has none yet; where the kind has no tiers, without.
            return handle
              .executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', tier: behaviour.staff.tier, by }] })
              .catch(() => handle.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by }] }));
          case 'assessed-negative':
            return handle.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'negative', reason: 'voldoet niet aan de voorwaarden (repetitie)', by }] });
          case 'signed':
            return handle.executeUpdate(recordSignatureUpdate, { args: [{ by }] });
          case 'refused':
            return handle.executeUpdate(recordRefusalUpdate, { args: [{ reason: 'tarief te laag (repetitie)', by }] });
        }
      };
      open.set(item.workflowId, { kind, since: Date.now() });
      try {
        const view = await send();
        actions.push({ day, kind, workflowId: item.workflowId, agbCode: item.agbCode, accepted: true });
        if (view.status === 'UNDER_ASSESSMENT') plan(plus(day, drawDays(seed, behaviour.staff.assessAfterDays, item.workflowId, 'assess', day)), { kind: 'assess', workflowId: item.workflowId, agbCode: item.agbCode });
      } catch (err) {
        const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
        actions.push({ day, kind, workflowId: item.workflowId, agbCode: item.agbCode, accepted: false, refusal: reason });
      } finally {
        open.delete(item.workflowId);
        moved = Date.now();
      }
    };

    // The season until a day past the contract year, from one day to the next on which something
    // can happen: a day on the agenda, or at most `stride` days on. No answer comes sooner than
    // `stride` days after its message, so a message read up to stride - 1 days late is still
    // answered on its own day: the same as walking every day, with fewer stops.
    const stride = options.everyDay ? 1 : Math.min(b.conversation.afterDays[0], b.questionnaire.afterDays[0], b.documents.afterDays[0], b.offer.afterDays[0], behaviour.staff.assessAfterDays[0]);
    const nextStop = (t: DateTime): DateTime => {
      const planned = [...agenda.keys()].filter((d) => d > t.toISODate()!).sort()[0];
      const byStride = t.plus({ days: stride });
      const byAgenda = planned ? DateTime.fromISO(planned, { zone: ZONE }).set(AT) : undefined;
      const next = byAgenda && byAgenda < byStride ? byAgenda : byStride;
      return next > end && t < end ? end : next;
    };
    let steps = 0;
    const spent = { sleep: 0, read: 0, act: 0 };
    for (let t: DateTime = start; t <= end; t = nextStop(t)) {
      if (options.stopped()) throw new PartStopped('another part of the rehearsal failed');
      let mark = Date.now();
      phase = `waiting for the server's clock to reach ${t.toISODate()}`;
      await clock.sleepUntil(t.toMillis());
      moved = Date.now();
      phase = `acting on ${t.toISODate()}`;
      spent.sleep += Date.now() - mark;
      mark = Date.now();
      await readMessages();
      spent.read += Date.now() - mark;
      mark = Date.now();
      const day = t.toISODate()!;
      const number = (x: Item) => ('question' in x ? x.question : 0);
      const today = (agenda.get(day) ?? []).sort((x, y) => x.workflowId.localeCompare(y.workflowId) || x.kind.localeCompare(y.kind) || number(x) - number(y));
      agenda.delete(day);
      // Tracks side by side, fifty at a time; one track's items of the day one after the other, in
      // a fixed order, so that its history is the same in every run.
      const byTrack = new Map<string, typeof today>();
      for (const item of today) byTrack.set(item.workflowId, [...(byTrack.get(item.workflowId) ?? []), item]);
      const groups = [...byTrack.values()];
      for (let i = 0; i < groups.length; i += 50) {
        await Promise.all(
          groups.slice(i, i + 50).map(async (items) => {
            for (const item of items) await act(day, item);
          }),
        );
      }
      // What is planned for a day already past (an answer to a message read late) is done now.
      for (const [d, items] of [...agenda]) {
        if (d >= day) continue;
        agenda.delete(d);
        for (const item of items) plan(plus(day, 1), item);
      }
      spent.act += Date.now() - mark;
      tell({ phase: 'season', day, actions: actions.length });
      if (++steps % 30 === 0) say(`${day}: ${actions.length} actions so far (so far ${(spent.sleep / 1000).toFixed(1)} s waiting for the server's clock, ${(spent.read / 1000).toFixed(1)} s reading messages, ${(spent.act / 1000).toFixed(1)} s acting)`);
    }

    // How every track ended.
    phase = 'reading how every track ended';
    tell({ phase: 'outcomes', actions: actions.length });
    const outcomes: TrackOutcome[] = [];
    for (let i = 0; i < tracks.length; i += 50) {
      outcomes.push(
        ...(await Promise.all(
          tracks.slice(i, i + 50).map(async ({ provider, workflowId }) => {
            // A closed track's result is its last view (read from its last event); only a track
            // still open (a contract running on) is asked, which replays its history.
            const v = (await closedView(client, env.namespace ?? 'default', workflowId)) ?? (await client.workflow.getHandle(workflowId).query(statusQuery));
            return {
              workflowId,
              agbCode: provider.agbCode,
              providerName: provider.name,
              track: v.track,
              contractKind: v.contractKind,
              tier: v.tier,
              status: v.status,
              events: v.history.map((h) => ({ day: dayOf(h.at), event: h.event })),
              reasons: v.reasons.map((r) => ({ met: r.met, text: r.text, ruleId: r.ruleId })),
            };
          }),
        )),
      );
    }
    const messages = await sentMessages(db.database, edition.id, byWorkflow);
    const questions = await rehearsedQuestions(db.database, edition.id);
    const escalations = (await db.database.db.selectFrom('staff_messages').select(['agb_code', 'sent_at']).where('kind', '=', 'escalation').orderBy('id').execute()).map((r) => ({ day: dayOf(r.sent_at), agbCode: r.agb_code }));
    return {
      edition: { id: edition.id, title: edition.title, contractYear: edition.contractYear, revision: edition.revision, status: edition.status },
      behaviour,
      providers: providers.length,
      start: start.toISODate()!,
      end: end.toISODate()!,
      messages,
      escalations,
      // In their order by `merge`.
      actions,
      tracks: outcomes,
      questions,
      wallSeconds: (Date.now() - began) / 1000,
      fanOutSeconds,
    };
  } finally {
    clearInterval(watchdog);
    await worker?.stop();
    await clock?.close();
    await env.teardown();
    await db.stop();
  }
}

/** A completed track's last view: its result, read from its close event (no replay); undefined while it runs. */
async function closedView(client: Client, namespace: string, workflowId: string): Promise<ProviderStatusView | undefined> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace,
    execution: { workflowId },
    historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  const payload = history?.events?.[0]?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<ProviderStatusView>(payload) : undefined;
}

/** What the server holds for a track: its open workflow task and how often it was tried (a rehearsal that hangs). */
async function describePending(client: Client, namespace: string, workflowId: string): Promise<string> {
  const d = await client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId } });
  const info = d.workflowExecutionInfo;
  return `  ${workflowId}: ${info?.historyLength ?? '?'} events, status ${info?.status ?? '?'}, pending workflow task: ${JSON.stringify(d.pendingWorkflowTask ?? null)}, pending activities: ${d.pendingActivities?.length ?? 0}`;
}


/** The track a message belongs to: by its contract kind where it names one, else the provider's only track. */
function workflowOf(policyId: string, agbCode: string, m: Record<string, unknown>, tracks: Map<string, unknown>): string | undefined {
  const kind = typeof m.contractKind === 'string' ? m.contractKind : undefined;
  if (kind && tracks.has(providerWorkflowId(policyId, agbCode, kind))) return providerWorkflowId(policyId, agbCode, kind);
  if (tracks.has(providerWorkflowId(policyId, agbCode))) return providerWorkflowId(policyId, agbCode);
  const key = typeof m.idempotencyKey === 'string' ? m.idempotencyKey : '';
  const prefix = [...tracks.keys()].find((id) => key.startsWith(`${id}/`));
  return prefix;
}

/** Every portal message of the rehearsal, with its day and what staff need of it. */
async function sentMessages(database: Database, policyId: string, tracks: Map<string, unknown>): Promise<SentMessage[]> {
  const rows = await database.db.selectFrom('portal_messages').select(['kind', 'agb_code', 'sent_at', 'message']).orderBy('id').execute();
  return rows.map((r) => {
    const m = r.message as Record<string, unknown>;
    const details = (m.details ?? {}) as Record<string, unknown>;
    const deadline = (m.signingDeadline ?? details.deadline) as IsoDate | undefined;
    return {
      day: dayOf(r.sent_at),
      kind: r.kind,
      agbCode: r.agb_code,
      workflowId: workflowOf(policyId, r.agb_code, m, tracks),
      ...(typeof m.contractKind === 'string' ? { contractKind: m.contractKind } : {}),
      ...(deadline ? { deadline } : {}),
      ...(typeof m.reason === 'string' ? { reason: m.reason } : {}),
    };
  });
}
