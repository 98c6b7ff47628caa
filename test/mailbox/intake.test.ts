/**
 * Keeping an e-mail to the purchasing address (mailbox/intake.ts): once per Message-ID, with its
 * attachments and their SHA-256; what a sender gets wrong (no Message-ID, one too long, control
 * characters, a body over the limit) is kept sensibly or refused with why.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database';
import { keepMail, MAX_MAIL_BYTES } from '../../mailbox/intake';
import { testDatabase } from '../helpers/database';

let database: Database;
beforeAll(async () => {
  database = await testDatabase('mail-intake');
});
afterAll(() => database?.close());

const mail = (headers: string[], body = 'Een vraag.') => Buffer.from([...headers, '', body].join('\r\n'));

test('an e-mail without a Message-ID gets one made from its bytes: the same bytes twice are one row, other bytes another', async () => {
  const a = mail(['From: a@praktijk.example', 'Subject: AGB 01234567 logopedie']);
  const first = await keepMail(database, a, 'smtp');
  expect(await keepMail(database, a, 'smtp')).toEqual({ ...first, duplicate: true });
  expect(first.messageId).toMatch(/^<[0-9a-f]{40}@zorginkoop\.received>$/);
  expect((await keepMail(database, mail(['From: a@praktijk.example', 'Subject: AGB 01234567 logopedie'], 'Een andere vraag.'), 'smtp')).id).not.toBe(first.id);
});

test('a Message-ID longer than a header line may be is replaced by one from the bytes; control characters leave the subject', async () => {
  const kept = await keepMail(database, mail([`Message-ID: <${'x'.repeat(1200)}@lang.example>`, 'From: b@praktijk.example', 'Subject: AGB 01234567\u0007 fysio']), 'smtp');
  expect(kept.messageId).toMatch(/@zorginkoop\.received>$/);
  const row = await database.db.selectFrom('inbound_mail').select(['subject', 'from_address', 'references', 'in_reply_to']).where('id', '=', kept.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ subject: 'AGB 01234567  fysio', from_address: 'b@praktijk.example', references: [], in_reply_to: null });
});

test('attachments are kept in the database with their SHA-256; the thread headers with their angle brackets', async () => {
  const pdf = Buffer.from('%PDF-1.4 een verklaring');
  const raw = mail(
    ['Message-ID: <met-bijlage@praktijk.example>', 'In-Reply-To: <abc@zorginkoop.local>', 'References: <eerste@zorginkoop.local> <abc@zorginkoop.local>', 'From: c@praktijk.example', 'Subject: Re: Documenten gevraagd', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"'],
    ['--b', 'Content-Type: text/plain', '', 'Hierbij de verklaring.', '--b', 'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="verklaring.pdf"', 'Content-Transfer-Encoding: base64', '', pdf.toString('base64'), '--b--'].join('\r\n'),
  );
  const kept = await keepMail(database, raw, 'imap');
  const row = await database.db.selectFrom('inbound_mail').select(['in_reply_to', 'references', 'text', 'source']).where('id', '=', kept.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ in_reply_to: '<abc@zorginkoop.local>', references: ['<eerste@zorginkoop.local>', '<abc@zorginkoop.local>'], text: 'Hierbij de verklaring.', source: 'imap' });
  const [file] = await database.db.selectFrom('inbound_attachments').selectAll().where('mail_id', '=', kept.id).execute();
  expect(file).toMatchObject({ position: 0, filename: 'verklaring.pdf', content_type: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
  expect(Buffer.compare(file!.content, pdf)).toBe(0);
});

test('an e-mail over the limit is refused with its size, and nothing is kept', async () => {
  const before = await database.db.selectFrom('inbound_mail').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  await expect(keepMail(database, Buffer.alloc(MAX_MAIL_BYTES + 1, 'a'), 'smtp')).rejects.toThrow(`an e-mail of ${MAX_MAIL_BYTES + 1} bytes is over the mailbox's limit`);
  expect(await database.db.selectFrom('inbound_mail').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(before);
});
