/**
 * `npm run database`: the embedded database of this machine (PGlite over the PostgreSQL protocol,
 * see db/embedded-server.ts), its files in `<ZORGINKOOP_DATA_DIR>/db`, on 127.0.0.1:7432, where
 * the worker, the CLI and the finder look for it when ZORGINKOOP_DATABASE_URL is unset. `npm start`
 * runs it for you. It brings the schema up to date, then serves until Ctrl-C, and closes cleanly
 * (the files are consistent after every transaction; a kill loses nothing committed).
 */
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { Database, EMBEDDED_PORT } from '../db/database';
import { startEmbeddedDatabase } from '../db/embedded';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    process.stderr.write('ZORGINKOOP_DATABASE_URL is set: this installation uses that PostgreSQL server, not the embedded database; nothing to start\n');
    process.exit(2);
  }
  const dataDir = join(config.dataDir, 'db');
  const embedded = await startEmbeddedDatabase({ dataDir, port: EMBEDDED_PORT }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new Error(`port ${EMBEDDED_PORT} is taken: is the embedded database already running (npm start)? Stop that one, or set ZORGINKOOP_DATABASE_URL`);
    throw err;
  });
  const database = new Database(embedded.url, { schema: config.databaseSchema });
  await database.migrate();
  await database.close();
  process.stdout.write(`database: embedded, ${dataDir}, serving ${embedded.url}\n`);
  const stop = async () => {
    await embedded.stop();
    process.stdout.write('database: stopped\n');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`database: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
