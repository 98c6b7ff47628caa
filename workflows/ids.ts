/**
 * The workflow ids moved to policies/ids.ts (the activities, the imports and the rehearsal need
 * them too). Kept for the CLI (cli/index.ts) and the imports (imports/index.ts), which still load
 * them from here; remove once they import policies/ids.ts.
 */
export { providerWorkflowId } from '../policies/ids';
