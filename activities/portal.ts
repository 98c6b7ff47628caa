/**
 * The VECOZO Zorginkoopportaal as this product uses it: invitations, contract offers, and
 * closing an offer that can no longer be signed. Every call carries an idempotency key; the
 * same key twice is the same message, never a second one.
 */
import type { Database } from '../db/database';
import { queueEmail } from './mail';
import type { CloseOfferRequest, InvitationRequest, NoticeRequest, OfferRequest, PortalMessage } from './portal-messages';
import { BusinessRefusal } from './refusal';

export type { CloseOfferRequest, InvitationRequest, NoticeKind, NoticeRequest, OfferRequest, PortalMessage } from './portal-messages';

/**
 * The portal refused a message for a business reason (the provider is unknown to it, its VECOZO
 * certificate was withdrawn ...): retrying will not help, staff must look.
 */
export class PortalRefusal extends BusinessRefusal {
  override name = 'PortalRefusal';
}

/** What the portal says it has. */
export interface PortalReceipt {
  messageId: string;
}

/** The contract portal, behind an interface so the real one replaces the local one. */
export interface ContractPortal {
  sendInvitation(request: InvitationRequest): Promise<PortalReceipt>;
  sendOffer(request: OfferRequest): Promise<PortalReceipt>;
  closeOffer(request: CloseOfferRequest): Promise<PortalReceipt>;
  sendNotice(request: NoticeRequest): Promise<PortalReceipt>;
}

/**
 * The local stand-in for the VECOZO portal: every message goes to the outbox table of the
 * database, once per idempotency key, so the demo and staff see what a provider received, from
 * any machine. The same key twice returns the first message's receipt (a retried activity, or two
 * workers racing, keep exactly one message).
 */
export class LocalContractPortal implements ContractPortal {
  constructor(readonly database: Database) {}

  private async put(message: PortalMessage): Promise<PortalReceipt> {
    try {
      // The message and its e-mail in one transaction: both or neither, once per key.
      await this.database.db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('portal_messages')
          .values({
            idempotency_key: message.idempotencyKey,
            kind: message.kind,
            policy_id: 'policyId' in message ? message.policyId : null,
            agb_code: message.agbCode,
            sent_at: 'sentAt' in message ? message.sentAt : message.closedAt,
            message: JSON.stringify(message),
          })
          .onConflict((c) => c.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted) await queueEmail(tx, message);
      });
    } catch (err) {
      throw this.database.failure(`record the portal message ${message.idempotencyKey}`, err);
    }
    return { messageId: message.idempotencyKey };
  }

  sendInvitation(request: InvitationRequest) {
    return this.put({ kind: 'invitation', ...request });
  }

  sendOffer(request: OfferRequest) {
    return this.put({ kind: 'offer', ...request });
  }

  closeOffer(request: CloseOfferRequest) {
    return this.put({ kind: 'offer-closed', ...request });
  }

  sendNotice(request: NoticeRequest) {
    return this.put(request);
  }

  /** What one provider (or every provider) received, oldest first. */
  async messages(agbCode?: string): Promise<PortalMessage[]> {
    try {
      let query = this.database.db.selectFrom('portal_messages').select('message').orderBy('id');
      if (agbCode) query = query.where('agb_code', '=', agbCode);
      return (await query.execute()).map((r) => r.message as unknown as PortalMessage);
    } catch (err) {
      throw this.database.failure('read the portal messages', err);
    }
  }
}
