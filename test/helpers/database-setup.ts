/**
 * Jest global setup: one private PostgreSQL server (db/embedded.ts: a throwaway cluster in a
 * temporary folder, on a free port, with a password) for the whole run; its URL goes to the test
 * processes in ZORGINKOOP_TEST_EMBEDDED_URL. Each test world migrates a schema of its own in it
 * (`testDatabase`), so tests never see each other's rows.
 */
import { startPrivateServer, type PrivateServer } from '../../db/embedded';

declare global {
  var zorginkoopTestDatabase: PrivateServer | undefined;
}

export default async function setup(): Promise<void> {
  const server = await startPrivateServer();
  globalThis.zorginkoopTestDatabase = server;
  process.env.ZORGINKOOP_TEST_EMBEDDED_URL = server.url;
}
