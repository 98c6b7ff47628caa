/**
 * Where a campaign's provider list lives, so that every worker can read it in pages and no
 * workflow carries the whole list as one payload (Temporal's payload and history limits).
 *
 * The default is a file per campaign in the data folder (JSON lines, written atomically): it
 * needs nothing installed and every worker on the machine reads it. Workers on several machines
 * need a shared store: PostgreSQL behind the same interface (`pg-provider-store.ts`), chosen by
 * setting ZORGINKOOP_DATABASE_URL (`providerListStoreFor`; see docs/architecture.md).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ProviderSchema, type Provider } from '../policies/provider';
import { PgProviderListStore } from './pg-provider-store';

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

/** The embedded default: `<dataDir>/campaigns/<campaignId>.jsonl`. */
export class FileProviderListStore implements ProviderListStore {
  private cache = new Map<string, { mtimeMs: number; lines: string[] }>();

  constructor(readonly dataDir: string) {}

  private pathOf(campaignId: string): string {
    return join(this.dataDir, 'campaigns', `${encodeURIComponent(campaignId)}.jsonl`);
  }

  async save(campaignId: string, providers: Provider[]) {
    const path = this.pathOf(campaignId);
    await fs.mkdir(join(this.dataDir, 'campaigns'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, providers.map((p) => JSON.stringify(p)).join('\n') + '\n');
    await fs.rename(tmp, path); // readers see the old list or the new one, never half
    return { count: providers.length };
  }

  /** The list's lines, one entry each (the file ends with a newline). */
  private async lines(listId: string): Promise<string[]> {
    const path = this.pathOf(listId);
    const { mtimeMs } = await fs.stat(path);
    let cached = this.cache.get(listId);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const lines = (await fs.readFile(path, 'utf8')).split('\n');
      if (lines.at(-1) === '') lines.pop();
      cached = { mtimeMs, lines };
      this.cache.set(listId, cached);
    }
    return cached.lines;
  }

  async page(listId: string, offset: number, limit: number): Promise<Provider[]> {
    const page = await this.read(listId, offset, limit, Number.POSITIVE_INFINITY);
    if (page.problems.length) throw new Error(page.problems.map((p) => `${p.where}: ${p.problem}`).join('; '));
    return page.providers;
  }

  async read(listId: string, offset: number, limit: number, maxBytes: number): Promise<ProviderPage> {
    const path = this.pathOf(listId);
    const lines = await this.lines(listId);
    const entries = lines.slice(offset, offset + limit).map((text, i) => ({ position: offset + i, where: `${path} line ${offset + i + 1}`, text }));
    return pageOf(entries, limit, maxBytes);
  }

  /** Nothing to release; here so that either store can be closed the same way. */
  async close(): Promise<void> {}
}

/**
 * The store the configuration names: PostgreSQL when `databaseUrl` (ZORGINKOOP_DATABASE_URL) is
 * set, else the file store in `dataDir`. The caller closes it (the worker and CLI on exit).
 */
export function providerListStoreFor(config: { dataDir: string; databaseUrl?: string }): FileProviderListStore | PgProviderListStore {
  return config.databaseUrl ? new PgProviderListStore(config.databaseUrl) : new FileProviderListStore(config.dataDir);
}
