/**
 * A signature and the signing deadline in the same workflow task (the worker was down at
 * midnight): the workflow decides by the moment each happened, not by the order it reads them
 * (probe defect 8). The rule (docs/decisions.md, "A command and a deadline at the same moment"):
 * a command counts at the moment the workflow receives it, in workflow time; a deadline that
 * passed before that moment has passed, whatever the worker's uptime.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { recordConversationOutcomeUpdate, recordSignatureUpdate } from '../../workflows/messages';
import { ams, createWorld, zgInstitution, type World } from '../helpers/world';

const rehearsal = rehearsalOf('zg-2026', 2056);
let world: World;
beforeAll(async () => {
  // No workflow cache: the stopped worker's sticky queue would keep the track's next task (see World.stopWorker).
  world = await createWorld('deadline-race', [rehearsal], () => ({}), { maxCachedWorkflows: 0 });
});
afterAll(() => world?.close());

const provider = zgInstitution;

test('defect 8: a signature that reaches the workflow after its deadline passed (the worker was down at midnight) is refused, the offer expired', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const h = await world.start(rehearsal, provider('01000801'));
  await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
  await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  // Without a cache every task ends with the run evicted: a query then may go unanswered (world.view asks again).
  const { planned } = await world.view(h);
  expect(planned.signingDeadline).toBe('2055-09-29'); // 4 weeks after 1 September

  await world.sleepUntil('2055-09-29T23:59:57');
  await world.stopWorker();
  // The provider signs at 23:59:57, but no worker runs until after midnight: the signature and
  // the deadline's timer reach the workflow in one task, at about 00:00:05.
  const signed = h.executeUpdate(recordSignatureUpdate, { args: [{ by: 'directeur' }] }).then(
    () => 'accepted',
    (e: WorkflowUpdateFailedError) => (e.cause as Error).message,
  );
  // The test server's clock runs at the speed of real time while nothing lets it skip: the worker
  // comes back once it has passed midnight (a few real seconds), judged by the server's own clock,
  // not by a fixed wait that a loaded machine could make too short or needlessly long.
  const midnight = ams('2055-09-30T00:00').getTime();
  while ((await world.env.currentTimeMs()) < midnight + 2_000) await new Promise((r) => setTimeout(r, 100));
  await world.startWorker();
  expect(await signed).toMatch(/is EXPIRED/);
  const view = await world.finalView(h);
  expect(view.status).toBe('EXPIRED');
  expect(view.history.map((e) => e.event)).not.toContain('CONTRACT_SIGNED');
});
