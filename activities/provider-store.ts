/**
 * Where a campaign's provider list lives, so that every worker can read it in pages and no
 * workflow carries the whole list as one payload (Temporal's payload and history limits).
 *
 * The default is a file per campaign in the data folder (JSON lines, written atomically): it
 * needs nothing installed and every worker on the machine reads it. Workers on several machines
 * need a shared store: PostgreSQL behind the same interface (`pg-provider-store.ts`), chosen by
 * setting ZORGINKOOP_DATABASE_URL (`providerListStoreFor`; see docs/architecture.md).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../policies/provider';
import { PgProviderListStore } from './pg-provider-store';

/** A campaign's provider list, read in pages. */
export interface ProviderListStore {
  /** Replaces the campaign's list (the file was validated whole before). */
  save(campaignId: string, providers: Provider[]): Promise<{ count: number }>;
  /** Providers `offset` to `offset + limit` in import order. */
  page(campaignId: string, offset: number, limit: number): Promise<Provider[]>;
}

/** The embedded default: `<dataDir>/campaigns/<campaignId>.jsonl`. */
export class FileProviderListStore implements ProviderListStore {
  private cache = new Map<string, { mtimeMs: number; providers: Provider[] }>();

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

  async page(campaignId: string, offset: number, limit: number): Promise<Provider[]> {
    const path = this.pathOf(campaignId);
    const { mtimeMs } = await fs.stat(path);
    let cached = this.cache.get(campaignId);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const text = await fs.readFile(path, 'utf8');
      cached = { mtimeMs, providers: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Provider) };
      this.cache.set(campaignId, cached);
    }
    return cached.providers.slice(offset, offset + limit);
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
