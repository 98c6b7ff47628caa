/**
 * The e-mail outbox: every notice to a provider as an e-mail, written in the same transaction as
 * its portal message and sent by the relay (activities/mail.ts). One row per idempotency key.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const emailOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('email_outbox')
      .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
      .addColumn('policy_id', 'text')
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      // Null: the provider record has no address; staff are told (`mail status`), nothing is sent.
      .addColumn('to_address', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      // pending -> sent; no-address stays; a send in progress holds a lease until `lease_until`.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('lease_until', 'timestamptz')
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('sent_at', 'timestamptz')
      .addColumn('smtp_response', 'text')
      .execute();
    await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('email_outbox').execute();
  },
};
