/**
 * The VECOZO Zorginkoopportaal as this product uses it: invitations, contract offers, and
 * closing an offer that can no longer be signed. Every call carries an idempotency key; the
 * same key twice is the same message, never a second one.
 */
import { join } from 'node:path';
import type { IsoDate } from '../policies/calendar';
import { FileRecordStore, type ProblemReporter } from './file-store';
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
}

/** What else the portal sends a provider. */
export type NoticeKind = 'tariff-annex' | 'questionnaire' | 'documents-request' | 'reminder' | 'contract-amendment' | 'withdrawal';

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
}

/** Withdraws an offer that was refused or not signed in time, so it can no longer be signed. */
export interface CloseOfferRequest {
  idempotencyKey: string;
  agbCode: string;
  offerId: string;
  reason: 'refused' | 'expired' | 'withdrawn' | 'contract-year-ended';
  closedAt: string;
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

/** The local portal: keeps every message on disk so the demo shows what a provider received. */
export class LocalContractPortal implements ContractPortal {
  readonly store: FileRecordStore<PortalMessage>;

  constructor(dataDir: string) {
    this.store = new FileRecordStore(join(dataDir, 'portal'));
  }

  private async put(message: PortalMessage): Promise<PortalReceipt> {
    const record = await this.store.putOnce(message.idempotencyKey, message);
    return { messageId: record.key };
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

  /** What one provider (or every provider) received, oldest first; unreadable records go to `report`. */
  async messages(agbCode?: string, report?: ProblemReporter): Promise<PortalMessage[]> {
    const all = (await this.store.list(report)).map((r) => r.value);
    return agbCode ? all.filter((m) => m.agbCode === agbCode) : all;
  }
}
