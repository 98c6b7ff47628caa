/**
 * `npm run bench:test-database`: what a test world's database costs (test/helpers/database.ts), on
 * a private embedded server as jest's global setup starts it. A figure, not a test (here beside
 * the helpers it measures: scripts/ do not import the tests' helpers).
 *
 *   - migrate: a schema of its own, migrated (13 migrations; Kysely's migrator holds one advisory
 *     lock per database, so worlds migrating at once in one database wait for each other);
 *   - template: a database of its own, copied from a migrated template (CREATE DATABASE ... TEMPLATE),
 *     its schema renamed to the world's name.
 *
 * Each N worlds one after the other, then N worlds `width` at a time (jest's workers and the
 * worlds of one file that start together).
 *
 *   npm run bench:test-database -- 20 4      (default 20 worlds, 4 at a time)
 */
import { startPrivateServer } from '../../db/embedded';
import { createTestTemplate, templateDatabase } from './database-template';
import { testDatabase } from './database';

const worlds = Number(process.argv[2] ?? 20);
const width = Number(process.argv[3] ?? 4);

async function timed(n: number, at: number, make: (i: number) => Promise<{ close(): Promise<void> }>): Promise<number> {
  const t = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: at }, async () => {
    while (next < n) {
      const database = await make(next++);
      await database.close();
    }
  }));
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

async function main(): Promise<void> {
  const server = await startPrivateServer();
  try {
    const template = await createTestTemplate(server.url);
    const ways: Record<string, (i: number) => Promise<{ close(): Promise<void> }>> = {
      migrate: (i) => testDatabase(`bench_${i}`, server.url, null),
      'template (WAL_LOG)': (i) => templateDatabase(`bench_${i}`, server.url, template, 'WAL_LOG'),
      'template (FILE_COPY)': (i) => templateDatabase(`bench_${i}`, server.url, template, 'FILE_COPY'),
    };
    console.log(`${worlds} worlds; ms per world (one at a time | ${width} at a time):`);
    for (const [way, make] of Object.entries(ways)) {
      await make(-1).then((d) => d.close()); // warm
      const serial = await timed(worlds, 1, make);
      const parallel = await timed(worlds, width, make);
      console.log(`  ${way.padEnd(20)} ${serial.toFixed(0).padStart(5)} | ${parallel.toFixed(0).padStart(5)}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
