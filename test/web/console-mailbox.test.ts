/**
 * "Niet toegewezen" over real HTTP, as an attacker would try it: signed out, the wrong role,
 * malformed and foreign ids, a provider's HTML attachment and a script in a subject.
 */
import { keepMail } from '../../mailbox/intake';
import { unassignedCount } from '../../web/console/mailbox';
import { call, signIn, startConsole, type TestConsole } from './console-http';

let c: TestConsole;
let mailId: number;

const raw = (id: string, subject: string, attachment?: { name: string; body: string }) =>
  [
    'From: Praktijk <praktijk@hetanker.example>',
    'To: zorginkoop@zorgverzekeraar.example',
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="grens"',
    '',
    '--grens',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Wanneer krijgen wij het aanbod?',
    ...(attachment ? ['--grens', 'Content-Type: text/html', `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`, '', attachment.body] : []),
    '--grens--',
    '',
  ].join('\r\n');

beforeAll(async () => {
  c = await startConsole('console-mailbox');
  const kept = await keepMail(c.database, Buffer.from(raw('zonder-agb@hetanker.example', 'Vraag <script>alert(1)</script> over het contract', { name: '"><img src=x>.html', body: '<script>alert(document.cookie)</script>' })), 'smtp');
  mailId = kept.id;
  await c.database.db.updateTable('inbound_mail').set({ status: 'unassigned', reason: JSON.stringify({ code: 'no-agb' }) }).where('id', '=', mailId).execute();
});
afterAll(() => c?.close());

test('signed out: the worklist and an attachment send to the sign-in, and show nothing', async () => {
  for (const url of ['/postbus', `/postbus/${mailId}/bijlage/0`]) {
    const answer = await call(c.base, { url });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/inloggen/);
    expect(answer.body).not.toContain('alert');
  }
});

test('a viewer reads the e-mail, why it was not placed (in Dutch) and its attachment, escaped; no forms to place it', async () => {
  const { cookie } = await signIn(c.base, 'viewer');
  const page = await call(c.base, { url: '/postbus', headers: { cookie } });
  expect(page.status).toBe(200);
  expect(page.body).toContain('Het onderwerp noemt geen AGB-code.');
  expect(page.body).toContain('Vraag &lt;script&gt;alert(1)&lt;/script&gt; over het contract');
  expect(page.body).not.toContain('<script>alert(1)');
  expect(page.body).not.toContain(`/postbus/${mailId}/toewijzen`);
  const forbidden = await call(c.base, { url: `/postbus/${mailId}/terzijde`, headers: { cookie }, form: { _csrf: 'x' } });
  expect(forbidden.status).toBe(403);
});

test('an attachment is only ever a download: application/octet-stream, attachment, a filename that cannot break the header', async () => {
  const { cookie } = await signIn(c.base, 'viewer');
  const file = await call(c.base, { url: `/postbus/${mailId}/bijlage/0`, headers: { cookie } });
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toBe('application/octet-stream');
  expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="___img src_x_.html"; filename\*=UTF-8''%22%3E%3Cimg%20src%3Dx%3E.html$/);
  expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  expect(file.body).toContain('<script>alert(document.cookie)</script>');
  for (const [url, status] of [[`/postbus/${mailId}/bijlage/7`, 404], [`/postbus/999999/bijlage/0`, 404], ['/postbus/abc/bijlage/0', 400], ['/postbus/99999999999999999999/bijlage/0', 400], [`/postbus/${mailId}/bijlage/-1`, 400]] as const) {
    expect({ url, status: (await call(c.base, { url, headers: { cookie } })).status }).toEqual({ url, status });
  }
});

test('a purchaser: a wrong AGB code is refused with why and the e-mail stays; set aside once, the second time it no longer waits', async () => {
  const { cookie, csrf } = await signIn(c.base, 'purchaser');
  const wrong = await call(c.base, { url: `/postbus/${mailId}/toewijzen`, headers: { cookie }, form: { _csrf: csrf, beleid: 'zg-2026', agb: '123' } });
  expect(wrong).toMatchObject({ status: 302, location: '/postbus' });
  const after = await call(c.base, { url: '/postbus', headers: { cookie } });
  expect(after.body).toContain('an AGB code of 8 digits');
  expect(after.body).toContain('data-testid="unassigned-mail"');
  expect(await unassignedCount(c.database)).toBe(1);
  expect(await call(c.base, { url: `/postbus/${mailId}/terzijde`, headers: { cookie }, form: { _csrf: csrf } })).toMatchObject({ status: 302 });
  expect((await call(c.base, { url: '/postbus', headers: { cookie } })).body).toContain('Terzijde gelegd.');
  await call(c.base, { url: `/postbus/${mailId}/terzijde`, headers: { cookie }, form: { _csrf: csrf } });
  const again = await call(c.base, { url: '/postbus', headers: { cookie } });
  expect(again.body).toContain('Deze e-mail wacht niet meer');
  expect(again.body).toContain('data-testid="mailbox-empty"');
  expect(await unassignedCount(c.database)).toBe(0);
  const row = await c.database.db.selectFrom('inbound_mail').select(['status', 'filed_by']).where('id', '=', mailId).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'set-aside', filed_by: 'purchaser' });
});
