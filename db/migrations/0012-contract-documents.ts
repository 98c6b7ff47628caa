/**
 * The contract documents (docs/contract-document.md): every offer's, new tariff annex's and
 * corrected-evidence amendment's PDF, kept by its SHA-256, once per idempotency key. The hash also
 * goes with the e-mail that carries the PDF as an attachment, the contract a signed offer becomes,
 * and the amendment: anyone can prove which text was offered and signed. (0011 is a colleague's.)
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const contractDocuments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('contract_documents')
      .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
      .addColumn('bytes', 'bytea', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('offer', 'tariff-annex', 'amendment')`))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('contract_documents_agb').on('contract_documents').columns(['agb_code', 'created_at']).execute();
    // Null: no document (sent or signed before documents existed).
    await db.schema.alterTable('contracts').addColumn('document_sha256', 'text').execute();
    await db.schema.alterTable('contract_amendments').addColumn('document_sha256', 'text').execute();
    await db.schema.alterTable('email_outbox').addColumn('document_sha256', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('email_outbox').dropColumn('document_sha256').execute();
    await db.schema.alterTable('contract_amendments').dropColumn('document_sha256').execute();
    await db.schema.alterTable('contracts').dropColumn('document_sha256').execute();
    await db.schema.dropTable('contract_documents').execute();
  },
};
