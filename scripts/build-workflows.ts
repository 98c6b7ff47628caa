/**
 * Builds the workflow bundle into `dist/workflows.js` (runtime/workflow-bundle.ts): what a worker
 * loads instead of bundling the workflow code itself. The worker runs this in a process of its own
 * when the bundle is missing or stale.
 *
 *   npm run build:workflows
 */
import { join } from 'node:path';
import { buildWorkflowBundle } from '../runtime/workflow-bundle';

buildWorkflowBundle(join(__dirname, '..')).then(
  ({ path, bytes }) => process.stdout.write(`${path}: ${(bytes / 1024 / 1024).toFixed(2)} MB\n`),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
