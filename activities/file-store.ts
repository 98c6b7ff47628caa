/**
 * A folder of JSON records written at most once per key: the local stand-in for what the
 * portal and the provider finder keep. Writing the same key again returns the first record,
 * which is what makes a retried activity harmless.
 *
 * Create-once is atomic: the record is written to a temporary file and hard-linked into place;
 * `link` fails if the name exists, so two workers racing on one key keep exactly one record.
 * One folder serves one machine's workers; workers on several machines need a shared store
 * (the real portal and finder are that).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** A stored record and whether this call created it. */
export interface StoredRecord<T> {
  key: string;
  recordedAt: string;
  value: T;
}

/** Records of type T under one folder, keyed by an idempotency key. */
export class FileRecordStore<T> {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  /** Stores `value` under `key` unless a record is there; returns the record that is kept. */
  async putOnce(key: string, value: T): Promise<StoredRecord<T> & { created: boolean }> {
    await fs.mkdir(this.dir, { recursive: true });
    const record: StoredRecord<T> = { key, recordedAt: new Date().toISOString(), value };
    const tmp = join(this.dir, `.tmp-${randomUUID()}`);
    await fs.writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' });
    try {
      await fs.link(tmp, this.pathOf(key));
      return { ...record, created: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const existing = await this.get(key);
      if (!existing) throw new Error(`record ${key} exists but cannot be read`);
      return { ...existing, created: false };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** The record under `key`, or undefined. */
  async get(key: string): Promise<StoredRecord<T> | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.pathOf(key), 'utf8')) as StoredRecord<T>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Every record, oldest first. */
  async list(): Promise<StoredRecord<T>[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const records = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await fs.readFile(join(this.dir, n), 'utf8')) as StoredRecord<T>),
    );
    return records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.key.localeCompare(b.key));
  }
}
