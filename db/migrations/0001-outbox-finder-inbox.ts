/**
 * The first schema: campaign provider lists, the portal outbox, the staff inbox and the finder's
 * listings. Tables and columns as in `db/schema.ts`.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const outboxFinderInbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('campaign_lists')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey())
      .addColumn('provider_count', 'integer', (c) => c.notNull())
      .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('campaign_providers')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('provider', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_providers_pk', ['campaign_id', 'position'])
      .execute();

    for (const table of ['portal_messages', 'staff_messages'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => (table === 'staff_messages' ? c.notNull() : c))
        .addColumn('agb_code', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('message', 'jsonb', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex(`${table}_agb`).on(table).columns(['agb_code', 'id']).execute();
    }

    await db.schema
      .createTable('finder_listings')
      .addColumn('listing_id', 'text', (c) => c.primaryKey())
      .addColumn('publication_key', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('contract_year', 'integer', (c) => c.notNull())
      .addColumn('contract_kind', 'text', (c) => c.notNull())
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('location_agb_code', 'text', (c) => c.notNull())
      .addColumn('location_name', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('published_on', 'date', (c) => c.notNull())
      .addColumn('withdrawn_on', 'date')
      .addColumn('withdrawal_key', 'text')
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('finder_listings_publication').on('finder_listings').column('publication_key').execute();
    await db.schema.createIndex('finder_listings_city').on('finder_listings').expression(sql`lower(city)`).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['finder_listings', 'staff_messages', 'portal_messages', 'campaign_providers', 'campaign_lists']) await db.schema.dropTable(table).execute();
  },
};
