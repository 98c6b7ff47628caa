/**
 * A real Temporal cluster, the production shape (not the default): the Temporal server built from
 * its Go module (`go.temporal.io/server`, scripts/build-temporal-server.ts puts it in
 * `.tools/temporal-server-<version>/`), its persistence and its SQL visibility on a PostgreSQL
 * server (Debian's), the schema set up by the server's own SQL tool from the module's schema files.
 *
 * Dev tooling only, as runtime/dev-server.ts is: `npm run cluster` and the tests that want the
 * real server run it; the worker, console and CLI only ever see its address.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { resolveTemporalBinary, TEMPORAL_CLI, TOOLS_DIR } from './temporal-binaries';

/** The pinned server version; a change here is a deliberate upgrade (and a new build). */
export const TEMPORAL_SERVER_VERSION = '1.32.2';
/** The Go toolchain the module needs (newer than Debian's; the Go module proxy serves it). */
export const TEMPORAL_SERVER_GO = 'go1.27.3';
/** Where the build puts `temporal-server`, `temporal-sql-tool` and a copy of the schema files. */
export const TEMPORAL_SERVER_DIR = join(TOOLS_DIR, `temporal-server-${TEMPORAL_SERVER_VERSION}`);

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` of the module: `temporal/versioned` and `visibility/versioned`. */
  schemaDir: string;
}

/**
 * The built server, its SQL tool and the schema files, or why they are not there
 * (TEMPORAL_SERVER_DIR names another folder with the same layout).
 */
export function findClusterBinaries(env: NodeJS.ProcessEnv = process.env): ClusterBinaries | { missing: string } {
  const dir = env.TEMPORAL_SERVER_DIR ?? TEMPORAL_SERVER_DIR;
  const found = {
    server: join(dir, 'temporal-server'),
    sqlTool: join(dir, 'temporal-sql-tool'),
    schemaDir: join(dir, 'schema', 'postgresql', 'v12'),
  };
  const absent = Object.values(found).filter((p) => !existsSync(p));
  if (absent.length) return { missing: `${absent.join(', ')} not found: build the server first with \`npm run build:temporal-server\` (Go, a few minutes)` };
  return found;
}

/** Where PostgreSQL is, as the server's SQL tool and config name it. */
export interface ClusterPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
}

export const TEMPORAL_DATABASE = 'temporal';
export const VISIBILITY_DATABASE = 'temporal_visibility';

async function databaseExists(pg: ClusterPostgres, name: string): Promise<boolean> {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Creates a database if it is not there (`CREATE DATABASE` has no IF NOT EXISTS). */
export async function ensureDatabase(pg: ClusterPostgres, name: string): Promise<boolean> {
  if (await databaseExists(pg, name)) return false;
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * The server's two databases, created and their schema set up (first time) and brought to the module's
 * version (every time) by `temporal-sql-tool`, as Temporal's own docs and images do it.
 */
export function setupSchemas(bin: ClusterBinaries, pg: ClusterPostgres, log: (line: string) => void): Promise<void> {
  return (async () => {
    for (const [database, folder] of [[TEMPORAL_DATABASE, 'temporal'], [VISIBILITY_DATABASE, 'visibility']] as const) {
      const tool = (...args: string[]) => {
        const all = ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--db', database, ...args];
        // The password through the environment, not the process list.
        const result = spawnSync(bin.sqlTool, all, { encoding: 'utf8', env: { ...process.env, SQL_PASSWORD: pg.password }, timeout: 300_000 });
        const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
        if (result.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} (${database}) failed (exit ${result.status ?? result.signal}): ${output || result.error?.message}`);
        return output;
      };
      if (!(await databaseExists(pg, database))) {
        tool('create-database');
        tool('setup-schema', '-v', '0.0');
        log(`${database}: created, versioning set up`);
      }
      tool('update-schema', '-d', join(bin.schemaDir, folder, 'versioned'));
      log(`${database}: schema up to date (${join(bin.schemaDir, folder, 'versioned')})`);
    }
  })();
}

/** The ports one server process listens on: every service's gRPC and membership port, free ones. */
export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  metrics: number;
  services: Record<'frontend' | 'history' | 'matching' | 'worker', { grpc: number; membership: number }>;
}

/**
 * A free port below 32768: the server keeps each host's membership port in a `smallint` column
 * (cluster_membership.rpc_port), and a port the kernel hands out (32768 and up) does not fit:
 * `pq: value "39783" is out of range for type smallint`, and the server stops.
 */
export async function freeLowPort(taken: Set<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const probe = createServer()
        .once('error', () => done(false))
        .listen(port, '127.0.0.1', () => probe.close(() => done(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000');
}

export async function freeClusterPorts(frontend?: number): Promise<ClusterPorts> {
  const taken = new Set<number>(frontend ? [frontend] : []);
  const services = {} as ClusterPorts['services'];
  const front = frontend ?? (await freeLowPort(taken));
  for (const name of ['frontend', 'history', 'matching', 'worker'] as const) {
    services[name] = { grpc: name === 'frontend' ? front : await freeLowPort(taken), membership: await freeLowPort(taken) };
  }
  return { frontend: front, frontendHttp: await freeLowPort(taken), metrics: await freeLowPort(taken), services };
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * The server's config, development-sql style: persistence and visibility on PostgreSQL (the
 * `postgres12` plugin), one cluster, every service in one process on 127.0.0.1.
 * The password is read from the environment at start (`TEMPORAL_CLUSTER_SQL_PASSWORD`, through the
 * config's template), not written to the file.
 */
export function serverConfig(pg: ClusterPostgres, ports: ClusterPorts, dynamicConfigFile: string): string {
  const store = (database: string, conns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: ${yamlString(database)}
        connectAddr: ${yamlString(`${pg.host}:${pg.port}`)}
        connectProtocol: "tcp"
        user: ${yamlString(pg.user)}
        password: {{ env "TEMPORAL_CLUSTER_SQL_PASSWORD" | quote }}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (name: keyof ClusterPorts['services']) => `  ${name}:
    rpc:
      grpcPort: ${ports.services[name].grpc}
      membershipPort: ${ports.services[name].membership}
      bindOnLocalHost: true${name === 'frontend' ? `\n      httpPort: ${ports.frontendHttp}` : ''}`;
  return `# enable-template
# Written by runtime/temporal-cluster.ts (npm run cluster); development-postgres12.yaml of the module, trimmed.
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${store(TEMPORAL_DATABASE, 20)}
    postgres-visibility:
${store(VISIBILITY_DATABASE, 10)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${ports.metrics}"

services:
${service('frontend')}
${service('history')}
${service('matching')}
${service('worker')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: ${yamlString(dynamicConfigFile)}
  pollInterval: "10s"
`;
}

/** Dynamic config as in production: the server's defaults but for the longest id. */
export const DYNAMIC_CONFIG = `limit.maxIDLength:
  - value: 255
    constraints: {}
`;

/**
 * Dynamic config while the cluster is set up: search attributes seen at once after they are added
 * (as the dev server does). A testing setting: every read of the search attributes goes to the
 * database, a listing's every row too (one listing of 10,000 tracks took 20.6 s with it, 0.8 to
 * 1.7 s without, and the server refused calls with "System Persistence Max QPS Reached"), so
 * `startCluster` writes DYNAMIC_CONFIG once `zorginkoop setup` has run.
 */
export const SETUP_DYNAMIC_CONFIG = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
${DYNAMIC_CONFIG}`;

/** The dynamic config file in a server's folder; the server reads it every 10 s. */
export const dynamicConfigFile = (dir: string) => join(dir, 'dynamicconfig.yaml');

export interface RunningServer {
  child: ChildProcess;
  address: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Writes the config into `dir` and starts `temporal-server start` (all services); its output goes to `dir/server.log`. */
export function startServer(bin: ClusterBinaries, pg: ClusterPostgres, ports: ClusterPorts, dir: string): RunningServer {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'config.yaml');
  const dynamicFile = dynamicConfigFile(dir);
  writeFileSync(dynamicFile, SETUP_DYNAMIC_CONFIG);
  writeFileSync(configFile, serverConfig(pg, ports, dynamicFile));
  const logFile = join(dir, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(bin.server, ['--config-file', configFile, '--allow-no-auth', 'start'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TEMPORAL_CLUSTER_SQL_PASSWORD: pg.password },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return {
    child,
    address: `127.0.0.1:${ports.frontend}`,
    logFile,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Registers the namespace with the project's Temporal CLI (`temporal operator namespace create`),
 * trying until the frontend answers; a namespace already there is fine.
 */
export async function createNamespace(address: string, namespace: string, timeoutMs = 120_000): Promise<void> {
  const cli = resolveTemporalBinary(TEMPORAL_CLI);
  if (!cli) throw new Error('no Temporal CLI found or installed (set TEMPORAL_CLI_PATH)');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = spawnSync(cli.path, ['operator', 'namespace', 'create', '--address', address, '--namespace', namespace, '--retention', '30d'], { encoding: 'utf8', timeout: 30_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.status === 0 || /already (exists|registered)/i.test(output)) break;
    if (Date.now() > until) throw new Error(`temporal operator namespace create ${namespace} failed: ${output}`);
    await sleep(1000);
  }
  // The frontend's namespace cache learns of a new namespace within its refresh interval (~10 s).
  for (;;) {
    const result = spawnSync(cli.path, ['workflow', 'list', '--address', address, '--namespace', namespace, '--limit', '1'], { encoding: 'utf8', timeout: 30_000 });
    if (result.status === 0) return;
    if (Date.now() > until) throw new Error(`namespace ${namespace} not usable: ${`${result.stdout ?? ''}${result.stderr ?? ''}`.trim()}`);
    await sleep(1000);
  }
}
