/**
 * Starts a provider's contracting track by its business key, from an activity: many starts per
 * call, without a child-workflow round trip each (the campaign's fan-out).
 */
import { isGrpcServiceError, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Decision } from '../policies/decision';
import type { Provider } from '../policies/provider';
import { providerWorkflowId } from '../policies/ids';
import { ZorgAgbCode, ZorgContractKind, ZorgPolicy, ZorgStatus } from '../workflows/search-attributes';

/** Starts a track; false when it existed already. */
export interface TrackStarter {
  /** `decision`: the track's decision, made by the campaign's page; the track then does not evaluate again. */
  start(input: { policyId: string; revision?: string; taskQueue: string; provider: Provider; contractKind?: string; decision?: Decision }): Promise<boolean>;
}

/** The track starter on a Temporal client. */
export function clientTrackStarter(client: Client): TrackStarter {
  return {
    async start({ policyId, revision, taskQueue, provider, contractKind, decision }) {
      try {
        await client.workflow.start('providerContractingWorkflow', {
          taskQueue,
          workflowId: providerWorkflowId(policyId, provider.agbCode, contractKind),
          // The business key is the workflow id: one track per provider, policy and kind, ever.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          // The track decides with the edition revision its campaign started with, whatever the file says later.
          args: [{ policyId, ...(revision ? { revision } : {}), provider, ...(contractKind ? { contractKind } : {}), ...(decision ? { decision } : {}) }],
          typedSearchAttributes: [
            { key: ZorgPolicy, value: policyId },
            { key: ZorgAgbCode, value: provider.agbCode },
            { key: ZorgStatus, value: 'EVALUATING' },
            ...(contractKind ? [{ key: ZorgContractKind, value: contractKind }] : []),
          ],
          staticSummary: `${provider.name} (AGB ${provider.agbCode}), ${policyId}${contractKind ? `, ${contractKind}` : ''}`,
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    },
  };
}

/** gRPC status INVALID_ARGUMENT: the server refuses the request itself (a payload over its limit ...). */
const INVALID_ARGUMENT = 3;

/**
 * Is a failed start one that no retry can change (the server refuses the request as such, e.g. an
 * input over its payload limit)? Those are reported per provider; anything else (the server
 * unreachable, overloaded) fails the page, which is retried.
 */
export function isPermanentStartFailure(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (isGrpcServiceError(e)) return e.code === INVALID_ARGUMENT;
  }
  return false;
}
