/**
 * The console through its real entry point, `scripts/console.ts` run with tsx as a child process
 * (jest's module transform once hid a broken import): disabling and enabling a user from the
 * command line, an `http:` OpenID Connect issuer refused at start, and the production console
 * (with OpenID Connect, against a mock identity provider and a Temporal test server) answering a
 * bad sign-in state with a 400 page and logging it as JSON lines on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { freePort } from '../../runtime/dev-server';
import { ConsoleUsers } from '../../web/console/users';
import { databaseEnv, testDatabase } from '../helpers/database';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { call, PASSWORD, signIn, startConsole, tryPassword, type TestConsole } from './console-http';
import { eventually } from '../helpers/eventually';
import { startProcess } from '../helpers/process';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs `scripts/console.ts <args>` to its end. */
function script(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(TSX, ['scripts/console.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => done({ code, out, err }));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

let c: TestConsole;
beforeAll(async () => {
  c = await startConsole('console_script');
});
afterAll(async () => {
  await c?.close();
});

test('no way to disable a user: `npm run console -- user <name> --disable` ends their sessions at once and stops their sign-in; --enable lets them in again', async () => {
  const env = databaseEnv(c.database);
  await new ConsoleUsers(c.database).save({ username: 'vertrekker', displayName: 'Vera Vertrek', role: 'coordinator', password: PASSWORD });
  const { cookie } = await signIn(c.base, 'vertrekker');
  await signIn(c.base, 'vertrekker');

  const disabled = await script(['user', 'vertrekker', '--disable'], env);
  expect(disabled).toMatchObject({ code: 0, out: 'console user vertrekker disabled; 2 sessions ended\n' });
  const sessions = await c.database.db.selectFrom('console_sessions').select(sql<string>`data->'user'->>'username'`.as('user')).execute();
  expect(sessions.map((s) => s.user)).not.toContain('vertrekker');
  const refused = await call(c.base, { url: '/export', headers: { cookie } });
  expect({ status: refused.status, location: refused.location }).toEqual({ status: 302, location: '/inloggen?terug=%2Fexport' });
  expect((await tryPassword(c.base, 'vertrekker', PASSWORD)).location).toBe('/inloggen?terug=%2F');

  expect(await script(['user', 'vertrekker', '--enable'], env)).toMatchObject({ code: 0, out: 'console user vertrekker enabled\n' });
  await signIn(c.base, 'vertrekker');

  const unknown = await script(['user', 'niemand', '--disable'], env);
  expect(unknown.code).toBe(1);
  expect(unknown.err).toBe("console: no console user 'niemand' and no session of theirs (an OpenID Connect user is disabled in the identity provider)\n");
  const both = await script(['user', 'vertrekker', '--disable', '--role', 'viewer'], env);
  expect(both.code).toBe(1);
  expect(both.err).toContain('--disable and --enable take no --role');
}, 120_000);

test('an http: OpenID Connect issuer is refused at start with a configuration error (only loopback may use http:)', async () => {
  const run = await script([], { ...databaseEnv(c.database), ZORGINKOOP_OIDC_ISSUER: 'http://login.verzekeraar.example/realms/staff', ZORGINKOOP_OIDC_CLIENT_ID: 'zorginkoop', ZORGINKOOP_CONSOLE_URL: 'https://zorginkoop.verzekeraar.example' });
  expect(run.code).toBe(2);
  expect(run.err).toContain('ZORGINKOOP_OIDC_ISSUER="http://login.verzekeraar.example/realms/staff": the issuer must use https:// (http:// only on a loopback address such as 127.0.0.1, for testing)');
}, 60_000);

describe('the production console with OpenID Connect', () => {
  let temporal: TestWorkflowEnvironment;
  let idp: ChildProcess | undefined;
  let consoleProcess: Awaited<ReturnType<typeof startProcess>> | undefined;
  let dataDir: string;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'console-process-'));
    temporal = await createTimeSkippingEnv();
    const claimsFile = join(dataDir, 'claims.json');
    writeFileSync(claimsFile, JSON.stringify({ sub: 'u-1', preferred_username: 'ineke', groups: ['zorginkoop-inkoper'] }));
    const provider = await startProcess(['test/helpers/mock-oidc.ts', String(await freePort()), claimsFile], {}, /issuer (\S+)/);
    idp = provider.child;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const database = await testDatabase('console_process_oidc');
    await database.close();
    consoleProcess = await startProcess(
      ['scripts/console.ts'],
      {
        ...databaseEnv(database),
        TEMPORAL_ADDRESS: temporal.address,
        ZORGINKOOP_DATA_DIR: dataDir,
        ZORGINKOOP_CONSOLE_PORT: String(port),
        ZORGINKOOP_CONSOLE_URL: base,
        ZORGINKOOP_OIDC_ISSUER: provider.match[1]!,
        ZORGINKOOP_OIDC_CLIENT_ID: 'zorginkoop-console',
        ZORGINKOOP_OIDC_CLIENT_SECRET: 'geheim-client-secret',
        ZORGINKOOP_OIDC_ROLE_CLAIM: 'groups',
      },
      /console: http/,
    );
  }, 120_000);

  afterAll(async () => {
    await stop(consoleProcess?.child);
    await stop(idp);
    await temporal?.teardown();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a bad OIDC state (a callback not started here, or with another state) shows a 400 page that says so, not a 503 blaming Temporal; it is logged as an OIDC refusal, without the code or state', async () => {
    const notStarted = await call(base, { url: '/inloggen/oidc/terug?code=geheime-code-1&state=vreemd' });
    expect(notStarted.status).toBe(400);
    expect(notStarted.body).toContain('De aanmelding is verlopen of niet hier begonnen.');
    expect(notStarted.body).not.toContain('Temporal');

    const started = await call(base, { url: '/inloggen/oidc' });
    expect(started.status).toBe(302);
    const state = new URL(started.location!).searchParams.get('state')!;
    const cookie = started.setCookie!.split(';')[0]!;
    for (const query of ['code=geheime-code-2&state=niet-deze', 'code=geheime-code-3']) {
      const wrong = await call(base, { url: `/inloggen/oidc/terug?${query}`, headers: { cookie } });
      expect({ query, status: wrong.status }).toEqual({ query, status: 400 });
      expect(wrong.body).toContain('De aanmelding is verlopen of niet hier begonnen.');
    }
    // The security headers on the real process too.
    expect(started.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // The process's log arrives through a pipe: read it once the three refusals are there (a fixed
    // 300 ms lost that race on a loaded machine), and again a moment later, for none more.
    const refusals = () =>
      consoleProcess!
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((e) => e.event === 'oidc-refused');
    await eventually(async () => refusals(), (e) => e.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    const output = consoleProcess!.output();
    const events = refusals();
    expect(events.map((e) => e.reason)).toEqual(['state', 'state', 'state']);
    expect(events[0]).toMatchObject({ event: 'oidc-refused', path: '/inloggen/oidc/terug', ip: '127.0.0.1', level: 40 });
    for (const never of ['geheime-code-1', 'geheime-code-2', 'geheime-code-3', state, 'geheim-client-secret', cookie.split('=')[1]!]) expect({ never, found: output.includes(never) }).toEqual({ never, found: false });
  });
});
