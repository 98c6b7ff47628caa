/**
 * `npm run bench:database`: what the system of record does per second, on the embedded database
 * (PostgreSQL 18 from the npm package, with fsync, as `npm start` runs it) and on Debian's
 * PostgreSQL (a throwaway server without fsync, or ZORGINKOOP_BENCH_DATABASE_URL). A figure, not a test.
 *
 *   - outbox writes: two "workers" (a pool of 8 connections each) write N portal messages, one in
 *     ten a repeat of an earlier key (a retried activity); then it checks exactly one row per key;
 *   - finder queries: N listings in 40 cities, then queries by city, care type and part of a name,
 *     16 at a time, as the public finder page asks them.
 *
 *   npm run bench:database -- 5000        (default 5000 writes and 2000 queries)
 */
import { randomBytes } from 'node:crypto';
import { LocalProviderDirectory } from '../activities/directory';
import { LocalContractPortal } from '../activities/portal';
import { Database } from '../db/database';
import { startPrivateServer } from '../db/embedded';
import { startTestPostgres } from '../runtime/throwaway-postgres';
import { runScript } from './local-run';

const writes = Number(process.argv[2] ?? 5000);
const queries = Math.max(100, Math.round(writes * 0.4));
const CITIES = Array.from({ length: 40 }, (_, i) => `Stad ${i}`);

async function inParallel(n: number, width: number, work: (i: number) => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await work(next++);
  }));
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function measure(target: string, url: string): Promise<string[]> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const workers = [new Database(url, { schema, poolSize: 8 }), new Database(url, { schema, poolSize: 8 })];
  try {
    await workers[0]!.migrate();
    const portals = workers.map((w) => new LocalContractPortal(w));
    const key = (i: number) => `bench/${i % 10 === 9 ? i - 1 : i}/offer`; // every tenth a retry of the one before
    const writeSeconds = await inParallel(writes, 16, async (i) => {
      await portals[i % 2]!.sendOffer({ idempotencyKey: key(i), policyId: 'zg-2026', agbCode: String(10_000_000 + i), providerName: `Bench ${i}`, contractKind: 'zg', sentAt: new Date().toISOString(), offeredOn: '2026-10-01', signingDeadline: '2026-10-29' });
    });
    const rows = await workers[1]!.db.selectFrom('portal_messages').select(['idempotency_key']).execute();
    const distinct = new Set(rows.map((r) => r.idempotency_key)).size;
    const expected = new Set(Array.from({ length: writes }, (_, i) => key(i))).size;

    const directories = workers.map((w) => new LocalProviderDirectory(w));
    await inParallel(writes, 16, async (i) => {
      const agbCode = String(20_000_000 + i);
      await directories[i % 2]!.publish({ idempotencyKey: `bench/${agbCode}/publication`, policyId: i % 3 ? 'zg-2026' : 'paramedisch-2027', contractYear: 2027, agbCode, providerName: `Praktijk ${i}`, contractKind: i % 3 ? 'zg' : 'fysiotherapie', locations: [{ agbCode, name: `Locatie ${i}`, city: CITIES[i % CITIES.length]! }], publishedOn: '2026-11-12' });
    });
    let found = 0;
    const querySeconds = await inParallel(queries, 16, async (i) => {
      const query = i % 3 === 0 ? { city: CITIES[i % CITIES.length]! } : i % 3 === 1 ? { city: CITIES[i % CITIES.length]!, careType: 'zg' } : { name: `praktijk ${i % 500}` };
      const answer = await directories[i % 2]!.listings({ ...query, on: '2026-12-01', limit: 50 });
      found += answer.length; // after the await: `found += await ...` would lose concurrent additions
    });
    return [
      `${target}:`,
      `  outbox writes:  ${writes} in ${writeSeconds.toFixed(2)} s = ${Math.round(writes / writeSeconds)} writes/s (2 workers x 8 connections, 16 at a time); ${rows.length} rows for ${expected} keys (${distinct} distinct)${rows.length === expected ? '' : '  <-- NOT one per key'}`,
      `  finder queries: ${queries} in ${querySeconds.toFixed(2)} s = ${Math.round(queries / querySeconds)} queries/s over ${writes} listings (16 at a time; ${(found / queries).toFixed(1)} listings per answer)`,
    ];
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

async function main() {
  const lines: string[] = [];
  const embedded = await startPrivateServer({ durable: true });
  try {
    lines.push(...(await measure('embedded (PostgreSQL 18 from npm, fsync on, as npm start runs it)', embedded.url)));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await embedded.stop();
  }
  const own = process.env.ZORGINKOOP_BENCH_DATABASE_URL;
  const pg = own ? { url: own, stop: async () => undefined } : await startTestPostgres({}).catch((err: Error) => {
    process.stdout.write(`PostgreSQL: not measured (${err.message})\n`);
    return undefined;
  });
  if (!pg) return;
  try {
    process.stdout.write(`${(await measure(own ? 'PostgreSQL (ZORGINKOOP_BENCH_DATABASE_URL)' : "Debian's PostgreSQL (a throwaway local server, no fsync)", pg.url)).join('\n')}\n`);
  } finally {
    await pg.stop();
  }
}

runScript(main);
