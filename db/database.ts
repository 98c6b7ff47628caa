/**
 * The one database of zorginkoop: every process (workers, CLI, finder, tests) opens it by URL with
 * the `pg` driver. The default URL is the embedded database that `npm start` (or `npm run
 * database`) serves on this machine; ZORGINKOOP_DATABASE_URL points at PostgreSQL for many machines.
 *
 * `migrate()` brings the schema up to date with Kysely's migrator (a lock table, so processes
 * starting together migrate once). `schema` keeps a database's tables in a PostgreSQL schema of
 * their own (tests: one per test world); every query names it, nothing depends on `search_path`,
 * which the embedded database shares between its clients.
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
import type { Tables } from './schema';

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
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** A failure to reach or use the database: says what, where (never the password), and what to do. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** The embedded database's address when ZORGINKOOP_DATABASE_URL is unset. */
export const EMBEDDED_PORT = 7432;
export const EMBEDDED_URL = `postgres://postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`;

export interface DatabaseOptions {
  /** A PostgreSQL schema of its own (default: `public`). */
  schema?: string;
  /** Most connections this process opens (default 8). */
  poolSize?: number;
  /** Says, in an error, how to start the database when it does not answer. */
  embedded?: boolean;
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
      connectionString: url,
      max: options.poolSize ?? 8,
      application_name: 'zorginkoop',
      connectionTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      types: typeParsers,
    });
    // A connection the server dropped (restart, failover) must not crash the process.
    this.pool.on('error', () => undefined);
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

  /** An error that says what failed, on which database, and how to start the embedded one. */
  failure(action: string, err: unknown): DatabaseError {
    if (err instanceof DatabaseError) return err;
    const refused = /ECONNREFUSED|ENOTFOUND|timeout/i.test(messageOf(err));
    const hint = refused && this.options.embedded ? ' (the embedded database is not running: start it with `npm start` or `npm run database`, or set ZORGINKOOP_DATABASE_URL)' : '';
    return new DatabaseError(`cannot ${action} in the database at ${this.where}${hint}: ${messageOf(err)}`, { cause: err });
  }

  /** Ends the pool's connections; the database object cannot be used after. */
  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** The database the configuration names: ZORGINKOOP_DATABASE_URL, or the embedded default. */
export function databaseFor(config: { databaseUrl?: string; databaseSchema?: string }, options: Omit<DatabaseOptions, 'embedded' | 'schema'> = {}): Database {
  return new Database(config.databaseUrl ?? EMBEDDED_URL, { ...options, schema: config.databaseSchema ?? 'public', embedded: !config.databaseUrl });
}

function ignoreDuplicate(err: { code?: string }) {
  // Two processes creating the schema at once: the loser's unique violation means it exists.
  if (err.code !== '23505' && err.code !== '42P06') throw err;
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

export function messageOf(err: unknown): string {
  // AggregateError (e.g. every address of a host refused) has an empty message of its own.
  if (err instanceof AggregateError && !err.message) return err.errors.map(messageOf).join('; ');
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}
