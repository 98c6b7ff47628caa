/**
 * A record with rows in every table, written through the product's own activities and stores
 * where they write it (test/cli/backup*.test.ts), and every table's rows for comparing two.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createActivities, localDeps } from '../../activities';
import { DatabaseProviderListStore } from '../../activities/provider-store';
import type { Database } from '../../db/database';
import { ProviderSchema, type Provider } from '../../policies/provider';

const root = join(__dirname, '..', '..');

/** Every table of a schema (information_schema), with its rows as the server writes them, in one order. */
export async function everyRow(database: Database): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${database.schema} AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(database.db);
  const result: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const { rows } = await sql<{ r: string }>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(`${database.schema}.${table_name}`)} t ORDER BY 1`.execute(database.db);
    result[table_name] = rows.map((r) => r.r);
  }
  return result;
}

export const sequences = async (database: Database) =>
  (await sql<{ sequencename: string; last_value: string | null }>`SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = ${database.schema} ORDER BY 1`.execute(database.db)).rows;

const providers = (JSON.parse(readFileSync(join(root, 'data/samples/paramedisch-2027-providers.json'), 'utf8')) as unknown[]).map((p) => ProviderSchema.parse(p)) as Provider[];
const agbCode = providers[0]!.agbCode;
const locations = [{ agbCode, name: 'Praktijk Oost', city: 'Utrecht' }];
const key = (what: string) => `contracting/paramedisch-2027/${agbCode}/${what}`;

/** What a track's activities asked of the record: run once before the backup, and again on the restored record. */
export async function trackActivities(database: Database): Promise<void> {
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
export async function otherRows(database: Database): Promise<void> {
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
  await sql`INSERT INTO ${t('import_runs')} (kind, source, actor, file_name, policy_id, changed, unchanged, errors) VALUES ('refusals', 'cli', 'j.jansen', 'weigeringen.csv', 'paramedisch-2027', 3, 1, 2)`.execute(database.db);
  await sql`INSERT INTO ${t('inbound_attachments')} (mail_id, position, filename, content_type, size, sha256, content) VALUES (${rows[0]!.id}, 0, 'bijlage.pdf', 'application/pdf', 256, 'x', ${everyByte})`.execute(database.db);
}

