/**
 * The archive of edition revisions in the one database: `campaign start` keeps the revision it
 * starts with, and a worker on any machine finds it there when its own editions folder has moved
 * on (EditionStore.load). A revision is written once; its content is the edition as data (the
 * calendar's words, not the dates resolved from them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { parseEdition, unresolved, type Edition } from '../policies/edition';
import { UnknownEditionError } from './unknown-edition';

export class EditionArchive {
  constructor(readonly database: Database) {}

  /** Keeps this revision (once). */
  async save(edition: Edition): Promise<void> {
    if (!edition.revision) return;
    const { revision, ...content } = edition;
    try {
      await this.database.db
        .insertInto('edition_revisions')
        .values({ edition_id: edition.id, revision, content: JSON.stringify(unresolved(content)) })
        .onConflict((c) => c.columns(['edition_id', 'revision']).doNothing())
        .execute();
    } catch (err) {
      throw this.database.failure(`archive edition ${edition.id} revision ${revision}`, err);
    }
  }

  /** The revision, if archived; one that cannot be read is an error (operations can repair it). */
  async find(id: string, revision: string): Promise<Edition | undefined> {
    const row = await this.database.db.selectFrom('edition_revisions').select('content').where('edition_id', '=', id).where('revision', '=', revision).executeTakeFirst();
    if (!row) return undefined;
    try {
      return parseEdition(row.content, `${this.database.where} edition_revisions ${id}@${revision}`, revision);
    } catch (err) {
      throw new UnknownEditionError(`edition '${id}' revision ${revision}: the archived revision cannot be read: ${(err as Error).message}`, true);
    }
  }

  /** Every archived revision of an edition, oldest first. */
  async revisions(id: string): Promise<Edition[]> {
    const rows = await this.database.db.selectFrom('edition_revisions').select(['revision', 'content']).where('edition_id', '=', id).orderBy('archived_at').execute();
    return rows.map((r) => parseEdition(r.content, `${this.database.where} edition_revisions ${id}@${r.revision}`, r.revision));
  }
}

/**
 * Revisions an older install archived as files (`<data folder>/edition-revisions/<id>@<revision>.json`),
 * taken into the database once (a revision already there is kept). Returns how many were read; a
 * file that cannot be read is named in `problems` and left where it is.
 */
export async function importArchiveFolder(archive: EditionArchive, folder: string): Promise<{ imported: number; problems: string[] }> {
  if (!existsSync(folder)) return { imported: 0, problems: [] };
  const problems: string[] = [];
  let imported = 0;
  for (const name of readdirSync(folder).filter((n) => /^[^@]+@[0-9a-f]{12}\.json$/.test(n))) {
    const [id, revision] = name.slice(0, -'.json'.length).split('@') as [string, string];
    try {
      await archive.save(parseEdition(JSON.parse(readFileSync(join(folder, name), 'utf8')), join(folder, name), revision));
      imported++;
    } catch (err) {
      problems.push(`${join(folder, name)} (${id}): ${(err as Error).message}`);
    }
  }
  return { imported, problems };
}
