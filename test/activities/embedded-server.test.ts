/**
 * The embedded database's front (db/embedded-server.ts) when a client dies: a process killed in the
 * middle of a transaction has its transaction rolled back, and every other client carries on (the
 * first fault run of the shared database wedged here: the rollback took PGlite's lock twice).
 */
import { Client } from 'pg';
import { testDatabase } from '../helpers/database';

test('a client that dies inside a transaction is rolled back; the others go on at once', async () => {
  const database = await testDatabase('embedded-server');
  const url = database.url;
  const table = `"${database.schema}".portal_messages`;
  const dying = new Client({ connectionString: url });
  await dying.connect();
  dying.on('error', () => undefined);
  await dying.query('BEGIN');
  await dying.query(`INSERT INTO ${table} (idempotency_key, kind, agb_code, sent_at, message) VALUES ('dies/with/its/transaction', 'invitation', '01000001', 'now', '{}')`);
  // As SIGKILL leaves it: the socket closes, no ROLLBACK, no Terminate.
  (dying as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

  const other = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const began = Date.now();
  await other.connect();
  const { rows } = await other.query(`SELECT count(*)::int AS n FROM ${table} WHERE idempotency_key = $1`, ['dies/with/its/transaction']);
  expect(rows).toEqual([{ n: 0 }]);
  expect(Date.now() - began).toBeLessThan(5_000);
  await other.end();
  await database.close();
});
