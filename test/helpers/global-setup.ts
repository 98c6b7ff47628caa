/**
 * Jest global setup: the run's database (database-setup.ts) and, beside it, the workflow bundle in
 * dist/ built where it is stale (runtime/workflow-bundle.ts), once for the run: the tests'
 * in-process workers load it (runtime/local-worker.ts) instead of each running webpack. Where it
 * cannot be built, each worker bundles as before.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { bundleIsStale } from '../../runtime/workflow-bundle';
import databaseSetup from './database-setup';

const root = join(__dirname, '..', '..');

function buildWorkflowBundle(): Promise<void> {
  if (!bundleIsStale(root)) return Promise.resolve();
  return new Promise((done) => execFile(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-workflows.ts')], { cwd: root }, () => done()));
}

export default async function setup(): Promise<void> {
  await Promise.all([databaseSetup(), buildWorkflowBundle()]);
}
