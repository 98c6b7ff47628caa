/**
 * A database outage never takes a process with it (issue 22, item 10): the PostgreSQL server is
 * killed (SIGKILL) while a process holds a connection inside a transaction, as a worker's store
 * does between statements; the process lives on, and works again when the server is back.
 * Before, the pg client's 'error' event (ECONNRESET) had no listener and ended the process. And
 * `npm run database` (the real script) starts a killed server again, everything committed kept.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config';
import { databaseFor } from '../../db/database';
import { startPrivateServer, type PrivateServer } from '../../db/embedded';
import { freePort } from '../../db/postgres-server';
import { eventually } from '../helpers/eventually';
import { startProcess } from '../helpers/process';

let server: PrivateServer;
beforeAll(async () => {
  server = await startPrivateServer();
});
afterAll(() => server?.stop());

test('defect 10: a database killed under a process holding a transaction: the process lives on, and queries again once the database is back', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'fixtures', 'hold-transaction.ts')], {
    env: { ...process.env, ZORGINKOOP_DATABASE_URL: server.url },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value as string | undefined;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    expect(await next()).toBe('ready');
    process.kill(server.server.pid!, 'SIGKILL');
    // Long enough for the connection's reset to reach the process.
    const early = await Promise.race([exited.then((code) => `exited ${code}: ${stderr}`), new Promise((r) => setTimeout(() => r('alive'), 3000))]);
    expect(early).toBe('alive');
    // The database back (its backends may take a moment to notice their server died).
    for (let attempt = 0; ; attempt++) {
      try {
        await server.server.start();
        break;
      } catch (err) {
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    child.stdin.write('query\n');
    expect(await next()).toBe('ok');
  } finally {
    child.kill('SIGKILL');
  }
});

test('npm run database starts PostgreSQL again when it is killed, and nothing committed before is lost', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'zorginkoop-restart-'));
  chmodSync(folder, 0o755);
  const env = { ZORGINKOOP_DATA_DIR: join(folder, '.data'), ZORGINKOOP_DATABASE_PORT: String(await freePort()) };
  const running = await startProcess(['scripts/database.ts'], env, /PostgreSQL \(pid (\d+)\)/);
  const database = databaseFor(loadConfig(env), { poolSize: 2 });
  try {
    await database.migrate();
    await sql`CREATE TABLE kept (n int)`.execute(database.db);
    await sql`INSERT INTO kept VALUES (1)`.execute(database.db);
    process.kill(Number(running.match[1]), 'SIGKILL');
    await eventually(async () => running.output(), (out) => /PostgreSQL runs again/.test(out));
    expect(running.output()).toMatch(/PostgreSQL stopped unexpectedly \(SIGKILL\)/);
    const { rows } = await sql<{ n: number }>`SELECT n FROM kept`.execute(database.db);
    expect(rows).toEqual([{ n: 1 }]);
  } finally {
    await database.close();
    running.child.kill('SIGTERM');
    await new Promise((done) => running.child.once('exit', done));
    rmSync(folder, { recursive: true, force: true });
  }
});
