/**
 * Benchmark: a whole season of one policy for N providers on the time-skipping server. The
 * campaign workflow starts every track; a driver then walks the calendar a week at a time and
 * answers as staff and providers would (questionnaires submitted, assessments, conversation
 * outcomes, signatures, some refusals and some left to lapse) until the contract year has ended.
 * Prints the wall time, the outcome per public status, and the events per history.
 *
 *   npm run bench:season -- 1000 paramedisch-2027      (defaults: 1000, paramedisch-2027)
 *
 * The providers are the policy's samples (data/samples/<policy>-providers.json) repeated with
 * new AGB codes, so every track the samples reach is in the season. It runs the rehearsal
 * edition two years on (like the workflow tests), because the real dates have passed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { localDeps } from '../activities';
import { startPrivateDatabase } from '../db/embedded';
import { rehearse, trackKinds } from '../policies';
import { EditionStore } from '../activities/edition-store';
import { ProviderSchema, rehearseProvider, type Provider, type ProviderInput } from '../policies/provider';
import { campaignProgressQuery, campaignWorkflow } from '../workflows/campaign';
import { importIdOf, listIdOf } from '../activities/provider-store';
import { providerWorkflowId } from '../workflows/ids';
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
import { runScript } from './local-run';
import { startLocalWorker } from './local-worker';
import { createTimeSkippingEnv } from './time-skipping';

const count = Number(process.argv[2] ?? 1000);
const policyId = process.argv[3] ?? 'paramedisch-2027';
const YEARS = 2;
const FINAL = new Set(['CONVERSATION_NEGATIVE', 'QUESTIONNAIRE_EXPIRED', 'ASSESSED_NEGATIVE', 'REFUSED', 'EXPIRED', 'WITHDRAWN', 'NOT_CONTRACTED']);

/** N providers: the samples over and over, each with an AGB code of its own (same first two digits). */
function providers(): Provider[] {
  const samples = JSON.parse(readFileSync(resolve(__dirname, '..', 'data', 'samples', `${policyId}-providers.json`), 'utf8')) as ProviderInput[];
  return Array.from({ length: count }, (_, i) => {
    const sample = rehearseProvider(samples[i % samples.length]!, YEARS);
    const agbCode = `${sample.agbCode.slice(0, 2)}${String(900_000 + i).padStart(6, '0')}`;
    const own = (code: string) => (code === sample.agbCode ? agbCode : `${code.slice(0, 2)}${String(500_000 + i).padStart(6, '0')}`);
    return ProviderSchema.parse({ ...sample, agbCode, name: `${sample.name} #${i}`, locations: sample.locations.map((l) => ({ ...l, agbCode: own(l.agbCode) })) });
  });
}

async function inBatches<T>(items: T[], size: number, each: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => each(item, i + j)));
}

async function main() {
  // Only errors: a loaded two-core machine makes the SDK warn about slow workflow tasks.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const began = Date.now();
  const base = new EditionStore().get(policyId);
  const edition = rehearse(base, base.contractYear + YEARS);
  const editions = new EditionStore({ extra: [edition] });
  const list = providers();
  const env = await createTimeSkippingEnv();
  const db = await startPrivateDatabase();
  const deps = localDeps(db.database);
  const taskQueue = 'bench-season';
  const worker = await startLocalWorker(env, taskQueue, { ...deps, editions });
  const answered: Record<string, number> = {};
  const rejected: string[] = [];
  try {
    // The campaign starts every track, in pages, as operations would.
    const importId = importIdOf(list);
    await deps.providerLists.save(listIdOf('season', importId), list);
    const campaign = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/season-${edition.id}`,
      args: [{ campaignId: 'season', policyId: edition.id, total: list.length, importId }],
    });
    for (;;) {
      const p = await campaign.query(campaignProgressQuery).catch(() => undefined);
      if (p?.done) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const fanOutSeconds = (Date.now() - began) / 1000;

    // One handle per track: a workflow per provider, per contract kind where the policy has several.
    const tracks = list.flatMap((p) => trackKinds(edition, p).map((kind) => env.client.workflow.getHandle(providerWorkflowId(edition.id, p.agbCode, kind))));
    const last = new Map<string, ProviderStatusView>();

    /** What staff and providers do this week, by the track's public status. */
    async function answer(handle: WorkflowHandle, i: number): Promise<void> {
      const prior = last.get(handle.workflowId);
      if (prior && FINAL.has(prior.status)) return;
      const view = await handle.query(statusQuery);
      last.set(handle.workflowId, view);
      const by = 'bench';
      const act = async (what: string, run: () => Promise<unknown>) => {
        try {
          await run();
          answered[what] = (answered[what] ?? 0) + 1;
        } catch (err) {
          rejected.push(`${handle.workflowId} ${view.status} ${what}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`);
        }
      };
      switch (view.status) {
        case 'QUESTIONNAIRE_OPEN':
          if (i % 10 !== 9) await act('questionnaire submitted', () => handle.executeUpdate(submitQuestionnaireUpdate, { args: [{ by }] }));
          break;
        case 'UNDER_ASSESSMENT':
          if (i % 8 === 7) await act('assessed negative', () => handle.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'negative', reason: 'does not meet the conditions', by }] }));
          else await act('assessed positive', () => handle.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', ...(view.tier ? {} : { tier: view.reasons.length % 2 ? 'B' : 'A' }), by }] }));
          break;
        case 'IN_CONVERSATION':
          await act('conversation outcome', () => handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: i % 6 === 5 ? 'negative' : 'positive', by }] }));
          break;
        case 'DOCUMENTS_REQUESTED':
          await act('documents received', () => handle.executeUpdate(recordDocumentsReceivedUpdate, { args: [{ documents: view.documents?.requested ?? ['documents'], by }] }));
          break;
        case 'OFFERED':
          if (i % 10 === 8) await act('refused', () => handle.executeUpdate(recordRefusalUpdate, { args: [{ reason: 'tariff too low', by }] }));
          else if (i % 10 !== 9) await act('signed', () => handle.executeUpdate(recordSignatureUpdate, { args: [{ by }] }));
          break;
      }
    }

    // Nothing asks for an answer before the campaign year: skip to it, walk it a week at a time,
    // then a month at a time until a day past the end of the contract year.
    const zone = 'Europe/Amsterdam';
    const campaignYear = DateTime.fromObject({ year: edition.contractYear - 1, month: 1, day: 1, hour: 9 }, { zone });
    const end = DateTime.fromObject({ year: edition.contractYear + 1, month: 1, day: 2, hour: 9 }, { zone });
    const stops: DateTime[] = [];
    for (let t = campaignYear; t < campaignYear.plus({ years: 1 }); t = t.plus({ weeks: 1 })) stops.push(t);
    for (let t = campaignYear.plus({ years: 1 }); t < end; t = t.plus({ months: 1 })) stops.push(t);
    stops.push(end);
    let steps = 0;
    for (const stop of stops) {
      const now = await env.currentTimeMs();
      if (stop.toMillis() > now) await env.sleep(stop.toMillis() - now);
      await inBatches(tracks, 50, (h, i) => answer(h, i));
      steps++;
    }
    await inBatches(tracks, 50, async (h) => {
      last.set(h.workflowId, await h.query(statusQuery));
    });

    // Events per history: every provider track, and the campaign's runs.
    const events: number[] = [];
    let stillOpen = 0;
    await inBatches(tracks, 50, async (h) => {
      events.push((await h.fetchHistory()).events?.length ?? 0);
      if ((await h.describe()).status.name === 'RUNNING') stillOpen++;
    });
    events.sort((a, b) => a - b);
    const campaignEvents = (await campaign.fetchHistory()).events?.length ?? 0;
    const statuses: Record<string, number> = {};
    for (const v of last.values()) statuses[v.status] = (statuses[v.status] ?? 0) + 1;
    const wall = (Date.now() - began) / 1000;
    const pct = (q: number) => events[Math.min(events.length - 1, Math.floor(q * events.length))];
    process.stdout.write(
      [
        `policy: ${edition.id}, providers: ${list.length}, tracks: ${tracks.length}`,
        `wall time: ${wall.toFixed(1)} s for the whole season (fan-out ${fanOutSeconds.toFixed(1)} s, ${steps} steps of a week or a month)`,
        `answers: ${Object.entries(answered).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
        `answers refused by the workflows: ${rejected.length}${rejected.length ? ` (e.g. ${rejected.slice(0, 3).join(' | ')})` : ''}`,
        `after the contract year (${stillOpen} tracks still open): ${Object.entries(statuses).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `events per provider history: median ${pct(0.5)}, p90 ${pct(0.9)}, max ${events[events.length - 1]}, mean ${(events.reduce((a, b) => a + b, 0) / events.length).toFixed(1)}`,
        `events in the campaign's last run: ${campaignEvents}`,
      ].join('\n') + '\n',
    );
  } finally {
    await worker.stop();
    await env.teardown();
    await db.stop();
  }
}

runScript(main);
