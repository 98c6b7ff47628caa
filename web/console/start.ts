/**
 * Builds the console from the configuration: the database, the editions, a Temporal client, the
 * session secret (configured, or one kept in the data folder for a single machine), and OpenID
 * Connect sign-in where it is configured. `scripts/console.ts` and the tests use it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { EditionArchive } from '../../activities/edition-archive';
import { editionStoreFor } from '../../activities/edition-store';
import { connectionOptions, type Config } from '../../config/config';
import { databaseFor, type Database } from '../../db/database';
import { ProductMetrics, serveMetrics, type MetricsServer } from '../../activities/metrics';
import { startTracing } from '../../runtime/tracing';
import { buildConsole } from './server';
import { oidcSignIn } from './oidc';
import { ConsoleUsers, type Role } from './users';

/** The demo's people (`npm start`): one per role, with the password it prints. */
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'vera', displayName: 'Vera Visser', role: 'viewer' },
  { username: 'anna', displayName: 'Anna de Vries', role: 'purchaser' },
  { username: 'bram', displayName: 'Bram Jansen', role: 'coordinator' },
];
export const DEMO_PASSWORD = 'zorginkoop-demo';

/** Adds the demo users where the console has no users yet; returns whether it did. */
export async function seedDemoUsers(database: Database): Promise<boolean> {
  const users = new ConsoleUsers(database);
  if ((await users.count()) > 0) return false;
  for (const u of DEMO_USERS) await users.save({ ...u, password: DEMO_PASSWORD });
  return true;
}

/** The configured secret, or one made once and kept in the data folder (readable by its owner only). */
export function sessionSecret(config: Config): string {
  if (config.console.secret) return config.console.secret;
  const file = join(config.dataDir, 'console-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export interface RunningConsole {
  app: FastifyInstance;
  database: Database;
  /** The metrics endpoint (ZORGINKOOP_CONSOLE_METRICS), a port of its own; absent where none is set. */
  metrics?: MetricsServer;
  close(): Promise<void>;
}

/** The console as the configuration describes it, its database migrated; `logger` true: the security log on stdout. */
export async function consoleFromConfig(config: Config, options: { logger?: boolean; demoUsers?: boolean } = {}): Promise<RunningConsole> {
  const database = databaseFor(config, { log: (line) => process.stderr.write(`console: ${line}\n`) });
  await database.migrate();
  const connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: '10 seconds' }).catch(async (err: Error) => {
    await database.close();
    throw new Error(`cannot reach Temporal at ${config.address}: ${err.message}`);
  });
  // Traced (ZORGINKOOP_OTEL_TRACES): what staff do in the console (starts, updates) opens the track's trace.
  const tracing = startTracing(config.observability.traces, 'zorginkoop-console', (line) => process.stderr.write(`console: ${line}\n`));
  const client = new Client({ connection, namespace: config.namespace, ...(tracing ? { interceptors: tracing.clientInterceptors } : {}) });
  if (options.demoUsers) await seedDemoUsers(database);
  const o = config.console.oidc;
  // Sign-ins and import rows, served only on the address an operator sets, never on the console's own port.
  const address = config.observability.metrics.console;
  const metrics = address ? new ProductMetrics({ processMetrics: true }) : undefined;
  const app = await buildConsole({
    client,
    database,
    editions: editionStoreFor(config, new EditionArchive(database)),
    taskQueue: config.taskQueue,
    secret: sessionSecret(config),
    sessionMinutes: config.console.sessionMinutes,
    trustedProxies: config.trustedProxies,
    purchasingAddress: config.purchasingAddress,
    ...(o ? { oidc: await oidcSignIn({ ...o, publicUrl: config.console.publicUrl! }) } : {}),
    logger: options.logger,
    prefetchOverview: true,
    ...(metrics ? { metrics } : {}),
  });
  const endpoint = metrics && address ? await serveMetrics(metrics, address) : undefined;
  return {
    app,
    database,
    ...(endpoint ? { metrics: endpoint } : {}),
    async close() {
      await endpoint?.close();
      await app.close();
      await connection.close();
      await database.close();
      await tracing?.shutdown();
    },
  };
}
