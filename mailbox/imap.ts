/**
 * The purchasing mailbox in production: an IMAP mailbox on the insurer's mail server
 * (ZORGINKOOP_IMAP_URL), read by every worker. Each message is kept in the database (intake.ts)
 * and then marked with the keyword `$ZorginkoopKept`, so the next read skips it; the message itself
 * stays in the mailbox for the people who read it there too. Keeping comes before marking: a worker
 * that dies between the two keeps the message again on the next read, and the intake, keyed by
 * Message-ID, makes that the same row. Two workers reading at once do the same, harmlessly.
 */
import { ImapFlow } from 'imapflow';
import { PollLoop } from '../activities/poll-loop';
import type { KeptMail } from './intake';

export const KEPT_KEYWORD = '$ZorginkoopKept';

export interface ImapOptions {
  /** How often the mailbox is read (default 30 s). */
  pollMs?: number;
  log?: (line: string) => void;
  /** After a message was kept: the filer looks at once. */
  onKept?: (kept: KeptMail) => void;
}

/** imaps://user:password@host:993/INBOX as imapflow's options and the folder. */
export function imapSettings(url: string): { host: string; port: number; secure: boolean; auth: { user: string; pass: string }; folder: string } {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: Number(u.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    folder: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export class ImapMailbox {
  private readonly loop: PollLoop;
  private failing = false;

  constructor(
    private readonly url: string,
    private readonly keep: (raw: Buffer, receivedAt: Date) => Promise<KeptMail>,
    private readonly options: ImapOptions = {},
  ) {
    this.loop = new PollLoop(() => this.round(), options.pollMs ?? 30_000);
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** Reads the mailbox once: keeps every message not marked yet, then marks it. Answers how many it kept. */
  async readOnce(): Promise<number> {
    const { folder, ...settings } = imapSettings(this.url);
    const client = new ImapFlow({ ...settings, logger: false });
    await client.connect();
    let kept = 0;
    try {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ unKeyword: KEPT_KEYWORD }, { uid: true })) || [];
        for (const uid of uids) {
          const message = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
          if (!message || !message.source) continue;
          const internal = message.internalDate instanceof Date ? message.internalDate : message.internalDate ? new Date(message.internalDate) : new Date();
          const result = await this.keep(message.source, internal);
          await client.messageFlagsAdd(String(uid), [KEPT_KEYWORD], { uid: true });
          this.options.onKept?.(result);
          kept++;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return kept;
  }

  /** Reads the mailbox every poll until `stop`. */
  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One read; a failure (the server away, a wrong password) is said once until reading works again. */
  private async round(): Promise<void> {
    try {
      await this.readOnce();
      if (this.failing) this.log('mailbox: the IMAP mailbox can be read again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log(`mailbox: the IMAP mailbox cannot be read now (${(err as Error).message}); trying again every poll; said once until it works again`);
      this.failing = true;
    }
  }
}
