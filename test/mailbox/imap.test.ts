/**
 * The purchasing mailbox in production (mailbox/imap.ts): read over IMAP (imapflow) from a real,
 * scriptable IMAP server (hoodiecrow), each message kept once in the database and marked, so the
 * next read skips it; a message delivered twice (the same Message-ID) is one row.
 */
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import { Database } from '../../db/database';
import { keepMail } from '../../mailbox/intake';
import { ImapMailbox, KEPT_KEYWORD, imapSettings } from '../../mailbox/imap';
import { testDatabase } from '../helpers/database';

interface Hoodiecrow {
  listen(port: number, cb: () => void): void;
  close(cb: () => void): void;
  server: { address(): AddressInfo };
  folderCache: Record<string, { messages: { flags: string[] }[] }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hoodiecrow = require('hoodiecrow-imap') as (options: unknown) => Hoodiecrow;

const raw = (id: string, subject: string) => [`From: Praktijk <praktijk@hetanker.example>`, 'To: zorginkoop@caresq.example', `Subject: ${subject}`, `Message-ID: <${id}>`, 'Date: Mon, 7 Dec 2026 10:00:00 +0100', '', 'Een vraag.'].join('\r\n');

let database: Database;
let server: Hoodiecrow;
let url: string;

beforeAll(async () => {
  database = await testDatabase('imap');
  server = hoodiecrow({
    storage: {
      INBOX: {
        messages: [
          { raw: raw('een@hetanker.example', 'AGB 01234567 fysiotherapie'), internaldate: '07-Dec-2026 10:00:00 +0100' },
          { raw: raw('twee@hetanker.example', 'AGB 01234567 logopedie'), internaldate: '07-Dec-2026 10:05:00 +0100' },
          // The same e-mail twice in the mailbox (a provider's server that sent it again).
          { raw: raw('een@hetanker.example', 'AGB 01234567 fysiotherapie'), internaldate: '07-Dec-2026 10:10:00 +0100' },
        ],
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.server.address();
  url = `imap://testuser:testpass@127.0.0.1:${port}/INBOX`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.close();
});

test('imaps://user:password@host/folder is read as imapflow takes it; the folder defaults to INBOX', () => {
  expect(imapSettings('imaps://inkoop%40verzekeraar.example:geheim%21@mail.verzekeraar.example/Zorginkoop')).toEqual({ host: 'mail.verzekeraar.example', port: 993, secure: true, auth: { user: 'inkoop@verzekeraar.example', pass: 'geheim!' }, folder: 'Zorginkoop' });
  expect(imapSettings('imap://u:p@127.0.0.1:1143').folder).toBe('INBOX');
});

test('every message is kept once and marked; the next read keeps nothing; a new one is kept', async () => {
  const mailbox = new ImapMailbox(url, (bytes, at) => keepMail(database, bytes, 'imap', at), { log: () => {} });
  expect(await mailbox.readOnce()).toBe(3);
  const rows = await database.db.selectFrom('inbound_mail').select(['message_id', 'subject', 'source', 'status', 'received_at']).orderBy('id').execute();
  expect(rows).toMatchObject([
    { message_id: '<een@hetanker.example>', subject: 'AGB 01234567 fysiotherapie', source: 'imap', status: 'new' },
    { message_id: '<twee@hetanker.example>', subject: 'AGB 01234567 logopedie', source: 'imap', status: 'new' },
  ]);
  // When it reached the mailbox (the IMAP internal date), not the sender's Date header.
  expect(rows[0]!.received_at.toISOString()).toBe('2026-12-07T09:00:00.000Z');
  const flags = server.folderCache.INBOX!.messages.map((m) => m.flags);
  expect(flags.every((f) => f.includes(KEPT_KEYWORD))).toBe(true);
  expect(await mailbox.readOnce()).toBe(0);
  // A new e-mail arrives (IMAP APPEND, as a mail server delivers into the folder).
  const { folder, ...settings } = imapSettings(url);
  const provider = new ImapFlow({ ...settings, logger: false });
  await provider.connect();
  await provider.append(folder, raw('drie@hetanker.example', 'AGB 01234567 vraag'));
  await provider.logout();
  expect(await mailbox.readOnce()).toBe(1);
  expect(await database.db.selectFrom('inbound_mail').select('message_id').orderBy('id').execute()).toHaveLength(3);
});
