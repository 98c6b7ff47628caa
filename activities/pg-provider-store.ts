/**
 * Campaign provider lists in PostgreSQL: the shared store for workers on several machines
 * (ZORGINKOOP_DATABASE_URL). Same interface as the file store (`provider-store.ts`).
 *
 * Two tables, created when missing:
 *   - `zorginkoop_campaign_lists`: one row per campaign that has a list (its size, when saved);
 *   - `zorginkoop_campaign_providers`: the providers, one row each, by campaign and position
 *     (0-based import order), the record as jsonb.
 *
 * `save` replaces a campaign's list in one transaction, so a reader sees the old list or the new
 * one, never a mix; `page` is one statement (one snapshot) over a position range.
 */
import { Pool, type PoolClient } from 'pg';
import type { Provider } from '../policies/provider';
import { pageOf, type ProviderListStore, type ProviderPage } from './provider-store';

const LISTS = 'zorginkoop_campaign_lists';
const PROVIDERS = 'zorginkoop_campaign_providers';

/** Serialises the table creation of processes starting at the same moment (any fixed number). */
const SCHEMA_LOCK = 0x7a6f7267; // 'zorg'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ${LISTS} (
    campaign_id text PRIMARY KEY,
    provider_count integer NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS ${PROVIDERS} (
    campaign_id text NOT NULL,
    position integer NOT NULL,
    provider jsonb NOT NULL,
    PRIMARY KEY (campaign_id, position)
  );`;

/** A failure of the PostgreSQL store: says what was done, for which campaign, and where. */
export class ProviderListStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderListStoreError';
  }
}

export interface PgProviderListStoreOptions {
  /** Rows per INSERT statement while saving (default 1000). */
  batchSize?: number;
  /** Most connections this process opens (default 4). */
  poolSize?: number;
}

/** The provider lists in the PostgreSQL database at `connectionString` (postgres://...). */
export class PgProviderListStore implements ProviderListStore {
  private readonly pool: Pool;
  private readonly batchSize: number;
  /** `host:port/database`, never the user's password: for messages. */
  readonly where: string;
  private schema?: Promise<void>;

  constructor(connectionString: string, options: PgProviderListStoreOptions = {}) {
    this.where = describeTarget(connectionString);
    this.batchSize = options.batchSize ?? 1000;
    this.pool = new Pool({
      connectionString,
      max: options.poolSize ?? 4,
      application_name: 'zorginkoop',
      // A wrong host fails in seconds instead of hanging a save or an activity.
      connectionTimeoutMillis: 10_000,
      // Idle connections never keep a process alive; close() ends them all anyway.
      allowExitOnIdle: true,
    });
    // An idle connection the server dropped (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    this.pool.on('error', () => undefined);
  }

  /**
   * Creates the tables if they are missing; idempotent, and safe from several processes at once.
   * The worker calls it at start, so a wrong URL or password shows at once, not in an activity.
   */
  async ensureSchema(): Promise<void> {
    try {
      await this.schemaReady();
    } catch (err) {
      throw new ProviderListStoreError(`cannot use PostgreSQL (${this.where}) for provider lists: ${messageOf(err)}`, { cause: err });
    }
  }

  private schemaReady(): Promise<void> {
    this.schema ??= this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await db.query(SCHEMA);
    }).catch((err: unknown) => {
      this.schema = undefined; // try again on the next call
      throw err;
    });
    return this.schema;
  }

  async save(campaignId: string, providers: Provider[]): Promise<{ count: number }> {
    try {
      await this.schemaReady();
      await this.transaction(async (db) => {
        // The campaign's row first: its row lock makes concurrent saves of one campaign wait for
        // each other, so the delete below always sees the list committed before it.
        await db.query(
          `INSERT INTO ${LISTS} (campaign_id, provider_count, saved_at) VALUES ($1, $2, now())
           ON CONFLICT (campaign_id) DO UPDATE SET provider_count = EXCLUDED.provider_count, saved_at = EXCLUDED.saved_at`,
          [campaignId, providers.length],
        );
        await db.query(`DELETE FROM ${PROVIDERS} WHERE campaign_id = $1`, [campaignId]);
        for (let start = 0; start < providers.length; start += this.batchSize) {
          const batch = providers.slice(start, start + this.batchSize).map((p) => JSON.stringify(p));
          // One statement per batch: the records as one text[] parameter, numbered from `start`.
          await db.query(
            `INSERT INTO ${PROVIDERS} (campaign_id, position, provider)
             SELECT $1, $2::integer + (r.n - 1)::integer, r.record::jsonb FROM unnest($3::text[]) WITH ORDINALITY AS r(record, n)`,
            [campaignId, start, batch],
          );
        }
      });
    } catch (err) {
      throw new ProviderListStoreError(
        `cannot save the provider list of campaign '${campaignId}' (${providers.length} providers) to PostgreSQL (${this.where}); the previous list, if any, is unchanged: ${messageOf(err)}`,
        { cause: err },
      );
    }
    return { count: providers.length };
  }

  async page(campaignId: string, offset: number, limit: number): Promise<Provider[]> {
    const page = await this.read(campaignId, offset, limit, Number.POSITIVE_INFINITY);
    if (page.problems.length) throw new ProviderListStoreError(page.problems.map((p) => `${p.where}: ${p.problem}`).join('; '));
    return page.providers;
  }

  async read(listId: string, offset: number, limit: number, maxBytes: number): Promise<ProviderPage> {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
      throw new ProviderListStoreError(`campaign '${listId}': a page needs a whole offset and limit of 0 or more (got offset ${offset}, limit ${limit})`);
    }
    let rows: { position: number | null; provider: string | null }[];
    try {
      await this.schemaReady();
      // The records as text: each is checked on its own, so one bad row is named and skipped
      // instead of failing the page.
      const result = await this.pool.query<{ position: number | null; provider: string | null }>(
        `SELECT p.position, p.provider::text AS provider FROM ${LISTS} l
         LEFT JOIN ${PROVIDERS} p ON p.campaign_id = l.campaign_id AND p.position >= $2::bigint AND p.position < $2::bigint + $3::bigint
         WHERE l.campaign_id = $1
         ORDER BY p.position`,
        [listId, offset, limit],
      );
      rows = result.rows;
    } catch (err) {
      throw new ProviderListStoreError(`cannot read providers ${offset} to ${offset + limit} of campaign '${listId}' from PostgreSQL (${this.where}): ${messageOf(err)}`, { cause: err });
    }
    if (rows.length === 0) {
      throw new ProviderListStoreError(`campaign '${listId}' has no provider list in PostgreSQL (${this.where}): import it with \`campaign start\``);
    }
    const entries = rows.flatMap((r) => (r.position === null || r.provider === null ? [] : [{ position: r.position, where: `${this.where} list '${listId}' position ${r.position}`, text: r.provider }]));
    return pageOf(entries, limit, maxBytes);
  }

  /** Ends the pool's connections; the store cannot be used after. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      await db.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
      throw err;
    } finally {
      db.release(broken);
    }
  }
}

/** `host:port/database` of a connection string, without user or password. */
function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || url.searchParams.get('host') || 'local socket';
    return `${host}${url.port ? `:${url.port}` : ''}${url.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}

function messageOf(err: unknown): string {
  // AggregateError (e.g. every address of a host refused) has an empty message of its own.
  if (err instanceof AggregateError && !err.message) return err.errors.map(messageOf).join('; ');
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}
