/**
 * The whole production-shaped stack of `npm run cluster`, for the script and for the tests that
 * run on it: PostgreSQL (Debian's), Temporal's databases and schema, the Temporal server, the
 * namespace, the product's record database and its search attributes (`zorginkoop setup`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from '../db/database';
import { startInstallationDatabase, startPrivateServer } from '../db/embedded';
import { EMBEDDED_DATABASE } from '../db/embedded-access';
import { freePort, type PostgresServer } from '../db/postgres-server';
import { findPostgresBin } from './services';
import {
  createNamespace,
  DYNAMIC_CONFIG,
  dynamicConfigFile,
  ensureDatabase,
  findClusterBinaries,
  freeClusterPorts,
  setupSchemas,
  startServer,
  type ClusterPorts,
  type ClusterPostgres,
  type RunningServer,
} from './temporal-cluster';

export interface Cluster {
  /** host:port of the Temporal frontend. */
  address: string;
  /** postgres://... of the product's record (`zorginkoop` on the same PostgreSQL). */
  recordUrl: string;
  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, ZORGINKOOP_DATABASE_URL for workers, consoles, the CLI. */
  env: Record<string, string>;
  pg: ClusterPostgres;
  /** The PostgreSQL server itself (Temporal's databases and the record): a fault run restarts it. */
  postgres: PostgresServer;
  ports: ClusterPorts;
  server: RunningServer;
  /** The folder with the server's config and log. */
  workDir: string;
  /** What `zorginkoop setup` printed. */
  setupOutput: string;
  /** Seconds each step took. */
  timings: Record<'postgres' | 'schema' | 'server' | 'record', number>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Keep PostgreSQL (durable) and the server's config here; unset: throwaway, removed at stop. */
  dataDir?: string;
  /** The frontend's port (default: a free one). */
  port?: number;
  /** PostgreSQL's port with a data folder (default: a free one). */
  pgPort?: number;
  /** Keep the setup's dynamic config (search attributes read from the database on every read: a testing setting). */
  keepSetupConfig?: boolean;
  /** A throwaway PostgreSQL with fsync on, as a production one (a fault run kills and restarts it). */
  durable?: boolean;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

const elapsed = (since: number) => Math.round((Date.now() - since) / 100) / 10;
const fieldsOf = (url: string): ClusterPostgres => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
};

/** Starts it all; throws with the cause (the server's log named) where a step fails, leaving nothing running. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const { log = () => undefined, env: processEnv = process.env } = options;
  const bin = findClusterBinaries(processEnv);
  if ('missing' in bin) throw new Error(bin.missing);
  const binDir = findPostgresBin(processEnv);
  if (!binDir) throw new Error("PostgreSQL server binaries not found: install Debian's `postgresql` package, or set POSTGRES_BIN_DIR");
  const timings = { postgres: 0, schema: 0, server: 0, record: 0 };

  let step = Date.now();
  let pg: ClusterPostgres;
  let stopPostgres: () => Promise<void>;
  let postgres: PostgresServer;
  let workDir: string;
  if (options.dataDir) {
    const db = await startInstallationDatabase({ dataDir: resolve(options.dataDir), port: options.pgPort ?? (await freePort()), binDir });
    pg = fieldsOf(db.url);
    postgres = db.server;
    stopPostgres = () => db.stop();
    workDir = join(resolve(options.dataDir), 'temporal');
  } else {
    const db = await startPrivateServer({ binDir, ...(options.durable ? { durable: true } : {}) });
    pg = fieldsOf(db.url);
    postgres = db.server;
    stopPostgres = () => db.stop();
    workDir = mkdtempSync(join(tmpdir(), 'zorginkoop-cluster-'));
  }
  timings.postgres = elapsed(step);
  log(`PostgreSQL (${binDir}) on ${pg.host}:${pg.port}`);

  let server: RunningServer | undefined;
  const stop = async (keepLog = false) => {
    await server?.stop();
    await stopPostgres();
    if (!options.dataDir && !keepLog) rmSync(workDir, { recursive: true, force: true });
  };
  try {
    step = Date.now();
    await setupSchemas(bin, pg, log);
    timings.schema = elapsed(step);

    step = Date.now();
    const ports = await freeClusterPorts(options.port);
    server = startServer(bin, pg, ports, workDir);
    const exited = new Promise<never>((_, fail) => server!.child.once('exit', (code, signal) => fail(new Error(`the Temporal server stopped (${signal ?? `exit ${code}`}) while starting; its log: ${server!.logFile}`))));
    exited.catch(() => undefined);
    await Promise.race([createNamespace(server.address, 'default'), exited]);
    timings.server = elapsed(step);
    log(`Temporal server ${server.address} (pid ${server.child.pid}), namespace default; log ${server.logFile}`);

    step = Date.now();
    await ensureDatabase(pg, EMBEDDED_DATABASE);
    const recordUrl = `postgres://${encodeURIComponent(pg.user)}:${encodeURIComponent(pg.password)}@${pg.host}:${pg.port}/${EMBEDDED_DATABASE}`;
    const record = new Database(recordUrl);
    try {
      await record.migrate();
    } finally {
      await record.close();
    }
    const root = resolve(__dirname, '..');
    if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync('node', [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit', cwd: root });
    const env = { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'default', ZORGINKOOP_DATABASE_URL: recordUrl };
    const setup = spawnSync('node', [join(root, 'bin', 'zorginkoop.js'), 'setup'], { encoding: 'utf8', env: { ...processEnv, ...env }, cwd: root, timeout: 120_000 });
    const setupOutput = `${setup.stdout ?? ''}${setup.stderr ?? ''}`.trim();
    if (setup.status !== 0) throw new Error(`zorginkoop setup failed (exit ${setup.status ?? setup.signal}): ${setupOutput}`);
    timings.record = elapsed(step);
    log(`record database ${EMBEDDED_DATABASE} migrated; zorginkoop setup: ${setupOutput}`);
    if (!options.keepSetupConfig) {
      // The search attributes are registered: the testing setting that made them seen at once goes
      // (the server reads the file within 10 s).
      writeFileSync(dynamicConfigFile(workDir), DYNAMIC_CONFIG);
      log('dynamic config as in production from its next read (within 10 s)');
    }
    return { address: server.address, recordUrl, env, pg, postgres, ports, server, workDir, setupOutput, timings, stop: () => stop() };
  } catch (err) {
    await stop(true);
    throw err;
  }
}
