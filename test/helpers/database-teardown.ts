/** Jest global teardown: stops the run's embedded database (see database-setup.ts). */
import './database-setup';

export default async function teardown(): Promise<void> {
  await globalThis.zorginkoopTestDatabase?.stop();
}
