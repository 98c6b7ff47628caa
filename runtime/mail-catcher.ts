/**
 * The local SMTP catcher: the providers' mailboxes for the demo and the tests. It accepts every
 * e-mail on 127.0.0.1 (no TLS, no login: loopback only), parses it (mailparser), keeps it as an
 * .eml file in `<ZORGINKOOP_DATA_DIR>/mailbox/` when run as `npm run mail-catcher`
 * (scripts/mail-catcher.ts; npm start runs it), and prints one line per e-mail. Production sends
 * to the insurer's SMTP relay instead (ZORGINKOOP_SMTP_URL).
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
  receivedAt: Date;
  /** The attachments, as the provider's mailbox would keep them (a contract document's PDF). */
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface MailCatcher {
  port: number;
  received: CaughtMail[];
  /** Refuses the next `count` e-mails with 451 (try again later). */
  failNext(count: number): void;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: { port?: number; host?: string; folder?: string; onMail?: (mail: CaughtMail) => void } = {}): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  let failures = 0;
  // Providers' e-mail (addresses, names): readable by this installation's user only.
  if (options.folder) mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const err = new Error('mailbox busy, try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
            const mail: CaughtMail = { to, from: parsed.from?.text ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '', messageId: parsed.messageId ?? '', key: parsed.headers.get('x-zorginkoop-key') as string | undefined, receivedAt: new Date(), attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })) };
            received.push(mail);
            if (options.folder) writeFileSync(join(options.folder, `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${received.length}.eml`), raw, { mode: 0o600 });
            options.onMail?.(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
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
