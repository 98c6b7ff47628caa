/**
 * The contract register: a signed offer is a contract (provider, locations, kind, tier, term,
 * start and end, the edition it came from); corrected evidence and withdrawals are amendments with
 * their effective day. Tables and columns as in `db/schema.ts`.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const contractRegister: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('contracts')
      .addColumn('contract_id', 'text', (c) => c.primaryKey())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'text')
      .addColumn('care_type', 'text', (c) => c.notNull())
      .addColumn('contract_kind', 'text', (c) => c.notNull())
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('locations', 'jsonb', (c) => c.notNull())
      .addColumn('tier', 'text')
      .addColumn('term_from', 'integer', (c) => c.notNull())
      .addColumn('term_to', 'integer', (c) => c.notNull())
      .addColumn('start_date', 'date', (c) => c.notNull())
      .addColumn('end_date', 'date', (c) => c.notNull())
      .addColumn('signed_on', 'date', (c) => c.notNull())
      .addColumn('signed_by', 'text')
      .addColumn('offer_id', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('contracts_term_in_order', sql`term_to >= term_from AND end_date >= start_date`)
      .execute();
    await db.schema.createIndex('contracts_agb').on('contracts').columns(['agb_code', 'care_type', 'term_to']).execute();

    await db.schema
      .createTable('contract_amendments')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      // Null: the contract is not in the register (signed before it existed); the amendment is kept all the same.
      .addColumn('contract_id', 'text', (c) => c.references('contracts.contract_id'))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('contract_kind', 'text', (c) => c.notNull())
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('effective_date', 'date', (c) => c.notNull())
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('contract_amendments_contract').on('contract_amendments').columns(['contract_id', 'effective_date']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('contract_amendments').execute();
    await db.schema.dropTable('contracts').execute();
  },
};
