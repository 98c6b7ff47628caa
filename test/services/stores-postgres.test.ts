/**
 * The stores of the system of record on a real, throwaway PostgreSQL (`runtime/throwaway-postgres.ts`;
 * ZORGINKOOP_TEST_DATABASE_URL uses a server of your own): the shared suite that `npm test` runs on
 * the embedded database, each test in a schema of its own.
 */
import { Database } from '../../db/database';
import { startTestPostgres, type TestPostgres } from '../../runtime/throwaway-postgres';
import { testDatabase } from '../helpers/database';
import { storeSuite } from '../helpers/store-suite';

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());

storeSuite('PostgreSQL', (name) => testDatabase(name, pg.url));

test('PostgreSQL: two processes migrating one new schema at once migrate it once', async () => {
  const schema = `t_race_${Date.now().toString(36)}`;
  const a = new Database(pg.url, { schema });
  const b = new Database(pg.url, { schema });
  try {
    await Promise.all([a.migrate(), b.migrate()]);
    const rows = await a.db.selectFrom('zorginkoop_migrations' as never).selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
