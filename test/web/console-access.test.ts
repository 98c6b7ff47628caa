/**
 * The console's guards, without a browser (Fastify's inject) and without Temporal (a lazy
 * connection to nowhere: every request here is answered before a handler would reach it):
 * every route checks its role on the server; a form without its CSRF token is refused; a session
 * ends after 12 hours however busy, and after its idle minutes in the store; passwords are hashed.
 */
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { EditionStore } from '../../activities/edition-store';
import { ConfigError, loadConfig } from '../../config/config';
import { formatDay } from '../../policies/calendar';
import type { Database } from '../../db/database';
import { roleFromClaims } from '../../web/console/oidc';
import { buildConsole, dayText } from '../../web/console/server';
import { wordsFor } from '../../words';
import { Rehearsals } from '../../web/console/rehearsals';
import { DEFAULT_BEHAVIOUR } from '../../rehearsal/behaviour';
import { buildReport } from '../../rehearsal/report';
import { edition } from '../helpers/editions';
import { DatabaseSessionStore } from '../../web/console/sessions';
import { ConsoleUsers, hashPassword, verifyPassword, type Role } from '../../web/console/users';
import { testDatabase } from '../helpers/database';
import { TEST_SCRYPT } from './console-http';

const PASSWORD = 'een-lang-wachtwoord';
let database: Database;
let app: FastifyInstance;
let connection: Connection;
let clock = Date.now();
let base: string;

beforeAll(async () => {
  database = await testDatabase('console_access');
  const users = new ConsoleUsers(database, TEST_SCRYPT);
  for (const role of ['viewer', 'purchaser', 'coordinator'] as const) await users.save({ username: role, displayName: role, role, password: PASSWORD });
  connection = Connection.lazy({ address: '127.0.0.1:1' });
  // Behind a proxy on this machine: the password-guessing test comes from several addresses (X-Forwarded-For).
  app = await buildConsole({ client: new Client({ connection }), database, editions: new EditionStore(), taskQueue: 'nowhere', secret: 'c'.repeat(40), sessionMinutes: 30, now: () => new Date(clock), trustedProxies: ['127.0.0.1'], passwordParams: TEST_SCRYPT });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await database?.close();
});

/**
 * One request to the console over HTTP (not Fastify's inject: its cookie module is an ES module
 * jest's CommonJS runtime cannot load), forms URL-encoded, redirects not followed.
 */
async function call(request: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: Record<string, string> }) {
  const response = await fetch(`${base}${request.url}`, {
    method: request.method,
    headers: { ...request.headers, ...(request.payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: request.payload ? new URLSearchParams(request.payload).toString() : undefined,
    redirect: 'manual',
  });
  return { statusCode: response.status, headers: { location: response.headers.get('location') ?? undefined, 'set-cookie': response.headers.get('set-cookie') ?? undefined }, body: await response.text() };
}

/** The session cookie and a CSRF token of a page, after signing in as `username` (none: signed out). */
async function session(username?: string): Promise<{ cookie: string; csrf: string }> {
  const login = await call({ method: 'GET', url: '/inloggen' });
  let cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  if (!username) return { cookie, csrf: token(login.body) };
  const signed = await call({ method: 'POST', url: '/inloggen', headers: { cookie }, payload: { _csrf: token(login.body), gebruikersnaam: username, wachtwoord: PASSWORD, terug: '/export' } });
  expect(signed.statusCode).toBe(302);
  expect(signed.headers.location).toBe('/export');
  // A new session id at sign-in.
  const renewed = String(signed.headers['set-cookie']).split(';')[0]!;
  expect(renewed).not.toBe(cookie);
  cookie = renewed;
  const page = await call({ method: 'GET', url: '/export', headers: { cookie } });
  expect(page.statusCode).toBe(200);
  return { cookie, csrf: token(page.body) };
}

// Every route that changes something, with the role it needs.
const FORMS: [string, Role][] = [
  ['/aanbieder/contracting%2Fzg-2026%2F01000001/outcome', 'purchaser'],
  ['/aanbieder/contracting%2Fzg-2026%2F01000001/assess', 'purchaser'],
  ['/campagne', 'coordinator'],
  ['/campagne/start', 'coordinator'],
  ['/termijnen', 'coordinator'],
  ['/import', 'coordinator'],
  ['/import/00000000-0000-0000-0000-000000000000/toepassen', 'coordinator'],
  ['/repetities/nieuw', 'coordinator'],
];
const PAGES: [string, Role][] = [
  ['/campagne', 'coordinator'],
  ['/termijnen', 'coordinator'],
  ['/import', 'coordinator'],
  ['/repetities/nieuw', 'coordinator'],
];
const RANK: Role[] = ['viewer', 'purchaser', 'coordinator'];

test.each(FORMS)('POST %s needs %s: refused on the server for the roles below it, and for no session', async (url, needed) => {
  expect((await call({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
  for (const role of RANK.slice(0, RANK.indexOf(needed))) {
    const { cookie, csrf } = await session(role);
    const response = await call({ method: 'POST', url, headers: { cookie }, payload: { _csrf: csrf, outcome: 'positive' } });
    expect({ role, status: response.statusCode }).toEqual({ role, status: 403 });
  }
});

test.each(PAGES)('GET %s needs %s', async (url, needed) => {
  expect((await call({ method: 'GET', url })).headers.location).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
  for (const role of RANK) {
    const { cookie } = await session(role);
    const response = await call({ method: 'GET', url, headers: { cookie } });
    expect({ role, status: response.statusCode }).toEqual({ role, status: RANK.indexOf(role) >= RANK.indexOf(needed) ? 200 : 403 });
  }
});

test('a form without its CSRF token, or with another session\'s, is refused', async () => {
  const { cookie } = await session('coordinator');
  const other = await session('coordinator');
  for (const payload of [{ beleid: 'zg-2026' }, { beleid: 'zg-2026', _csrf: other.csrf }] as Record<string, string>[]) {
    const response = await call({ method: 'POST', url: '/termijnen', headers: { cookie }, payload });
    expect(response.statusCode).toBe(403);
  }
});

test('a wrong password is refused with the same answer as an unknown name', async () => {
  const answers = [];
  for (const [name, password] of [['viewer', 'wrong-password'], ['nobody', PASSWORD]] as [string, string][]) {
    const { cookie, csrf } = await session();
    const response = await call({ method: 'POST', url: '/inloggen', headers: { cookie }, payload: { _csrf: csrf, gebruikersnaam: name, wachtwoord: password } });
    answers.push([response.statusCode, response.headers.location]);
  }
  expect(answers).toEqual([[302, '/inloggen?terug=%2F'], [302, '/inloggen?terug=%2F']]);
});

test('a session ends 12 hours after sign-in, however busy', async () => {
  const { cookie } = await session('viewer');
  clock += 11 * 3600_000;
  expect((await call({ method: 'GET', url: '/export', headers: { cookie } })).statusCode).toBe(200);
  clock += 2 * 3600_000;
  const late = await call({ method: 'GET', url: '/export', headers: { cookie } });
  expect(late.statusCode).toBe(302);
  expect(late.headers.location).toBe('/inloggen?terug=%2Fexport');
});

test('a session not used for its idle minutes is gone from the store', async () => {
  const store = new DatabaseSessionStore(database, 30);
  const get = (sid: string) => new Promise((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err) : resolve(s))));
  const set = (sid: string, expires: Date) => new Promise<void>((resolve, reject) => store.set(sid, { cookie: { expires } } as never, (err) => (err ? reject(err) : resolve())));
  await set('fresh', new Date(Date.now() + 60_000));
  await set('stale', new Date(Date.now() - 1000));
  expect(await get('fresh')).toMatchObject({ cookie: {} });
  expect(await get('stale')).toBeNull();
  const rows = await database.db.selectFrom('console_sessions').select('sid').execute();
  expect(rows.map((r) => r.sid)).not.toContain('stale');
});

test('passwords are stored as scrypt hashes, never as themselves', async () => {
  const hash = await hashPassword(PASSWORD);
  expect(hash).toMatch(/^scrypt\$65536\$8\$2\$/);
  expect(hash).not.toContain(PASSWORD);
  expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  expect(await verifyPassword('another-password', hash)).toBe(false);
  const stored = await database.db.selectFrom('console_users').select('password_hash').execute();
  for (const row of stored) expect(row.password_hash).not.toContain(PASSWORD);
  await expect(new ConsoleUsers(database).save({ username: 'kort', displayName: 'Kort', role: 'viewer', password: 'kort' })).rejects.toThrow(/at least 12 characters/);
});

test("OpenID Connect: the best mapped role of the person's claim; none mapped, no role", () => {
  const settings = { roleClaim: 'groups', roles: { 'zk-inkoop': 'purchaser', 'zk-coord': 'coordinator', 'zk-lezen': 'viewer' } as Record<string, Role> };
  expect(roleFromClaims({ groups: ['zk-lezen', 'zk-coord'] }, settings)).toBe('coordinator');
  expect(roleFromClaims({ groups: 'zk-inkoop other' }, settings)).toBe('purchaser');
  expect(roleFromClaims({ groups: ['marketing'] }, settings)).toBeUndefined();
  expect(roleFromClaims({}, settings)).toBeUndefined();
});

test('console settings: a short secret, OpenID Connect without its client id or public address, a bad role mapping', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };
  expect(problems({ ZORGINKOOP_CONSOLE_SECRET: 'short' })).toEqual(['ZORGINKOOP_CONSOLE_SECRET: at least 32 characters (e.g. openssl rand -hex 32)']);
  expect(problems({ ZORGINKOOP_OIDC_ISSUER: 'https://login.example/realms/staff' })).toEqual([
    'ZORGINKOOP_OIDC_CLIENT_ID: OpenID Connect sign-in needs the client id (ZORGINKOOP_OIDC_ISSUER is set)',
    "ZORGINKOOP_CONSOLE_URL: OpenID Connect sign-in needs the console's public address for the redirect (ZORGINKOOP_OIDC_ISSUER is set)",
  ]);
  expect(problems({ ZORGINKOOP_OIDC_ROLES: 'zk-inkoop=boss' })[0]).toMatch(/^ZORGINKOOP_OIDC_ROLES="zk-inkoop=boss": value=role pairs/);
  expect(loadConfig({ ZORGINKOOP_OIDC_ISSUER: 'https://login.example/r', ZORGINKOOP_OIDC_CLIENT_ID: 'zorginkoop', ZORGINKOOP_CONSOLE_URL: 'https://zi.example', ZORGINKOOP_OIDC_ROLES: 'a=viewer, b=coordinator' }).console.oidc?.roles).toEqual({ a: 'viewer', b: 'coordinator' });
});

test("a running rehearsal's page says where it is in Dutch, from the status it keeps as data (with its parts); a line from before stays as it was, marked English", async () => {
  const store = new Rehearsals(database);
  await store.create({ id: '00000000-0000-4000-8000-000000000001', editionId: 'zg-2026', contractYear: 2028, title: 'ZG 2028', providers: 10, startedBy: 'coordinator' });
  await store.progress('00000000-0000-4000-8000-000000000001', JSON.stringify({ phase: 'season', day: '2028-03-06', actions: 42, stalledSeconds: 75 }));
  const { cookie } = await session('viewer');
  const page = await call({ method: 'GET', url: '/repetities/00000000-0000-4000-8000-000000000001', headers: { cookie } });
  expect(page.statusCode).toBe(200);
  const shown = /data-testid="rehearsal-progress">([^<]*)</.exec(page.body)?.[1];
  expect(shown).toBe(`Het seizoen loopt. Gesimuleerde dag: ${formatDay('2028-03-06')}, 42 antwoorden en beoordelingen tot nu toe. (75 s zonder verandering)`);
  await store.create({ id: '00000000-0000-4000-8000-000000000002', editionId: 'zg-2026', contractYear: 2028, title: 'ZG 2028', providers: 10, startedBy: 'coordinator' });
  await store.progress('00000000-0000-4000-8000-000000000002', 'campaign started 10 providers on 2027-01-01 (3.1 s)');
  const old = await call({ method: 'GET', url: '/repetities/00000000-0000-4000-8000-000000000002', headers: { cookie } });
  expect(old.body).toContain('<p class="detail" lang="en">campaign started 10 providers on 2027-01-01 (3.1 s)</p>');
  // A rehearsal in parts says how many are done.
  await store.create({ id: '00000000-0000-4000-8000-000000000003', editionId: 'zg-2026', contractYear: 2028, title: 'ZG 2028', providers: 4000, startedBy: 'coordinator' });
  await store.progress('00000000-0000-4000-8000-000000000003', JSON.stringify({ phase: 'campaign', actions: 1200, parts: 4, partsDone: 2 }));
  const parts = await call({ method: 'GET', url: '/repetities/00000000-0000-4000-8000-000000000003', headers: { cookie } });
  expect(/data-testid="rehearsal-progress">([^<]*)</.exec(parts.body)?.[1]).toBe('De campagne start de trajecten. 2/4 delen klaar.');
});

test('a rehearsal whose console process stopped (no sign of life for five heartbeats) is shown as failed, saying so; one that still beats runs on', async () => {
  const store = new Rehearsals(database);
  const [dead, alive] = ['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012'];
  for (const id of [dead, alive]) await store.create({ id, editionId: 'zg-2026', contractYear: 2028, title: 'ZG 2028', providers: 10, startedBy: 'coordinator' });
  // Both last marked ten minutes ago; the live one's console marks it again.
  await database.db.updateTable('rehearsals').set({ heartbeat_at: sql<Date>`now() - interval '10 minutes'` }).where('id', 'in', [dead, alive]).execute();
  await store.beat([alive]);
  const { cookie } = await session('viewer');
  const page = await call({ method: 'GET', url: `/repetities/${dead}`, headers: { cookie } });
  expect(page.body).toContain('data-testid="rehearsal-failed"');
  expect(page.body).toMatch(/the console process running this rehearsal stopped \(its last sign of life \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); start it again/);
  expect((await store.get(alive))?.status).toBe('running');
  expect((await store.list()).find((r) => r.id === dead)).toMatchObject({ status: 'failed' });
  // A failed rehearsal stays failed: a late mark of its console does not bring it back.
  await store.beat([dead]);
  expect((await store.get(dead))?.status).toBe('failed');
});

test('password guessing is held up: five failures hold a name for 15 minutes (its right password too), twenty hold an address; other names and addresses go on, a success clears the count', async () => {
  const attempt = async (name: string, password: string, from: string) => {
    const { cookie, csrf } = await session();
    return call({ method: 'POST', url: '/inloggen', headers: { cookie, 'x-forwarded-for': from }, payload: { _csrf: csrf, gebruikersnaam: name, wachtwoord: password } });
  };
  // Four failures and then the right password: signed in, and the count starts afresh.
  for (let i = 0; i < 4; i++) expect((await attempt('purchaser', 'fout-wachtwoord', '10.0.0.1')).statusCode).toBe(302);
  expect((await attempt('purchaser', PASSWORD, '10.0.0.1')).headers.location).toBe('/');
  for (let i = 0; i < 4; i++) expect((await attempt('purchaser', 'fout-wachtwoord', '10.0.0.1')).statusCode).toBe(302);
  expect((await attempt('purchaser', PASSWORD, '10.0.0.1')).headers.location).toBe('/');
  // Five failures for one name: the sixth attempt is refused before the password is read, from any address.
  for (let i = 0; i < 5; i++) expect((await attempt('coordinator', 'fout-wachtwoord', '10.0.0.2')).statusCode).toBe(302);
  const held = await attempt('coordinator', PASSWORD, '10.0.0.3');
  expect(held.statusCode).toBe(429);
  expect(held.body).toContain('Te veel mislukte pogingen voor deze gebruikersnaam of vanaf dit adres. Probeer het over 15 minuten opnieuw.');
  // Another name from the same address goes on.
  expect((await attempt('viewer', PASSWORD, '10.0.0.2')).headers.location).toBe('/');
  // Twenty failures from one address, each for another name: the address is held, for a right password too.
  for (let i = 0; i < 20; i++) expect((await attempt(`naam${i}`, 'fout-wachtwoord', '10.0.0.9')).statusCode).toBe(302);
  expect((await attempt('viewer', PASSWORD, '10.0.0.9')).statusCode).toBe(429);
  expect((await attempt('viewer', PASSWORD, '10.0.0.10')).headers.location).toBe('/');
});

test('a refused deadline move is worded in the reader\'s language, every day written as the page writes it', () => {
  const refusal = { code: 'before-offer' as const, values: { to: '2056-08-10', offeredOn: '2056-08-16' }, deadline: 'signing-deadline', to: '2056-08-10' };
  expect(wordsFor('nl').deadlineRefusal(refusal, (d) => dayText(d, 'nl'))).toBe(`uiterste tekendatum niet verzet naar ${dayText('2056-08-10', 'nl')}: ${dayText('2056-08-10', 'nl')} ligt vóór het aanbod van ${dayText('2056-08-16', 'nl')}`);
  expect(wordsFor('en').deadlineRefusal(refusal, (d) => dayText(d, 'en'))).toBe(`cannot move its signing-deadline to ${dayText('2056-08-10', 'en')}: ${dayText('2056-08-10', 'en')} is before its offer of ${dayText('2056-08-16', 'en')}`);
});

test("a rehearsal's page shows the providers' questions per week and the share in time; a report from before questions were rehearsed shows none", async () => {
  const store = new Rehearsals(database);
  const zg = edition('zg-2026');
  const run = { edition: { id: zg.id, title: zg.title, contractYear: zg.contractYear, status: zg.status }, behaviour: DEFAULT_BEHAVIOUR, providers: 2, start: '2025-09-01', end: '2026-01-02', messages: [], escalations: [], actions: [], tracks: [], wallSeconds: 1, fanOutSeconds: 1 };
  const questions = [
    { workflowId: 'contracting/zg-2026/01000001', agbCode: '01000001', number: 1, receivedOn: '2025-09-01', answeredOn: '2025-09-05' },
    { workflowId: 'contracting/zg-2026/01000002', agbCode: '01000002', number: 1, receivedOn: '2025-09-02', answeredOn: '2025-09-12' },
  ];
  const { cookie } = await session('viewer');
  const [withQuestions, before] = ['00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000022'];
  for (const id of [withQuestions, before]) await store.create({ id, editionId: 'zg-2026', contractYear: 2026, title: 'ZG 2026', providers: 2, startedBy: 'coordinator' });
  await store.finish(withQuestions, buildReport({ ...run, questions }, zg));
  const { questions: _none, ...old } = buildReport(run, zg);
  await store.finish(before, old);
  const page = await call({ method: 'GET', url: `/repetities/${withQuestions}`, headers: { cookie } });
  expect(page.statusCode).toBe(200);
  // Week of Monday 1 September 2025: one answered on its fourth working day, one on Friday 12 September, after its due day (Tuesday 9).
  expect(page.body).toMatch(/data-testid="questions"[\s\S]*<td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">50%<\/td>/);
  const older = await call({ method: 'GET', url: `/repetities/${before}`, headers: { cookie } });
  expect(older.statusCode).toBe(200);
  expect(older.body).not.toContain('data-testid="questions"');
});
