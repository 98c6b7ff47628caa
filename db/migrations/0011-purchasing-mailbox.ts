/**
 * The purchasing mailbox: e-mail providers send to the purchasing address (zorginkoop@...),
 * kept once per Message-ID with its attachments, and where each was filed (mailbox/). The e-mail
 * outbox gains each e-mail's Message-ID and its threading headers, so a provider's reply is found
 * by its In-Reply-To and our answer is threaded to the question.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/** The outbox's Message-ID rule as it was when this migration was written (activities/mail.ts messageIdOf). */
const messageIdOf = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@zorginkoop.local>`;

export const purchasingMailbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('inbound_mail')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      // The sender's Message-ID (or one made from the message's bytes where it has none): a second delivery is the same row.
      .addColumn('message_id', 'text', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('from_address', 'text', (c) => c.notNull())
      .addColumn('from_name', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('in_reply_to', 'text')
      .addColumn('references', 'jsonb', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      // new -> filed | unassigned (-> filed by staff | set aside); a filer holds a lease while it places one.
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
      .addColumn('lease_until', 'timestamptz')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('workflow_id', 'text')
      .addColumn('question', 'integer')
      // subject | reply | staff: how it was placed; why it was not ({code, ...}: the console says it in the reader's language).
      .addColumn('placed_by', 'text')
      .addColumn('reason', 'jsonb')
      .addColumn('filed_at', 'timestamptz')
      .addColumn('filed_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('inbound_mail_status').on('inbound_mail').columns(['status', 'received_at']).execute();
    await db.schema
      .createTable('inbound_attachments')
      .addColumn('mail_id', 'integer', (c) => c.notNull().references('inbound_mail.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('inbound_attachments_pk', ['mail_id', 'position'])
      .execute();
    await db.schema.alterTable('email_outbox').addColumn('message_id', 'text').execute();
    await db.schema.alterTable('email_outbox').addColumn('in_reply_to', 'text').execute();
    await db.schema.alterTable('email_outbox').addColumn('references', 'text').execute();
    // The e-mails already queued get the Message-ID they were (or will be) sent with.
    // (The query builder, not raw SQL: the migrator's schema applies to it.)
    const outbox = db as Kysely<{ email_outbox: { idempotency_key: string; message_id: string | null } }>;
    const rows = await outbox.selectFrom('email_outbox').select('idempotency_key').execute();
    for (const { idempotency_key: key } of rows) await outbox.updateTable('email_outbox').set({ message_id: messageIdOf(key) }).where('idempotency_key', '=', key).execute();
    await db.schema.createIndex('email_outbox_message_id').on('email_outbox').column('message_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('email_outbox_message_id').execute();
    for (const column of ['references', 'in_reply_to', 'message_id']) await db.schema.alterTable('email_outbox').dropColumn(column).execute();
    await db.schema.dropTable('inbound_attachments').execute();
    await db.schema.dropTable('inbound_mail').execute();
  },
};
