/**
 * The rehearsal's clock (runtime/time-skipping.ts, `serverClock`): a sleep to a day ends on that
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
import { createTimeSkippingEnv, serverClock, sleepOn, type ClockService, type ServerClock } from '../../runtime/time-skipping';

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

test('after a sleep was cut off, the rest is slept in short steps (the 10,000-provider stall)', async () => {
  const testService = env.connection.testService!;
  const target = (await clock.now()) + 2 * DAY;
  // Something else holds the clock (as the tracks' workflow tasks do in a busy season), so the
  // first sleep cannot skip; its call is cut off after half a second, as a closed connection cuts
  // it. On the server it goes on.
  await testService.lockTimeSkipping({});
  let calls = 0;
  const cutOnce: ClockService = {
    getCurrentTime: (request) => testService.getCurrentTime(request),
    unlockTimeSkippingWithSleep: async (request) => {
      if (++calls === 1) return env.connection.withDeadline(Date.now() + 500, () => testService.unlockTimeSkippingWithSleep(request));
      // Before the next call reaches the server the holder lets go: the first sleep ends on the
      // target and locks the clock there, while the next one is on its way (the race of a season).
      if (calls === 2) await testService.unlockTimeSkipping({});
      return testService.unlockTimeSkippingWithSleep(request);
    },
  };
  await sleepOn(cutOnce, target, 2000);
  // The step that was on its way ends at most its length past the target. The sleep sent again for
  // all that was left (two days) would end two days past it, at the speed of real time, since the
  // first one locked the clock at the target: this test would time out. In the season, every
  // closed connection sent the sleep again, each time later: it never ended.
  const after = await clock.now();
  expect(calls).toBeGreaterThanOrEqual(2);
  expect(after).toBeGreaterThanOrEqual(target);
  expect(after - target).toBeLessThan(2000 + 1000);
  // And the clock is locked again, as before.
  await new Promise((r) => setTimeout(r, 1000));
  expect((await clock.now()) - after).toBeLessThan(MINUTE);
}, 30_000);
