/**
 * Issue 25, part 4, PostgreSQL's own archive: `zorginkoop backup --pg-dump` where a pg_dump of
 * the server's version is at hand, and `zorginkoop restore` of that archive, through the built
 * CLI. This machine's pg_dump is Debian's (PostgreSQL 15 on Debian 12), so the server here is
 * Debian's PostgreSQL too (a private one, `startPrivateServer({ binDir })`); against the run's
 * PostgreSQL 18 an older pg_dump is refused with what to do.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Database, MIGRATIONS } from '../../db/database';
import { startPrivateServer, type PrivateServer } from '../../db/embedded';
import { testDatabase } from '../helpers/database';
import { everyRow, otherRows, sequences, trackActivities } from '../helpers/record';

const root = join(__dirname, '..', '..');
/** Debian's newest PostgreSQL (CI installs `postgresql`): its server, and its pg_dump through ZORGINKOOP_POSTGRES_BIN_DIR. */
const debianVersion = (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : []).map(Number).filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_dump`)).sort((a, b) => b - a)[0];
const DEBIAN = `/usr/lib/postgresql/${debianVersion}/bin`;
let server: PrivateServer;
let source: Database;
let dir: string;
const open: Database[] = [];

const run = (argv: string[], database: { url: string; schema: string }) =>
  new Promise<{ code: number; out: string; err: string }>((done) =>
    execFile(process.execPath, [join(root, 'bin', 'zorginkoop.js'), ...argv], { env: { ...process.env, ZORGINKOOP_DATA_DIR: dir, ZORGINKOOP_POSTGRES_BIN_DIR: DEBIAN, ZORGINKOOP_DATABASE_URL: database.url, ZORGINKOOP_DATABASE_SCHEMA: database.schema } }, (err, out, errText) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText }),
    ),
  );
const inDatabase = (name: string) => {
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
};

beforeAll(async () => {
  if (!debianVersion) throw new Error("this test needs Debian's PostgreSQL in /usr/lib/postgresql (apt-get install postgresql), as .ci/run installs it");
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'zorginkoop-pgdump-'));
  server = await startPrivateServer({ binDir: DEBIAN });
  source = new Database(server.url, { schema: 'record' });
  open.push(source);
  await source.migrate();
  await trackActivities(source);
  await otherRows(source);
});
afterAll(async () => {
  await Promise.all(open.map((d) => d.close()));
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('backup --pg-dump, then restore into an empty database: every table, every row, every sequence, the same; a replay adds nothing', async () => {
  const file = join(dir, 'record.pgdump');
  const made = await run(['backup', '--pg-dump', '--out', file], source);
  expect(made.err).toBe('');
  expect(made.out).toMatch(new RegExp(`pg_dump archive of .* schema record written to .*record\\.pgdump by ${DEBIAN}/pg_dump \\(PostgreSQL ${debianVersion}\\), at migration ${Object.keys(MIGRATIONS).at(-1)!}`));
  expect(made.out).not.toContain(new URL(server.url).password);

  await sql`CREATE DATABASE restored`.execute(source.db);
  const target = { url: inDatabase('restored'), schema: 'record' };
  const back = await run(['restore', file], target);
  expect(back.err).toBe('');
  expect(back.out).toContain(`the schema is at migration ${Object.keys(MIGRATIONS).at(-1)!}`);
  const restored = new Database(target.url, { schema: 'record' });
  open.push(restored);
  const before = await everyRow(source);
  expect(Object.values(before).filter((rows) => rows.length === 0)).toEqual([]);
  expect(await everyRow(restored)).toEqual(before);
  expect(await sequences(restored)).toEqual(await sequences(source));
  await restored.migrate();
  await trackActivities(restored);
  expect(await everyRow(restored)).toEqual(before);

  // Not into a schema of another name (the archive names its own), nor into one that is not empty.
  await sql`CREATE DATABASE other`.execute(source.db);
  const renamed = await run(['restore', file], { url: inDatabase('other'), schema: 'elsewhere' });
  expect(renamed.code).toBe(2);
  expect(renamed.err).toContain('is a pg_dump archive of schema record; pg_restore brings it back into that schema only: set ZORGINKOOP_DATABASE_SCHEMA=record');
  const again = await run(['restore', file], target);
  expect(again.code).toBe(2);
  expect(again.err).toMatch(/schema record is not empty: it holds 21 tables \(audit_log/);

  // A truncated archive: pg_restore fails in its one transaction, and nothing of it stays.
  const cut = join(dir, 'cut.pgdump');
  const bytes = readFileSync(file);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  await sql`CREATE DATABASE cut`.execute(source.db);
  const truncated = await run(['restore', cut], { url: inDatabase('cut'), schema: 'record' });
  expect(truncated.code).toBe(2);
  expect(truncated.err).toMatch(/cut\.pgdump (cannot be read as a pg_dump archive|has no zorginkoop_migrations rows|.*nothing of it was written: one transaction)/);
  const cutDatabase = new Database(inDatabase('cut'), { schema: 'record' });
  open.push(cutDatabase);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'record'`.execute(cutDatabase.db);
  expect(rows[0]!.n).toBe(0);
});

test("against a newer server than the pg_dump here, --pg-dump is refused, saying which it found and what to do", async () => {
  const newer = await testDatabase('pg_dump_newer');
  open.push(newer);
  const result = await run(['backup', '--pg-dump', '--out', join(dir, 'newer.pgdump')], newer);
  expect(result.code).toBe(1);
  expect(result.err).toMatch(/no pg_dump of PostgreSQL 18 or later here \(.*pg_dump is version \d+.*\): the server is PostgreSQL 18; set ZORGINKOOP_POSTGRES_BIN_DIR .* or leave out --pg-dump/);
  expect(existsSync(join(dir, 'newer.pgdump'))).toBe(false);
});
