/**
 * Jest global setup: the run's database (database-setup.ts) and, beside it, the workflow bundles in
 * dist/ built where they are stale (runtime/workflow-bundle.ts), once for the run: the tests'
 * in-process workers load them (runtime/local-worker.ts) instead of each running webpack, and the
 * tracing tests' workers do not build the traced one at the same time. Where one cannot be built,
 * each worker bundles as before.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { bundleIsStale } from '../../runtime/workflow-bundle';
import databaseSetup from './database-setup';

const root = join(__dirname, '..', '..');

function buildWorkflowBundle(traced = false): Promise<void> {
  if (!bundleIsStale(root, traced)) return Promise.resolve();
  return new Promise((done) => execFile(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-workflows.ts'), ...(traced ? ['--traced'] : [])], { cwd: root }, () => done()));
}

export default async function setup(): Promise<void> {
  // The traced bundle after the plain one: one webpack at a time beside the database.
  await Promise.all([databaseSetup(), buildWorkflowBundle().then(() => buildWorkflowBundle(true))]);
}
