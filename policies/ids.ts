/**
 * Workflow ids from the business key: the same provider, policy and contract kind is always the
 * same workflow. The kind is part of the id only where the policy has more than one.
 *
 * Pure, and here rather than in workflows/ because every side needs them: the workflows, the
 * activity that starts the tracks (activities/track-starter.ts), the CLI, the imports and the
 * rehearsal.
 */
export function providerWorkflowId(policyId: string, agbCode: string, contractKind?: string): string {
  return `contracting/${policyId}/${agbCode}${contractKind ? `/${contractKind}` : ''}`;
}
