/**
 * Moves a deadline for one provider or many (the policies reserve the right to change dates).
 * Each provider's workflow decides whether the move applies to it; a provider past that deadline,
 * or whose track has none, refuses and is reported, and the others move.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DeadlineRefusal } from '../policies/deadline-moves';
import type { DeadlineMoveCommand } from '../workflows/catalogue';
import { moveDeadlineUpdate } from '../workflows/messages';

/** What a bulk move did. */
export interface MoveReport {
  moved: string[];
  /** Why not: the workflow's sentence (English), and where it gave them, its reasons as data (for staff in their language). */
  refused: { workflowId: string; reason: string; refusal?: DeadlineRefusal }[];
}

/** Sends the move to every workflow, a bounded number at a time. */
export async function moveDeadlines(
  client: Client,
  workflowIds: string[],
  move: DeadlineMoveCommand,
  { concurrency = 20, onProgress }: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<MoveReport> {
  const report: MoveReport = { moved: [], refused: [] };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < workflowIds.length) {
      const workflowId = workflowIds[next++]!;
      try {
        await client.workflow.getHandle(workflowId).executeUpdate(moveDeadlineUpdate, { args: [move] });
        report.moved.push(workflowId);
      } catch (err) {
        const cause = err instanceof WorkflowUpdateFailedError ? (err.cause as (Error & { details?: unknown[] }) | undefined) : undefined;
        const reason = cause?.message ?? (err as Error).message;
        const refusal = cause?.details?.[0] as DeadlineRefusal | undefined;
        report.refused.push({ workflowId, reason, ...(refusal?.code ? { refusal } : {}) });
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, workflowIds.length) }, worker));
  report.moved.sort();
  report.refused.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  return report;
}
