/**
 * A throwaway server of Debian's PostgreSQL (a second version beside the embedded one's) for
 * `npm run test:services` and `npm run bench:database`: db/embedded.ts's private server, run
 * with the binaries of Debian's `postgresql` package (or POSTGRES_BIN_DIR).
 *
 * ZORGINKOOP_TEST_DATABASE_URL points the tests at a server of your own instead (nothing is
 * started or stopped; the tests use schemas of their own).
 */
import { startPrivateServer } from '../db/embedded';
import { findPostgresBin } from './services';

export interface TestPostgres {
  /** postgres://... of a database the tests may create tables in. */
  url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway server of Debian's PostgreSQL (or uses ZORGINKOOP_TEST_DATABASE_URL). */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  if (env.ZORGINKOOP_TEST_DATABASE_URL) {
    return { url: env.ZORGINKOOP_TEST_DATABASE_URL, stop: async () => undefined };
  }
  const bin = findPostgresBin(env);
  if (!bin) throw new Error("PostgreSQL server binaries not found: install Debian's `postgresql` package, or set POSTGRES_BIN_DIR or ZORGINKOOP_TEST_DATABASE_URL");
  const server = await startPrivateServer({ binDir: bin });
  return { url: server.url, stop: () => server.stop() };
}
