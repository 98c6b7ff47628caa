/**
 * The tables of zorginkoop's system of record, as Kysely sees them. The migrations in
 * `migrations/` create them; the same queries run on the embedded database and on PostgreSQL.
 *
 * Dates of the business calendar (`date` columns) are read as ISO strings (`2027-11-08`), never
 * as JavaScript dates, so no time zone can move them a day.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A `timestamptz` column: the database sets it, it reads as a Date. */
type Stamp = ColumnType<Date, never, never>;
/** A `date` column: an ISO day in and out. */
type Day = string;

export interface CampaignListsTable {
  campaign_id: string;
  provider_count: number;
  saved_at: Stamp;
}

export interface CampaignProvidersTable {
  campaign_id: string;
  position: number;
  /** The provider record, read as text and checked on its own (see provider-store.ts). */
  provider: ColumnType<unknown, string, string>;
}

/** Every message to a provider through the portal, once per idempotency key. */
export interface PortalMessagesTable {
  id: Generated<number>;
  idempotency_key: string;
  kind: string;
  policy_id: string | null;
  agb_code: string;
  sent_at: string;
  message: JSONColumnType<Record<string, unknown>, string, string>;
  recorded_at: Stamp;
}

/** What waits for staff (escalations, new-product requests), once per idempotency key. */
export interface StaffMessagesTable {
  id: Generated<number>;
  idempotency_key: string;
  kind: string;
  policy_id: string;
  agb_code: string;
  sent_at: string;
  message: JSONColumnType<Record<string, unknown>, string, string>;
  recorded_at: Stamp;
}

/** One contracted location in the provider finder; withdrawn listings keep their row, with the day. */
export interface FinderListingsTable {
  listing_id: string;
  publication_key: string;
  policy_id: string;
  contract_year: number;
  contract_kind: string;
  agb_code: string;
  provider_name: string;
  location_agb_code: string;
  location_name: string;
  city: string;
  published_on: Day;
  withdrawn_on: Day | null;
  withdrawal_key: string | null;
  recorded_at: Stamp;
}

/** A signed contract: written once, when the provider signs the offer. */
export interface ContractsTable {
  contract_id: string;
  policy_id: string;
  revision: string | null;
  care_type: string;
  contract_kind: string;
  agb_code: string;
  provider_name: string;
  locations: JSONColumnType<{ agbCode: string; name: string; city: string }[], string, string>;
  tier: string | null;
  term_from: number;
  term_to: number;
  start_date: Day;
  end_date: Day;
  signed_on: Day;
  signed_by: string | null;
  offer_id: string;
  /** The SHA-256 of the offer's document the provider signed (null: signed before documents existed). */
  document_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: Stamp;
}

/** A contract document (an offer's, a tariff annex's, an amendment's) by its SHA-256, once per idempotency key. */
export interface ContractDocumentsTable {
  sha256: string;
  bytes: Buffer;
  kind: string;
  policy_id: string;
  agb_code: string;
  idempotency_key: string;
  created_at: Stamp;
}

/** A change to a contract from a day on: corrected evidence (a better tier), a withdrawal. */
export interface ContractAmendmentsTable {
  id: Generated<number>;
  idempotency_key: string;
  contract_id: string | null;
  policy_id: string;
  contract_kind: string;
  agb_code: string;
  kind: string;
  effective_date: Day;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  /** The SHA-256 of the amendment's document, where it has one. */
  document_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: Stamp;
}

/** Every notice to a provider as an e-mail, once per idempotency key (activities/mail.ts). */
export interface EmailOutboxTable {
  idempotency_key: string;
  policy_id: string | null;
  agb_code: string;
  provider_name: string | null;
  kind: string;
  to_address: string | null;
  subject: string;
  body: string;
  status: string;
  attempts: ColumnType<number, number | undefined, unknown>;
  last_error: string | null;
  lease_until: ColumnType<Date | null, never, unknown>;
  next_attempt_at: ColumnType<Date, never, unknown>;
  created_at: Stamp;
  sent_at: ColumnType<Date | null, never, unknown>;
  smtp_response: string | null;
  /** The contract document the e-mail carries as its attachment (contract_documents). */
  document_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Message-ID it is sent with (messageIdOf its key): a provider's reply names it in In-Reply-To. */
  message_id: string | null;
  /** An answer to a provider's e-mail: that e-mail's Message-ID, and the thread's References header. */
  in_reply_to: string | null;
  references: string | null;
}

/** Why an e-mail to the purchasing address was not placed on a track by itself (mailbox/filer.ts). */
export type UnplacedReason =
  | { code: 'no-agb' }
  | { code: 'several-agb'; agbCodes: string[] }
  | { code: 'no-care-type'; agbCode: string }
  | { code: 'no-track'; agbCode: string; careTypes: string[] }
  | { code: 'several-tracks'; agbCode: string; tracks: string[] }
  | { code: 'refused'; workflowId: string; detail: string };

/** An e-mail to the purchasing address, once per Message-ID (mailbox/). */
export interface InboundMailTable {
  id: Generated<number>;
  message_id: string;
  source: string;
  received_at: Date;
  from_address: string;
  from_name: string | null;
  subject: string;
  text: string;
  in_reply_to: string | null;
  references: JSONColumnType<string[]>;
  size: number;
  status: ColumnType<'new' | 'filed' | 'unassigned' | 'set-aside', 'new' | undefined, 'new' | 'filed' | 'unassigned' | 'set-aside'>;
  lease_until: ColumnType<Date | null, never, Date | null>;
  attempts: ColumnType<number, never, number>;
  workflow_id: string | null;
  question: number | null;
  placed_by: 'subject' | 'reply' | 'staff' | null;
  reason: JSONColumnType<UnplacedReason | null, string | null, string | null>;
  filed_at: ColumnType<Date | null, never, Date | null>;
  filed_by: string | null;
  created_at: Stamp;
}

/** An inbound e-mail's attachment, kept in the database with its SHA-256. */
export interface InboundAttachmentsTable {
  mail_id: number;
  position: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** Who did what and when: every update a person made to a track (activities/audit.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  idempotency_key: string;
  at: ColumnType<Date, string, string>;
  actor: string;
  action: string;
  workflow_id: string;
  policy_id: string;
  agb_code: string;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  recorded_at: Stamp;
}

/** Every applied spreadsheet import, from the console or the CLI (activities/import-runs.ts). */
export interface ImportRunsTable {
  id: Generated<number>;
  kind: string;
  /** `console` or `cli`. */
  source: string;
  actor: string;
  file_name: string;
  policy_id: string | null;
  changed: number;
  unchanged: number;
  errors: number;
  applied_at: Stamp;
}

/** Every edition revision a campaign started with (activities/edition-archive.ts). */
export interface EditionRevisionsTable {
  edition_id: string;
  revision: string;
  content: JSONColumnType<Record<string, unknown>, string, string>;
  archived_at: Stamp;
}

/** The staff console's own users (web/console/users.ts); OpenID Connect users are not stored. */
export interface ConsoleUsersTable {
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: Stamp;
  /** When the user was disabled (`npm run console -- user <name> --disable`); null: enabled. */
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Console sessions, shared by every console process (web/console/sessions.ts). */
export interface ConsoleSessionsTable {
  sid: string;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  expires_at: ColumnType<Date, Date, Date>;
}

/** A spreadsheet uploaded for a bulk import, between its dry run and its apply. */
export interface ConsoleUploadsTable {
  id: string;
  username: string;
  kind: string;
  policy_id: string | null;
  file_name: string;
  data: Buffer;
  report: JSONColumnType<Record<string, unknown>, string, string> | null;
  created_at: Stamp;
}

/** A season rehearsal run from the console (web/console/rehearsals.ts), with its report once done. */
export interface RehearsalsTable {
  id: string;
  /** The edition as the store has it; `contract_year` the year it was rehearsed for. */
  edition_id: string;
  contract_year: number;
  title: string;
  providers: number;
  started_by: string;
  status: 'running' | 'done' | 'failed';
  /** The last progress line while it runs. */
  progress: string | null;
  error: string | null;
  /** The RehearsalReport (rehearsal/report.ts). */
  report: JSONColumnType<Record<string, unknown>, string, string> | null;
  created_at: Stamp;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The last sign of life of the console process that runs it (or holds it in its queue), while it runs. */
  heartbeat_at: ColumnType<Date, never, Date>;
}

export interface Tables {
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  console_uploads: ConsoleUploadsTable;
  rehearsals: RehearsalsTable;
  edition_revisions: EditionRevisionsTable;
  audit_log: AuditLogTable;
  import_runs: ImportRunsTable;
  email_outbox: EmailOutboxTable;
  inbound_mail: InboundMailTable;
  inbound_attachments: InboundAttachmentsTable;
  contracts: ContractsTable;
  contract_documents: ContractDocumentsTable;
  contract_amendments: ContractAmendmentsTable;
  campaign_lists: CampaignListsTable;
  campaign_providers: CampaignProvidersTable;
  portal_messages: PortalMessagesTable;
  staff_messages: StaffMessagesTable;
  finder_listings: FinderListingsTable;
}
