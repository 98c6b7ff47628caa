/**
 * Fault (issue 5): the worker dies (SIGKILL) in the middle of a campaign on the real dev server
 * and a new one is started; the staff CLI keeps following. Every provider ends with exactly one
 * workflow, OFFERED, with exactly one offer in the portal. `npm run fault:worker-restart -- 10000`
 * runs the same at national scale.
 */
import { faultsIn, runWorkerRestart } from '../../scripts/fault-worker-restart';
import { testDatabase } from '../helpers/database';

jest.setTimeout(600_000);

test('a campaign survives a killed worker: one workflow and one offer per provider', async () => {
  const lines: string[] = [];
  const database = await testDatabase('worker-restart');
  const result = await runWorkerRestart(300, (line) => lines.push(line), database).finally(() => database.close());
  expect(result.startedAtKill).toBeGreaterThan(0);
  expect(result.startedAtKill).toBeLessThan(300);
  expect(faultsIn(result)).toEqual([]);
  expect(result).toMatchObject({ providers: 300, workflows: 300, offered: 300, offers: 300 });
  expect(lines.some((l) => l.startsWith('killed the worker'))).toBe(true);
});
