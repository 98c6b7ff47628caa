/**
 * The e-mail relay against a real SMTP server (the catcher) and the run's database (issue 22,
 * items 9 and 15): an outage of the mail server is logged once when it starts and once when it
 * ends, not per attempt, and never with a provider's address; where TLS is required, a mail
 * server that does not offer it gets no e-mail at all.
 */
import { loadConfig } from '../../config/config';
import type { Database } from '../../db/database';
import { EmailRelay } from '../../activities/mail';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { testDatabase } from '../helpers/database';
import { eventually } from '../helpers/eventually';

let database: Database;
let catcher: MailCatcher;
beforeAll(async () => {
  database = await testDatabase('mail_relay');
  catcher = await startMailCatcher();
});
afterAll(async () => {
  await catcher?.stop();
  await database?.close();
});

const outbox = (key: string, to: string) =>
  database.db.insertInto('email_outbox').values({ idempotency_key: key, agb_code: '01000001', kind: 'offer', to_address: to, subject: `Onderwerp ${key}`, body: 'Tekst', status: 'pending' }).execute();
const statusOf = async (key: string) => (await database.db.selectFrom('email_outbox').select(['status', 'attempts']).where('idempotency_key', '=', key).executeTakeFirstOrThrow());

test('defect 15: a mail server outage is logged once when it starts and once when it ends, not once per attempt, and no provider address is in the log', async () => {
  const lines: string[] = [];
  const relay = new EmailRelay(database, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'zorginkoop@zorgverzekeraar.example', pollMs: 20, retrySeconds: 0.05, log: (l) => lines.push(l) });
  await outbox('outage/1', 'eerste@praktijk.example');
  await outbox('outage/2', 'tweede@praktijk.example');
  catcher.failNext(8);
  relay.start();
  try {
    await eventually(async () => [await statusOf('outage/1'), await statusOf('outage/2')], (s) => s.every((r) => r.status === 'sent'));
  } finally {
    await relay.stop();
  }
  const attempts = (await statusOf('outage/1')).attempts + (await statusOf('outage/2')).attempts;
  expect(attempts).toBeGreaterThanOrEqual(10); // eight refused, two sent
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^mail: the mail server does not take e-mail now \(.*451.*\); e-mail waits in the outbox/);
  expect(lines[1]).toMatch(/^mail: the mail server takes e-mail again after [\d.]+ min and 8 failed attempt\(s\)$/);
  expect(lines.join('\n')).not.toMatch(/praktijk\.example/);
});

test('defect 9: with TLS required, a mail server that does not offer STARTTLS gets no e-mail: it waits in the outbox, unsent', async () => {
  const lines: string[] = [];
  const before = catcher.received.length;
  // The catcher offers no STARTTLS, as a misconfigured or downgraded relay would not.
  const relay = new EmailRelay(database, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'zorginkoop@zorgverzekeraar.example', pollMs: 20, retrySeconds: 60, requireTls: true, log: (l) => lines.push(l) });
  await outbox('tls/1', 'derde@praktijk.example');
  relay.start();
  try {
    await eventually(async () => statusOf('tls/1'), (s) => s.attempts >= 1);
  } finally {
    await relay.stop();
  }
  expect(await statusOf('tls/1')).toMatchObject({ status: 'pending' });
  expect(catcher.received.length).toBe(before);
  expect(lines[0]).toMatch(/STARTTLS/);
});

test('defect 9: TLS to the mail server is required by default for every server but this machine\'s own, and can be required or turned off by a setting', () => {
  expect(loadConfig({}).smtpRequireTls).toBe(false); // the local catcher
  expect(loadConfig({ ZORGINKOOP_SMTP_URL: 'smtp://relay.verzekeraar.example:587' }).smtpRequireTls).toBe(true);
  expect(loadConfig({ ZORGINKOOP_SMTP_URL: 'smtp://relay.verzekeraar.example:25', ZORGINKOOP_SMTP_TLS: 'off' }).smtpRequireTls).toBe(false);
  expect(loadConfig({ ZORGINKOOP_SMTP_TLS: 'required' }).smtpRequireTls).toBe(true);
  expect(() => loadConfig({ ZORGINKOOP_SMTP_TLS: 'ja' })).toThrow(/ZORGINKOOP_SMTP_TLS="ja"/);
});
