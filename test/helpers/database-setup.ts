/**
 * Jest global setup: one embedded database (PGlite, in memory) for the whole run, served on a free
 * port; its URL goes to the test processes in ZORGINKOOP_TEST_EMBEDDED_URL. Each test world
 * migrates a schema of its own in it (`testDatabase`), so tests never see each other's rows.
 */
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../db/embedded';

declare global {
  var zorginkoopTestDatabase: EmbeddedDatabase | undefined;
}

export default async function setup(): Promise<void> {
  const embedded = await startEmbeddedDatabase();
  globalThis.zorginkoopTestDatabase = embedded;
  process.env.ZORGINKOOP_TEST_EMBEDDED_URL = embedded.url;
}
