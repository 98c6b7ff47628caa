/**
 * Where staff hear that something waits for them: an assessment past the answer target, or a
 * provider's request for a new product. The local inbox keeps each message on disk; a real one
 * would mail or open a ticket.
 */
import { join } from 'node:path';
import { FileRecordStore, type ProblemReporter } from './file-store';
import { BusinessRefusal } from './refusal';

/** The staff inbox (a ticket system, a mailbox) refused a message for a business reason. */
export class StaffInboxRefusal extends BusinessRefusal {
  override name = 'StaffInboxRefusal';
}

/** A message to staff. */
export interface StaffMessage {
  idempotencyKey: string;
  kind: 'escalation' | 'new-product-request';
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

/** The local staff inbox. */
export class LocalStaffInbox implements StaffInbox {
  readonly store: FileRecordStore<StaffMessage>;

  constructor(dataDir: string) {
    this.store = new FileRecordStore(join(dataDir, 'staff'));
  }

  async notify(message: StaffMessage) {
    await this.store.putOnce(message.idempotencyKey, message);
  }

  /** Every message, oldest first; unreadable records go to `report`. */
  async messages(report?: ProblemReporter): Promise<StaffMessage[]> {
    return (await this.store.list(report)).map((r) => r.value);
  }
}
