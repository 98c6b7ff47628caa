/** Every workflow the worker runs (the bundle's entry point). */
export { providerContractingWorkflow } from './provider-contracting';
export { campaignWorkflow } from './campaign';
