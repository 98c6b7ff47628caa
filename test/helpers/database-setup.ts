/**
 * Jest global setup: one private PostgreSQL server (db/embedded.ts: a throwaway cluster in a
 * temporary folder, on a free port, with a password) for the whole run; its URL goes to the test
 * processes in ZORGINKOOP_TEST_EMBEDDED_URL. A template database is migrated once
 * (ZORGINKOOP_TEST_TEMPLATE), and each test world gets a copy of its own (`testDatabase`,
 * database-template.ts), so tests never see each other's rows and no world migrates.
 */
import { startPrivateServer, type PrivateServer } from '../../db/embedded';
import { createTestTemplate } from './database-template';

declare global {
  var zorginkoopTestDatabase: PrivateServer | undefined;
}

export default async function setup(): Promise<void> {
  const server = await startPrivateServer();
  globalThis.zorginkoopTestDatabase = server;
  process.env.ZORGINKOOP_TEST_EMBEDDED_URL = server.url;
  process.env.ZORGINKOOP_TEST_TEMPLATE = await createTestTemplate(server.url);
}
