/**
 * A throwaway Temporal dev server (the project's own CLI binary, in memory, the product's search
 * attributes registered): what the e2e tests, the fault runs and the benchmarks run the product on.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort } from '../db/postgres-server';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { ephemeralExecutable, resolveTemporalBinary, TEMPORAL_CLI } from './temporal-binaries';

/** A free TCP port on loopback (the database's own helper, for the scripts and tests that import it from here). */
export { freePort };

/**
 * A dev server (in memory, search attributes registered) on a free port: `address` is host:port;
 * with `ui`, the Web UI too, at `uiBase`.
 */
export async function startDevServer(options: { ui?: boolean } = {}): Promise<{ env: TestWorkflowEnvironment; address: string; uiBase?: string }> {
  const port = await freePort();
  const uiPort = options.ui ? await freePort() : undefined;
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: ephemeralExecutable(resolveTemporalBinary(TEMPORAL_CLI)),
      ip: '127.0.0.1',
      port,
      searchAttributes: SEARCH_ATTRIBUTES,
      ...(uiPort ? { ui: true, uiPort } : {}),
    },
  });
  return { env, address: `127.0.0.1:${port}`, ...(uiPort ? { uiBase: `http://127.0.0.1:${uiPort}` } : {}) };
}
