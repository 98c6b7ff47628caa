/**
 * The workflow stack trace (the Web UI's "Stack Trace" tab, `__stack_trace`) on a worker as staff
 * run it, and none on a rehearsal's worker: `startLocalWorker(..., { stackTraces: false })` makes
 * the workflow threads skip the SDK's promise hook (patches/@temporalio+worker+1.24.0.patch,
 * applied by `npm ci`), which took a stack trace through the source map for every promise
 * workflow code makes (docs/rehearsal.md, "Where the time goes"). Fails where the patch is not
 * applied: the rehearsal's worker would still answer.
 */
import { EditionStore } from '../../activities/edition-store';
import { startLocalWorker } from '../../runtime/local-worker';
import { providerWorkflowId } from '../../policies/ids';
import { statusQuery } from '../../workflows/messages';
import { providerContractingWorkflow } from '../../workflows/provider-contracting';
import { rehearsal } from '../helpers/editions';
import { createWorld, zgInstitution, type World } from '../helpers/world';

const zg = rehearsal('zg-2026', 2056);
const OPEN = ['IN_CONVERSATION', 'RUNNING_CONTRACT'];
let world: World;

beforeAll(async () => {
  world = await createWorld('stack-traces', [zg]);
});
afterAll(() => world?.close());

test('a worker as staff run it answers the stack trace query with where the track waits', async () => {
  const handle = await world.start(zg, zgInstitution('01012345'));
  await world.settle(handle, (v) => OPEN.includes(v.status));
  expect(await handle.query<string>('__stack_trace')).toMatch(/providerContractingWorkflow|condition/);
});

test('a rehearsal worker (stackTraces: false) installs no promise hook: the query says stack traces are off', async () => {
  const taskQueue = 'stack-traces-off';
  const worker = await startLocalWorker(world.env, taskQueue, { ...world.deps, editions: new EditionStore({ extra: [zg] }) }, { stackTraces: false });
  try {
    const handle = await world.env.client.workflow.start(providerContractingWorkflow, {
      taskQueue,
      workflowId: providerWorkflowId(zg.id, '01012346'),
      args: [{ policyId: zg.id, provider: zgInstitution('01012346') }],
    });
    await world.settle(handle, (v) => OPEN.includes(v.status));
    expect(OPEN).toContain((await handle.query(statusQuery)).status);
    await expect(handle.query<string>('__stack_trace')).rejects.toThrow(/stack traces are not enabled/);
  } finally {
    await worker.stop();
  }
  // The switch is the worker's own: the environment is as it was.
  expect(process.env.ZORGINKOOP_WORKFLOW_STACK_TRACES).toBeUndefined();
});
