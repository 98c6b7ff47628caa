/**
 * The purchasing mailbox (issue 24): "Vragen over zorginkoop: zorginkoop@caresq.nl ... Vermeld bij
 * het versturen van uw e-mail in het onderwerp duidelijk uw AGB-code en zorgsoort" (000 s5, 001
 * s2.7, 002-004 s5). Real parts: e-mail goes by SMTP (nodemailer) into the local catcher, which
 * keeps what is for the purchasing address in the database (mailbox/intake.ts); two filers, as two
 * workers run them, place it on its track as a question (mailbox/filer.ts); staff's answer goes
 * through the outbox and the relay back into the catcher.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { EmailRelay, emails } from '../../activities/mail';
import { keepMail } from '../../mailbox/intake';
import { MailFiler, placeByHand } from '../../mailbox/filer';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { COMMANDS } from '../../workflows/catalogue';
import { recordConversationOutcomeUpdate, statusQuery } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { EditionStore } from '../../activities/edition-store';
import { call, signIn, startConsole } from '../web/console-http';
import { createWorld, sampleProvider, zgInstitution, type World } from '../helpers/world';

const zg = rehearsalOf('zg-2026', 2056);
const paramedisch = rehearsalOf('paramedisch-2027', 2056);
const PURCHASING = 'zorginkoop@caresq.example';

let world: World;
let catcher: MailCatcher;
let relay: EmailRelay;
const filers: MailFiler[] = [];
let smtp: Transporter;

beforeAll(async () => {
  world = await createWorld('provider-mail', [zg, paramedisch]);
  catcher = await startMailCatcher({ purchasing: { addresses: [PURCHASING], keep: (raw, at) => keepMail(world.database, raw, 'smtp', at), now: async () => new Date(await world.env.currentTimeMs()) } });
  relay = new EmailRelay(world.database, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: `Zorginkoop <${PURCHASING}>`, pollMs: 50, log: () => {} });
  relay.start();
  for (let i = 0; i < 2; i++) {
    const filer = new MailFiler(world.database, world.env.client, () => [zg, paramedisch], { pollMs: 50, log: () => {} });
    filer.start();
    filers.push(filer);
  }
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  await Promise.all(filers.map((f) => f.stop()));
  await relay?.stop();
  smtp?.close();
  await catcher?.stop();
  await world?.close();
});

const mailRow = (messageId: string) => eventually(() => world.database.db.selectFrom('inbound_mail').selectAll().where('message_id', '=', messageId).execute(), (rows) => rows.length === 1 && rows[0]!.status !== 'new');
const fysio = { ...sampleProvider('paramedisch-2027', '04012345', 29), agbCode: '01234567', name: 'Fysiotherapie Het Anker', email: 'praktijk@hetanker.example' };

test('000 s5 / 001 s2.7 "in het onderwerp uw AGB-code en zorgsoort": a question e-mailed with "AGB 01234567 fysiotherapie" is filed on that track once, even when the mailbox delivers it twice', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const handle = await world.start(paramedisch, fysio, 'fysiotherapie');
  await world.settle(handle, (v) => v.accepts.includes('question'));
  const message = { from: `Praktijk Het Anker <${fysio.email}>`, to: PURCHASING, subject: 'AGB 01234567 fysiotherapie', text: 'Geldt de nieuwe tariefbijlage ook voor onze tweede locatie?', messageId: '<vraag-1@hetanker.example>' };
  // The provider's mail server delivers it twice (a lost "250 OK"): the same Message-ID.
  await smtp.sendMail(message);
  await smtp.sendMail(message);
  const [row] = await mailRow('<vraag-1@hetanker.example>');
  expect(row).toMatchObject({ status: 'filed', workflow_id: handle.workflowId, question: 1, placed_by: 'subject', from_address: fysio.email });
  // Filing it again by hand, or another filer racing, does not make a second question: the update id is the Message-ID's.
  await world.database.db.updateTable('inbound_mail').set({ status: 'unassigned' }).where('id', '=', row!.id).execute();
  await placeByHand(world.database, world.env.client, row!.id, handle.workflowId, 'inkoper');
  const view = await handle.query(statusQuery);
  expect(view.questions).toMatchObject([{ number: 1, subject: 'AGB 01234567 fysiotherapie', receivedOn: '2055-09-01' }]);
  expect(view.history.filter((h) => h.event === 'QUESTION_ASKED')).toHaveLength(1);
});

test('000 s5 "binnen 5 werkdagen een reactie": the answer reaches the provider as a Dutch e-mail threaded to the question, and its clock stops', async () => {
  const handle = world.env.client.workflow.getHandle(`contracting/${paramedisch.id}/01234567/fysiotherapie`);
  const view = await handle.executeUpdate(COMMANDS.answerQuestion.update, { args: [{ number: 1, answer: 'Ja, de tariefbijlage geldt voor al uw locaties.', by: 'inkoper' }] });
  expect(view.accepts).not.toContain('answerQuestion');
  const [answer] = await eventually(async () => catcher.received.filter((m) => m.to.includes(fysio.email) && m.subject.startsWith('Re:')), (m) => m.length === 1);
  expect(answer).toMatchObject({ subject: 'Re: AGB 01234567 fysiotherapie', inReplyTo: '<vraag-1@hetanker.example>', references: ['<vraag-1@hetanker.example>'] });
  expect(answer!.text).toContain('Op woensdag 1 september 2055 stelde u ons een vraag over: AGB 01234567 fysiotherapie');
  expect(answer!.text).toContain('Ja, de tariefbijlage geldt voor al uw locaties.');
  expect(answer!.text).toContain('Met vriendelijke groet');
  const [row] = (await emails(world.database, { agbCode: '01234567' })).filter((e) => e.kind === 'question-answer');
  expect(row).toMatchObject({ status: 'sent', to: fysio.email });
});

test('000 s5: a subject with no AGB code lands on "Niet toegewezen", where a purchaser assigns it in the console', async () => {
  await smtp.sendMail({ from: 'info@onbekend.example', to: PURCHASING, subject: 'Vraag over het contract', text: 'Wanneer krijgen wij het aanbod?', messageId: '<zonder-agb@onbekend.example>' });
  const [row] = await mailRow('<zonder-agb@onbekend.example>');
  expect(row).toMatchObject({ status: 'unassigned', reason: { code: 'no-agb' }, workflow_id: null });
  // A purchaser assigns it in the console (the real server): to the provider's track by edition, AGB code and kind.
  const console = await startConsole('provider-mail-console', { client: world.env.client, database: world.database, editions: new EditionStore({ extra: [zg, paramedisch] }) });
  try {
    const { cookie, csrf } = await signIn(console.base, 'purchaser');
    const list = await call(console.base, { url: '/postbus', headers: { cookie } });
    expect(list.body).toContain('Het onderwerp noemt geen AGB-code.');
    await call(console.base, { url: `/postbus/${row!.id}/toewijzen`, headers: { cookie }, form: { _csrf: csrf, beleid: paramedisch.id, agb: '01234567', soort: 'fysiotherapie' } });
    const after = await call(console.base, { url: '/postbus', headers: { cookie } });
    expect(after.body).toContain(`Toegewezen: vraag 2 op contracting/${paramedisch.id}/01234567/fysiotherapie.`);
    expect(after.body).toContain('data-testid="mailbox-empty"');
    // The provider page shows what the provider wrote beside each question it became.
    const providerPage = await call(console.base, { url: `/aanbieder/${encodeURIComponent(`contracting/${paramedisch.id}/01234567/fysiotherapie`)}`, headers: { cookie } });
    expect(providerPage.body).toContain('Wanneer krijgen wij het aanbod?');
    expect(providerPage.body).toContain('Geldt de nieuwe tariefbijlage ook voor onze tweede locatie?');
  } finally {
    await console.close();
  }
  const handle = world.env.client.workflow.getHandle(`contracting/${paramedisch.id}/01234567/fysiotherapie`);
  expect((await handle.query(statusQuery)).questions?.[1]).toMatchObject({ subject: 'Vraag over het contract' });
  const placed = await world.database.db.selectFrom('inbound_mail').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  expect(placed).toMatchObject({ status: 'filed', placed_by: 'staff', filed_by: 'purchaser', question: 2 });
});

test('000 s5: a reply to an offer e-mail is filed on that offer\'s track, even with no AGB code in its subject', async () => {
  const provider = { ...zgInstitution('01000961'), name: 'Visio Antwoord', email: 'contract@visio-antwoord.example' };
  const handle = await world.start(zg, provider);
  await world.settle(handle, (v) => v.status === 'IN_CONVERSATION');
  await handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  const [offer] = await eventually(async () => catcher.received.filter((m) => m.to.includes(provider.email) && m.subject.startsWith('Contractaanbod')), (m) => m.length === 1);
  await smtp.sendMail({ from: provider.email, to: PURCHASING, subject: `Re: ${offer!.subject}`, text: 'Mogen wij een week langer?', messageId: '<antwoord-op-aanbod@visio.example>', inReplyTo: offer!.messageId, references: [offer!.messageId] });
  const [row] = await mailRow('<antwoord-op-aanbod@visio.example>');
  expect(row).toMatchObject({ status: 'filed', workflow_id: handle.workflowId, placed_by: 'reply', question: 1 });
  expect((await handle.query(statusQuery)).questions).toMatchObject([{ number: 1, subject: `Re: ${offer!.subject}` }]);
});
