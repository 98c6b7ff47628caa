/**
 * The record of applied spreadsheet imports (`import_runs`, migration 0014): the console and the
 * CLI (`import --apply`) write one row per applied file; the worker's metrics sum them
 * (`zorginkoop_import_rows`, activities/metrics.ts).
 */
import type { Database } from '../db/database';

export interface ImportRun {
  kind: string;
  source: 'console' | 'cli';
  actor: string;
  fileName: string;
  policyId?: string;
  counts: { changed: number; unchanged: number; errors: number };
}

/** Keeps one applied import. */
export async function recordImportRun(database: Database, run: ImportRun): Promise<void> {
  await database.db
    .insertInto('import_runs')
    .values({ kind: run.kind, source: run.source, actor: run.actor, file_name: run.fileName, policy_id: run.policyId ?? null, changed: run.counts.changed, unchanged: run.counts.unchanged, errors: run.counts.errors })
    .execute();
}
