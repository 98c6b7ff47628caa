/**
 * Starting and following a campaign, for every front end (the CLI, the console).
 *
 * A campaign run is bound to the provider list it was started with: the list is saved under its
 * import id (a hash of its content) and the run carries that id. A second `campaign start` while a
 * campaign of the policy runs follows it when it brings the same list, and is refused, with both
 * lists named, when it brings another: never are one file's providers swapped for another's.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ContractRegister, withRegisteredContracts, type RegisterNote } from '../activities/contracts';
import { EditionArchive } from '../activities/edition-archive';
import { DatabaseProviderListStore, importIdOf, listIdOf, type ProviderListStore } from '../activities/provider-store';
import type { Database } from '../db/database';
import { evaluate, type Edition } from '../policies';
import type { IsoDate } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import type { Provider } from '../policies/provider';
import { checkTransparency, type TransparencyGap } from '../policies/transparency';
import { UsageError } from './errors';
import { pastSteps, type PastStep } from './past-steps';
import { campaignTaskQueue } from '../config/task-queues';
import { campaignProgressQuery, campaignWorkflow, campaignWorkflowId, type CampaignProgress } from '../workflows/campaign';

/** A start that would change a running campaign: refused, exit code 1. */
export class CampaignRefusedError extends Error {}

/** A campaign that keeps failing a step: it retries on, but the CLI says so and exits 1. */
export class CampaignStalledError extends Error {}

/** A campaign that finished with providers it could not read or start: exit code 1. */
export class CampaignIncompleteError extends Error {}

/**
 * A published edition that lacks what the NZa's transparency rule asks for (policies/transparency.ts):
 * no campaign starts on it (the CLI exits 2). `gaps` name each item, for the words of a front end.
 */
export class TransparencyRefusedError extends UsageError {
  constructor(
    readonly editionId: string,
    readonly gaps: TransparencyGap[],
  ) {
    super(
      `${editionId} is published but lacks ${gaps.length} item(s) the NZa's transparency rule (TH/NR-021 art. 4) asks for: ${gaps.map((g) => `${g.path.join('.')} (${g.item}${'kind' in g ? ` ${g.kind}` : ''}: ${g.problem})`).join('; ')}. ` +
        `Nothing was started; \`zorginkoop policy check <file>\` says what to add, at its line (docs/transparency.md).`,
    );
    this.name = 'TransparencyRefusedError';
  }
}

/**
 * The transparency rule before a campaign: a published edition that lacks an item is refused
 * (TransparencyRefusedError); of a draft or a rehearsal the gaps are returned, for a warning. The
 * one place the refusal is made: `launchCampaign` asks it, and the CLI asks it before it connects.
 */
export function refuseUntransparent(edition: Edition): TransparencyGap[] {
  const { gaps } = checkTransparency(edition);
  if (gaps.length && edition.status === 'published') throw new TransparencyRefusedError(edition.id, gaps);
  return gaps;
}

/** Tries of one step after which a campaign counts as not progressing (about 14 s of retries). */
export const STALLED_AFTER_ATTEMPTS = 4;

/**
 * Why a running campaign is not progressing, or undefined: a step (reading a page, starting its
 * tracks) that failed `STALLED_AFTER_ATTEMPTS` times or more, with its last failure.
 */
export async function stalledReason(handle: WorkflowHandle): Promise<string | undefined> {
  const { raw, status } = await handle.describe();
  if (status.name !== 'RUNNING') return undefined;
  for (const activity of raw.pendingActivities ?? []) {
    const attempt = activity.attempt ?? 0;
    if (attempt >= STALLED_AFTER_ATTEMPTS && activity.lastFailure) {
      return `${activity.activityType?.name ?? 'a step'} has failed ${attempt - 1} times (last: ${activity.lastFailure.message}); it keeps retrying: fix the cause, or see it in the Web UI`;
    }
  }
  return undefined;
}

/** Waits for a campaign to finish, reporting its progress; the handle follows continue-as-new. */
export async function followCampaign(handle: WorkflowHandle, onProgress: (p: CampaignProgress) => void, campaignId: string): Promise<CampaignProgress> {
  for (;;) {
    const progress = await handle.query(campaignProgressQuery).catch(() => undefined);
    if (progress) onProgress(progress);
    if (progress?.done) return progress;
    // A campaign that failed or was terminated will never be done: say so instead of waiting forever.
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING' && status.name !== 'CONTINUED_AS_NEW' && status.name !== 'COMPLETED') {
      throw new Error(`campaign ${handle.workflowId} is ${status.name}: see it in the Web UI`);
    }
    const stalled = await stalledReason(handle);
    if (stalled) throw new CampaignStalledError(`campaign ${campaignId} is not progressing: ${stalled}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What `startCampaign` did: started a run, or joined the run of the same list. */
export interface CampaignStart {
  handle: WorkflowHandle;
  importId: string;
  joined: boolean;
}

/**
 * Saves the list under its import id and starts the campaign run with that id; when a run of the
 * policy's campaign is already going, joins it if it reads the same list, else refuses. `taskQueue`
 * is the tracks' queue: the campaign runs on its own (`campaignTaskQueue`) and starts the tracks there.
 */
export async function startCampaign(
  client: Client,
  store: ProviderListStore,
  options: { campaignId: string; policyId: string; revision?: string; taskQueue: string; providers: Provider[]; source: string },
): Promise<CampaignStart> {
  const { campaignId, policyId, revision, taskQueue, providers, source } = options;
  const importId = importIdOf(providers);
  const handle = client.workflow.getHandle(campaignWorkflowId(campaignId));
  const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
  if (running) return { handle, importId, joined: await joinable(handle, campaignId, importId, source) };
  // The list goes to the store every worker reads under an id of its own: saving another list,
  // even at this moment, writes elsewhere and cannot change what this run reads.
  await store.save(listIdOf(campaignId, importId), providers);
  try {
    await client.workflow.start(campaignWorkflow, {
      taskQueue: campaignTaskQueue(taskQueue),
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, policyId, total: providers.length, importId, source, tracksTaskQueue: taskQueue, ...(revision ? { revision } : {}) }],
      staticSummary: `campaign ${policyId}: ${providers.length} providers from ${source} (import ${importId})`,
    });
    return { handle, importId, joined: false };
  } catch (err) {
    // Started by someone else in the same moment: join it if it reads this list.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { handle, importId, joined: await joinable(handle, campaignId, importId, source) };
  }
}

/** True when the running campaign reads the list `importId`; a refusal naming both lists otherwise. */
async function joinable(handle: WorkflowHandle, campaignId: string, importId: string, source: string): Promise<true> {
  let progress: CampaignProgress | undefined;
  for (let i = 0; i < 20 && !progress; i++) {
    progress = await handle.query(campaignProgressQuery).catch(() => undefined);
    if (!progress) await new Promise((r) => setTimeout(r, 250));
  }
  if (progress?.importId === importId) return true;
  const theirs = progress?.importId ? `import ${progress.importId}, ${progress.total} providers from ${progress.source ?? 'an earlier file'}` : 'a list imported before lists had ids';
  throw new CampaignRefusedError(
    `campaign ${campaignId} is already running with another provider list (${theirs}); ${source} (import ${importId}) was not started. ` +
      `Wait until the running campaign is done (campaign status ${campaignId}), then start this file again: providers already started are left alone.`,
  );
}

/** What a campaign would do with a provider file, before anything starts. */
export interface CampaignCheck {
  /** Each provider's decision, one per contract kind, with the register's running contracts. */
  decisions: Decision[];
  /** Where the provider file and the contract register disagree (the register wins). */
  notes: RegisterNote[];
  /** The plan's steps whose day has passed: a track started now meets them at once. */
  late: PastStep[];
  /** False where the register could not be read: the decisions use the file's contracts only. */
  registerRead: boolean;
  /** What the NZa's transparency rule asks and the edition lacks: a published edition with any is refused at the start. */
  transparency: TransparencyGap[];
}

/**
 * The check staff see before a campaign starts (the console's check, the CLI's --dry-run): the
 * decisions as the real start makes them (the file merged with the contract register), the
 * differences with the register, and the steps already past. Without a database the decisions
 * use the file's contracts, and say so.
 */
export async function checkCampaign(database: Database | undefined, edition: Edition, providers: Provider[], today: IsoDate): Promise<CampaignCheck> {
  const merged = database ? await withRegisteredContracts(new ContractRegister(database), edition.careType, edition.contractYear, providers) : undefined;
  return {
    decisions: (merged?.providers ?? providers).flatMap((p) => evaluate(edition, p)),
    notes: merged?.notes ?? [],
    late: pastSteps(edition, today),
    registerRead: merged !== undefined,
    transparency: checkTransparency(edition).gaps,
  };
}

/**
 * The campaign start as staff give it: refused for a published edition the transparency rule
 * finds lacking (`refuseUntransparent`), then the provider list merged with the contract register (the
 * running contracts come from there; where the file disagrees, `notes` say why), the edition's
 * revision archived for the tracks that decide with it, then the run started (or joined).
 */
export async function launchCampaign(
  client: Client,
  database: Database,
  edition: Edition,
  providers: Provider[],
  options: { taskQueue: string; source: string },
): Promise<CampaignStart & { notes: RegisterNote[] }> {
  refuseUntransparent(edition);
  const merged = await withRegisteredContracts(new ContractRegister(database), edition.careType, edition.contractYear, providers);
  await new EditionArchive(database).save(edition);
  const started = await startCampaign(client, new DatabaseProviderListStore(database), {
    campaignId: edition.id,
    policyId: edition.id,
    revision: edition.revision,
    taskQueue: options.taskQueue,
    providers: merged.providers,
    source: options.source,
  });
  return { ...started, notes: merged.notes };
}

/** The providers a campaign could not read or start, one line each. */
export function problemLines(progress: CampaignProgress): string[] {
  const problems = progress.problems ?? [];
  const more = (progress.failed ?? 0) - problems.length;
  return [...problems.map((p) => `  ${p.where}: ${p.problem}`), ...(more > 0 ? [`  ... and ${more} more`] : [])];
}
