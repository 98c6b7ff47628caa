/**
 * The local portal and provider finder: idempotent by key, so a retried activity never sends
 * a second offer; exercised through the activities with MockActivityEnvironment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities, localDeps } from '../../activities';
import { LocalProviderDirectory } from '../../activities/directory';
import { FileRecordStore } from '../../activities/file-store';
import { LocalContractPortal } from '../../activities/portal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stores-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const offer = {
  idempotencyKey: 'contracting/zg-2026/01234567/offer',
  policyId: 'zg-2026',
  agbCode: '01234567',
  providerName: 'Visio',
  contractKind: 'zg',
  sentAt: '2025-10-10T08:00:00.000Z',
  offeredOn: '2025-10-10',
  signingDeadline: '2025-11-07',
};

test('sending the same offer twice (a retried activity) keeps one offer', async () => {
  const portal = new LocalContractPortal(dir);
  const acts = createActivities({ ...localDeps(dir), portal });
  const env = new MockActivityEnvironment();
  const first = await env.run(acts.sendOffer, offer);
  const second = await env.run(acts.sendOffer, { ...offer, sentAt: '2025-10-10T08:05:00.000Z' });
  expect(second).toEqual(first);
  const messages = await portal.messages('01234567');
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ kind: 'offer', sentAt: '2025-10-10T08:00:00.000Z', signingDeadline: '2025-11-07' });
});

test('concurrent writers of one key keep exactly one record', async () => {
  const store = new FileRecordStore<{ n: number }>(dir);
  const results = await Promise.all(Array.from({ length: 20 }, (_, n) => store.putOnce('same/key', { n })));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  const kept = results.find((r) => r.created)!.value;
  expect(results.every((r) => r.value.n === kept.n)).toBe(true);
  expect(await store.list()).toHaveLength(1);
});

test('the finder lists a signed provider at each location, once', async () => {
  const directory = new LocalProviderDirectory(dir);
  const request = {
    idempotencyKey: 'contracting/zg-2026/01234567/publication',
    policyId: 'zg-2026',
    contractYear: 2026,
    agbCode: '01234567',
    providerName: 'Visio',
    contractKind: 'zg',
    locations: [
      { agbCode: '01234568', name: 'Visio Apeldoorn', city: 'Apeldoorn' },
      { agbCode: '01234569', name: 'Visio Haren', city: 'Haren' },
    ],
    publishedOn: '2025-11-12',
  };
  expect(await directory.publish(request)).toEqual({ listingIds: ['zg-2026/zg/01234567/01234568', 'zg-2026/zg/01234567/01234569'] });
  await directory.publish(request);
  expect((await directory.listings()).map((l) => [l.city, l.publishedOn])).toEqual([
    ['Apeldoorn', '2025-11-12'],
    ['Haren', '2025-11-12'],
  ]);
});

describe('the finder keeps each listing apart (probe defect 1)', () => {
  const supplier = (agbCode: string, kind: string, location = { agbCode: '70009999', name: 'Magazijn', city: 'Zwolle' }) => ({
    idempotencyKey: `contracting/hulpmiddelen-2026/${agbCode}/${kind}/publication`,
    policyId: 'hulpmiddelen-2026',
    contractYear: 2026,
    agbCode,
    providerName: `Leverancier ${agbCode}`,
    contractKind: kind,
    locations: [location],
    publishedOn: '2025-11-12',
  });

  test('defect 1: withdrawing one contract kind keeps the provider\'s listing for its other kind', async () => {
    const directory = new LocalProviderDirectory(dir);
    const dieet = await directory.publish(supplier('70001234', 'dieetpreparaten'));
    await directory.publish(supplier('70001234', 'disv'));
    await directory.unpublish({ idempotencyKey: 'contracting/hulpmiddelen-2026/70001234/dieetpreparaten/unpublication', agbCode: '70001234', listingIds: dieet.listingIds, withdrawnOn: '2026-02-01' });
    expect((await directory.listings()).map((l) => [l.agbCode, l.contractKind])).toEqual([['70001234', 'disv']]);
  });

  test('defect 1: two providers sharing a location AGB code keep their own listings', async () => {
    const directory = new LocalProviderDirectory(dir);
    const shared = { agbCode: '70005555', name: 'Gezondheidscentrum De Linde', city: 'Deventer' };
    const first = await directory.publish(supplier('70001111', 'disv', shared));
    await directory.publish(supplier('70002222', 'disv', shared));
    expect((await directory.listings()).map((l) => l.agbCode)).toEqual(['70001111', '70002222']);
    await directory.unpublish({ idempotencyKey: 'contracting/hulpmiddelen-2026/70001111/disv/unpublication', agbCode: '70001111', listingIds: first.listingIds, withdrawnOn: '2026-02-01' });
    expect((await directory.listings()).map((l) => l.agbCode)).toEqual(['70002222']);
  });
});

test('defect 5: a page of a provider list is bounded by bytes as well as by count', async () => {
  const { FileProviderListStore } = await import('../../activities/provider-store');
  const { ProviderSchema } = await import('../../policies/provider');
  const store = new FileProviderListStore(dir);
  const providers = Array.from({ length: 10 }, (_, i) =>
    ProviderSchema.parse({ agbCode: String(1000000 + i).padStart(8, '0'), name: `P${i} ${'x'.repeat(1000)}`, locations: [{ agbCode: '01000001', name: 'L', city: 'C' }], vektisRegistered: true, vecozoCertificate: true }),
  );
  await store.save('c/abc', providers);
  const bySize = await store.read('c/abc', 0, 10, 3500); // about three records of 1.2 KB
  expect(bySize.read).toBe(2);
  expect(bySize.providers.map((p) => p.agbCode)).toEqual(['01000000', '01000001']);
  expect((await store.read('c/abc', 2, 3, 1_000_000)).providers.map((p) => p.agbCode)).toEqual(['01000002', '01000003', '01000004']);
  // A single record bigger than the bound still makes a page of one: a page always moves on.
  expect((await store.read('c/abc', 9, 10, 10)).read).toBe(1);
  expect((await store.read('c/abc', 10, 10, 1_000_000)).read).toBe(0);
});
