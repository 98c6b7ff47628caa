/**
 * Where staff hear that something waits for them: an assessment past the answer target, or a
 * provider's request for a new product. The inbox is a table of the database, which staff read;
 * a ticket system would sit behind the same interface.
 */
import type { Database } from '../db/database';
import { BusinessRefusal } from './refusal';

/** The staff inbox (a ticket system, a mailbox) refused a message for a business reason. */
export class StaffInboxRefusal extends BusinessRefusal {
  override name = 'StaffInboxRefusal';
}

/** A message to staff. */
export interface StaffMessage {
  idempotencyKey: string;
  kind: 'escalation' | 'new-product-request' | 'question-overdue';
  policyId: string;
  agbCode: string;
  providerName: string;
  /** What waits, in one sentence. */
  text: string;
  sentAt: string;
  details?: Record<string, unknown>;
}

/** The staff inbox, behind an interface. */
export interface StaffInbox {
  notify(message: StaffMessage): Promise<void>;
}

/** The staff inbox in the database: one message per idempotency key, read by the CLI (and the console). */
export class LocalStaffInbox implements StaffInbox {
  constructor(readonly database: Database) {}

  async notify(message: StaffMessage) {
    try {
      await this.database.db
        .insertInto('staff_messages')
        .values({ idempotency_key: message.idempotencyKey, kind: message.kind, policy_id: message.policyId, agb_code: message.agbCode, sent_at: message.sentAt, message: JSON.stringify(message) })
        .onConflict((c) => c.column('idempotency_key').doNothing())
        .execute();
    } catch (err) {
      throw this.database.failure(`record the staff message ${message.idempotencyKey}`, err);
    }
  }

  /** Every message, oldest first. */
  async messages(): Promise<StaffMessage[]> {
    try {
      return (await this.database.db.selectFrom('staff_messages').select('message').orderBy('id').execute()).map((r) => r.message as unknown as StaffMessage);
    } catch (err) {
      throw this.database.failure('read the staff messages', err);
    }
  }
}
