/**
 * Workflow ids from the business key: the same provider, policy and contract kind is always the
 * same workflow. The kind is part of the id only where the policy has more than one.
 */
export function providerWorkflowId(policyId: string, agbCode: string, contractKind?: string): string {
  return `contracting/${policyId}/${agbCode}${contractKind ? `/${contractKind}` : ''}`;
}
