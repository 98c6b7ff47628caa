/** The time-skipping test server from the project's own binary, with the search attributes registered. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../cli/search-attributes';
import { ephemeralExecutable, resolveTemporalBinary, TEMPORAL_TEST_SERVER } from './temporal-binaries';

/** Starts a time-skipping test server (installed by `npm test`'s pre-step, or the SDK's download). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const binary = resolveTemporalBinary(TEMPORAL_TEST_SERVER);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: ephemeralExecutable(binary) } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
