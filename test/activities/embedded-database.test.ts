/**
 * The embedded database as an attacker or an unlucky operator meets it (issue 22, items 1, 2 and
 * 14): PostgreSQL itself on the port, so a malformed packet costs only its own connection; no
 * connection without the installation's password; the data folder private to its user; a
 * server on the configured port that is not this installation's is refused by name.
 *
 * The protocol tests talk to the run's own server (jest's global setup, db/embedded.ts), the
 * installation tests start installations of their own in temporary folders.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Client, Pool } from 'pg';
import { loadConfig } from '../../config/config';
import { databaseFor } from '../../db/database';
import { embeddedPaths } from '../../db/embedded-access';
import { privateDataDir, startInstallationDatabase, type InstallationDatabase } from '../../db/embedded';
import { freePort } from '../../db/postgres-server';
import { testDatabase } from '../helpers/database';

const runUrl = () => {
  const url = process.env.ZORGINKOOP_TEST_EMBEDDED_URL;
  if (!url) throw new Error('no test database (jest global setup)');
  return new URL(url);
};

/** Sends raw bytes on a connection of its own; resolves with how it ended (closed by the server, or still open after `waitMs`). */
function sendRaw(bytes: Buffer, waitMs = 3000): Promise<'closed' | 'open'> {
  const url = runUrl();
  return new Promise((done) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      done('open');
    }, waitMs);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      done('closed');
    });
  });
}

describe('the protocol: one bad client never stops the others', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: runUrl().href, max: 4, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined);
  });
  afterAll(() => pool.end());

  test('defect 1: a startup packet whose length field is 0 (00 00 00 00 04 d2 16 2f) costs only its own connection; every other client goes on', async () => {
    const bad = Buffer.from('00000000 04d2162f'.replace(' ', ''), 'hex');
    // Ten of them at once, while other clients keep querying.
    const sent = Promise.all(Array.from({ length: 10 }, () => sendRaw(bad)));
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await pool.query('SELECT $1::int AS n', [i])).rows[0].n).toBe(i);
    expect(Date.now() - started).toBeLessThan(5000);
    // The server closed every bad connection itself.
    expect(await sent).toEqual(Array(10).fill('closed'));
  });

  test('defect 1: no length bounds the server cannot take: huge, negative and truncated lengths, and random bytes, from many clients at once, leave the others working', async () => {
    const lengths = [0, 1, 4, 7, -1, -(2 ** 31), 2 ** 31 - 1, 1 << 30, 10_000_000];
    const packets = lengths.map((n) => {
      const b = Buffer.alloc(8);
      b.writeInt32BE(n, 0);
      b.writeInt32BE(196608, 4); // protocol 3.0
      return b;
    });
    // After a correct startup, a message with a lying length.
    const startup = (user: string) => {
      const body = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
      const head = Buffer.alloc(8);
      head.writeInt32BE(body.length + 8, 0);
      head.writeInt32BE(196608, 4);
      return Buffer.concat([head, body]);
    };
    const lying = [0, -5, 2 ** 31 - 1].map((n) => {
      const m = Buffer.alloc(5);
      m.write('Q', 0);
      m.writeInt32BE(n, 1);
      return Buffer.concat([startup('zorginkoop'), m]);
    });
    await Promise.all([...packets, ...lying].map((p) => sendRaw(p, 2000)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { minLength: 1, maxLength: 8 }), async (messages) => {
        await Promise.all(messages.map((m) => sendRaw(Buffer.from(m), 300)));
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      }),
      { numRuns: 25 },
    );
    expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  test('defect 2: a connection without the password, or with a wrong one, is refused', async () => {
    const url = runUrl();
    const tries = [
      { ...connectionOf(url), password: undefined },
      { ...connectionOf(url), password: 'wrong-password' },
      { ...connectionOf(url), user: 'postgres', password: undefined },
    ];
    for (const t of tries) {
      const client = new Client({ ...t, connectionTimeoutMillis: 5000 });
      client.on('error', () => undefined);
      await expect(client.connect()).rejects.toThrow(/password/i);
      await client.end().catch(() => undefined);
    }
  });
});

// The first fault run of the shared database wedged here (the old front's rollback took PGlite's lock twice).
test('a client that dies inside a transaction is rolled back; the others go on at once', async () => {
  const database = await testDatabase('dead_client');
  const url = database.url;
  const table = `"${database.schema}".portal_messages`;
  const dying = new Client({ connectionString: url });
  await dying.connect();
  dying.on('error', () => undefined);
  await dying.query('BEGIN');
  await dying.query(`INSERT INTO ${table} (idempotency_key, kind, agb_code, sent_at, message) VALUES ('dies/with/its/transaction', 'invitation', '01000001', 'now', '{}')`);
  // As SIGKILL leaves it: the socket closes, no ROLLBACK, no Terminate.
  (dying as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

  const other = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const began = Date.now();
  await other.connect();
  const { rows } = await other.query(`SELECT count(*)::int AS n FROM ${table} WHERE idempotency_key = $1`, ['dies/with/its/transaction']);
  expect(rows).toEqual([{ n: 0 }]);
  expect(Date.now() - began).toBeLessThan(5_000);
  await other.end();
  await database.close();
});

/** The mode bits of a path. */
const modeOf = (path: string) => statSync(path).mode & 0o777;

const connectionOf = (url: URL) => ({ host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), database: url.pathname.slice(1) });

describe('the installation', () => {
  const folders: string[] = [];
  const running: InstallationDatabase[] = [];
  const folder = () => {
    const f = mkdtempSync(join(tmpdir(), 'zorginkoop-install-'));
    // As a project folder is: others may pass (the server may run as another user, under root).
    chmodSync(f, 0o755);
    folders.push(f);
    return join(f, '.data');
  };
  afterAll(async () => {
    for (const r of running) await r.stop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  test('defect 2: the data folder is private to its user (0700, or 0711 where the server runs as another user), the cluster 0700, the password file 0600; nothing connects without the password', async () => {
    const dataDir = folder();
    const port = await freePort();
    const db = await startInstallationDatabase({ dataDir, port });
    running.push(db);
    const paths = embeddedPaths(dataDir);
    expect([0o700, 0o711]).toContain(modeOf(dataDir));
    if (process.getuid?.() !== 0) expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(paths.cluster)).toBe(0o700);
    expect(modeOf(paths.secret)).toBe(0o600);
    const anonymous = new Client({ host: '127.0.0.1', port, user: 'zorginkoop', database: 'zorginkoop', connectionTimeoutMillis: 5000 });
    anonymous.on('error', () => undefined);
    await expect(anonymous.connect()).rejects.toThrow(/password/i);
    // This installation's processes get in with the password from its file.
    const config = loadConfig({ ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_DATABASE_PORT: String(port) });
    const database = databaseFor(config);
    await database.migrate();
    expect(await database.db.selectFrom('portal_messages').select('idempotency_key').execute()).toEqual([]);
    await database.close();
  });

  test('a second start of the same installation is refused and leaves the running server alone (only an orphaned one is stopped and started afresh)', async () => {
    const dataDir = folder();
    const port = await freePort();
    const first = await startInstallationDatabase({ dataDir, port });
    running.push(first);
    const pid = first.server.pid;
    await expect(startInstallationDatabase({ dataDir, port })).rejects.toThrow(`this installation's embedded database already runs on 127.0.0.1:${port}`);
    expect(first.server.pid).toBe(pid);
    const client = new Client({ connectionString: first.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  test('defect 14: the port is a setting, and a database on it that is not this installation\'s is refused by name, never used', async () => {
    const ours = folder();
    const theirs = folder();
    const port = await freePort();
    const other = await startInstallationDatabase({ dataDir: theirs, port });
    running.push(other);
    // Starting ours on the same port: refused, saying the port belongs to something else.
    await expect(startInstallationDatabase({ dataDir: ours, port })).rejects.toThrow(`port ${port} is taken by another program`);
    // Our processes on that port: refused with the cause (another installation's password), not "not running".
    const config = loadConfig({ ZORGINKOOP_DATA_DIR: ours, ZORGINKOOP_DATABASE_PORT: String(port) });
    const database = databaseFor(config);
    await expect(database.migrate()).rejects.toThrow(/refused this installation's password/);
    await database.close();
    // Even with the other's password (a copied data folder), a server of another folder is not used.
    copyFileSync(embeddedPaths(theirs).secret, embeddedPaths(ours).secret);
    const copied = databaseFor(config);
    await expect(copied.migrate()).rejects.toThrow(`not this installation's embedded database: it serves ${resolve(embeddedPaths(theirs).cluster)}`);
    await copied.close();
  });
});

describe('the CLI names the real cause', () => {
  let hung: Server;
  const sockets: Socket[] = [];
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => hung?.close(r));
  });

  test('defect 1: a database that accepts connections but never answers is "not answering", not "not running"', async () => {
    // What the old front became after the bad packet: the port open, nothing answered.
    hung = createServer((socket) => sockets.push(socket.on('error', () => undefined)));
    const port = await new Promise<number>((done) => hung.listen(0, '127.0.0.1', () => done((hung.address() as { port: number }).port)));
    const dataDir = mkdtempSync(join(tmpdir(), 'zorginkoop-hung-'));
    try {
      await startInstallationSecret(dataDir);
      const result = await runBin(['contracts', 'list'], { ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_DATABASE_PORT: String(port) });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/did not answer in time: it runs but is hung or overloaded/);
      expect(result.stderr).not.toMatch(/not running/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A data folder with a password file, as the embedded database leaves it. */
async function startInstallationSecret(dataDir: string): Promise<void> {
  const { embeddedPassword } = await import('../../db/embedded-access');
  privateDataDir(dataDir);
  embeddedPassword(dataDir, { create: true });
}

/** The built CLI (bin/zorginkoop.js) as a user runs it. */
function runBin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(__dirname, '..', '..', 'bin', 'zorginkoop.js'), ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 50_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
