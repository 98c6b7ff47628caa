/**
 * The VECOZO Zorginkoopportaal as this product uses it: invitations, contract offers, and
 * closing an offer that can no longer be signed. Every call carries an idempotency key; the
 * same key twice is the same message, never a second one.
 */
import type { Database } from '../db/database';
import { queueEmail } from './mail';
import type { IsoDate } from '../policies/calendar';
import { BusinessRefusal } from './refusal';

/** An invitation to the individual purchase conversation (inkoopgesprek). */
export interface InvitationRequest {
  idempotencyKey: string;
  policyId: string;
  agbCode: string;
  providerName: string;
  /** The business date of sending: the workflow's time, so tests and replays agree. */
  sentAt: string;
  /** The day the policy plans the invitations by. */
  invitationBy?: IsoDate;
  /** The provider's e-mail address, where its record has one: the message goes there too. */
  email?: string;
}

/** A contract offer (contractaanbod) to be signed in the portal. */
export interface OfferRequest {
  idempotencyKey: string;
  policyId: string;
  agbCode: string;
  providerName: string;
  contractKind: string;
  sentAt: string;
  offeredOn: IsoDate;
  signingDeadline: IsoDate;
  /** The tier offered, where the kind has tiers. */
  tier?: string;
  /** The contract's term in years. */
  term?: { fromYear: number; toYear: number };
  /** A late application's start: never retroactive. */
  startDate?: IsoDate;
  email?: string;
}

/** What else the portal sends a provider. */
export type NoticeKind = 'tariff-annex' | 'questionnaire' | 'documents-request' | 'reminder' | 'contract-amendment' | 'withdrawal' | 'deadline-moved';

/** A message to the provider in the portal other than an invitation or an offer. */
export interface NoticeRequest {
  idempotencyKey: string;
  kind: NoticeKind;
  policyId: string;
  agbCode: string;
  providerName: string;
  sentAt: string;
  /** What the provider reads, in one sentence. */
  text: string;
  /** The facts behind it (deadline, documents, tier, effective date ...). */
  details?: Record<string, unknown>;
  email?: string;
}

/** Withdraws an offer that was refused or not signed in time, so it can no longer be signed. */
export interface CloseOfferRequest {
  idempotencyKey: string;
  agbCode: string;
  offerId: string;
  reason: 'refused' | 'expired' | 'withdrawn' | 'contract-year-ended';
  closedAt: string;
  providerName?: string;
  policyId?: string;
  email?: string;
}

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

/** A message as the local portal keeps it. */
export type PortalMessage =
  | ({ kind: 'invitation' } & InvitationRequest)
  | ({ kind: 'offer' } & OfferRequest)
  | ({ kind: 'offer-closed' } & CloseOfferRequest)
  | NoticeRequest;

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
