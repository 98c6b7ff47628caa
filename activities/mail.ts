/**
 * E-mail to providers: every portal message is also an e-mail in Dutch, written to the e-mail
 * outbox in the same transaction as the message (so there is exactly one per idempotency key, and
 * none without its message), and sent by SMTP by the relay that runs in every worker.
 *
 * The relay claims one due row at a time with a lease (`FOR UPDATE SKIP LOCKED`: two workers never
 * send the same row), sends it with nodemailer, and marks it sent. A mail server that is down or
 * refuses is retried with backoff (30 s doubling to 30 min), for as long as it takes. Every
 * e-mail carries a Message-ID made from its idempotency key, so in the one case where a relay dies
 * between the server's "250 OK" and marking the row, the second copy has the same Message-ID and
 * mail systems drop it as a duplicate. A provider without an address is recorded as `no-address`
 * and listed for staff (`zorginkoop mail problems`), never silently skipped.
 *
 * The relay speaks TLS to any mail server but this machine's own (the local catcher): STARTTLS is
 * required on smtp://, implicit on smtps://, and a server that does not offer it gets no e-mail
 * (ZORGINKOOP_SMTP_TLS). Its log says once when sending stops working and once when it works
 * again, with no provider's address in it, not a line per attempt.
 */
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/database';
import type { Tables } from '../db/schema';
import { formatDay } from '../policies/calendar';
import { documentFileName, type DocumentRef, type PortalMessage } from './portal-messages';
import { PollLoop } from './poll-loop';
import type { ProductMetrics } from './metrics';

/** An e-mail as the outbox keeps it. */
export interface OutgoingEmail {
  idempotencyKey: string;
  policyId: string | null;
  agbCode: string;
  providerName: string | null;
  kind: string;
  to: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'no-address';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  /** The SHA-256 of the contract document it attaches, if any. */
  documentSha256: string | null;
}

const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : String(value ?? ''));

const DEADLINE_NAMES: Record<string, string> = {
  'signing-deadline': 'de uiterste datum om het contract te ondertekenen',
  'questionnaire-deadline': 'de uiterste datum voor de vragenlijst',
  offer: 'de datum van het contractaanbod',
};

const CLOSED: Record<string, string> = {
  refused: 'U heeft het contractaanbod geweigerd. Het aanbod is gesloten in het VECOZO Zorginkoopportaal.',
  expired: 'De termijn om het contractaanbod te ondertekenen is verstreken. Het aanbod is gesloten in het VECOZO Zorginkoopportaal.',
  withdrawn: 'Het contractaanbod is ingetrokken en gesloten in het VECOZO Zorginkoopportaal.',
  'contract-year-ended': 'Het contractjaar is voorbij. Het contractaanbod is gesloten in het VECOZO Zorginkoopportaal.',
};

/** A portal message as the e-mail the provider reads: subject and text, in Dutch, days as people write them. */
export function renderEmail(message: PortalMessage & { providerName?: string }): { subject: string; body: string } {
  const policy = 'policyId' in message ? ` (${message.policyId})` : '';
  const greeting = `Geachte heer/mevrouw${message.providerName ? ` van ${message.providerName}` : ''},`;
  const lines = (subject: string, ...text: string[]) => ({
    subject,
    body: [greeting, '', ...text, '', 'Dit bericht staat ook in het VECOZO Zorginkoopportaal.', '', 'Met vriendelijke groet,', 'Team Zorginkoop', ''].join('\n'),
  });
  const details = ('details' in message ? message.details : undefined) ?? {};
  const rendered = renderText(message, policy, details, lines);
  const document = 'document' in message ? message.document : undefined;
  if (!document) return rendered;
  // The attached PDF, named by its hash: the provider can check that the file it keeps is the one offered.
  const [before, ...after] = rendered.body.split('\nDit bericht staat ook');
  const named = [`Het document staat als PDF in de bijlage. Het SHA-256-kenmerk van dit document is:`, document.sha256, 'Met dit kenmerk kunt u nagaan dat uw bestand precies het verstuurde document is (bijvoorbeeld met sha256sum).', ''].join('\n');
  return { subject: rendered.subject, body: [`${before}\n${named}`, ...after].join('\nDit bericht staat ook') };
}

type Lines = (subject: string, ...text: string[]) => { subject: string; body: string };

/** The subject and text of one kind of message. */
function renderText(message: PortalMessage, policy: string, details: Record<string, unknown>, lines: Lines): { subject: string; body: string } {
  switch (message.kind) {
    case 'invitation':
      return lines(`Uitnodiging inkoopgesprek${policy}`, `Wij nodigen u uit voor een inkoopgesprek over het contract${policy}.`, ...(message.invitationBy ? [`Wij plannen de gesprekken uiterlijk ${day(message.invitationBy)}.`] : []));
    case 'offer':
      return lines(
        `Contractaanbod${policy}: ondertekenen uiterlijk ${day(message.signingDeadline)}`,
        `In het VECOZO Zorginkoopportaal staat een contractaanbod voor ${message.contractKind} voor u klaar.`,
        `Onderteken het uiterlijk ${day(message.signingDeadline)}.`,
        ...(message.tier ? [`Het aanbod is voor niveau ${message.tier}.`] : []),
        ...(message.startDate ? [`Het contract gaat in op ${day(message.startDate)}.`] : []),
      );
    case 'offer-closed':
      return lines('Contractaanbod gesloten', CLOSED[message.reason] ?? 'Het contractaanbod is gesloten.');
    case 'questionnaire':
      return lines(`Vragenlijst${policy}: insturen uiterlijk ${day(details.deadline)}`, 'In het VECOZO Zorginkoopportaal staat een vragenlijst voor u klaar.', `Stuur de vragenlijst uiterlijk ${day(details.deadline)} in.`);
    case 'documents-request':
      return lines(`Documenten gevraagd${policy}`, 'Wij hebben de volgende documenten van u nodig:', ...((details.documents as string[] | undefined) ?? []).map((d) => `- ${d}`));
    case 'reminder':
      return lines(`Herinnering: ${DEADLINE_NAMES[String(details.deadline)] ?? 'uw uiterste datum'} is ${day(details.day)}`, `Wij herinneren u eraan dat ${DEADLINE_NAMES[String(details.deadline)] ?? 'uw uiterste datum'} ${day(details.day)} is.`);
    case 'deadline-moved':
      return lines(
        `Nieuwe datum${policy}: ${DEADLINE_NAMES[String(details.deadline)] ?? 'uw uiterste datum'} is nu ${day(details.to)}`,
        `${capitalise(DEADLINE_NAMES[String(details.deadline)] ?? 'uw uiterste datum')} is verplaatst naar ${day(details.to)}.`,
        ...(details.reason ? [`Reden: ${String(details.reason)}.`] : []),
      );
    case 'tariff-annex':
      return lines(`Nieuwe tariefbijlage${policy}`, 'Voor uw lopende contract staat een nieuwe tariefbijlage in het VECOZO Zorginkoopportaal. U hoeft niets te ondertekenen.');
    case 'contract-amendment':
      return lines(`Wijziging van uw contract${policy}`, `Uw contract gaat over naar niveau ${String(details.tier)}, vanaf ${day(details.effectiveFrom)}.`);
    case 'withdrawal':
      return lines(`Beëindiging${policy}`, 'Uw deelname aan de contractering is beëindigd. Een open contractaanbod is gesloten en uw vermelding in de zorgzoeker is verwijderd.');
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The answer to a provider's question, as an e-mail (not a portal message): threaded to the question where it came by e-mail. */
export interface AnswerRequest {
  idempotencyKey: string;
  policyId: string;
  agbCode: string;
  providerName: string;
  sentAt: string;
  /** The question's subject and the day it came. */
  subject: string;
  receivedOn: string;
  answer: string;
  /** Who asked (the question's sender), else the provider record's address; none: listed for staff as no-address. */
  email?: string;
  /** The question's Message-ID and its thread (References), where it came by e-mail. */
  inReplyTo?: string;
  references?: string[];
}

/** The answer as the provider reads it: "Re:" the question's subject, the day it was asked, the answer, in Dutch. */
export function renderAnswer(request: Pick<AnswerRequest, 'providerName' | 'subject' | 'receivedOn' | 'answer'>): { subject: string; body: string } {
  const subject = /^\s*(re|antw|aw)\s*:/i.test(request.subject) ? request.subject.trim() : `Re: ${request.subject.trim()}`;
  const body = [
    `Geachte heer/mevrouw${request.providerName ? ` van ${request.providerName}` : ''},`,
    '',
    `Op ${day(request.receivedOn)} stelde u ons een vraag over: ${request.subject.trim()}`,
    '',
    request.answer.trim(),
    '',
    'Heeft u nog een vraag? Beantwoord dan deze e-mail; laat het onderwerp staan, dan komt uw vraag bij de juiste medewerker.',
    '',
    'Met vriendelijke groet,',
    'Team Zorginkoop',
    '',
  ].join('\n');
  return { subject, body };
}

/** Writes the answer to a provider's question into the outbox, once per key, with its threading headers. */
export async function queueAnswer(database: Database, request: AnswerRequest): Promise<void> {
  const { subject, body } = renderAnswer(request);
  // The thread: the question's own References (where the mailbox kept it), then the question.
  const thread = request.inReplyTo ? await database.db.selectFrom('inbound_mail').select('references').where('message_id', '=', request.inReplyTo).executeTakeFirst() : undefined;
  const references = [...(request.references ?? thread?.references ?? []), ...(request.inReplyTo ? [request.inReplyTo] : [])].filter((id, i, all) => all.indexOf(id) === i);
  await database.db
    .insertInto('email_outbox')
    .values({
      idempotency_key: request.idempotencyKey,
      policy_id: request.policyId,
      agb_code: request.agbCode,
      provider_name: request.providerName,
      kind: 'question-answer',
      to_address: request.email ?? null,
      subject,
      body,
      status: request.email ? 'pending' : 'no-address',
      message_id: messageIdOf(request.idempotencyKey),
      in_reply_to: request.inReplyTo ?? null,
      references: references.length ? references.join(' ') : null,
    })
    .onConflict((c) => c.column('idempotency_key').doNothing())
    .execute();
}

/** Writes a message's e-mail into the outbox, in the caller's transaction (once per key). */
export async function queueEmail(tx: Transaction<Tables>, message: PortalMessage & { providerName?: string; email?: string }): Promise<void> {
  const { subject, body } = renderEmail(message);
  await tx
    .insertInto('email_outbox')
    .values({
      idempotency_key: message.idempotencyKey,
      policy_id: 'policyId' in message ? message.policyId : null,
      agb_code: message.agbCode,
      provider_name: message.providerName ?? null,
      kind: message.kind,
      to_address: message.email ?? null,
      subject,
      body,
      status: message.email ? 'pending' : 'no-address',
      message_id: messageIdOf(message.idempotencyKey),
      document_sha256: 'document' in message && message.document ? message.document.sha256 : null,
    })
    .onConflict((c) => c.column('idempotency_key').doNothing())
    .execute();
}

/** The Message-ID of an e-mail: the same for every attempt, so a duplicate is recognisable. */
export const messageIdOf = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@zorginkoop.local>`;

export interface RelayOptions {
  /** smtp://host:port (the local catcher by default). */
  smtpUrl: string;
  from: string;
  /** True: no e-mail goes out unencrypted (STARTTLS required on smtp://). */
  requireTls?: boolean;
  /** How long a claimed e-mail is held before another relay may take it (default 60 s). */
  leaseSeconds?: number;
  /** The first wait after a failed send, doubling to 30 minutes (default 30 s). */
  retrySeconds?: number;
  /** How often an idle relay looks for due e-mail (default 1 s). */
  pollMs?: number;
  /** Where the relay says what went wrong (default: stderr). */
  log?: (line: string) => void;
  /** Counts each attempt, sent or failed (zorginkoop_email_sends_total). */
  metrics?: Pick<ProductMetrics, 'emailSends'>;
}

/** Sends due e-mail from the outbox; one per worker process, any number at once. */
export class EmailRelay {
  private readonly transport: Transporter;
  private readonly loop: PollLoop;
  /** The outage in progress: since when, how many attempts failed, and whether the outbox or the mail server. */
  private outage?: { since: number; failures: number; what: 'mail server' | 'outbox' };

  constructor(
    readonly database: Database,
    private readonly options: RelayOptions,
  ) {
    const secure = new URL(options.smtpUrl).protocol === 'smtps:';
    this.transport = nodemailer.createTransport({ url: options.smtpUrl, ...(options.requireTls && !secure ? { requireTLS: true } : {}) }, { from: options.from });
    this.loop = new PollLoop(() => this.round(), options.pollMs ?? 1000);
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** A failed attempt: said when an outage starts (or turns from the outbox to the mail server), counted after. */
  private failed(what: 'mail server' | 'outbox', message: string): void {
    if (this.outage?.what === what) {
      this.outage.failures++;
      return;
    }
    this.outage = { since: Date.now(), failures: 1, what };
    this.log(
      what === 'mail server'
        ? `mail: the mail server does not take e-mail now (${message}); e-mail waits in the outbox and is tried again with backoff; said once until it works again`
        : `mail: the outbox cannot be read now (${message}); trying again every poll; said once until it works again`,
    );
  }

  /** A success after an outage: said once, with its length and count. */
  private recovered(): void {
    if (!this.outage) return;
    const minutes = ((Date.now() - this.outage.since) / 60_000).toFixed(1);
    this.log(`mail: ${this.outage.what === 'mail server' ? 'the mail server takes e-mail again' : 'the outbox can be read again'} after ${minutes} min and ${this.outage.failures} failed attempt(s)`);
    this.outage = undefined;
  }

  /** Claims the oldest due e-mail, or none. */
  private async claim(): Promise<{ idempotency_key: string; to_address: string | null; subject: string; body: string; attempts: number; in_reply_to: string | null; references: string | null; document_sha256: string | null } | undefined> {
    const lease = this.options.leaseSeconds ?? 60;
    return this.database.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('email_outbox')
        .select(['idempotency_key'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
        .orderBy('next_attempt_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return undefined;
      return tx
        .updateTable('email_outbox')
        .set({ lease_until: sql`now() + make_interval(secs => ${lease})`, attempts: sql`attempts + 1` })
        .where('idempotency_key', '=', due.idempotency_key)
        .returning(['idempotency_key', 'to_address', 'subject', 'body', 'attempts', 'in_reply_to', 'references', 'document_sha256'])
        .executeTakeFirst();
    });
  }

  /** The contract document an e-mail carries, as its PDF attachment (the bytes kept, never made again). */
  private async attachment(sha256: string): Promise<{ filename: string; content: Buffer; contentType: string }> {
    const doc = await this.database.db.selectFrom('contract_documents').select(['bytes', 'kind', 'agb_code']).where('sha256', '=', sha256).executeTakeFirst();
    if (!doc) throw new Error(`the contract document ${sha256} is not in the database`);
    return { filename: documentFileName({ kind: doc.kind as DocumentRef['kind'], agbCode: doc.agb_code }), content: doc.bytes, contentType: 'application/pdf' };
  }

  /** Sends what is due now; returns how many were sent. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const mail = await this.claim();
      if (!mail) return sent;
      try {
        const thread = mail.in_reply_to ? { inReplyTo: mail.in_reply_to, references: mail.references ?? mail.in_reply_to } : {};
        const attachments = mail.document_sha256 ? [await this.attachment(mail.document_sha256)] : [];
        const info = await this.transport.sendMail({ to: mail.to_address!, subject: mail.subject, text: mail.body, messageId: messageIdOf(mail.idempotency_key), headers: { 'X-Zorginkoop-Key': mail.idempotency_key }, attachments, ...thread });
        await this.database.db.updateTable('email_outbox').set({ status: 'sent', sent_at: sql`now()`, smtp_response: info.response, lease_until: null, last_error: null }).where('idempotency_key', '=', mail.idempotency_key).execute();
        this.options.metrics?.emailSends.inc({ outcome: 'sent' });
        this.recovered();
        sent++;
      } catch (err) {
        const wait = Math.min((this.options.retrySeconds ?? 30) * 2 ** (mail.attempts - 1), 1800);
        const message = (err as Error).message;
        this.options.metrics?.emailSends.inc({ outcome: 'failed' });
        this.failed('mail server', message);
        await this.database.db
          .updateTable('email_outbox')
          .set({ last_error: message, lease_until: null, next_attempt_at: sql`now() + make_interval(secs => ${wait})` })
          .where('idempotency_key', '=', mail.idempotency_key)
          .execute();
      }
    }
  }

  /** Runs until `stop`: sends what is due, then waits for the poll interval. */
  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.transport.close();
  }

  /** One round: what is due now; a failure to read the outbox is said once until it works again. */
  private async round(): Promise<void> {
    try {
      await this.sendDue();
      if (this.outage?.what === 'outbox') this.recovered();
    } catch (err) {
      this.failed('outbox', (err as Error).message);
    }
  }
}

/** The outbox as staff read it. */
export async function emails(database: Database, query: { agbCode?: string; status?: OutgoingEmail['status'] } = {}): Promise<OutgoingEmail[]> {
  let select = database.db.selectFrom('email_outbox').selectAll();
  if (query.agbCode) select = select.where('agb_code', '=', query.agbCode);
  if (query.status) select = select.where('status', '=', query.status);
  const rows = await select.orderBy('created_at').orderBy('idempotency_key').execute();
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    policyId: r.policy_id,
    agbCode: r.agb_code,
    providerName: r.provider_name,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    status: r.status as OutgoingEmail['status'],
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at,
    documentSha256: r.document_sha256,
  }));
}
