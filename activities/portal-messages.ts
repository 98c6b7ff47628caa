/**
 * What the portal is sent: invitations, offers, notices and the closing of an offer, and a message
 * as the local portal keeps it. Apart from the portal (activities/portal.ts) because the e-mail
 * to the provider (activities/mail.ts) is rendered from the same message, inside the portal's
 * transaction.
 */
import type { IsoDate } from '../policies/calendar';

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
  /** The edition revision the track started with, and the provider's locations: what its document is made from. */
  revision?: string;
  locations?: DocumentLocation[];
  /** The offer's contract document, made by the activity (docs/contract-document.md). */
  document?: DocumentRef;
}

/** A location as a contract document names it. */
export interface DocumentLocation {
  agbCode: string;
  name: string;
  city: string;
}

/** The contract document a message carries: its SHA-256 and what it is. */
export interface DocumentRef {
  sha256: string;
  kind: 'offer' | 'tariff-annex' | 'amendment';
}

/** The file name a provider sees: `contractaanbod-01000951.pdf`. */
export const documentFileName = (d: { kind: DocumentRef['kind']; agbCode: string }) => `${{ offer: 'contractaanbod', 'tariff-annex': 'tariefbijlage', amendment: 'wijziging-zorgovereenkomst' }[d.kind]}-${d.agbCode}.pdf`;

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
  /** A tariff annex or an amendment: the contract its document is made from. */
  contract?: { kind: string; revision?: string; locations: DocumentLocation[]; tier?: string; term?: { fromYear: number; toYear: number } };
  /** Its contract document, made by the activity. */
  document?: DocumentRef;
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

/** A message as the local portal keeps it. */
export type PortalMessage =
  | ({ kind: 'invitation' } & InvitationRequest)
  | ({ kind: 'offer' } & OfferRequest)
  | ({ kind: 'offer-closed' } & CloseOfferRequest)
  | NoticeRequest;
