/**
 * The store tests, run on the embedded database (`test/activities/stores.test.ts`, in `npm test`)
 * and on a real PostgreSQL server (`test/services/stores-postgres.test.ts`, in `npm run
 * test:services`): one schema, one set of queries, the same behaviour on both.
 *
 * "Another worker" is a second Database object on the same schema: a pool of connections of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities, localDeps } from '../../activities';
import { ContractRegister } from '../../activities/contracts';
import { LocalProviderDirectory, type PublicationRequest } from '../../activities/directory';
import { LocalContractPortal } from '../../activities/portal';
import { DatabaseProviderListStore } from '../../activities/provider-store';
import { LocalStaffInbox } from '../../activities/staff';
import { Database } from '../../db/database';
import { ProviderSchema, type Provider } from '../../policies/provider';

const root = join(__dirname, '..', '..');
const samples = (file: string): Provider[] => (JSON.parse(readFileSync(join(root, file), 'utf8')) as unknown[]).map((p) => ProviderSchema.parse(p));
const zg = samples('data/demo/zg-2026-providers.json');
const paramedisch = samples('data/samples/paramedisch-2027-providers.json');

/** `count` distinct providers from the samples (care-type prefix, series digit, number). */
function manyProviders(count: number, series: number): Provider[] {
  return Array.from({ length: count }, (_, i) => {
    const sample = paramedisch[i % paramedisch.length]!;
    const agbCode = `${sample.agbCode.slice(0, 2)}${series}${String(i).padStart(5, '0')}`;
    return ProviderSchema.parse({ ...sample, agbCode, name: `${sample.name} ${series}-${i}` });
  });
}

const codes = (providers: Provider[]) => providers.map((p) => p.agbCode).join(',');

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

const publication = (agbCode: string, kind = 'zg', locations = [{ agbCode, name: `Locatie ${agbCode}`, city: 'Utrecht' }], publishedOn = '2025-11-12'): PublicationRequest => ({
  idempotencyKey: `contracting/zg-2026/${agbCode}/${kind}/publication`,
  policyId: kind === 'zg' ? 'zg-2026' : 'hulpmiddelen-2026',
  contractYear: 2026,
  agbCode,
  providerName: `Aanbieder ${agbCode}`,
  contractKind: kind,
  locations,
  publishedOn,
});

export function storeSuite(target: string, open: (name: string) => Promise<Database>): void {
  let database: Database;
  let others: Database[] = [];
  /** Another worker's view of the same database: connections of its own. */
  const another = () => {
    const other = new Database(database.url, { schema: database.schema });
    others.push(other);
    return other;
  };
  beforeEach(async () => {
    database = await open(expect.getState().currentTestName ?? 'store');
  });
  afterEach(async () => {
    await Promise.all([database.close(), ...others.map((o) => o.close())]);
    others = [];
  });

  describe(`${target}: the portal outbox`, () => {
    test('sending the same offer twice (a retried activity) keeps one offer, the first', async () => {
      const portal = new LocalContractPortal(database);
      const acts = createActivities(localDeps(database));
      const env = new MockActivityEnvironment();
      const first = await env.run(acts.sendOffer, offer);
      const second = await env.run(acts.sendOffer, { ...offer, sentAt: '2025-10-10T08:05:00.000Z' });
      expect(second).toEqual(first);
      const messages = await portal.messages('01234567');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ kind: 'offer', sentAt: '2025-10-10T08:00:00.000Z', signingDeadline: '2025-11-07' });
    });

    test('twenty writers of one key on two workers at once keep exactly one message', async () => {
      const portals = [new LocalContractPortal(database), new LocalContractPortal(another())];
      await Promise.all(Array.from({ length: 20 }, (_, n) => portals[n % 2]!.sendOffer({ ...offer, sentAt: `2025-10-10T08:${String(n).padStart(2, '0')}:00.000Z` })));
      const messages = await portals[1]!.messages();
      expect(messages).toHaveLength(1);
    });

    test('every message is listed oldest first, per provider or for all', async () => {
      const portal = new LocalContractPortal(database);
      await portal.sendInvitation({ idempotencyKey: 'a/invitation', policyId: 'zg-2026', agbCode: '01000001', providerName: 'A', sentAt: '2025-09-01T08:00:00.000Z' });
      await portal.sendOffer(offer);
      await portal.closeOffer({ idempotencyKey: 'b/closed', agbCode: '01234567', offerId: offer.idempotencyKey, reason: 'refused', closedAt: '2025-10-11T08:00:00.000Z' });
      expect((await portal.messages()).map((m) => m.kind)).toEqual(['invitation', 'offer', 'offer-closed']);
      expect((await portal.messages('01234567')).map((m) => m.kind)).toEqual(['offer', 'offer-closed']);
    });
  });

  describe(`${target}: the staff inbox`, () => {
    test('a message is kept once per key', async () => {
      const inbox = new LocalStaffInbox(database);
      const message = { idempotencyKey: 'x/escalation', kind: 'escalation' as const, policyId: 'zg-2026', agbCode: '01000001', providerName: 'A', text: 'past the answer target', sentAt: '2025-10-01T08:00:00.000Z' };
      await Promise.all([inbox.notify(message), new LocalStaffInbox(another()).notify(message)]);
      expect(await inbox.messages()).toEqual([message]);
    });
  });

  describe(`${target}: the provider finder`, () => {
    test('a signed provider is listed at each location, once', async () => {
      const directory = new LocalProviderDirectory(database);
      const request = publication('01234567', 'zg', [
        { agbCode: '01234568', name: 'Visio Apeldoorn', city: 'Apeldoorn' },
        { agbCode: '01234569', name: 'Visio Haren', city: 'Haren' },
      ]);
      expect(await directory.publish(request)).toEqual({ listingIds: ['zg-2026/zg/01234567/01234568', 'zg-2026/zg/01234567/01234569'] });
      await new LocalProviderDirectory(another()).publish(request);
      expect((await directory.listings()).map((l) => [l.city, l.publishedOn])).toEqual([
        ['Apeldoorn', '2025-11-12'],
        ['Haren', '2025-11-12'],
      ]);
    });

    test("defect 1: withdrawing one contract kind keeps the provider's listing for its other kind", async () => {
      const directory = new LocalProviderDirectory(database);
      const magazijn = [{ agbCode: '70009999', name: 'Magazijn', city: 'Zwolle' }];
      const dieet = await directory.publish(publication('70001234', 'dieetpreparaten', magazijn));
      await directory.publish(publication('70001234', 'disv', magazijn));
      await directory.unpublish({ idempotencyKey: 'contracting/hulpmiddelen-2026/70001234/dieetpreparaten/unpublication', agbCode: '70001234', listingIds: dieet.listingIds, withdrawnOn: '2026-02-01' });
      expect((await directory.listings()).map((l) => [l.agbCode, l.contractKind])).toEqual([['70001234', 'disv']]);
    });

    test('defect 1: two providers sharing a location AGB code keep their own listings', async () => {
      const directory = new LocalProviderDirectory(database);
      const shared = [{ agbCode: '70005555', name: 'Gezondheidscentrum De Linde', city: 'Deventer' }];
      const first = await directory.publish(publication('70001111', 'disv', shared));
      await directory.publish(publication('70002222', 'disv', shared));
      expect((await directory.listings()).map((l) => l.agbCode)).toEqual(['70001111', '70002222']);
      await directory.unpublish({ idempotencyKey: 'contracting/hulpmiddelen-2026/70001111/disv/unpublication', agbCode: '70001111', listingIds: first.listingIds, withdrawnOn: '2026-02-01' });
      expect((await directory.listings()).map((l) => l.agbCode)).toEqual(['70002222']);
    });

    test('the public search: by care type, city (any case) and part of a name; from the publication day; withdrawn gone', async () => {
      const directory = new LocalProviderDirectory(database);
      await directory.publish(publication('01000001', 'zg', [{ agbCode: '01000001', name: 'Bartiméus Zeist', city: 'Zeist' }]));
      await directory.publish(publication('01000002', 'zg', [{ agbCode: '01000002', name: 'Visio Utrecht', city: 'Utrecht' }]));
      await directory.publish(publication('70000003', 'disv', [{ agbCode: '70000003', name: 'Medipoint 100%', city: 'Utrecht' }], '2025-12-01'));
      const withdrawn = await directory.publish(publication('01000004', 'zg', [{ agbCode: '01000004', name: 'Kentalis Utrecht', city: 'Utrecht' }]));
      await directory.unpublish({ idempotencyKey: 'w', agbCode: '01000004', listingIds: withdrawn.listingIds, withdrawnOn: '2026-01-05' });
      const agbs = async (query: Parameters<LocalProviderDirectory['listings']>[0]) => (await directory.listings(query)).map((l) => l.agbCode);
      expect(await agbs({ city: ' uTRECHT ' })).toEqual(['01000002', '70000003']);
      expect(await agbs({ city: 'Utrecht', careType: 'zg' })).toEqual(['01000002']);
      expect(await agbs({ careType: 'hulpmiddelen' })).toEqual(['70000003']);
      expect(await agbs({ name: 'visio' })).toEqual(['01000002']);
      expect(await agbs({ name: '100%' })).toEqual(['70000003']);
      expect(await agbs({ name: '%' })).toEqual(['70000003']); // a wildcard is a character, not "anything"
      expect(await agbs({ city: 'Utrecht', on: '2025-11-30' })).toEqual(['01000002']);
      expect(await agbs({ limit: 1 })).toEqual(['01000001']);
    });
  });

  describe(`${target}: the contract register`, () => {
    const signed = {
      policyId: 'zg-2028',
      careType: 'zg',
      contractKind: 'zg',
      agbCode: '01000001',
      providerName: 'Visio',
      locations: [{ agbCode: '01000001', name: 'Visio Apeldoorn', city: 'Apeldoorn' }],
      term: { fromYear: 2028, toYear: 2028 },
      startDate: '2028-01-01',
      endDate: '2028-12-31',
      signedOn: '2027-09-01',
      offerId: 'contracting/zg-2028/01000001/offer',
    };

    test('a signature registered by two workers at once (a retried activity) is one contract; an amendment once per key', async () => {
      const registers = [new ContractRegister(database), new ContractRegister(another())];
      await Promise.all(Array.from({ length: 10 }, (_, n) => registers[n % 2]!.register({ ...signed, signedOn: n ? '2027-09-02' : '2027-09-01' })));
      const withdrawal = { idempotencyKey: 'contracting/zg-2028/01000001/withdrawal', policyId: 'zg-2028', contractKind: 'zg', agbCode: '01000001', kind: 'withdrawn' as const, effectiveDate: '2028-03-01', details: { reason: 'gesloten' } };
      await Promise.all(registers.map((r) => r.amend(withdrawal)));
      const list = await registers[0]!.list();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ contractId: 'zg-2028/zg/01000001', withdrawnOn: '2028-03-01', amendments: [{ kind: 'withdrawn', effectiveDate: '2028-03-01' }] });
    });
  });

  describe(`${target}: campaign provider lists`, () => {
    const store = () => new DatabaseProviderListStore(database);

    test('a saved list reads back in pages, in import order, as stored', async () => {
      expect(await store().save('c/round-trip', paramedisch)).toEqual({ count: paramedisch.length });
      const pages: Provider[] = [];
      for (let offset = 0; offset < paramedisch.length; offset += 6) pages.push(...(await store().page('c/round-trip', offset, 6)));
      expect(pages).toEqual(paramedisch);
      expect(codes(await store().page('c/round-trip', 3, 4))).toBe(codes(paramedisch.slice(3, 7)));
    });

    test('pages past the end are empty; a page across the end is short', async () => {
      await store().save('c/end', zg);
      expect(await store().page('c/end', zg.length - 2, 10)).toEqual(zg.slice(-2));
      expect(await store().page('c/end', zg.length, 10)).toEqual([]);
      expect(await store().page('c/end', 1_000_000, 100)).toEqual([]);
      expect(await store().page('c/end', 0, 0)).toEqual([]);
    });

    test('a list never imported is an error naming it, not an empty list', async () => {
      await expect(store().page('c/never', 0, 10)).rejects.toThrow("provider list 'c/never' is not in the database");
      await store().save('c/empty', []);
      expect(await store().page('c/empty', 0, 10)).toEqual([]);
    });

    test('defect 5: a page is bounded by bytes as well as by count', async () => {
      const providers = Array.from({ length: 10 }, (_, i) =>
        ProviderSchema.parse({ agbCode: String(1000000 + i).padStart(8, '0'), name: `P${i} ${'x'.repeat(1000)}`, locations: [{ agbCode: '01000001', name: 'L', city: 'C' }], vektisRegistered: true, vecozoCertificate: true }),
      );
      await store().save('c/abc', providers);
      const bySize = await store().read('c/abc', 0, 10, 3500); // about three records of 1.2 KB
      expect(bySize.read).toBe(2);
      expect(bySize.providers.map((p) => p.agbCode)).toEqual(['01000000', '01000001']);
      expect((await store().read('c/abc', 2, 3, 1_000_000)).providers.map((p) => p.agbCode)).toEqual(['01000002', '01000003', '01000004']);
      // A single record bigger than the bound still makes a page of one: a page always moves on.
      expect((await store().read('c/abc', 9, 10, 10)).read).toBe(1);
      expect((await store().read('c/abc', 10, 10, 1_000_000)).read).toBe(0);
    });

    test('a second save replaces the list atomically: a concurrent reader sees the old list or the new one, never a mix', async () => {
      const before = manyProviders(3_000, 1);
      const after = manyProviders(2_000, 2);
      await store().save('c/replace', before);
      const reader = new DatabaseProviderListStore(another());
      const offsets = [0, 1_234, 1_950, 1_999, 2_000, 2_950];
      const seen = { before: 0, after: 0 };
      let saving = true;
      const saved = store().save('c/replace', after).finally(() => (saving = false));
      await Promise.all(
        Array.from({ length: 3 }, async (_, r) => {
          for (let i = r; saving; i++) {
            const offset = offsets[i % offsets.length]!;
            const page = codes(await reader.page('c/replace', offset, 100));
            const fromBefore = page === codes(before.slice(offset, offset + 100));
            const fromAfter = page === codes(after.slice(offset, offset + 100));
            if (!fromBefore && !fromAfter) throw new Error(`page at ${offset} is neither the old list nor the new one: ${page.slice(0, 200)}`);
            seen[fromBefore ? 'before' : 'after']++;
          }
        }),
      );
      await saved;
      expect(seen.before + seen.after).toBeGreaterThan(0);
      expect(codes(await store().page('c/replace', 1_950, 100))).toBe(codes(after.slice(1_950)));
      expect(await store().page('c/replace', 2_000, 100)).toEqual([]);
    });

    test('two saves of one list at the same moment on two workers: one list wins whole', async () => {
      const a = manyProviders(2_000, 3);
      const b = manyProviders(1_500, 4);
      await Promise.all([store().save('c/both', a), new DatabaseProviderListStore(another()).save('c/both', b)]);
      const all: Provider[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await store().page('c/both', offset, 500);
        if (page.length === 0) break;
        all.push(...page);
      }
      expect([codes(a), codes(b)]).toContain(codes(all));
    });

    test('two lists do not see each other', async () => {
      await store().save('zg/1', zg);
      await store().save('para/1', paramedisch);
      await store().save('zg/1', zg.slice(0, 1)); // replacing one leaves the other alone
      expect(await store().page('zg/1', 0, 100)).toEqual(zg.slice(0, 1));
      expect(await store().page('para/1', 0, 100)).toEqual(paramedisch);
    });

    test("a worker's loadProviderPage activity reads the campaign's page", async () => {
      await store().save('c/activity', paramedisch);
      const acts = createActivities(localDeps(another()));
      expect(await acts.loadProviderPage({ campaignId: 'c/activity', offset: 5, limit: 3 })).toEqual(paramedisch.slice(5, 8));
      expect(await acts.loadProviderPage({ campaignId: 'c/activity', offset: paramedisch.length, limit: 100 })).toEqual([]);
    });
  });

  describe(`${target}: failures`, () => {
    test('an unreachable database: the error names what failed and where, never the password', async () => {
      const unreachable = new Database('postgres://zorginkoop:s3cret-pw@127.0.0.1:1/zorginkoop');
      try {
        const saving = new DatabaseProviderListStore(unreachable).save('zg-2026/abc', zg);
        await expect(saving).rejects.toThrow("cannot save the provider list 'zg-2026/abc' (5 providers; the previous list, if any, is unchanged) in the database at 127.0.0.1:1/zorginkoop");
        await expect(saving).rejects.not.toThrow('s3cret-pw');
        await expect(new LocalContractPortal(unreachable).sendOffer(offer)).rejects.toThrow(`cannot record the portal message ${offer.idempotencyKey} in the database at 127.0.0.1:1/zorginkoop`);
        await expect(unreachable.migrate()).rejects.toThrow('cannot bring the schema up to date in the database at 127.0.0.1:1/zorginkoop');
      } finally {
        await unreachable.close();
      }
    });
  });
}
