/**
 * Issue 25, part 4: `zorginkoop backup` and `zorginkoop restore` through the built CLI
 * (bin/zorginkoop.js) on the run's database. A schema filled through the product's own activities
 * and stores (portal outbox and e-mail, register, finder, audit log, staff inbox, campaign lists,
 * contract documents) and with a row in every other table (console, rehearsals, inbound mail) is
 * backed up, restored into a fresh schema, and every table's rows compared: all the tables the
 * migrations make, listed from information_schema, not a chosen few. Then the same activities run
 * again on the restored record (a replay after a restore) add no row, and the relay sends nothing
 * it had sent. Refusals: a schema that is not empty, a truncated file, a file that is no backup.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createActivities, localDeps } from '../../activities';
import { EmailRelay } from '../../activities/mail';
import { DatabaseProviderListStore } from '../../activities/provider-store';
import { Database } from '../../db/database';
import { ProviderSchema, type Provider } from '../../policies/provider';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { testDatabase } from '../helpers/database';

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

/** Every table of a schema (information_schema), with its rows as the server writes them, in one order. */
async function everyRow(database: Database): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${database.schema} AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(database.db);
  const result: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const { rows } = await sql<{ r: string }>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(`${database.schema}.${table_name}`)} t ORDER BY 1`.execute(database.db);
    result[table_name] = rows.map((r) => r.r);
  }
  return result;
}

const sequences = async (database: Database) =>
  (await sql<{ sequencename: string; last_value: string | null }>`SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = ${database.schema} ORDER BY 1`.execute(database.db)).rows;

const providers = (JSON.parse(readFileSync(join(root, 'data/samples/paramedisch-2027-providers.json'), 'utf8')) as unknown[]).map((p) => ProviderSchema.parse(p)) as Provider[];
const agbCode = providers[0]!.agbCode;
const locations = [{ agbCode, name: 'Praktijk Oost', city: 'Utrecht' }];
const key = (what: string) => `contracting/paramedisch-2027/${agbCode}/${what}`;

/** What a track's activities asked of the record: run once before the backup, and again on the restored record. */
async function trackActivities(database: Database): Promise<void> {
  const acts = createActivities(localDeps(database));
  const env = new MockActivityEnvironment();
  const email = 'praktijk@example.nl';
  await env.run(acts.sendInvitation, { idempotencyKey: key('invitation'), policyId: 'paramedisch-2027', agbCode, providerName: 'Praktijk Oost', sentAt: '2026-09-01T08:00:00.000Z', email });
  await env.run(acts.sendOffer, { idempotencyKey: key('offer'), policyId: 'paramedisch-2027', agbCode, providerName: 'Praktijk Oost', contractKind: 'fysiotherapie', sentAt: '2026-10-01T08:00:00.000Z', offeredOn: '2026-10-01', signingDeadline: '2026-11-01', term: { fromYear: 2027, toYear: 2027 }, locations, email });
  await env.run(acts.sendNotice, { idempotencyKey: key('reminder'), kind: 'reminder' as const, policyId: 'paramedisch-2027', agbCode, providerName: 'Praktijk Oost', sentAt: '2026-10-20T08:00:00.000Z', text: 'Uw aanbod wacht op ondertekening.', details: { deadline: '2026-11-01' } });
  await env.run(acts.registerContract, { policyId: 'paramedisch-2027', careType: 'paramedisch', contractKind: 'fysiotherapie', agbCode, providerName: 'Praktijk Oost', locations, term: { fromYear: 2027, toYear: 2027 }, startDate: '2027-01-01', endDate: '2027-12-31', signedOn: '2026-10-21', signedBy: 'j.jansen', offerId: key('offer') });
  await env.run(acts.publishInDirectory, { idempotencyKey: key('publication'), policyId: 'paramedisch-2027', contractYear: 2027, agbCode, providerName: 'Praktijk Oost', contractKind: 'fysiotherapie', locations, publishedOn: '2026-11-12' });
  await env.run(acts.recordAmendment, { idempotencyKey: key('withdrawal'), policyId: 'paramedisch-2027', contractKind: 'fysiotherapie', agbCode, kind: 'withdrawn' as const, effectiveDate: '2027-06-01', details: { reason: 'praktijk gesloten' } });
  await env.run(acts.recordAudit, { idempotencyKey: key('audit/1'), at: '2026-10-21T09:15:30.123Z', actor: 'j.jansen', action: 'CONTRACT_SIGNED', workflowId: key('fysiotherapie'), policyId: 'paramedisch-2027', agbCode, details: { note: 'getekend ✓ "met" \\ aanhalingstekens\nen een regel' } });
  await env.run(acts.notifyStaff, { idempotencyKey: key('escalation'), kind: 'escalation' as const, policyId: 'paramedisch-2027', agbCode, providerName: 'Praktijk Oost', text: 'Geen antwoord binnen de termijn.', sentAt: '2026-10-15T08:00:00.000Z' });
  await env.run(acts.sendAnswer, { idempotencyKey: key('answer/1'), policyId: 'paramedisch-2027', agbCode, providerName: 'Praktijk Oost', sentAt: '2026-10-05T08:00:00.000Z', subject: 'Vraag over het tarief', receivedOn: '2026-10-04', answer: 'Het tarief staat in bijlage 2.', email, inReplyTo: '<vraag-1@example.nl>', references: ['<vraag-1@example.nl>'] });
}

/** A row in each table no activity above writes: the console's, the rehearsals', the inbound mailbox's, the archive's. */
async function otherRows(database: Database): Promise<void> {
  const t = (name: string) => sql.table(`${database.schema}.${name}`);
  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  await new DatabaseProviderListStore(database).save('campaign/paramedisch-2027/backup-test', providers);
  await sql`INSERT INTO ${t('edition_revisions')} (edition_id, revision, content) VALUES ('paramedisch-2027', 'abc123', ${JSON.stringify({ id: 'paramedisch-2027', title: 'Fysiotherapie € 2027' })}::jsonb)`.execute(database.db);
  await sql`INSERT INTO ${t('console_users')} (username, display_name, role, password_hash, disabled_at) VALUES ('j.jansen', 'Jan Jansen', 'inkoper', 'scrypt$x$y', '2026-12-01T10:00:00.123456Z')`.execute(database.db);
  await sql`INSERT INTO ${t('console_sessions')} (sid, data, expires_at) VALUES ('s1', '{"user":"j.jansen"}', now() + interval '1 hour')`.execute(database.db);
  await sql`INSERT INTO ${t('console_uploads')} (id, username, kind, policy_id, file_name, data, report) VALUES ('u1', 'j.jansen', 'decisions', 'paramedisch-2027', 'besluiten.xlsx', ${everyByte}, NULL)`.execute(database.db);
  await sql`INSERT INTO ${t('rehearsals')} (id, edition_id, contract_year, title, providers, started_by, status) VALUES ('r1', 'paramedisch-2027', 2027, 'Proef', 12, 'j.jansen', 'done')`.execute(database.db);
  // A bigint past 2^53: a dump through JavaScript numbers would lose its last digit.
  await sql`INSERT INTO ${t('console_sign_in_limits')} (key, points, expire) VALUES ('j.jansen', 3, 9007199254740993)`.execute(database.db);
  const { rows } = await sql<{ id: number }>`INSERT INTO ${t('inbound_mail')} (message_id, source, received_at, from_address, from_name, subject, text, "references", size) VALUES ('<vraag-1@example.nl>', 'imap', '2026-10-04T07:59:59.999999Z', 'praktijk@example.nl', 'Praktijk Oost', 'Vraag over het tarief', 'Waar staat het tarief?', '[]', 120) RETURNING id`.execute(database.db);
  await sql`INSERT INTO ${t('inbound_attachments')} (mail_id, position, filename, content_type, size, sha256, content) VALUES (${rows[0]!.id}, 0, 'bijlage.pdf', 'application/pdf', 256, 'x', ${everyByte})`.execute(database.db);
}

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
  expect(JSON.parse(made.out)).toMatchObject({ file, migration: '0013-audit-log-questions', rows: Object.values(before).reduce((n, r) => n + r.length, 0) });
  expect(made.out).not.toMatch(/password|secret/i);

  const target = freshSchema('restored');
  const back = await run(['restore', file], target);
  expect(back.err).toBe('');
  expect(back.code).toBe(0);
  expect(back.out).toMatch(new RegExp(`restored \\d+ row\\(s\\) in ${Object.keys(before).length} tables .* schema ${target.schema}, from the backup of .* schema ${source.schema}`));
  expect(back.out).toContain('the schema is at migration 0013-audit-log-questions');

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
  const file = join(dir, 'older.backup.gz');
  expect((await run(['backup', '--out', file], source)).code).toBe(0);
  // The backup as a version before 0013 (an index only) wrote it: without that migration in its header and its table.
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as { migrations: string[] };
  header.migrations = header.migrations.filter((m) => m !== '0013-audit-log-questions');
  const older = lines.filter((l, i) => i === 0 || !l.includes('"0013-audit-log-questions"')).map((l) => (l.startsWith('{"end":"zorginkoop_migrations"') ? l.replace(/"rows":(\d+)/, (_, n: string) => `"rows":${Number(n) - 1}`) : l));
  older[0] = JSON.stringify(header);
  const end = JSON.parse(older.at(-1)!) as { rows: number; lines: number };
  older[older.length - 1] = JSON.stringify({ ...end, rows: end.rows - 1, lines: older.length });
  const olderFile = join(dir, 'older.backup');
  writeFileSync(olderFile, `${older.join('\n')}\n`);

  const target = freshSchema('older');
  const back = await run(['restore', olderFile], target);
  expect(back.err).toBe('');
  expect(back.out).toContain('the schema is at migration 0012-contract-documents; the 1 later migration(s) (0013-audit-log-questions) run when a worker or the CLI next starts');
  const database = new Database(target.url, { schema: target.schema });
  try {
    const index = sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = ${target.schema} AND indexname = 'audit_log_questions'`;
    expect((await index.execute(database.db)).rows[0]!.n).toBe(0);
    await database.migrate();
    expect((await index.execute(database.db)).rows[0]!.n).toBe(1);
    expect((await database.db.selectFrom('audit_log').select('idempotency_key').execute()).length).toBeGreaterThan(0);
  } finally {
    await database.close();
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
    expect(result.err).toMatch(new RegExp(`schema ${source.schema} is not empty: it holds 20 tables \\(audit_log, campaign_lists, .*\\) and 5 sequences \\(audit_log_id_seq`));
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
