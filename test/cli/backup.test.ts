/**
 * Issue 25, part 4: `zorginkoop backup` and `zorginkoop restore` through the built CLI
 * (bin/zorginkoop.js) on the run's database. A schema filled through the product's own activities
 * and stores (portal outbox and e-mail, register, finder, audit log, staff inbox, campaign lists,
 * contract documents) and with a row in every other table (console, rehearsals, inbound mail) is
 * backed up, restored into a fresh schema, and every table's rows compared: all the tables the
 * migrations make, listed from information_schema, not a chosen few. Then the same activities run
 * again on the restored record (a replay after a restore) add no row, and the relay sends nothing
 * it had sent. The same commands on an installation's embedded database (`npm run database`'s
 * kind, reached with its password file). Refusals: a schema that is not empty, a truncated file, a
 * file that is no backup.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Migrator, sql } from 'kysely';
import { EmailRelay } from '../../activities/mail';
import { Database, MIGRATIONS } from '../../db/database';
import { startInstallationDatabase } from '../../db/embedded';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { testDatabase } from '../helpers/database';
import { everyRow, otherRows, sequences, trackActivities } from '../helpers/record';

const root = join(__dirname, '..', '..');
let source: Database;
let restored: Database;
let catcher: MailCatcher;
let dir: string;

const run = (argv: string[], database: { url: string; schema: string }) =>
  new Promise<{ code: number; out: string; err: string }>((done) =>
    execFile(process.execPath, [join(root, 'bin', 'zorginkoop.js'), ...argv], { env: { ...process.env, ZORGINKOOP_DATA_DIR: dir, ZORGINKOOP_DATABASE_URL: database.url, ZORGINKOOP_DATABASE_SCHEMA: database.schema } }, (err, out, errText) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText }),
    ),
  );

/** A schema name nobody has made yet. */
const freshSchema = (name: string) => ({ url: source.url, schema: `t_${name}_${Math.random().toString(16).slice(2, 10)}` });

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'zorginkoop-backup-'));
  catcher = await startMailCatcher();
  source = await testDatabase('backup_source');
  await trackActivities(source);
  await otherRows(source);
  // What was due went out before the backup: the restored outbox says sent.
  const relay = new EmailRelay(source, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'zorginkoop@zorgverzekeraar.example', log: () => {} });
  expect(await relay.sendDue()).toBeGreaterThanOrEqual(3);
});
afterAll(async () => {
  await Promise.all([source?.close(), restored?.close(), catcher?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

test('backup, then restore into a fresh schema: every table of the migrations, every row, every sequence, the same', async () => {
  const before = await everyRow(source);
  const empty = Object.entries(before).filter(([, rows]) => rows.length === 0).map(([table]) => table);
  expect(empty).toEqual([]); // every table has rows, so every table is compared
  expect(Object.keys(before).length).toBeGreaterThanOrEqual(19);

  const file = join(dir, 'record.backup.gz');
  const made = await run(['--json', 'backup', '--out', file], source);
  expect(made.err).toBe('');
  expect(made.code).toBe(0);
  expect(JSON.parse(made.out)).toMatchObject({ file, migration: Object.keys(MIGRATIONS).at(-1), rows: Object.values(before).reduce((n, r) => n + r.length, 0) });
  expect(made.out).not.toMatch(/password|secret/i);

  const target = freshSchema('restored');
  const back = await run(['restore', file], target);
  expect(back.err).toBe('');
  expect(back.code).toBe(0);
  expect(back.out).toMatch(new RegExp(`restored \\d+ row\\(s\\) in ${Object.keys(before).length} tables .* schema ${target.schema}, from the backup of .* schema ${source.schema}`));
  expect(back.out).toContain(`the schema is at migration ${Object.keys(MIGRATIONS).at(-1)!}`);

  restored = new Database(target.url, { schema: target.schema });
  expect(await everyRow(restored)).toEqual(before);
  expect(await sequences(restored)).toEqual(await sequences(source));
  // The restored schema is the migrator's: it finds nothing to do, and the product's stores read it.
  await restored.migrate();
  expect(await everyRow(restored)).toEqual(before);
  // A new id after the restore follows the old ones (the sequences came back), never reuses one.
  const { rows } = await sql<{ id: number }>`INSERT INTO ${sql.table(`${restored.schema}.portal_messages`)} (idempotency_key, kind, policy_id, agb_code, sent_at, message) VALUES ('new', 'reminder', 'p', 'a', 's', '{}') RETURNING id`.execute(restored.db);
  const { rows: old } = await sql<{ max: number }>`SELECT max(id) AS max FROM ${sql.table(`${source.schema}.portal_messages`)}`.execute(source.db);
  expect(old[0]!.max).toBeGreaterThan(1);
  expect(rows[0]!.id).toBeGreaterThan(old[0]!.max);
});

test('replaying after a restore sends nothing twice: the same activities add no row, and the relay sends nothing it had sent', async () => {
  expect(restored).toBeDefined();
  const before = await everyRow(restored);
  const mails = catcher.received.length;
  await trackActivities(restored);
  expect(await everyRow(restored)).toEqual(before);
  const relay = new EmailRelay(restored, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'zorginkoop@zorgverzekeraar.example', log: () => {} });
  expect(await relay.sendDue()).toBe(0);
  expect(catcher.received).toHaveLength(mails);
});

test("a backup of an older version's schema comes back at its migration; the later ones run at the next start, as after an upgrade", async () => {
  // A schema as the version of 0012 left it (made by that version's migrations), with a row in it.
  const OLDER = '0012-contract-documents';
  const later = Object.keys(MIGRATIONS).slice(Object.keys(MIGRATIONS).indexOf(OLDER) + 1);
  const old = freshSchema('older_source');
  const oldDb = new Database(old.url, { schema: old.schema });
  try {
    await sql`CREATE SCHEMA ${sql.id(old.schema)}`.execute(oldDb.db);
    const migrator = new Migrator({ db: oldDb.db, provider: { getMigrations: async () => MIGRATIONS }, migrationTableSchema: old.schema, migrationTableName: 'zorginkoop_migrations', migrationLockTableName: 'zorginkoop_migrations_lock' });
    expect((await migrator.migrateTo(OLDER)).error).toBeUndefined();
    await trackActivities(oldDb);
  } finally {
    await oldDb.close();
  }
  const olderFile = join(dir, 'older.backup.gz');
  expect(await run(['backup', '--out', olderFile], old)).toMatchObject({ code: 0, out: expect.stringContaining(`at migration ${OLDER}`) });

  const target = freshSchema('older');
  const back = await run(['restore', olderFile], target);
  expect(back.err).toBe('');
  expect(back.out).toContain(`the schema is at migration ${OLDER}; the ${later.length} later migration(s) (${later.join(', ')}) run when a worker or the CLI next starts`);
  const database = new Database(target.url, { schema: target.schema });
  try {
    const index = sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = ${target.schema} AND indexname = 'audit_log_questions'`;
    expect((await index.execute(database.db)).rows[0]!.n).toBe(0);
    await database.migrate();
    expect((await index.execute(database.db)).rows[0]!.n).toBe(1);
    expect(await database.db.selectFrom('import_runs').selectAll().execute()).toEqual([]);
    expect((await database.db.selectFrom('audit_log').select('idempotency_key').execute()).length).toBeGreaterThan(0);
  } finally {
    await database.close();
  }
});

test("the embedded database (npm run database): restore a backup into its empty record, back it up again, the same rows; the password printed nowhere", async () => {
  // A folder the server's user can pass through where the tests run as root (PostgreSQL runs as `postgres` then).
  const base = mkdtempSync(join(tmpdir(), 'zorginkoop-backup-installation-'));
  chmodSync(base, 0o711);
  const dataDir = join(base, 'data');
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as { port: number }).port;
  await new Promise((done) => probe.close(done));
  const installation = await startInstallationDatabase({ dataDir, port });
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_DATABASE_PORT: String(port) };
    delete env.ZORGINKOOP_DATABASE_URL;
    delete env.ZORGINKOOP_DATABASE_SCHEMA;
    const embedded = (argv: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((done) =>
        execFile(process.execPath, [join(root, 'bin', 'zorginkoop.js'), ...argv], { env }, (err, out, errText) =>
          done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText }),
        ),
      );
    const file = join(dir, 'for-embedded.backup.gz');
    expect((await run(['backup', '--out', file], source)).code).toBe(0);
    const back = await embedded(['restore', file]);
    expect(back.err).toBe('');
    expect(back.out).toContain(`into 127.0.0.1:${port}/zorginkoop, from the backup of`);
    const again = join(dir, 'from-embedded.backup.gz');
    const made = await embedded(['backup', '--out', again]);
    expect(made.err).toBe('');
    const password = readFileSync(join(dataDir, 'database.secret'), 'utf8').trim();
    for (const text of [back.out, made.out, gunzipSync(readFileSync(again)).toString('utf8')]) expect(text).not.toContain(password);
    const rowsOf = (f: string) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').filter((l) => l.startsWith('{"r":')).sort();
    expect(rowsOf(again)).toEqual(rowsOf(file));
  } finally {
    await installation.stop();
    rmSync(base, { recursive: true, force: true });
  }
});

describe('refusals (exit 2, nothing written)', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'refusals.backup.gz');
    expect((await run(['backup', '--out', file], source)).code).toBe(0);
  });
  const nothingIn = async (target: { url: string; schema: string }) => {
    const database = new Database(target.url, { schema: target.schema });
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${target.schema}`.execute(database.db);
      return rows[0]!.n === 0;
    } finally {
      await database.close();
    }
  };

  test('a schema that is not empty is refused, naming what is there', async () => {
    const result = await run(['restore', file], source);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`schema ${source.schema} is not empty: it holds 21 tables \\(audit_log, campaign_lists, .*\\) and 6 sequences \\(audit_log_id_seq`));
    expect(result.err).toContain('a restore goes into an empty schema only');
  });

  test('a truncated file (compressed, or its lines cut) is refused, saying where, and nothing of it stays', async () => {
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.backup.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const target = freshSchema('cut');
    const result = await run(['restore', cut], target);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cut\.backup\.gz is truncated: its compressed data ends after line \d+, before the backup's end/);
    expect(await nothingIn(target)).toBe(true);

    const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
    const short = join(dir, 'short.backup');
    writeFileSync(short, `${lines.slice(0, -1).join('\n')}\n`);
    const second = await run(['restore', short], target);
    expect(second.code).toBe(2);
    expect(second.err).toContain(`short.backup is truncated: it ends at line ${lines.length - 1}, before the backup's end line`);
    expect(await nothingIn(target)).toBe(true);
  });

  test('a file that is not a backup is refused', async () => {
    const csv = join(dir, 'contracts.csv');
    writeFileSync(csv, 'agb;naam\n01234567;Praktijk\n');
    const target = freshSchema('csv');
    const result = await run(['restore', csv], target);
    expect(result.code).toBe(2);
    expect(result.err).toContain("contracts.csv is not a zorginkoop backup (its first line is not a backup's header");
    expect(await nothingIn(target)).toBe(true);
  });
});

test('a backup is the record at one instant: written beside a worker sending messages, its outbox and portal always agree', async () => {
  const database = await testDatabase('backup_consistent');
  try {
    // A table read between the outbox and the portal, large enough that writes land while it is read.
    await sql`INSERT INTO ${sql.table(`${database.schema}.finder_listings`)} (listing_id, publication_key, policy_id, contract_year, contract_kind, agb_code, provider_name, location_agb_code, location_name, city, published_on)
      SELECT 'l' || n, 'p' || n, 'zg-2026', 2026, 'zg', '01000001', repeat('Naam ', 40), '01000001', repeat('Locatie ', 40), 'Utrecht', '2026-01-01' FROM generate_series(1, 20000) n`.execute(database.db);
    const portal = new (await import('../../activities/portal')).LocalContractPortal(database);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await portal.sendInvitation({ idempotencyKey: `k/${written}`, policyId: 'zg-2026', agbCode: '01000001', providerName: 'A', sentAt: '2026-09-01T08:00:00.000Z', email: 'a@example.nl' });
        written++;
      }
    })();
    while (written < 5) await new Promise((r) => setTimeout(r, 5));
    const file = join(dir, 'consistent.backup.gz');
    const { backup } = await import('../../db/backup');
    await backup(database, file);
    writing = false;
    await writer;
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const count = (table: string) => Number(/"rows":(\d+)/.exec(lines.find((l) => l.startsWith(`{"end":"${table}"`))!)![1]);
    expect(written).toBeGreaterThan(count('portal_messages')); // the worker wrote on after the backup began
    expect(count('email_outbox')).toBe(count('portal_messages'));
  } finally {
    await database.close();
  }
});
