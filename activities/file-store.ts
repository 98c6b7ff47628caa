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
import { basename, join } from 'node:path';

/** A stored record and whether this call created it. */
export interface StoredRecord<T> {
  key: string;
  recordedAt: string;
  value: T;
}

/** A stored record that could not be read: which file, and what is wrong with it. */
export interface StoreProblem {
  file: string;
  problem: string;
}

/** The key a record file stands for, from its name (readable even when its content is not). */
export function keyOfFile(file: string): string {
  return decodeURIComponent(basename(file).replace(/\.json$/, ''));
}

/** Where the readers of a store report a record they had to skip. */
export type ProblemReporter = (problem: StoreProblem) => void;

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

  /** The record under `key`, or undefined; a record that cannot be read is an error naming its file. */
  async get(key: string): Promise<StoredRecord<T> | undefined> {
    const file = this.pathOf(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const parsed = parseRecord<T>(text);
    if ('problem' in parsed) throw new Error(`${file}: ${parsed.problem}`);
    return parsed.record;
  }

  /**
   * Every record, oldest first. A record that cannot be read (truncated, hand-edited) is skipped
   * and reported to `report` with its file, so that one bad file never hides the others.
   */
  async list(report: ProblemReporter = () => {}): Promise<StoredRecord<T>[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const read = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map(async (n) => ({ file: join(this.dir, n), parsed: parseRecord<T>(await fs.readFile(join(this.dir, n), 'utf8')) })),
    );
    const records: StoredRecord<T>[] = [];
    for (const { file, parsed } of read) {
      if ('problem' in parsed) report({ file, problem: parsed.problem });
      else records.push(parsed.record);
    }
    return records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.key.localeCompare(b.key));
  }
}

/** A stored record's text as a record, or what is wrong with it. */
function parseRecord<T>(text: string): { record: StoredRecord<T> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `not valid JSON (${(err as Error).message}); the record is skipped until the file is repaired or removed` };
  }
  const r = value as Partial<StoredRecord<T>> | null;
  if (!r || typeof r !== 'object' || typeof r.key !== 'string' || typeof r.recordedAt !== 'string' || !('value' in r)) {
    return { problem: 'not a stored record (expected key, recordedAt and value); the record is skipped until the file is repaired or removed' };
  }
  return { record: r as StoredRecord<T> };
}
