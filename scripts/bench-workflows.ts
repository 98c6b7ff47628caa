/** The benchmark worker's workflows: the product's, and a no-op to compare starting against. */
export * from '../workflows';

/** Does nothing: the cost of a workflow start and one task, nothing else. */
export async function noopWorkflow(): Promise<void> {}
