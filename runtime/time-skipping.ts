/** The time-skipping test server from the project's own binary, with the search attributes registered. */
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { msToTs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../operations/search-attributes';
import { ephemeralExecutable, resolveTemporalBinary, TEMPORAL_TEST_SERVER } from './temporal-binaries';

/** Starts a time-skipping test server (installed by `npm test`'s pre-step, or the SDK's download). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const binary = resolveTemporalBinary(TEMPORAL_TEST_SERVER);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: ephemeralExecutable(binary) } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * A client and the server's clock over a connection of their own, for a driver that runs a long
 * time against a busy server (the season rehearsal).
 *
 * Why not `env.client` and `env.sleep`: the SDK's connection pings the server every 30 s, the test
 * server allows a ping every 5 minutes and closes a connection that pings more often, and the
 * client then sends the calls that were open on it again. A sleep sent again is a second sleep:
 * it unlocks the clock once more and locks it again at its own, later, end, and from the first
 * one's end the clock runs at the speed of real time (a 10,000-provider rehearsal stood still for
 * hours after its first day). Here the pings are as rare as the server allows, and the rest of a
 * sleep that is cut off is slept in short steps (`sleepOn`).
 */
export interface ServerClock {
  client: Client;
  /** The server's time, in milliseconds. */
  now(): Promise<number>;
  /** Lets the server skip time until `targetMs` (nothing happens when it has passed). */
  sleepUntil(targetMs: number): Promise<void>;
  close(): Promise<void>;
}

const CALM = { 'grpc.keepalive_time_ms': 6 * 60_000, 'grpc.keepalive_permit_without_calls': 0 };

export async function serverClock(env: TestWorkflowEnvironment): Promise<ServerClock> {
  const namespace = env.namespace ?? 'default';
  const calls = await Connection.connect({ address: env.address, channelArgs: CALM });
  // The test service is reached through the SDK's internal connection option, as its own
  // TestWorkflowEnvironment does; without retries, see above.
  const withTestService = { address: env.address, channelArgs: CALM, interceptors: [], [InternalConnectionOptionsSymbol]: { supportsTestService: true } };
  const clock = await Connection.connect(withTestService as ConnectionOptions);
  const testService = clock.testService;
  if (!testService) throw new Error(`the server at ${env.address} has no test service (not a time-skipping server)`);
  const now = () => serverNow(testService);
  return {
    client: new Client({ connection: calls, namespace }),
    now,
    sleepUntil: (targetMs: number) => sleepOn(testService, targetMs),
    async close() {
      await Promise.all([calls.close(), clock.close()]);
    },
  };
}

/** What `sleepOn` needs of the test service. */
export interface ClockService {
  getCurrentTime(request: object): Promise<{ time?: { seconds?: number | { toString(): string } | null; nanos?: number | null } | null }>;
  unlockTimeSkippingWithSleep(request: { duration: ReturnType<typeof msToTs> }): Promise<unknown>;
}

async function serverNow(service: ClockService): Promise<number> {
  const { time } = await service.getCurrentTime({});
  return Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1_000_000);
}

/**
 * Lets the server skip time until `targetMs`. A sleep that was cut off may still be alive on the
 * server, and then ends at its target and locks the clock there; or it never reached the server.
 * Which one is not known, so after a cut the rest is slept in steps of at most a minute: a step
 * that reaches the server after the first one locked the clock at the target ends at most a
 * minute past it (at the speed of real time), where a sleep sent again for all that was left
 * could end days later. Every step unlocks once and locks once, so the clock's lock count stays
 * even.
 */
export async function sleepOn(service: ClockService, targetMs: number, stepAfterCut = 60_000): Promise<void> {
  let step = Infinity;
  for (let from = await serverNow(service); from < targetMs; from = await serverNow(service)) {
    try {
      await service.unlockTimeSkippingWithSleep({ duration: msToTs(Math.min(targetMs - from, step)) });
      if (step === Infinity) return;
    } catch {
      step = stepAfterCut;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
