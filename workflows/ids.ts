/** Workflow ids from the business key: the same provider and policy is always the same workflow. */
export function providerWorkflowId(policyId: string, agbCode: string): string {
  return `contracting/${policyId}/${agbCode}`;
}
