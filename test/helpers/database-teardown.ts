/** Jest global teardown: stops the run's private database server and removes its folder (see database-setup.ts). */
import './database-setup';

export default async function teardown(): Promise<void> {
  await globalThis.zorginkoopTestDatabase?.stop();
}
