/**
 * The local SMTP catcher: the providers' mailboxes for the demo and the tests. It accepts every
 * e-mail on 127.0.0.1 (no TLS, no login: loopback only), parses it (mailparser), keeps it as an
 * .eml file in `<ZORGINKOOP_DATA_DIR>/mailbox/` when run as `npm run mail-catcher`
 * (scripts/mail-catcher.ts; npm start runs it), and prints one line per e-mail. Production sends
 * to the insurer's SMTP relay instead (ZORGINKOOP_SMTP_URL).
 *
 * It is also the purchasing mailbox locally: an e-mail to a purchasing address (the `purchasing`
 * option; `npm start` gives ZORGINKOOP_PURCHASING_ADDRESS and the address each edition publishes,
 * its `contact.email`) is handed to `keep`, which keeps it
 * in the database for the filer (mailbox/), before the catcher says "250 OK": a sender whose
 * e-mail could not be kept is told to try again (451), so nothing is lost.
 *
 * `failNext(n)` makes it refuse the next n e-mails with a temporary error (451), as a mail server
 * in trouble does: the tests use it to show that the relay retries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId: string;
  key: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  /** The envelope's recipients (RCPT TO), as the server saw them. */
  envelopeTo: string[];
  /** The attachments, as the provider's mailbox would keep them (a contract document's PDF). */
  attachments: { filename: string; contentType: string; content: Buffer }[];
  receivedAt: Date;
}

export interface MailCatcher {
  port: number;
  received: CaughtMail[];
  /** Refuses the next `count` e-mails with 451 (try again later). */
  failNext(count: number): void;
  stop(): Promise<void>;
}

export interface CatcherOptions {
  port?: number;
  host?: string;
  folder?: string;
  onMail?: (mail: CaughtMail) => void;
  /** The purchasing mailbox: e-mail to any of `addresses` is kept by `keep` (its raw bytes and when it came) before it is accepted. */
  purchasing?: { addresses: string[]; keep: (raw: Buffer, receivedAt: Date) => Promise<unknown>; now?: () => Date | Promise<Date> };
  /** The largest e-mail taken (default 25 MB). */
  maxBytes?: number;
}

export async function startMailCatcher(options: CatcherOptions = {}): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  let failures = 0;
  // Providers' e-mail (addresses, names): readable by this installation's user only.
  if (options.folder) mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: options.maxBytes ?? 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as typeof stream & { sizeExceeded?: boolean }).sizeExceeded) {
          const err = new Error('message too large') as Error & { responseCode: number };
          err.responseCode = 552;
          callback(err);
          return;
        }
        if (failures > 0) {
          failures--;
          const err = new Error('mailbox busy, try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const purchasing = options.purchasing;
        const kept = purchasing && envelopeTo.some((to) => purchasing.addresses.some((a) => a.toLowerCase() === to)) ? Promise.resolve(purchasing.now?.() ?? new Date()).then((at) => purchasing.keep(raw, at)) : Promise.resolve();
        kept
          .then(() => simpleParser(raw))
          .then((parsed) => {
            const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
            const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : [];
            const attachments = parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content }));
            const mail: CaughtMail = { to, from: parsed.from?.text ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '', messageId: parsed.messageId ?? '', key: parsed.headers.get('x-zorginkoop-key') as string | undefined, inReplyTo: parsed.inReplyTo, references, envelopeTo, attachments, receivedAt: new Date() };
            received.push(mail);
            if (options.folder) writeFileSync(join(options.folder, `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${received.length}.eml`), raw, { mode: 0o600 });
            options.onMail?.(mail);
            callback();
          })
          .catch((err: Error) => {
            // Not kept (the database away, a malformed e-mail): the sender tries again later; nothing is lost.
            const failure = new Error(`not kept now, try again later: ${err.message}`) as Error & { responseCode: number };
            failure.responseCode = 451;
            callback(failure);
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received,
    failNext(count) {
      failures = count;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
