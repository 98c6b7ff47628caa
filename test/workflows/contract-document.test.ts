/**
 * The contract as a document (issue 24, part 2), through a real track on the time-skipping server:
 * the offer's activity makes the PDF, keeps it by SHA-256, the portal message and the e-mail name
 * the hash, the relay attaches the PDF (nodemailer) and the SMTP catcher receives it (mailparser);
 * the signed contract in the register keeps the offer's document. ZG 2026 (000 s4/s5) rehearsed
 * for 2056.
 */
import { createHash } from 'node:crypto';
import { ContractDocumentStore } from '../../activities/contract-documents';
import { EmailRelay, emails } from '../../activities/mail';
import type { OfferRequest } from '../../activities/portal';
import { startMailCatcher, type MailCatcher } from '../../runtime/mail-catcher';
import { recordConversationOutcomeUpdate, recordSignatureUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { createWorld, zgInstitution, type World } from '../helpers/world';

const season = rehearsalOf('zg-2026', 2056);

let world: World;
let catcher: MailCatcher;
let relay: EmailRelay;
let documents: ContractDocumentStore;
beforeAll(async () => {
  world = await createWorld('contract-document', [season]);
  catcher = await startMailCatcher();
  relay = new EmailRelay(world.database, { smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'Zorginkoop <zorginkoop@zorgverzekeraar.example>', pollMs: 50, retrySeconds: 0.2, log: () => {} });
  relay.start();
  documents = new ContractDocumentStore(world.database);
});
afterAll(async () => {
  await relay?.stop();
  await catcher?.stop();
  await world?.close();
});

const provider = { ...zgInstitution('01000971'), name: 'Visio Document', email: 'contract@visio-document.example', locations: [{ agbCode: '01000971', name: 'Hoofdlocatie', city: 'Utrecht' }, { agbCode: '01000972', name: 'Dependance', city: 'Amersfoort' }] };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('000 s5: the PDF\'s hash in the register equals the SHA-256 of the attachment the provider received', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const handle = await world.start(season, provider);
  await world.settle(handle, (v) => v.status === 'IN_CONVERSATION');
  await handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });

  // The provider's mailbox: the offer's e-mail with the PDF attached, and the hash in its text.
  const [mail] = await eventually(async () => catcher.received.filter((m) => m.to.includes(provider.email) && m.subject.startsWith('Contractaanbod')), (m) => m.length === 1);
  expect(mail!.attachments).toHaveLength(1);
  const attachment = mail!.attachments[0]!;
  expect(attachment).toMatchObject({ filename: `contractaanbod-${provider.agbCode}.pdf`, contentType: 'application/pdf' });
  const received = sha256(attachment.content);
  expect(mail!.text).toContain(`Het SHA-256-kenmerk van dit document is:\n${received}`);

  // The offer in the portal and the e-mail in the outbox name the same hash; the store holds those bytes.
  const offer = (await world.deps.portal.messages(provider.agbCode)).find((m) => m.kind === 'offer') as OfferRequest;
  expect(offer.document).toEqual({ sha256: received, kind: 'offer' });
  expect((await emails(world.database, { agbCode: provider.agbCode })).find((e) => e.kind === 'offer')).toMatchObject({ status: 'sent', documentSha256: received });
  const kept = await documents.get(received);
  expect(kept).toMatchObject({ kind: 'offer', policyId: season.id, agbCode: provider.agbCode, idempotencyKey: offer.idempotencyKey });
  expect(kept!.bytes.equals(attachment.content)).toBe(true);

  // Signed: the register's contract keeps the offer's document.
  await handle.executeUpdate(recordSignatureUpdate, { args: [{ by: 'J. Jansen, bestuurder' }] });
  await world.settle(handle, (v) => v.status === 'SIGNED' || v.status === 'PUBLISHED');
  const [contract] = await eventually(() => world.deps.contracts.list({ agbCode: provider.agbCode }), (c) => c.length === 1);
  expect(contract!.documentSha256).toBe(received);
});

test('000 s5: the same offer made twice is the same document: byte-identical, one row, the first kept', async () => {
  const offer = (await world.deps.portal.messages(provider.agbCode)).find((m) => m.kind === 'offer') as OfferRequest;
  const facts = { kind: 'offer' as const, idempotencyKey: offer.idempotencyKey, policyId: season.id, agbCode: provider.agbCode, providerName: provider.name, locations: provider.locations, contractKind: offer.contractKind, issuedOn: offer.offeredOn, signingDeadline: offer.signingDeadline, ...(offer.term ? { term: offer.term } : {}) };
  const again = await documents.make(facts, season, [season]);
  expect(again).toEqual(offer.document);
  expect((await documents.list(provider.agbCode)).map((d) => d.sha256)).toEqual([offer.document!.sha256]);
});
