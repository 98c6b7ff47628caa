/**
 * Where staff hear that something waits for them: an assessment past the answer target.
 * The local inbox keeps each escalation on disk; a real one would mail or open a ticket.
 */
import { join } from 'node:path';
import { FileRecordStore } from './file-store';

/** An escalation to staff. */
export interface Escalation {
  idempotencyKey: string;
  policyId: string;
  agbCode: string;
  providerName: string;
  /** What waits, in one sentence. */
  text: string;
  waitingSince: string;
  escalatedAt: string;
}

/** The staff inbox, behind an interface. */
export interface StaffInbox {
  escalate(escalation: Escalation): Promise<void>;
}

/** The local staff inbox. */
export class LocalStaffInbox implements StaffInbox {
  readonly store: FileRecordStore<Escalation>;

  constructor(dataDir: string) {
    this.store = new FileRecordStore(join(dataDir, 'staff'));
  }

  async escalate(escalation: Escalation) {
    await this.store.putOnce(escalation.idempotencyKey, escalation);
  }

  /** Every escalation, oldest first. */
  async escalations(): Promise<Escalation[]> {
    return (await this.store.list()).map((r) => r.value);
  }
}
