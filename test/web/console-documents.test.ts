/**
 * A contract document in the console, over the real server (HTTP, no Temporal: the route reads the
 * database only): a signed-in user gets the PDF as it was kept, byte for byte (its SHA-256 is the
 * one in the URL), with its type and file name; a signed-out request is sent to sign in; an unknown
 * hash is 404 and a malformed one 400, neither with a PDF. The provider page links every message's
 * document (a stand-in client answers the track's status query).
 */
import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { ContractDocumentStore } from '../../activities/contract-documents';
import { LocalContractPortal } from '../../activities/portal';
import { renderContractPdf } from '../../activities/contract-pdf';
import { contractDocument } from '../../policies/contract-document';
import type { ProviderStatusView } from '../../workflows/messages';
import { edition } from '../helpers/editions';
import { call, signIn, startConsole, type TestConsole } from './console-http';

const view = { policyId: 'zg-2026', agbCode: '01000001', providerName: 'Visio', status: 'OFFERED', statusText: 'offered', accepts: [], contractKind: 'zg', planned: {}, moved: {}, amendments: [], reasons: [], history: [] } as unknown as ProviderStatusView;
/** The few calls the provider page makes of a Temporal client. */
const client = { workflow: { getHandle: () => ({ query: async () => view, describe: async () => ({ status: { name: 'RUNNING' } }) }) } } as unknown as Client;

let c: TestConsole;
let sha256: string;
let bytes: Buffer;
beforeAll(async () => {
  c = await startConsole('console_documents', { client });
  const rendered = await renderContractPdf(
    contractDocument({ kind: 'offer', reference: 'contracting/zg-2026/01000001/offer', edition: edition('zg-2026'), provider: { agbCode: '01000001', name: 'Visio', locations: [{ agbCode: '01000001', name: 'Hoofdlocatie', city: 'Utrecht' }] }, contractKind: 'zg', issuedOn: '2025-09-22', signingDeadline: '2025-10-20' }),
  );
  ({ sha256, bytes } = rendered);
  await new ContractDocumentStore(c.database).keep({ ...rendered, kind: 'offer', policyId: 'zg-2026', agbCode: '01000001', idempotencyKey: 'contracting/zg-2026/01000001/offer' });
  await new LocalContractPortal(c.database).sendOffer({ idempotencyKey: 'contracting/zg-2026/01000001/offer', policyId: 'zg-2026', agbCode: '01000001', providerName: 'Visio', contractKind: 'zg', sentAt: '2025-09-22T08:00:00.000Z', offeredOn: '2025-09-22', signingDeadline: '2025-10-20', document: { sha256, kind: 'offer' } });
});

test('the provider page links the offer\'s document by its hash', async () => {
  const { cookie } = await signIn(c.base, 'viewer');
  const page = await call(c.base, { url: `/aanbieder/${encodeURIComponent('contracting/zg-2026/01000001')}`, headers: { cookie } });
  expect(page.status).toBe(200);
  expect(page.body).toContain(`<a href="/document/${sha256}" data-document="${sha256}">PDF</a>`);
});
afterAll(() => c?.close());

/** The body as bytes (the helper reads text). */
async function pdf(url: string, cookie: string) {
  const response = await fetch(`${c.base}${url}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

test('a signed-in user gets the kept PDF: application/pdf, its file name, the bytes whose SHA-256 the URL names', async () => {
  const { cookie } = await signIn(c.base, 'viewer');
  const answer = await pdf(`/document/${sha256}`, cookie);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/pdf');
  expect(answer.headers.get('content-disposition')).toBe('inline; filename="contractaanbod-01000001.pdf"');
  expect(answer.bytes.equals(bytes)).toBe(true);
  expect(createHash('sha256').update(answer.bytes).digest('hex')).toBe(sha256);
});

test('signed out: sent to sign in, no PDF', async () => {
  const answer = await call(c.base, { url: `/document/${sha256}` });
  expect(answer.status).toBe(302);
  expect(answer.location).toMatch(/^\/inloggen/);
  expect(answer.headers.get('content-type')).not.toBe('application/pdf');
});

test('an unknown hash is 404 and a malformed one 400, in words, never a PDF', async () => {
  const { cookie } = await signIn(c.base, 'viewer');
  const unknown = await call(c.base, { url: `/document/${'0'.repeat(64)}`, headers: { cookie } });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toContain('Er is geen document met dit kenmerk.');
  for (const bad of [sha256.toUpperCase(), sha256.slice(0, 63), `${sha256}0`, '..%2F..%2Fetc%2Fpasswd', `${sha256.slice(0, 63)}g`]) {
    const answer = await call(c.base, { url: `/document/${bad}`, headers: { cookie } });
    expect([bad, answer.status]).toEqual([bad, 400]);
    expect(answer.headers.get('content-type')).not.toBe('application/pdf');
  }
});
