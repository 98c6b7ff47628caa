/**
 * The policy editions this installation knows: the data files in the editions folder (the
 * repository's `editions/` unless ZORGINKOOP_EDITIONS_DIR names another), each with its revision
 * (a hash of its content), and every revision a track or campaign started with, kept in the
 * archive in the database (edition-archive.ts) so that editing a file never changes an open track
 * on any machine: the track keeps deciding with its own revision (an application re-evaluates under it).
 *
 * A file that cannot be read is named with its problems and left out; the others load.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Edition } from '../policies/edition';
import type { EditionArchive } from './edition-archive';
import { checkEditionText, formatProblem, type EditionFileProblem } from '../policies/edition-file';
import { UnknownEditionError } from './unknown-edition';

// Where they have always been found; apart so that the archive (edition-archive.ts) needs no store.
export { unresolved } from '../policies/edition';
export { UnknownEditionError } from './unknown-edition';

/** The repository's own editions folder (the default). */
export const DEFAULT_EDITIONS_DIR = join(__dirname, '..', 'editions');

/** JSON with keys in order, so that the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The revision of an edition: the first 12 hex digits of the SHA-256 of its content (comments and layout do not count). */
export function revisionOf(edition: Omit<Edition, 'revision'> | Edition): string {
  const { revision: _revision, ...content } = edition as Edition;
  return createHash('sha256').update(canonical(content)).digest('hex').slice(0, 12);
}

/** Where editions come from, and where the revisions of started tracks are kept. */
export interface EditionStoreOptions {
  /** The folder of edition files (default: the repository's `editions/`). */
  dir?: string;
  /** The archive of started revisions (the database); none: only the folder's current revisions. */
  archive?: EditionArchive;
  /** Further folders, read after `dir` (the demo edition `npm start` writes under the data folder). */
  extraDirs?: string[];
  /** Editions given in code (tests, rehearsals): they win over files of the same id. */
  extra?: Edition[];
}

/** The editions, current and archived. */
export class EditionStore {
  private readonly current = new Map<string, Edition>();
  private readonly byRevision = new Map<string, Edition>();
  /** Files that could not be read, with every problem and its line. */
  readonly problems: EditionFileProblem[] = [];
  readonly dir: string;
  readonly archive?: EditionArchive;

  constructor(options: EditionStoreOptions = {}) {
    this.dir = options.dir ?? DEFAULT_EDITIONS_DIR;
    this.archive = options.archive;
    for (const dir of [this.dir, ...(options.extraDirs ?? [])]) this.read(dir);
    for (const edition of options.extra ?? []) this.add(edition);
  }

  /** The edition files of a folder (none where it does not exist). */
  private read(dir: string): void {
    for (const name of existsSync(dir) ? readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort() : []) {
      const file = join(dir, name);
      const { edition, problems } = checkEditionText(readFileSync(file, 'utf8'), file);
      if (!edition) {
        this.problems.push(...problems);
        continue;
      }
      this.add({ ...edition, revision: revisionOf(edition) });
    }
  }

  private add(edition: Edition): void {
    this.current.set(edition.id, edition);
    if (edition.revision) this.byRevision.set(`${edition.id}@${edition.revision}`, edition);
  }

  /** Every current edition, by id. */
  list(): Edition[] {
    return [...this.current.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Is there a current edition with this id? */
  has(id: string): boolean {
    return this.current.has(id);
  }

  /**
   * The edition `id`: the current one, or the revision a track started with (from the folder or the
   * archive). An unknown id or revision is an error that names what there is.
   */
  get(id: string, revision?: string): Edition {
    const current = this.current.get(id);
    if (!revision || current?.revision === revision) {
      if (current) return current;
      const broken = this.problems.filter((p) => p.file.endsWith(`${id}.yaml`) || p.file.endsWith(`${id}.yml`));
      if (broken.length) throw new UnknownEditionError(`edition '${id}' cannot be read:\n${broken.map((p) => `  ${formatProblem(p)}`).join('\n')}`, true);
      throw new UnknownEditionError(`unknown policy edition '${id}'; known: ${[...this.current.keys()].sort().join(', ')}`);
    }
    const kept = this.byRevision.get(`${id}@${revision}`);
    if (!kept) throw new UnknownEditionError(`edition '${id}' revision ${revision} is not in the folder (now ${current?.revision ?? 'absent'}) nor ${this.archive ? `in the archive (${this.archive.database.where})` : 'in this process (no archive)'}`, true);
    return kept;
  }

  /**
   * As `get`, and a revision this process has not seen is looked up in the archive (and kept): what
   * a worker does for a track that started with a revision its folder no longer holds.
   */
  async load(id: string, revision?: string): Promise<Edition> {
    try {
      return this.get(id, revision);
    } catch (err) {
      if (!(err instanceof UnknownEditionError) || !err.fixable || !revision || !this.archive) throw err;
      let archived: Edition | undefined;
      try {
        archived = await this.archive.find(id, revision);
      } catch (cause) {
        if (cause instanceof UnknownEditionError) throw cause;
        throw new UnknownEditionError(`edition '${id}' revision ${revision}: the archive cannot be read now: ${(cause as Error).message}`, true);
      }
      if (!archived) throw err;
      this.byRevision.set(`${id}@${revision}`, archived);
      return archived;
    }
  }
}

/**
 * Where `npm start` writes its demo edition (ZG 2026 copied to the contract year in progress,
 * runtime/demo.ts; the fault runs copy hulpmiddelen 2026 there): a folder of the data folder, so
 * that it never lands among the real editions.
 */
export function demoEditionsDir(dataDir: string): string {
  return join(dataDir, 'demo');
}

/**
 * The store the configuration names: its editions folder, the demo edition where `npm start` wrote
 * one into the data folder, and the archive where one is given (the database's).
 */
export function editionStoreFor(config: { editionsDir?: string; dataDir?: string }, archive?: EditionArchive): EditionStore {
  return new EditionStore({ dir: config.editionsDir, ...(config.dataDir ? { extraDirs: [demoEditionsDir(config.dataDir)] } : {}), ...(archive ? { archive } : {}) });
}
