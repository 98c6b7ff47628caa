/**
 * Builds the workflow bundle into `dist/workflows.js` (runtime/workflow-bundle.ts): what a worker
 * loads instead of bundling the workflow code itself. The worker runs this in a process of its own
 * when the bundle is missing or stale. `--traced`: the bundle with Temporal's OpenTelemetry workflow
 * interceptors, `dist/workflows-traced.js` (ZORGINKOOP_OTEL_TRACES).
 *
 *   npm run build:workflows [-- --traced]
 */
import { join } from 'node:path';
import { buildWorkflowBundle } from '../runtime/workflow-bundle';

buildWorkflowBundle(join(__dirname, '..'), process.argv.includes('--traced')).then(
  ({ path, bytes }) => process.stdout.write(`${path}: ${(bytes / 1024 / 1024).toFixed(2)} MB\n`),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
