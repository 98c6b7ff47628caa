/**
 * A campaign: every provider of a policy's provider list gets its contracting track, started in
 * batches with a bounded window, and continue-as-new between batches so that 10,000 providers
 * and more never grow one history without bound (the samples' batch-sliding-window pattern).
 *
 * The list lives in a store every worker reads (activities/provider-store.ts); the workflow
 * carries only an offset. Starting a provider that already has a track (an earlier run, a crash
 * halfway, the same campaign twice) finds it by its workflow id and counts it: never a second one.
 */
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  proxyActivities,
  patched,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities, CampaignProblem } from '../activities';
import type { Provider } from '../policies/provider';
import { providerWorkflowId } from '../policies/ids';
import { providerContractingWorkflow } from './provider-contracting';
import { ZorgAgbCode, ZorgContractKind, ZorgPolicy, ZorgStatus } from './search-attributes';

/** How far a campaign is. */
export interface CampaignProgress {
  total: number;
  /** Providers read and evaluated. */
  evaluated: number;
  /** Tracks this campaign started. */
  started: number;
  /** Tracks that existed already (an earlier run or start). */
  alreadyStarted: number;
  /** List entries that could not be read, and providers that could not be started. */
  failed?: number;
  /** The first of those, with where and why (at most MAX_PROBLEMS kept). */
  problems?: CampaignProblem[];
  /** The import this run reads (a hash of the provider list), and the file it came from. */
  importId?: string;
  source?: string;
  done: boolean;
}

/** What a campaign run starts from (and continues as new with). */
export interface CampaignInput {
  campaignId: string;
  policyId: string;
  total: number;
  /**
   * The provider list this campaign reads (`importIdOf(list)`): bound to the run, so another
   * import cannot change it underneath. Absent in runs started before imports had ids: the list
   * is then the one saved under the campaign id.
   */
  importId?: string;
  /** Where the list came from (a file name), for staff. */
  source?: string;
  /** The edition revision every track of this campaign decides with. */
  revision?: string;
  /**
   * The task queue the tracks are started on (the campaign itself runs on `campaignTaskQueue` of
   * it, config/task-queues.ts). Absent in runs started on the tracks' queue before campaigns had
   * their own: their tracks go on the campaign's own queue, as they did.
   */
  tracksTaskQueue?: string;
  /** Most bytes of provider records one page reads (default PAGE_MAX_BYTES). */
  pageMaxBytes?: number;
  offset?: number;
  /** Providers read per page (default PAGE_SIZE; runs started before pages were read by an activity: 100). */
  batchSize?: number;
  /** Track starts in flight at once. */
  window?: number;
  /** Pages per run before continuing as new. */
  batchesPerRun?: number;
  progress?: CampaignProgress;
}

export const campaignProgressQuery = defineQuery<CampaignProgress>('progress');

/**
 * Patch: tracks are started by an activity with a client, not as child workflows (the fan-out
 * benchmark measured child starts at a tenth of plain starts). Runs started before keep children.
 */
export const STARTS_IN_ACTIVITIES = 'campaign-starts-in-activities';

/**
 * Patch: each page is read and started by one activity that gets an offset and returns counts
 * (`startProviderPage`), so provider records never enter the campaign's history; pages are bounded
 * by bytes as well as count; unreadable entries and refused starts are reported, not retried forever.
 */
export const PAGES_READ_BY_ACTIVITY = 'campaign-pages-read-by-activity';

/** Most bytes of provider records in one page: far below Temporal's 2 MB payload limit. */
export const PAGE_MAX_BYTES = 512 * 1024;

/**
 * Providers per page. Each page ends with its slowest starts and a round trip through the
 * campaign's workflow before the next begins: fewer, larger pages keep the window full (the
 * fan-out benchmark, docs/architecture.md). Bounded by PAGE_MAX_BYTES as well. Only the page
 * activity's input: the offsets come from its results, so a running campaign replays unchanged.
 */
export const PAGE_SIZE = 1000;

/** Problems kept in the progress: enough to act on, bounded so a bad file cannot grow the history. */
export const MAX_PROBLEMS = 50;

/** The campaign workflow id: one campaign per policy at a time. */
export const campaignWorkflowId = (campaignId: string) => `campaign/${campaignId}`;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
/**
 * A page's track starts heartbeat after each start: when a worker dies halfway through a page,
 * the page is retried on another worker after the heartbeat timeout, not after the whole
 * start-to-close time (the retried starts find the tracks that exist and count them).
 */
const starts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute' });

/** Starts every provider's track of a campaign. */
export async function campaignWorkflow(input: CampaignInput): Promise<CampaignProgress> {
  const { campaignId, policyId, total, window = 50, batchesPerRun = 20, pageMaxBytes = PAGE_MAX_BYTES } = input;
  let offset = input.offset ?? 0;
  const progress: CampaignProgress = input.progress ?? {
    total,
    evaluated: 0,
    started: 0,
    alreadyStarted: 0,
    failed: 0,
    problems: [],
    ...(input.importId ? { importId: input.importId, source: input.source } : {}),
    done: false,
  };
  setHandler(campaignProgressQuery, () => progress);
  const listId = input.importId ? `${campaignId}/${input.importId}` : campaignId;
  // Only an activity's input: no command changes, so no patch.
  const taskQueue = input.tracksTaskQueue ?? workflowInfo().taskQueue;

  for (let batch = 0; offset < total; batch++) {
    if (batch >= batchesPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({ ...input, offset, progress });
    }
    if (patched(PAGES_READ_BY_ACTIVITY)) {
      const page = await starts.startProviderPage({ listId, policyId, ...(input.revision ? { revision: input.revision } : {}), taskQueue, offset, limit: input.batchSize ?? PAGE_SIZE, maxBytes: pageMaxBytes, window });
      progress.started += page.started;
      progress.alreadyStarted += page.alreadyStarted;
      progress.evaluated += page.read;
      progress.failed = (progress.failed ?? 0) + page.failed.length;
      progress.problems = [...(progress.problems ?? []), ...page.failed].slice(0, MAX_PROBLEMS);
      offset += page.read;
      if (page.read === 0) break; // the list has ended (or is shorter than announced)
      continue;
    }
    const batchSize = input.batchSize ?? 100;
    const providers = await acts.loadProviderPage({ campaignId, offset, limit: batchSize });
    if (patched(STARTS_IN_ACTIVITIES)) {
      // One activity starts the page's tracks with a client, many at once: no child-workflow round
      // trip per provider, and a campaign history of a few events per page.
      const counts = await starts.startProviderTracks({ policyId, taskQueue, providers, window });
      progress.started += counts.started;
      progress.alreadyStarted += counts.alreadyStarted;
    } else {
      await startAsChildren(policyId, providers, window, progress);
    }
    progress.evaluated += providers.length;
    offset += batchSize;
    if (providers.length === 0) break; // the list is shorter than announced
  }
  progress.done = true;
  return progress;
}

/** How runs started before STARTS_IN_ACTIVITIES started tracks: as abandoned child workflows. */
async function startAsChildren(policyId: string, providers: Provider[], window: number, progress: CampaignProgress): Promise<void> {
  const kinds = await local.contractKindsFor({ policyId, providers });
  const starts = providers.flatMap((provider, i) => kinds[i]!.map((kind) => ({ provider, kind: kind ?? undefined })));
  for (let i = 0; i < starts.length; i += window) {
    await Promise.all(
      starts.slice(i, i + window).map(async ({ provider, kind }) => {
        try {
          await startChild(providerContractingWorkflow, {
            workflowId: providerWorkflowId(policyId, provider.agbCode, kind),
            args: [{ policyId, provider, ...(kind ? { contractKind: kind } : {}) }],
            // A provider's track outlives the campaign run that started it.
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            typedSearchAttributes: [
              { key: ZorgPolicy, value: policyId },
              { key: ZorgAgbCode, value: provider.agbCode },
              { key: ZorgStatus, value: 'EVALUATING' },
              ...(kind ? [{ key: ZorgContractKind, value: kind }] : []),
            ],
            staticSummary: `${provider.name} (AGB ${provider.agbCode}), ${policyId}${kind ? `, ${kind}` : ''}`,
          });
          progress.started++;
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          progress.alreadyStarted++;
        }
      }),
    );
  }
}
