/**
 * The worker's log (activities/log.ts): readable lines by default, as the tests and people read
 * them; JSON with pino where ZORGINKOOP_LOG_FORMAT=json, the relay's and the filer's lines with
 * their part, and the SDK's entries with the workflow id, the track's AGB code and the error, but
 * never the activity's task token.
 */
import { productLog, sdkLogger } from '../../activities/log';

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
};

test('text: the part before each line, info on stdout and problems on stderr; the relay\'s lines as they are', () => {
  const out = sink();
  const err = sink();
  const log = productLog('worker', 'text', out, err);
  log.info("polling task queue 'zorginkoop' on localhost:7233 (namespace default)", { taskQueue: 'zorginkoop' });
  log.warn('edition file left out: x.yaml');
  log.line('mail: the mail server does not take e-mail now (ECONNREFUSED)');
  expect(out.lines).toEqual(["worker: polling task queue 'zorginkoop' on localhost:7233 (namespace default)\n"]);
  expect(err.lines).toEqual(['worker: edition file left out: x.yaml\n', 'mail: the mail server does not take e-mail now (ECONNREFUSED)\n']);
  expect(log.pino).toBeUndefined();
});

test('json: one object a line with level, time, part, msg and the fields; a relay line takes its prefix as the part', () => {
  const out = sink();
  const log = productLog('worker', 'json', out);
  log.info("polling task queue 'zorginkoop'", { taskQueue: 'zorginkoop' });
  log.line('mail: the mail server takes e-mail again after 1.0 min and 3 failed attempt(s)');
  const [start, relay] = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(start).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), part: 'worker', taskQueue: 'zorginkoop', msg: "polling task queue 'zorginkoop'" });
  expect(relay).toMatchObject({ level: 'warn', part: 'mail', msg: 'the mail server takes e-mail again after 1.0 min and 3 failed attempt(s)' });
});

test("json: the SDK's entry about a track carries its workflow id, AGB code and error, not the task token", () => {
  const out = sink();
  const logger = sdkLogger('INFO', productLog('worker', 'json', out));
  logger.warn('Activity failed', { workflowId: 'contracting/zg-2026/01000001/zg', activityType: 'sendOffer', attempt: 3, taskToken: 'c2VjcmV0', error: new Error('connect ECONNREFUSED') });
  logger.debug('below the level');
  expect(out.lines).toHaveLength(1);
  const entry = JSON.parse(out.lines[0]!) as Record<string, unknown>;
  expect(entry).toMatchObject({ level: 'warn', part: 'temporal', msg: 'Activity failed', workflowId: 'contracting/zg-2026/01000001/zg', agbCode: '01000001', activityType: 'sendOffer', attempt: 3, err: { type: 'Error', message: 'connect ECONNREFUSED' } });
  expect(out.lines[0]).not.toContain('c2VjcmV0');
});
