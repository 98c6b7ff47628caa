/**
 * The PostgreSQL store of campaign provider lists against a real, throwaway PostgreSQL
 * (`test/helpers/postgres.ts`; ZORGINKOOP_TEST_DATABASE_URL uses a server of your own):
 * round trips, pages past the end, atomic replacement under concurrent readers, 10,000 providers,
 * campaigns kept apart, the configuration that picks it, and the activity that reads from it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities, localDeps } from '../../activities';
import { PgProviderListStore } from '../../activities/pg-provider-store';
import { FileProviderListStore, providerListStoreFor } from '../../activities/provider-store';
import { ConfigError, loadConfig } from '../../config/config';
import { ProviderSchema, type Provider } from '../../policies/provider';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';

const root = join(__dirname, '..', '..');
const samples = (file: string): Provider[] => (JSON.parse(readFileSync(join(root, file), 'utf8')) as unknown[]).map((p) => ProviderSchema.parse(p));
const zg = samples('data/demo/zg-2026-providers.json');
const paramedisch = samples('data/samples/paramedisch-2027-providers.json');

/**
 * `count` distinct providers from the samples: the AGB code keeps the sample's care-type prefix
 * (two digits), then the series digit, then the number (like scripts/bench-fanout.ts).
 */
function manyProviders(count: number, series: number): Provider[] {
  return Array.from({ length: count }, (_, i) => {
    const sample = paramedisch[i % paramedisch.length]!;
    const agbCode = `${sample.agbCode.slice(0, 2)}${series}${String(i).padStart(5, '0')}`;
    return ProviderSchema.parse({ ...sample, agbCode, name: `${sample.name} ${series}-${i}` });
  });
}

const codes = (providers: Provider[]) => providers.map((p) => p.agbCode).join(',');

// Campaign ids of this run only, so a shared ZORGINKOOP_TEST_DATABASE_URL server is fine.
const run = `t${Date.now().toString(36)}`;
const campaign = (name: string) => `${run}-${name}`;

let pg: TestPostgres;
let store: PgProviderListStore;
let dir: string;

beforeAll(async () => {
  pg = await startTestPostgres();
  store = new PgProviderListStore(pg.url);
  dir = mkdtempSync(join(tmpdir(), 'pg-provider-store-'));
});

afterAll(async () => {
  await store?.close();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a saved list reads back in pages, in import order, as stored', async () => {
  const c = campaign('round-trip');
  expect(await store.save(c, paramedisch)).toEqual({ count: paramedisch.length });
  const pages: Provider[] = [];
  for (let offset = 0; offset < paramedisch.length; offset += 6) pages.push(...(await store.page(c, offset, 6)));
  expect(pages).toEqual(paramedisch);
  expect(codes(await store.page(c, 3, 4))).toBe(codes(paramedisch.slice(3, 7)));
});

test('pages past the end are empty; a page across the end is short', async () => {
  const c = campaign('past-the-end');
  await store.save(c, zg);
  expect(await store.page(c, zg.length - 2, 10)).toEqual(zg.slice(-2));
  expect(await store.page(c, zg.length, 10)).toEqual([]);
  expect(await store.page(c, 1_000_000, 100)).toEqual([]);
  expect(await store.page(c, 0, 0)).toEqual([]);
});

test('a campaign without a list is an error naming it, not an empty list', async () => {
  await expect(store.page(campaign('never-imported'), 0, 10)).rejects.toThrow(`campaign '${campaign('never-imported')}' has no provider list in PostgreSQL`);
  // An imported empty list is a list: its pages are empty.
  await store.save(campaign('empty'), []);
  expect(await store.page(campaign('empty'), 0, 10)).toEqual([]);
});

test('a second save replaces the list atomically: a concurrent reader sees the old list or the new one, never a mix', async () => {
  const c = campaign('replace');
  const before = manyProviders(5_000, 1);
  const after = manyProviders(3_000, 2);
  await store.save(c, before);

  // Another worker, with connections of its own, reads pages while the list is replaced:
  // pages inside both lists, across the new end, and past it.
  const reader = new PgProviderListStore(pg.url);
  const offsets = [0, 1_234, 2_950, 2_999, 3_000, 4_950];
  const seen = { before: 0, after: 0 };
  let saving = true;
  const t0 = Date.now();
  const saved = store.save(c, after).finally(() => (saving = false));
  try {
    await Promise.all(
      Array.from({ length: 3 }, async (_, r) => {
        for (let i = r; saving; i++) {
          const offset = offsets[i % offsets.length]!;
          const page = codes(await reader.page(c, offset, 100));
          const fromBefore = page === codes(before.slice(offset, offset + 100));
          const fromAfter = page === codes(after.slice(offset, offset + 100));
          if (!fromBefore && !fromAfter) throw new Error(`page at ${offset} is neither the old list nor the new one: ${page.slice(0, 200)}`);
          seen[fromBefore ? 'before' : 'after']++;
        }
      }),
    );
    await saved;
  } finally {
    await reader.close();
  }
  process.stdout.write(`  replacing 5,000 by 3,000 providers took ${Date.now() - t0} ms; concurrent pages read: ${seen.before} of the old list, ${seen.after} of the new\n`);
  expect(seen.before + seen.after).toBeGreaterThan(0);
  expect(codes(await store.page(c, 2_950, 100))).toBe(codes(after.slice(2_950)));
  expect(await store.page(c, 3_000, 100)).toEqual([]);
});

test('two saves of one campaign at the same moment: one list wins whole', async () => {
  const c = campaign('concurrent-saves');
  const a = manyProviders(2_000, 3);
  const b = manyProviders(1_500, 4);
  const other = new PgProviderListStore(pg.url);
  try {
    await Promise.all([store.save(c, a), other.save(c, b)]);
  } finally {
    await other.close();
  }
  const all: Provider[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.page(c, offset, 500);
    if (page.length === 0) break;
    all.push(...page);
  }
  expect([codes(a), codes(b)]).toContain(codes(all));
});

test('10,000 providers save in one go and read back in order', async () => {
  const c = campaign('ten-thousand');
  const providers = manyProviders(10_000, 5);
  expect(new Set(providers.map((p) => p.agbCode)).size).toBe(10_000);
  let t = Date.now();
  expect(await store.save(c, providers)).toEqual({ count: 10_000 });
  const saveMs = Date.now() - t;
  t = Date.now();
  const read: Provider[] = [];
  for (let offset = 0; offset < 10_000; offset += 100) read.push(...(await store.page(c, offset, 100)));
  const readMs = Date.now() - t;
  process.stdout.write(`  10,000 providers: saved in ${saveMs} ms, read back in 100 pages of 100 in ${readMs} ms\n`);
  expect(codes(read)).toBe(codes(providers));
  expect(read[9_999]).toEqual(providers[9_999]);
});

test('two campaigns do not see each other', async () => {
  const a = campaign('zg');
  const b = campaign('paramedisch');
  await store.save(a, zg);
  await store.save(b, paramedisch);
  expect(await store.page(a, 0, 100)).toEqual(zg);
  expect(await store.page(b, 0, 100)).toEqual(paramedisch);
  await store.save(a, zg.slice(0, 1)); // replacing one leaves the other alone
  expect(await store.page(a, 0, 100)).toEqual(zg.slice(0, 1));
  expect(await store.page(b, 0, 100)).toEqual(paramedisch);
});

test('a failure names the campaign and the server, never the password', async () => {
  const unreachable = new PgProviderListStore('postgres://zorginkoop:s3cret-pw@127.0.0.1:1/zorginkoop');
  try {
    const saving = unreachable.save('zg-2026', zg);
    await expect(saving).rejects.toThrow("cannot save the provider list of campaign 'zg-2026' (5 providers) to PostgreSQL (127.0.0.1:1/zorginkoop)");
    await expect(saving).rejects.not.toThrow('s3cret-pw');
    const reading = unreachable.page('zg-2026', 0, 10);
    await expect(reading).rejects.toThrow("campaign 'zg-2026' from PostgreSQL (127.0.0.1:1/zorginkoop)");
    await expect(reading).rejects.not.toThrow('s3cret-pw');
  } finally {
    await unreachable.close();
  }
});

test('the configuration picks PostgreSQL when ZORGINKOOP_DATABASE_URL is set, else the data folder', async () => {
  const withUrl = providerListStoreFor(loadConfig({ ZORGINKOOP_DATA_DIR: dir, ZORGINKOOP_DATABASE_URL: pg.url }));
  const without = providerListStoreFor(loadConfig({ ZORGINKOOP_DATA_DIR: dir }));
  try {
    expect(withUrl).toBeInstanceOf(PgProviderListStore);
    expect(without).toBeInstanceOf(FileProviderListStore);
    // What `campaign start` saves through the configured store, any other worker reads.
    await withUrl.save(campaign('configured'), zg);
    expect(await store.page(campaign('configured'), 0, 100)).toEqual(zg);
  } finally {
    await withUrl.close();
    await without.close();
  }
});

test('a bad ZORGINKOOP_DATABASE_URL is a ConfigError naming it, without the password', () => {
  const bad = (url: string) => {
    try {
      loadConfig({ ZORGINKOOP_DATABASE_URL: url });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error(`${url} was accepted`);
  };
  const mysql = bad('mysql://admin:s3cret-pw@db.example:3306/zorginkoop');
  expect(mysql).toContain('ZORGINKOOP_DATABASE_URL="mysql://admin:***@db.example:3306/zorginkoop": must start with postgres:// or postgresql://');
  expect(mysql).not.toContain('s3cret-pw');
  const notUrl = bad('not a url: s3cret-pw');
  expect(notUrl).toContain('ZORGINKOOP_DATABASE_URL: expected a URL');
  expect(notUrl).not.toContain('s3cret-pw');
  // Without `//`, `admin:` parses as the scheme and the password as a path: the value is not shown.
  const noSlashes = bad('admin:s3cret-pw@db.example/zorginkoop');
  expect(noSlashes).toContain('ZORGINKOOP_DATABASE_URL: must start with postgres:// or postgresql://');
  expect(noSlashes).not.toContain('s3cret-pw');
  const inQuery = bad('http://db.example/zorginkoop?user=admin&password=s3cret-pw');
  expect(inQuery).toContain('ZORGINKOOP_DATABASE_URL');
  expect(inQuery).not.toContain('s3cret-pw');
  expect(loadConfig({ ZORGINKOOP_DATABASE_URL: 'postgresql://zorginkoop:pw@db.example:5432/zorginkoop' }).databaseUrl).toBe('postgresql://zorginkoop:pw@db.example:5432/zorginkoop');
  expect(loadConfig({}).databaseUrl).toBeUndefined();
});

test("a worker's loadProviderPage activity reads the campaign's page from PostgreSQL", async () => {
  const c = campaign('activity');
  await store.save(c, paramedisch);
  // As the worker builds it: the local portal and finder, the provider lists from PostgreSQL.
  const acts = createActivities({ ...localDeps(dir), providerLists: store });
  expect(await acts.loadProviderPage({ campaignId: c, offset: 5, limit: 3 })).toEqual(paramedisch.slice(5, 8));
  const viaLocalDeps = createActivities(localDeps(dir, store));
  expect(await viaLocalDeps.loadProviderPage({ campaignId: c, offset: paramedisch.length, limit: 100 })).toEqual([]);
  await expect(acts.loadProviderPage({ campaignId: campaign('missing'), offset: 0, limit: 100 })).rejects.toThrow(`campaign '${campaign('missing')}' has no provider list`);
});
