/**
 * `zorginkoop backup`: the record (every table in the configured schema, the migrations' own
 * bookkeeping included) as one consistent dump, on the embedded database and on a PostgreSQL
 * server alike (docs/database.md, "Backup and restore").
 *
 * Consistent: one read-only REPEATABLE READ transaction reads every table, so the dump is the
 * record at one instant while workers keep writing. The format is the product's own (gzip'd JSON
 * lines): a header with the migrations the schema has run and the tables with their columns; per
 * table a start line, one line per row (`{"r": to_jsonb(row)}` as the server writes it: bytea as
 * `\x` hex, times as ISO text with their microseconds, jsonb as JSON, numbers with every digit),
 * an end line with the row count; the
 * sequences' values; an end line with the totals. A file without its end line is truncated, and
 * restore (db/restore.ts) says so.
 *
 * Written to `<file>.partial` and renamed when complete: a failed backup leaves no file that
 * looks like a backup.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database';
import { DatabaseError } from './errors';
import type { Tables } from './schema';

/** What the first line of every backup says it is. */
export const BACKUP_FORMAT = 'zorginkoop-backup';
export const BACKUP_VERSION = 1;
/** The migrator's tables (db/database.ts): in the dump like every other, made by restore as Kysely makes them. */
export const MIGRATION_TABLE = 'zorginkoop_migrations';
export const MIGRATION_LOCK_TABLE = 'zorginkoop_migrations_lock';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** When the transaction that read the tables started (ISO). */
  takenAt: string;
  /** `host:port/db schema`, never a password. */
  source: string;
  schema: string;
  /** The migrations the schema had run, in order: the last is the dump's migration version. */
  migrations: string[];
  /** Every table, in an order that keeps foreign keys satisfied when restored. */
  tables: { name: string; columns: string[] }[];
}

export interface BackupSummary {
  file: string;
  migration: string;
  tables: { name: string; rows: number }[];
  rows: number;
  bytes: number;
}

/** Rows read from the server at a time (a cursor), so a large table never sits in memory whole. */
const FETCH = 500;

/** The schema's tables, parents before the tables whose foreign keys name them. */
export async function tablesOf(db: Kysely<Tables>, schema: string): Promise<{ name: string; columns: string[] }[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = ${schema} AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const { rows: references } = await sql<{ child: string; parent: string }>`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = ${schema}`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const bare = (name: string) => name.replace(/^.*\./, '').replace(/^"|"$/g, '');
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const r of references) if (bare(r.child) === table && bare(r.parent) !== table) visit(bare(r.parent), [...path, table]);
    ordered.push(table);
  };
  for (const table of [...byTable.keys()].sort()) visit(table, []);
  return ordered.filter((t) => byTable.has(t)).map((name) => ({ name, columns: byTable.get(name)! }));
}

/** Writes a consistent dump of `database`'s schema to `file`. */
export async function backup(database: Database, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial, { mode: 0o600 });
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  let lines = 0;
  const writeLine = async (line: string) => {
    lines++;
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const write = (value: unknown) => writeLine(JSON.stringify(value));
  try {
    const summary = await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        const schema = database.schema;
        const tables = await tablesOf(tx, schema);
        if (!tables.some((t) => t.name === MIGRATION_TABLE)) {
          throw new DatabaseError(`there is nothing to back up in ${database.where}: it has no ${MIGRATION_TABLE} table (the product's schema was never made there; check ZORGINKOOP_DATABASE_SCHEMA)`);
        }
        const { rows: migrations } = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.${MIGRATION_TABLE}`)} ORDER BY name`.execute(tx);
        const { rows: clock } = await sql<{ now: Date }>`SELECT now() AS now`.execute(tx);
        const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, takenAt: clock[0]!.now.toISOString(), source: database.where, schema, migrations: migrations.map((m) => m.name), tables };
        await write(header);
        const counts: { name: string; rows: number }[] = [];
        for (const table of tables) {
          await write({ table: table.name });
          let rows = 0;
          // The row as the server writes it as JSON text, never parsed here: a bigint or numeric keeps every digit.
          await sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${sql.table(`${schema}.${table.name}`)} t`.execute(tx);
          for (;;) {
            const { rows: page } = await sql<{ r: string }>`FETCH ${sql.lit(FETCH)} FROM backup_rows`.execute(tx);
            for (const { r } of page) await writeLine(`{"r":${r}}`);
            rows += page.length;
            if (page.length < FETCH) break;
          }
          await sql`CLOSE backup_rows`.execute(tx);
          await write({ end: table.name, rows });
          counts.push({ name: table.name, rows });
        }
        const { rows: sequences } = await sql<{ name: string; value: string | null }>`
          SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = ${schema} ORDER BY sequencename`.execute(tx);
        await write({ sequences: Object.fromEntries(sequences.map((s) => [s.name, s.value])) });
        const total = counts.reduce((n, t) => n + t.rows, 0);
        await write({ end: BACKUP_FORMAT, tables: counts.length, rows: total, lines: lines + 1 });
        return { migration: header.migrations.at(-1) ?? '', tables: counts, rows: total };
      });
    gzip.end();
    await written;
    renameSync(partial, file);
    return { file, ...summary, bytes: out.bytesWritten };
  } catch (err) {
    gzip.destroy();
    out.destroy();
    rmSync(partial, { force: true });
    throw database.failure(`back up ${database.schema}`, err);
  }
}
