/**
 * The one database of zorginkoop: every process (workers, CLI, finder, console, tests) opens it by
 * URL with the `pg` driver. The default is the embedded database that `npm start` (or `npm run
 * database`) runs on this machine: a PostgreSQL server of this installation's own, reached with
 * the password kept in the data folder (db/embedded.ts); ZORGINKOOP_DATABASE_URL points at a
 * PostgreSQL server of the insurer's for many machines.
 *
 * `migrate()` brings the schema up to date with Kysely's migrator (a lock table, so processes
 * starting together migrate once). `schema` keeps a database's tables in a PostgreSQL schema of
 * their own (tests: one per test world); every query names it, nothing depends on `search_path`.
 *
 * A database that goes away (a restart, a kill, a failover) never takes the process with it: a
 * connection's error is caught on every client, the query that was running fails and is retried
 * by its caller (activities with backoff), and the pool connects again when the server is back.
 */
import { Kysely, Migrator, PostgresDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import { Pool, types } from 'pg';
import { outboxFinderInbox } from './migrations/0001-outbox-finder-inbox';
import { contractRegister } from './migrations/0002-contract-register';
import { emailOutbox } from './migrations/0003-email-outbox';
import { auditLog } from './migrations/0004-audit-log';
import { editionRevisions } from './migrations/0005-edition-revisions';
import { consoleTables } from './migrations/0006-console';
import { rehearsalsTable } from './migrations/0007-rehearsals';
import { rehearsalHeartbeat } from './migrations/0008-rehearsal-heartbeat';
import { signInLimits } from './migrations/0009-sign-in-limits';
import { consoleUserDisabled } from './migrations/0010-console-user-disabled';
import { purchasingMailbox } from './migrations/0011-purchasing-mailbox';
import { contractDocuments } from './migrations/0012-contract-documents';
import { auditLogQuestions } from './migrations/0013-audit-log-questions';
import { importRuns } from './migrations/0014-import-runs';
import type { Tables } from './schema';
import { embeddedDatabaseOptions, samePath } from './embedded-access';
import { DatabaseError, messageOf } from './errors';

export { DatabaseError, messageOf };

/** The migrations in order; a new one is added at the end, never edited once released. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-outbox-finder-inbox': outboxFinderInbox,
  '0002-contract-register': contractRegister,
  '0003-email-outbox': emailOutbox,
  '0004-audit-log': auditLog,
  '0005-edition-revisions': editionRevisions,
  '0006-console': consoleTables,
  '0007-rehearsals': rehearsalsTable,
  '0008-rehearsal-heartbeat': rehearsalHeartbeat,
  '0009-sign-in-limits': signInLimits,
  '0010-console-user-disabled': consoleUserDisabled,
  '0011-purchasing-mailbox': purchasingMailbox,
  '0012-contract-documents': contractDocuments,
  '0013-audit-log-questions': auditLogQuestions,
  '0014-import-runs': importRuns,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface DatabaseOptions {
  /** A PostgreSQL schema of its own (default: `public`). */
  schema?: string;
  /** Most connections this process opens (default 8). */
  poolSize?: number;
  /** The password where the URL has none: read when a connection is made (the embedded database's file). */
  password?: () => string;
  /**
   * The installation's embedded database: its cluster folder. An error then says how to start it,
   * and `migrate()` first checks that the server that answers serves this folder (another
   * installation's database on the same port is refused, not used).
   */
  embedded?: { cluster: string };
  /** Told once when the connection to the database is lost, and once when it answers again (the worker, console and finder log it). */
  log?: (line: string) => void;
}

/** `date` columns as ISO strings, not JavaScript dates. */
const DATE_OID = 1082;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : types.getTypeParser(oid, format as 'text'))) as typeof types.getTypeParser,
};

export class Database {
  readonly db: Kysely<Tables>;
  /** `host:port/database[ schema]`, never the password: for messages. */
  readonly where: string;
  readonly schema: string;
  private readonly pool: Pool;
  private migrated?: Promise<void>;

  constructor(
    readonly url: string,
    private readonly options: DatabaseOptions = {},
  ) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new DatabaseError(`schema '${this.schema}': lower-case letters, digits and underscores`);
    this.where = `${describeTarget(url)}${this.schema === 'public' ? '' : ` schema ${this.schema}`}`;
    this.pool = new Pool({
      // A password read at connect time: pg takes it only beside separate fields (a connection
      // string's absent password would replace it).
      ...(options.password ? { ...fieldsOf(url), password: options.password } : { connectionString: url }),
      max: options.poolSize ?? 8,
      application_name: 'zorginkoop',
      connectionTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      types: typeParsers,
    });
    // A connection the server dropped (restart, kill, failover) must not crash the process: an
    // idle one reports on the pool, one in use (between a transaction's statements, say) on the
    // client itself, where no listener meant an unhandled 'error' event that ended the process.
    let lost = false;
    const connectionLost = (err: Error) => {
      if (lost) return;
      lost = true;
      options.log?.(`database: the connection to ${this.where} was lost (${messageOf(err)}); what needs it waits and is retried until it answers again`);
    };
    this.pool.on('error', connectionLost);
    this.pool.on('connect', (client) => {
      client.on('error', connectionLost);
      if (lost) {
        lost = false;
        options.log?.(`database: ${this.where} answers again`);
      }
    });
    const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
    this.db = this.schema === 'public' ? kysely : kysely.withSchema(this.schema);
  }

  /** The connection pool, for a library that takes a pg client of its own (the console's sign-in limiter); queries go through `db`. */
  get pgPool(): Pool {
    return this.pool;
  }

  /**
   * Brings the schema up to date (once per process; safe from several at once). The worker and
   * the CLI call it first, so a wrong URL shows at once, with what to do.
   */
  migrate(): Promise<void> {
    this.migrated ??= this.runMigrations().catch((err: unknown) => {
      this.migrated = undefined;
      throw err;
    });
    return this.migrated;
  }

  private async runMigrations(): Promise<void> {
    try {
      if (this.options.embedded) await this.checkEmbedded(this.options.embedded.cluster);
      if (this.schema !== 'public') await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(this.schema)}`.execute(this.db).catch(ignoreDuplicate);
      const migrator = new Migrator({ db: this.db, provider, migrationTableSchema: this.schema, migrationTableName: 'zorginkoop_migrations', migrationLockTableName: 'zorginkoop_migrations_lock' });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        if (!failed) throw this.failure('bring the schema up to date', error);
        throw new DatabaseError(`migration ${failed} failed on ${this.where}: ${messageOf(error)}; the migrations before it are kept`, { cause: error });
      }
    } catch (err) {
      throw this.failure('bring the schema up to date', err);
    }
  }

  /**
   * The connection as libpq's environment (PGHOST ... PGPASSWORD, PGSSLMODE where the URL has
   * sslmode), for PostgreSQL's own tools (pg_dump, pg_restore): the password goes in their
   * environment, never on a command line.
   */
  connectionEnv(): Record<string, string> {
    const url = new URL(this.url);
    const password = this.options.password ? this.options.password() : decodeURIComponent(url.password);
    const sslmode = url.searchParams.get('sslmode');
    return { ...Object.fromEntries(Object.entries(fieldsOf(this.url)).map(([k, v]) => [`PG${k === 'database' ? 'DATABASE' : k.toUpperCase()}`, String(v)])), ...(password ? { PGPASSWORD: password } : {}), ...(sslmode ? { PGSSLMODE: sslmode } : {}) };
  }

  /** Reaches the server and, for the embedded database, checks it is this installation's (what `migrate()` checks first), without migrating: backup and restore. */
  async checkServer(action: string): Promise<void> {
    try {
      if (this.options.embedded) await this.checkEmbedded(this.options.embedded.cluster);
      else await sql`SELECT 1`.execute(this.db);
    } catch (err) {
      throw this.failure(action, err);
    }
  }

  /** The server that answers must serve this installation's cluster, not another installation's. */
  private async checkEmbedded(cluster: string): Promise<void> {
    const { rows } = await sql<{ data_directory: string }>`SHOW data_directory`.execute(this.db).catch((err: unknown) => {
      // Signed in, but not as the cluster's superuser: some other PostgreSQL.
      if ((err as { code?: string }).code === '42501') throw new DatabaseError(`the database at ${this.where} is not this installation's embedded database (it does not let this installation read its settings): another PostgreSQL server uses the port; stop it, or set ZORGINKOOP_DATABASE_PORT`);
      throw err;
    });
    const served = rows[0]?.data_directory ?? '';
    if (!samePath(served, cluster)) {
      throw new DatabaseError(`the database at ${this.where} is not this installation's embedded database: it serves ${served}, this installation's is ${cluster}; stop the other one, or set ZORGINKOOP_DATABASE_PORT`);
    }
  }

  /** Whether the database answers a trivial query within `ms` (a readiness probe): undefined if it does, else why not. */
  async ping(ms = 2000): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(this.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        }),
      ]);
      return undefined;
    } catch (err) {
      return this.failure('answer a readiness probe', err).message;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * An error that says what failed, on which database, and why as far as it can tell: not running
   * (refused), running but not answering (a timeout), another installation's or a wrong password.
   */
  failure(action: string, err: unknown): DatabaseError {
    if (err instanceof DatabaseError) return err;
    const message = messageOf(err);
    const code = (err as { code?: string }).code;
    let hint = '';
    if (/ECONNREFUSED/.test(message) || code === 'ECONNREFUSED') {
      hint = this.options.embedded ? ' (the embedded database is not running: start it with `npm start` or `npm run database`, or set ZORGINKOOP_DATABASE_URL)' : ' (nothing listens there)';
    } else if (/timeout|ETIMEDOUT/i.test(message)) {
      hint = ' (it did not answer in time: it runs but is hung or overloaded, or a firewall drops the connection; its log says more)';
    } else if (code === '28P01' || /password authentication failed|SASL|no password supplied/i.test(message)) {
      hint = this.options.embedded
        ? " (it refused this installation's password: the server on that port is another installation's database, or the data folder's database.secret does not belong to it; set ZORGINKOOP_DATABASE_PORT or ZORGINKOOP_DATA_DIR)"
        : ' (the user name or password in ZORGINKOOP_DATABASE_URL is wrong)';
    } else if (code === '53100' || /No space left on device/i.test(message)) {
      hint = ' (the disk of the database is full: free space there; nothing committed is lost)';
    }
    return new DatabaseError(`cannot ${action} in the database at ${this.where}${hint}: ${message}`, { cause: err });
  }

  /** Ends the pool's connections; the database object cannot be used after. */
  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** The database the configuration names: ZORGINKOOP_DATABASE_URL, or the installation's embedded one. */
export function databaseFor(config: { databaseUrl?: string; databaseSchema?: string; dataDir: string; databasePort: number }, options: Omit<DatabaseOptions, 'embedded' | 'schema' | 'password'> = {}): Database {
  if (config.databaseUrl) return new Database(config.databaseUrl, { ...options, schema: config.databaseSchema ?? 'public' });
  const embedded = embeddedDatabaseOptions(config.dataDir, config.databasePort);
  return new Database(embedded.url, { ...options, ...embedded.options, schema: config.databaseSchema ?? 'public' });
}

function ignoreDuplicate(err: { code?: string }) {
  // Two processes creating the schema at once: the loser's unique violation means it exists.
  if (err.code !== '23505' && err.code !== '42P06') throw err;
}

/** A password-less postgres:// URL as the `pg` driver's separate fields. */
function fieldsOf(connectionString: string): { host: string; port: number; user: string; database: string } {
  const url = new URL(connectionString);
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), database: decodeURIComponent(url.pathname.slice(1)) };
}

/** `host:port/database` of a connection string, without user or password. */
export function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || url.searchParams.get('host') || 'local socket';
    return `${host}${url.port ? `:${url.port}` : ''}${url.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}
