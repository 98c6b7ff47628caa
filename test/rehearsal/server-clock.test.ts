/**
 * The rehearsal's clock (scripts/time-skipping.ts, `serverClock`): a sleep to a day ends on that
 * day and leaves the test server's clock locked, also when an earlier sleep to the same day was
 * cut off before it returned.
 *
 * Why this matters: a 10,000-provider rehearsal stood still after its first day. The SDK's
 * connection pinged the test server more often than it allows, the server closed the connection,
 * and the client sent the open sleep again, in full: a second sleep that ends a day later than the
 * first, while the first one's end already locked the clock, so that from then on the clock ran
 * at the speed of real time. `sleepUntil` sleeps only for what is left until its target, so the
 * cut-off sleep and the new one end together.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, serverClock, sleepOn, type ClockService, type ServerClock } from '../../scripts/time-skipping';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

let env: TestWorkflowEnvironment;
let clock: ServerClock;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  clock = await serverClock(env);
});

afterAll(async () => {
  await clock?.close();
  await env?.teardown();
});

test('a sleep ends on its target and the clock stays locked after it', async () => {
  const target = (await clock.now()) + 3 * DAY;
  await clock.sleepUntil(target);
  const after = await clock.now();
  expect(after).toBeGreaterThanOrEqual(target);
  expect(after - target).toBeLessThan(MINUTE);
  // Locked: a second of real time is a second or so on the server.
  await new Promise((r) => setTimeout(r, 1000));
  expect((await clock.now()) - after).toBeLessThan(MINUTE);
  // A target already passed returns at once.
  await clock.sleepUntil(target - DAY);
});

test('a sleep cut off before it returned is sent again only for what is left (the 10,000-provider stall)', async () => {
  const testService = env.connection.testService!;
  const target = (await clock.now()) + 2 * DAY;
  // Something else holds the clock (as the tracks' workflow tasks do in a busy season), so the
  // first sleep cannot skip; its call is cut off after half a second, as a closed connection cuts
  // it. On the server it goes on, and locks the clock again when its day comes.
  await testService.lockTimeSkipping({});
  let calls = 0;
  const cutOnce: ClockService = {
    getCurrentTime: (request) => testService.getCurrentTime(request),
    unlockTimeSkippingWithSleep: (request) => (++calls === 1 ? env.connection.withDeadline(Date.now() + 500, () => testService.unlockTimeSkippingWithSleep(request)) : testService.unlockTimeSkippingWithSleep(request)),
  };
  const sleeping = sleepOn(cutOnce, target);
  // The other holder lets go once the first call was cut off and sent again.
  while (calls < 2) await new Promise((r) => setTimeout(r, 100));
  await testService.unlockTimeSkipping({});
  // Both sleeps end on the target. One sent again for its whole length ends as much later as it
  // was sent later (here the second and a half between the two calls), and the clock, locked again
  // at the first one's end, gets there at the speed of real time. In the season, every closed
  // connection sent the sleep again, each time later: it never ended.
  await sleeping;
  const after = await clock.now();
  expect(calls).toBe(2);
  expect(after).toBeGreaterThanOrEqual(target);
  expect(after - target).toBeLessThan(1000);
  // And the clock is locked again, as before.
  await new Promise((r) => setTimeout(r, 1000));
  expect((await clock.now()) - after).toBeLessThan(MINUTE);
}, 30_000);
