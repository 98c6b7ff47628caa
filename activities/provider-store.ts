/**
 * Where a campaign's provider list lives, so that every worker can read it in pages and no
 * workflow carries the whole list as one payload (Temporal's payload and history limits).
 *
 * The lists live in the one database (`db/`), which every worker reads: the embedded one on one
 * machine, PostgreSQL (ZORGINKOOP_DATABASE_URL) for many.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DatabaseError, type Database } from '../db/database';
import { ProviderSchema, type Provider } from '../policies/provider';

/** A provider list entry that could not be read: where it is, and what is wrong. */
export interface ListProblem {
  /** Its position in the list (0-based import order). */
  position: number;
  /** File and line, or database and position, for staff. */
  where: string;
  problem: string;
}

/** A page of a list: the providers that could be read, the entries that could not, and how many entries it covers. */
export interface ProviderPage {
  providers: Provider[];
  problems: ListProblem[];
  /** Entries covered, readable or not: the next page starts `read` further on. 0 at the end of the list. */
  read: number;
}

/** A campaign's provider list, read in pages. */
export interface ProviderListStore {
  /** Stores a list under its id (the file was validated whole before). */
  save(listId: string, providers: Provider[]): Promise<{ count: number }>;
  /** Providers `offset` to `offset + limit` in import order (an unreadable entry is an error). */
  page(listId: string, offset: number, limit: number): Promise<Provider[]>;
  /**
   * Up to `limit` entries from `offset`, but no more than `maxBytes` of records (at least one):
   * a page never outgrows what one activity should hold. An entry that cannot be read (a broken
   * line, a record the schema refuses) is reported with where it is and skipped, never blocking the rest.
   */
  read(listId: string, offset: number, limit: number, maxBytes: number): Promise<ProviderPage>;
}

/**
 * The import id of a provider list: a hash of its content. A campaign run is bound to the list it
 * was started with (its id is part of the run's input), so a second import, even at the same
 * moment, can never swap the providers underneath a running campaign.
 */
export function importIdOf(providers: Provider[]): string {
  return createHash('sha256').update(JSON.stringify(providers)).digest('hex').slice(0, 12);
}

/** The list id of a campaign's import: `<campaign>/<import id>`. */
export const listIdOf = (campaignId: string, importId: string) => `${campaignId}/${importId}`;

/**
 * Takes raw entries (text or parsed JSON) in order until `limit` entries or `maxBytes`, checking
 * each against the provider schema; shared by both stores so they read alike.
 */
export function pageOf(entries: { position: number; where: string; text: string }[], limit: number, maxBytes: number): ProviderPage {
  const page: ProviderPage = { providers: [], problems: [], read: 0 };
  let bytes = 0;
  for (const entry of entries.slice(0, limit)) {
    const size = Buffer.byteLength(entry.text);
    if (page.read > 0 && bytes + size > maxBytes) break;
    bytes += size;
    page.read++;
    let value: unknown;
    try {
      value = JSON.parse(entry.text);
    } catch (err) {
      page.problems.push({ position: entry.position, where: entry.where, problem: `not valid JSON (${(err as Error).message})` });
      continue;
    }
    const parsed = ProviderSchema.safeParse(value);
    if (parsed.success) page.providers.push(parsed.data);
    else page.problems.push({ position: entry.position, where: entry.where, problem: `not a valid provider record: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}` });
  }
  return page;
}

/**
 * The provider lists in the database: `campaign_lists` (one row per list: its size, when saved)
 * and `campaign_providers` (one row per provider, by list and position, the record as jsonb).
 * `save` replaces a list in one transaction, so a reader sees the old list or the new one, never
 * a mix; `read` is one statement (one snapshot) over a position range.
 */
export class DatabaseProviderListStore implements ProviderListStore {
  constructor(
    readonly database: Database,
    private readonly batchSize = 1000,
  ) {}

  async save(listId: string, providers: Provider[]): Promise<{ count: number }> {
    try {
      await this.database.db.transaction().execute(async (tx) => {
        // The list's row first: its row lock makes concurrent saves of one list wait for each
        // other, so the delete below always sees the list committed before it.
        await tx
          .insertInto('campaign_lists')
          .values({ campaign_id: listId, provider_count: providers.length })
          .onConflict((c) => c.column('campaign_id').doUpdateSet({ provider_count: providers.length, saved_at: sql`now()` } as never))
          .execute();
        await tx.deleteFrom('campaign_providers').where('campaign_id', '=', listId).execute();
        for (let start = 0; start < providers.length; start += this.batchSize) {
          const batch = providers.slice(start, start + this.batchSize).map((p, i) => ({ campaign_id: listId, position: start + i, provider: JSON.stringify(p) }));
          await tx.insertInto('campaign_providers').values(batch).execute();
        }
      });
    } catch (err) {
      throw this.database.failure(`save the provider list '${listId}' (${providers.length} providers; the previous list, if any, is unchanged)`, err);
    }
    return { count: providers.length };
  }

  async page(listId: string, offset: number, limit: number): Promise<Provider[]> {
    const page = await this.read(listId, offset, limit, Number.POSITIVE_INFINITY);
    if (page.problems.length) throw new DatabaseError(page.problems.map((p) => `${p.where}: ${p.problem}`).join('; '));
    return page.providers;
  }

  async read(listId: string, offset: number, limit: number, maxBytes: number): Promise<ProviderPage> {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
      throw new DatabaseError(`provider list '${listId}': a page needs a whole offset and limit of 0 or more (got offset ${offset}, limit ${limit})`);
    }
    let rows: { position: number | null; provider: string | null }[];
    try {
      // The records as text: each is checked on its own, so one bad row is named and skipped.
      rows = await this.database.db
        .selectFrom('campaign_lists as l')
        .leftJoin('campaign_providers as p', (join) =>
          join
            .onRef('p.campaign_id', '=', 'l.campaign_id')
            .on('p.position', '>=', offset)
            .on('p.position', '<', offset + limit),
        )
        .select(['p.position', sql<string | null>`p.provider::text`.as('provider')])
        .where('l.campaign_id', '=', listId)
        .orderBy('p.position')
        .execute();
    } catch (err) {
      throw this.database.failure(`read providers ${offset} to ${offset + limit} of list '${listId}'`, err);
    }
    if (rows.length === 0) throw new DatabaseError(`provider list '${listId}' is not in the database at ${this.database.where}: import it with \`campaign start\``);
    const entries = rows.flatMap((r) => (r.position === null || r.provider === null ? [] : [{ position: r.position, where: `list '${listId}' position ${r.position}`, text: r.provider }]));
    return pageOf(entries, limit, maxBytes);
  }
}
