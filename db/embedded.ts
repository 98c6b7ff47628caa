/**
 * Starts the embedded database: PGlite with its data in a folder (or in memory), served on a
 * local port by `EmbeddedPostgresServer`. `npm run database` and `npm start` run it as a process
 * of its own; tests and benchmarks start one in-process.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Database } from './database';
import { EmbeddedPostgresServer } from './embedded-server';

export interface EmbeddedDatabase {
  url: string;
  server: EmbeddedPostgresServer;
  stop(): Promise<void>;
}

/** `dataDir` undefined: in memory (tests). `port` 0: any free port. */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number; host?: string } = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? 'memory://');
  const server = new EmbeddedPostgresServer(db, { port: options.port ?? 0, ...(options.host ? { host: options.host } : {}) });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    url: server.url,
    server,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * A private embedded database, migrated, for a script or a test run: `database` to use in this
 * process, `url` for child processes (ZORGINKOOP_DATABASE_URL); `stop` closes both.
 */
export async function startPrivateDatabase(options: { schema?: string } = {}): Promise<{ database: Database; url: string; stop(): Promise<void> }> {
  const embedded = await startEmbeddedDatabase();
  const database = new Database(embedded.url, options);
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    await embedded.stop();
    throw err;
  }
  return {
    database,
    url: embedded.url,
    async stop() {
      await database.close();
      await embedded.stop();
    },
  };
}
