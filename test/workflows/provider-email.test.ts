/**
 * E-mail to providers (issue 12): every portal message is an e-mail in Dutch, through the outbox,
 * sent by SMTP exactly once per idempotency key and retried while the mail server refuses; a
 * provider without an address is listed for staff. Real parts: the worker's activities write the
 * outbox on the embedded database, the relay sends with nodemailer to the SMTP catcher
 * (smtp-server), which parses what arrives (mailparser).
 */
import { EmailRelay, emails } from '../../activities/mail';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { moveDeadlineUpdate, recordConversationOutcomeUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { createWorld, recordHistory, zgInstitution, type World } from '../helpers/world';

const season = rehearsalOf('zg-2026', 2056);

let world: World;
let catcher: MailCatcher;
const relays: EmailRelay[] = [];
beforeAll(async () => {
  world = await createWorld('provider-email', [season]);
  catcher = await startMailCatcher();
  // Two relays on one outbox, as two workers run them.
  for (let i = 0; i < 2; i++) {
    const relay = new EmailRelay(world.database, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'Zorginkoop <zorginkoop@zorgverzekeraar.example>', pollMs: 50, retrySeconds: 0.2, log: () => {} });
    relay.start();
    relays.push(relay);
  }
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  await catcher?.stop();
  await world?.close();
});

const withAddress = { ...zgInstitution('01000951'), name: 'Visio Mail', email: 'contract@visio.example' };
const withoutAddress = { ...zgInstitution('01000952'), name: 'Kentalis Zonder Adres' };
const mailTo = (address: string) => catcher.received.filter((m) => m.to.includes(address));

test('000 s5: the invitation and the offer reach the provider by e-mail, in Dutch, with the day as people write it', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const handle = await world.start(season, withAddress);
  await eventually(async () => mailTo(withAddress.email), (m) => m.length === 1);
  expect(mailTo(withAddress.email)[0]).toMatchObject({ subject: `Uitnodiging inkoopgesprek (${season.id})`, from: '"Zorginkoop" <zorginkoop@zorgverzekeraar.example>' });
  expect(mailTo(withAddress.email)[0]!.text).toContain('Wij plannen de gesprekken uiterlijk woensdag 15 september 2055.');

  await world.settle(handle, (v) => v.status === 'IN_CONVERSATION');
  const view = await handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  const deadline = view.planned.signingDeadline!;
  await eventually(async () => mailTo(withAddress.email), (m) => m.length === 2);
  expect(mailTo(withAddress.email)[1]!.subject).toBe(`Contractaanbod (${season.id}): ondertekenen uiterlijk ${deadline === '2055-09-29' ? 'woensdag 29 september 2055' : deadline}`);
});

test('staff move the signing deadline: the e-mail with the new day arrives once, also when the mail server refuses it twice first', async () => {
  const handle = world.env.client.workflow.getHandle(`contracting/${season.id}/${withAddress.agbCode}`);
  catcher.failNext(2);
  await handle.executeUpdate(moveDeadlineUpdate, { args: [{ deadline: 'signing-deadline', to: '2055-11-08', reason: 'storing VECOZO-portaal', by: 'teamleider' }] });
  const moved = await eventually(async () => mailTo(withAddress.email).filter((m) => m.subject.includes('maandag 8 november 2055')), (m) => m.length >= 1);
  expect(moved).toHaveLength(1);
  expect(moved[0]!.subject).toBe(`Nieuwe datum (${season.id}): de uiterste datum om het contract te ondertekenen is nu maandag 8 november 2055`);
  expect(moved[0]!.text).toContain('De uiterste datum om het contract te ondertekenen is verplaatst naar maandag 8 november 2055.');
  expect(moved[0]!.text).toContain('Reden: storing VECOZO-portaal.');
  await recordHistory(handle as never, 'zg-2026-deadline-moved-announced');
  const [row] = (await emails(world.database, { agbCode: withAddress.agbCode })).filter((e) => e.kind === 'deadline-moved');
  expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  // Nothing arrives twice, whichever of the two relays sent it.
  await new Promise((r) => setTimeout(r, 500));
  const keys = mailTo(withAddress.email).map((m) => m.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toHaveLength(3);
});

test('a provider without an e-mail address is listed for staff, not silently skipped', async () => {
  const handle = await world.start(season, withoutAddress);
  await world.settle(handle, (v) => v.status === 'IN_CONVERSATION');
  const rows = await eventually(() => emails(world.database, { status: 'no-address' }), (r) => r.length === 1);
  expect(rows[0]).toMatchObject({ agbCode: withoutAddress.agbCode, providerName: withoutAddress.name, kind: 'invitation', to: null, subject: `Uitnodiging inkoopgesprek (${season.id})` });
  expect(catcher.received.filter((m) => m.text.includes(withoutAddress.name))).toEqual([]);
});
