/**
 * The embedded database: a PostgreSQL server of this installation's own (db/postgres-server.ts),
 * its cluster in `<data folder>/postgres`, its superuser's password made once in
 * `<data folder>/database.secret` (readable by the installation's user only), listening on
 * 127.0.0.1 at ZORGINKOOP_DATABASE_PORT (default 7432). `npm run database` (and `npm start`) runs
 * it; every other process of the installation (workers, the CLI, the console, the finder) reaches
 * it with the password from that file, and checks that the server that answers serves this
 * installation's folder before it uses it.
 *
 * Tests, benchmarks and rehearsals start a private one (`startPrivateServer`): a throwaway cluster
 * in a temporary folder, on a free port, without fsync.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Database } from './database';
import { EMBEDDED_DATABASE, EMBEDDED_USER, embeddedPassword, embeddedPaths, samePath } from './embedded-access';
import { DatabaseError, messageOf } from './errors';
import { freePort, PostgresServer, serverUser, type PostgresServerOptions } from './postgres-server';

/**
 * The data folder private to its user (0700). As root with the server run as another user, that
 * user must pass through it to its cluster: 0711 (no listing, no reading).
 */
export function privateDataDir(dataDir: string, serverRunsAsAnother = false): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, serverRunsAsAnother ? 0o711 : 0o700);
}

/** The installation's server, started. */
export interface InstallationDatabase {
  server: PostgresServer;
  /** The URL with the password, for this process. */
  url: string;
  /** Lines to tell the operator once (an old PGlite folder left beside the new cluster). */
  notes: string[];
  stop(): Promise<void>;
}

/**
 * Starts the installation's embedded database (`npm run database`): makes the cluster and its
 * password the first time, stops a server of this folder left running by a process that died,
 * and refuses a port another program holds. The `zorginkoop` database is made where missing.
 */
export async function startInstallationDatabase(options: { dataDir: string; port: number; binDir?: string; onLog?: (line: string) => void }): Promise<InstallationDatabase> {
  const paths = embeddedPaths(options.dataDir);
  const user = serverUser(paths.cluster);
  privateDataDir(resolve(options.dataDir), Boolean(user));
  const password = embeddedPassword(options.dataDir, { create: true });
  const notes: string[] = [];
  if (existsSync(join(paths.legacy, 'PG_VERSION')) && !existsSync(join(paths.cluster, 'PG_VERSION'))) {
    notes.push(`${paths.legacy} holds the embedded database of an earlier version (PGlite); this version keeps its data in ${paths.cluster}. The old folder is left as it was: docs/database.md ("From the PGlite folder") says how to carry its rows over.`);
  }
  await leftRunning(paths.cluster);
  const server = new PostgresServer({ dataDir: paths.cluster, port: options.port, user: EMBEDDED_USER, password, durable: true, ...(options.binDir ? { binDir: options.binDir } : {}), ...(options.onLog ? { onLog: options.onLog } : {}) });
  if (await portAnswers(options.port)) {
    const ours = await servesCluster(server.url(), paths.cluster);
    throw new DatabaseError(
      ours
        ? `this installation's embedded database already runs on 127.0.0.1:${options.port} (another \`npm start\` or \`npm run database\`)`
        : `port ${options.port} is taken by another program (another installation's database?), not this installation's database: stop it, or set ZORGINKOOP_DATABASE_PORT to a free port`,
    );
  }
  if (!server.initialised) await server.init();
  await server.start();
  try {
    const admin = new Client({ connectionString: server.url('postgres') });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await server.stop();
    throw new DatabaseError(`the embedded database started but cannot be set up: ${messageOf(err)}`, { cause: err });
  }
  return { server, url: server.url(EMBEDDED_DATABASE), notes, stop: () => server.stop() };
}

/** A server of this cluster still running (its supervisor was killed): stopped, so that this one starts it afresh. */
async function leftRunning(cluster: string): Promise<void> {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  // The file names our cluster; make sure the process is a postgres of it, not a reused pid.
  const command = readSafe(`/proc/${pid}/cmdline`);
  if (!command.includes('postgres') || !command.includes(cluster)) return;
  // Still someone's (another `npm run database`, a test): left to them, and the port check says so.
  // An orphan belongs to init or a subreaper, not to a Node process.
  const parent = Number(/^PPid:\s*(\d+)/m.exec(readSafe(`/proc/${pid}/status`))?.[1] ?? 1);
  if (parent > 1 && readSafe(`/proc/${parent}/cmdline`).includes('node')) return;
  for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
    process.kill(pid, signal);
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (!alive(pid)) return;
  }
}

/** A file's text, or '' where it cannot be read (a process gone, no /proc). */
function readSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when something accepts TCP connections on host:port (default this machine). */
export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

/** True when the server at `url` signs in with it and serves `cluster` (its data_directory). */
async function servesCluster(url: string, cluster: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return samePath(rows[0]?.data_directory ?? '', cluster);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}


/** A throwaway server: its URL (with its password) and how to stop it and remove its folder. */
export interface PrivateServer {
  url: string;
  server: PostgresServer;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server for tests, benchmarks and rehearsals: a fresh cluster in a
 * temporary folder, a random password, a free port, no fsync (`durable` for fsync as the
 * installation's has it); `stop` removes the folder.
 * `binDir`: another PostgreSQL's binaries (Debian's, for the tests that want a second version).
 */
export async function startPrivateServer(options: Pick<PostgresServerOptions, 'binDir' | 'onLog' | 'durable'> = {}): Promise<PrivateServer> {
  const folder = mkdtempSync(join(tmpdir(), 'zorginkoop-pg-'));
  const cluster = join(folder, 'data');
  const user = serverUser(cluster);
  // As root the server's user writes here (the cluster) and passes through it.
  if (user) chownSync(folder, user.uid, user.gid);
  const password = randomBytes(18).toString('hex');
  const remove = () => rmSync(folder, { recursive: true, force: true });
  let server: PostgresServer | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      server = new PostgresServer({ dataDir: cluster, port: await freePort(), user: EMBEDDED_USER, password, durable: false, ...options });
      if (!server.initialised) await server.init();
      try {
        await server.start();
        break;
      } catch (err) {
        // The free port was taken before the server bound it: another one.
        if (attempt < 3 && /Address already in use|could not (create|bind)/i.test(messageOf(err))) continue;
        throw err;
      }
    }
  } catch (err) {
    remove();
    throw err;
  }
  const started = server;
  return {
    url: started.url(),
    server: started,
    async stop() {
      try {
        await started.stop();
      } finally {
        remove();
      }
    },
  };
}

/**
 * A private database, migrated, for a script or a test run: `database` to use in this process,
 * `url` for child processes (ZORGINKOOP_DATABASE_URL); `stop` closes both.
 */
export async function startPrivateDatabase(options: { schema?: string; durable?: boolean } = {}): Promise<{ database: Database; url: string; server: PostgresServer; stop(): Promise<void> }> {
  const server = await startPrivateServer({ durable: options.durable ?? false });
  const database = new Database(server.url, { ...(options.schema ? { schema: options.schema } : {}) });
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    await server.stop();
    throw err;
  }
  return {
    database,
    url: server.url,
    server: server.server,
    async stop() {
      await database.close();
      await server.stop();
    },
  };
}
