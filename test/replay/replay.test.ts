/**
 * Replays the committed histories of every ZG track with today's workflow code. A change that
 * would break a running provider's workflow (a reordered activity, a new timer) fails here;
 * such changes go behind `patched()`. Record new histories with `npm run record-histories`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are committed histories of every ZG track', () => {
  expect(files.map((f) => f.replace(/^zg-2026-|\.json$/g, ''))).toEqual([
    'negative-conversation',
    'not-approached',
    'not-signed-in-time',
    'refused',
    'running-contract',
    'signed-on-deadline-day-across-dst',
    'signed-published',
  ]);
});

test('every committed history replays with the current workflow code', async () => {
  const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../../workflows') }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
