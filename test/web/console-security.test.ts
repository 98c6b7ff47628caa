/**
 * The console as a hostile or unlucky user tries it, over real HTTP (issue #22, items 3, 4, 5, 7,
 * 8, 9 and 15): redirects that leave the site, a forged X-Forwarded-For, parallel password
 * guesses, large bodies before sign-in, security headers, the security log, an action named after
 * an Object property, roles and disabled users read on every request, password hashing, upload
 * retention and the e-mail outbox backlog. Each test is named after the defect it pins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { ConsoleUsers, hashPassword, SCRYPT, verifyPassword } from '../../web/console/users';
import { Uploads } from '../../web/console/uploads';
import { call, PASSWORD, signedOut, signIn, startConsole, TEST_SCRYPT, tryPassword, type TestConsole } from './console-http';

const consoles: TestConsole[] = [];
async function started(name: string, options: Parameters<typeof startConsole>[1] = {}): Promise<TestConsole> {
  const c = await startConsole(name, options);
  consoles.push(c);
  return c;
}
afterAll(async () => {
  for (const c of consoles) await c.close();
});

let plain: TestConsole;
beforeAll(async () => {
  plain = await started('console_security');
});

const ROOT = join(__dirname, '..', '..');

describe('open redirect (item 3)', () => {
  test('open redirect: /taal/nl?terug=/%5Cevil.example, /%09/evil.example and other ways off the site redirect to /; a path of the console is kept', async () => {
    for (const terug of ['/%5Cevil.example', '/%09/evil.example', '/%5C/evil.example', '//evil.example', '/%0A/evil.example', 'https://evil.example/', '%2F%2Fevil.example', '/%20/evil.example']) {
      const answer = await call(plain.base, { url: `/taal/nl?terug=${terug}` });
      expect({ terug, status: answer.status, location: answer.location }).toEqual({ terug, status: 302, location: terug === '/%20/evil.example' ? '/%20/evil.example' : '/' });
    }
    expect((await call(plain.base, { url: `/taal/en?terug=${encodeURIComponent('/seizoen?beleid=zg-2026')}` })).location).toBe('/seizoen?beleid=zg-2026');
    // The sign-in form carries its way back too.
    const form = await call(plain.base, { url: '/inloggen?terug=/%5Cevil.example' });
    expect(form.body).toContain('name="terug" value="/"');
  });

  test('open redirect: a sign-in whose terug is /\\evil.example or /\\t/evil.example lands on /', async () => {
    for (const terug of ['/\\evil.example', '/\t/evil.example']) {
      const answer = await tryPassword(plain.base, 'viewer', PASSWORD, { terug });
      expect({ terug, status: answer.status, location: answer.location }).toEqual({ terug, status: 302, location: '/' });
    }
    expect((await tryPassword(plain.base, 'viewer', PASSWORD, { terug: '/export?beleid=zg-2026' })).location).toBe('/export?beleid=zg-2026');
  });
});

describe('the sign-in limit (item 4)', () => {
  test('sign-in limit walked around with a forged X-Forwarded-For: with no trusted proxy the header is ignored, and the address is held after 20 failures', async () => {
    const c = await started('forged_forwarded_for');
    for (let i = 0; i < 20; i++) expect((await tryPassword(c.base, `naam${i}`, 'fout-wachtwoord', { headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status).toBe(302);
    const held = await tryPassword(c.base, 'viewer', PASSWORD, { headers: { 'x-forwarded-for': '198.51.100.77' } });
    expect(held.status).toBe(429);
  });

  test('with the trusted proxies naming 127.0.0.1, the X-Forwarded-For address is the one held', async () => {
    const c = await started('trusted_forwarded_for', { trustedProxies: ['127.0.0.1'] });
    for (let i = 0; i < 20; i++) expect((await tryPassword(c.base, `naam${i}`, 'fout-wachtwoord', { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(302);
    expect((await tryPassword(c.base, 'viewer', PASSWORD, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(429);
    expect((await tryPassword(c.base, 'viewer', PASSWORD, { headers: { 'x-forwarded-for': '203.0.113.10' } })).location).toBe('/');
  });

  test('check-then-count: 30 parallel wrong passwords for one name have the password checked at most 5 times', async () => {
    // Each guess from an address of its own (a trusted proxy reports them), so only the per-name limit stands in the way.
    const c = await started('parallel_guesses', { trustedProxies: ['127.0.0.1'] });
    const checks = jest.spyOn(ConsoleUsers.prototype, 'verify');
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => tryPassword(c.base, 'coordinator', `fout-wachtwoord-${i}`, { headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } })));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(302), ...Array(25).fill(429)]);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      checks.mockRestore();
    }
    // Held for the right password too, until the window ends.
    expect((await tryPassword(c.base, 'coordinator', PASSWORD, { headers: { 'x-forwarded-for': '192.0.2.200' } })).status).toBe(429);
  });
});

/** Sends a POST whose body is `size` bytes, streamed; resolves with the status as soon as the server answers, and whether the whole body had been sent by then. */
function postLarge(base: string, path: string, contentType: string, size: number, headers: Record<string, string> = {}): Promise<{ status: number; sentAll: boolean; peakRssGrowth: number }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    let sent = 0;
    let answered: number | undefined;
    let sentAllWhenAnswered = false;
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': contentType, 'content-length': String(size), ...headers } });
    const finish = () => {
      clearInterval(sampler);
      if (answered === undefined) return reject(new Error('no answer'));
      resolve({ status: answered, sentAll: sentAllWhenAnswered, peakRssGrowth: peak - start });
    };
    req.on('response', (res) => {
      answered = res.statusCode!;
      sentAllWhenAnswered = sent >= size;
      res.resume();
      res.on('end', () => setTimeout(finish, 200));
    });
    // The server may close the connection once it has answered: that is a refusal too.
    req.on('error', () => (answered === undefined ? setTimeout(() => (answered === undefined ? reject(new Error('connection closed without an answer')) : finish()), 200) : undefined));
    const pump = () => {
      while (sent < size && answered === undefined) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (sent >= size) return req.end(piece);
        if (!req.write(piece)) return req.once('drain', pump);
      }
    };
    // The first 64 KiB, then a pause: a server that answers from the headers answers now.
    req.write(chunk);
    sent = chunk.length;
    setTimeout(pump, 1000);
  });
}

describe('memory before sign-in (item 5)', () => {
  const MiB = 1024 * 1024;
  const multipart = 'multipart/form-data; boundary=----grens';

  test('memory before sign-in: a 24 MiB anonymous multipart POST is refused (413, from its length) without being read, and memory does not grow by its size', async () => {
    for (const path of ['/import', '/campagne']) {
      const answer = await postLarge(plain.base, path, multipart, 24 * MiB);
      expect({ path, status: answer.status, sentAll: answer.sentAll }).toEqual({ path, status: 413, sentAll: false });
      expect(answer.peakRssGrowth).toBeLessThan(12 * MiB);
    }
    // Within an upload's length (the rehearsal takes two files), or with no length said: the role check refuses it, still unread.
    for (const [path, size] of [['/repetities/nieuw', 24 * MiB], ['/import', 19 * MiB]] as const) {
      const answer = await postLarge(plain.base, path, multipart, size);
      expect({ path, status: answer.status, sentAll: answer.sentAll }).toEqual({ path, status: 401, sentAll: false });
      expect(answer.peakRssGrowth).toBeLessThan(12 * MiB);
    }
  });

  test('a refusal given before the body was read closes the connection: a client cannot hold it by sending on', async () => {
    const url = new URL('/import', plain.base);
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': multipart, 'content-length': String(10 * MiB) } });
      let answeredAt = 0;
      req.on('response', (res) => {
        answeredAt = Date.now();
        res.resume();
      });
      req.on('close', () => (answeredAt ? resolve(Date.now() - answeredAt) : reject(new Error('closed without an answer'))));
      req.on('error', () => undefined);
      // A slow sender: a little now and then, never the whole body.
      const drip = setInterval(() => req.write(Buffer.alloc(1024, 'a')), 100);
      req.on('close', () => clearInterval(drip));
      req.write(Buffer.alloc(1024, 'a'));
      // Still open after five seconds: give up (the server would have held it for a minute).
      setTimeout(() => {
        clearInterval(drip);
        if (answeredAt) resolve(Infinity);
        req.destroy();
      }, 5000).unref();
    });
    expect(closedAfter).toBeLessThan(3000);
  });

  test('memory before sign-in: multipart to a route that takes no upload (the public sign-in) is refused at once (415)', async () => {
    const answer = await postLarge(plain.base, '/inloggen', multipart, 24 * MiB);
    expect({ status: answer.status, sentAll: answer.sentAll }).toEqual({ status: 415, sentAll: false });
  });

  test('memory before sign-in: an oversized sign-in form (64 KiB) is refused with 413', async () => {
    const { cookie, csrf } = await signedOut(plain.base);
    const answer = await call(plain.base, { url: '/inloggen', headers: { cookie }, form: { _csrf: csrf, gebruikersnaam: 'viewer', wachtwoord: PASSWORD, terug: `/${'a'.repeat(64 * 1024)}` } });
    expect(answer.status).toBe(413);
    const streamed = await postLarge(plain.base, '/inloggen', 'application/x-www-form-urlencoded', 24 * MiB, { cookie });
    expect({ status: streamed.status, sentAll: streamed.sentAll }).toEqual({ status: 413, sentAll: false });
  });

  test("a signed-in coordinator's uploads still work: the campaign's provider file, a spreadsheet import, a rehearsal's two files", async () => {
    const { cookie, csrf } = await signIn(plain.base, 'coordinator');
    const form = (fields: Record<string, string>, files: Record<string, [string, Buffer | string]>) => {
      const data = new FormData();
      data.append('_csrf', csrf);
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      for (const [k, [name, content]] of Object.entries(files)) data.append(k, new Blob([content]), name);
      return data;
    };
    const providers = readFileSync(join(ROOT, 'data', 'samples', 'zg-2026-providers.json'));
    const campaign = await call(plain.base, { url: '/campagne', headers: { cookie }, multipart: form({ beleid: 'zg-2026' }, { bestand: ['zg-2026-providers.json', providers] }) });
    expect(campaign.status).toBe(200);
    expect(campaign.body).toContain('data-testid="file-check"');

    const sheet = await call(plain.base, { url: '/import', headers: { cookie }, multipart: form({ soort: 'assessments', beleid: 'zg-2026' }, { bestand: ['beoordelingen.csv', 'Foo;Bar\r\n1;2\r\n'] }) });
    expect(sheet.status).toBe(422);
    expect(sheet.body).toContain('gevonden: &#39;Foo&#39;, &#39;Bar&#39;');

    const rehearsal = await call(plain.base, { url: '/repetities/nieuw', headers: { cookie }, multipart: form({ beleid: 'zg-2026', titel: 'proef' }, { bestand: ['zg-2026-providers.json', providers], gedrag: ['gedrag.yaml', 'answerRate: veel\n'] }) });
    expect(rehearsal.status).toBe(422);
    expect(rehearsal.body).toContain('data-testid="rehearsal-problems"');
    expect(rehearsal.body).toContain('gedrag.yaml');
  });

  test('uploads are bounded for a coordinator too: a file over 20 MiB, a second file, too many fields or an over-long field is refused with 413; a field the form does not have with 400', async () => {
    const { cookie, csrf } = await signIn(plain.base, 'coordinator');
    const data = (extra: (f: FormData) => void) => {
      const f = new FormData();
      f.append('_csrf', csrf);
      f.append('beleid', 'zg-2026');
      extra(f);
      return f;
    };
    const big = await call(plain.base, { url: '/campagne', headers: { cookie }, multipart: data((f) => f.append('bestand', new Blob([Buffer.alloc(21 * MiB, 'x')]), 'groot.json')) });
    expect(big.status).toBe(413);
    expect(big.body).toContain('te groot');
    const two = await call(plain.base, { url: '/campagne', headers: { cookie }, multipart: data((f) => (f.append('bestand', new Blob(['[]']), 'a.json'), f.append('bestand', new Blob(['[]']), 'b.json'))) });
    expect(two.status).toBe(413);
    const fields = await call(plain.base, { url: '/campagne', headers: { cookie }, multipart: data((f) => Array.from({ length: 50 }, (_, i) => f.append(`veld${i}`, 'x'))) });
    expect(fields.status).toBe(413);
    const long = await call(plain.base, { url: '/repetities/nieuw', headers: { cookie }, multipart: data((f) => f.append('titel', 'x'.repeat(64 * 1024))) });
    expect(long.status).toBe(413);
    const stranger = new FormData();
    stranger.append('_csrf', csrf);
    stranger.append('soort', 'assessments');
    expect((await call(plain.base, { url: '/campagne', headers: { cookie }, multipart: stranger })).status).toBe(400);
  });
});

describe('security headers (item 7)', () => {
  test('no security headers on the console: every answer has a Content-Security-Policy without inline script, frame protection, nosniff and a Referrer-Policy', async () => {
    for (const url of ['/inloggen', '/static/console.js', '/gezond', '/bestaat-niet']) {
      const { headers } = await call(plain.base, { url });
      const csp = headers.get('content-security-policy') ?? '';
      expect({ url, csp }).toEqual({ url, csp: expect.stringContaining("default-src 'self'") });
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  test("the console's pages fit their policy: no inline script, event handler, style attribute or style element in a template", () => {
    const folder = join(ROOT, 'web', 'templates', 'console');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.eta'))) {
      const text = readFileSync(join(folder, file), 'utf8');
      // Data blocks (type="application/json") are not run; every other script has a src.
      const scripts = [...text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect({ file, inline: scripts.filter((a) => !/\bsrc=/.test(a) && !/type="application\/json"/.test(a)) }).toEqual({ file, inline: [] });
      expect({ file, handlers: text.match(/\son[a-z]+\s*=/gi) ?? [] }).toEqual({ file, handlers: [] });
      expect({ file, styles: text.match(/\sstyle\s*=|<style\b/gi) ?? [] }).toEqual({ file, styles: [] });
    }
  });
});

describe('the security log (item 8)', () => {
  test('no security log: failed sign-ins, lockouts, forbidden requests, CSRF refusals and 5xx errors are logged as events, without passwords, cookies or CSRF tokens', async () => {
    const lines: string[] = [];
    // A Temporal that fails every count and listing: the season overview answers 503.
    const away = () => Promise.reject(new Error('Temporal is away'));
    const failing = { workflow: { count: away, list: () => (async function* () { yield await away(); })() } } as unknown as Client;
    const c = await started('security_log', { logger: { write: (line: string) => void lines.push(line) }, client: failing });
    const secret = 'geheim-fout-wachtwoord-42';
    await tryPassword(c.base, 'purchaser', secret);
    for (let i = 0; i < 5; i++) await tryPassword(c.base, 'purchaser', secret);
    const viewer = await signIn(c.base, 'viewer');
    await call(c.base, { url: '/termijnen', headers: { cookie: viewer.cookie }, form: { _csrf: viewer.csrf, beleid: 'zg-2026' } });
    const coordinator = await signIn(c.base, 'coordinator');
    await call(c.base, { url: '/termijnen', headers: { cookie: coordinator.cookie, 'x-csrf-token': 'vals-token-123' }, form: { beleid: 'zg-2026' } });
    expect((await call(c.base, { url: '/seizoen?beleid=zg-2026', headers: { cookie: coordinator.cookie } })).status).toBe(503);

    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.event);
    const of = (event: string) => events.filter((e) => e.event === event);
    expect(of('sign-in-failed')[0]).toMatchObject({ event: 'sign-in-failed', user: 'purchaser', ip: '127.0.0.1', level: 40 });
    expect(of('sign-in-locked')[0]).toMatchObject({ event: 'sign-in-locked', user: 'purchaser', ip: '127.0.0.1' });
    expect(of('forbidden')[0]).toMatchObject({ event: 'forbidden', user: 'viewer', role: 'viewer', needed: 'coordinator', method: 'POST', path: '/termijnen' });
    expect(of('csrf-refused')[0]).toMatchObject({ event: 'csrf-refused', user: 'coordinator', path: '/termijnen' });
    expect(of('server-error')[0]).toMatchObject({ event: 'server-error', status: 503, path: '/seizoen', user: 'coordinator', level: 50 });
    expect(of('signed-in').map((e) => e.user)).toEqual(['viewer', 'coordinator']);

    const all = lines.join('\n');
    for (const never of [secret, PASSWORD, viewer.csrf, coordinator.csrf, 'vals-token-123', viewer.cookie.split('=')[1]!, decodeURIComponent(coordinator.cookie.split('=')[1]!).split('.')[0]!]) expect({ never, found: all.includes(never) }).toEqual({ never, found: false });
  });
});

describe('smaller ones (item 9)', () => {
  test('an action named after an Object property (/aanbieder/x/constructor) is not found (404), not a 503', async () => {
    const { cookie, csrf } = await signIn(plain.base, 'purchaser');
    for (const action of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const answer = await call(plain.base, { url: `/aanbieder/x/${action}`, headers: { cookie }, form: { _csrf: csrf } });
      expect({ action, status: answer.status }).toEqual({ action, status: 404 });
    }
  });

  test("the role is copied into the session at sign-in: a demoted user's next request has the new role", async () => {
    const users = new ConsoleUsers(plain.database, TEST_SCRYPT);
    await users.save({ username: 'wisselaar', displayName: 'Wim Wissel', role: 'coordinator', password: PASSWORD });
    const { cookie } = await signIn(plain.base, 'wisselaar');
    expect((await call(plain.base, { url: '/campagne', headers: { cookie } })).status).toBe(200);
    await users.save({ username: 'wisselaar', displayName: 'Wim Wissel', role: 'viewer', password: PASSWORD });
    const demoted = await call(plain.base, { url: '/campagne', headers: { cookie } });
    expect(demoted.status).toBe(403);
    expect(demoted.body).toContain('(meekijker)');
  });

  test("no way to disable a user: a disabled user's existing session is refused at once, and they cannot sign in; enabled again, they can", async () => {
    const users = new ConsoleUsers(plain.database, TEST_SCRYPT);
    await users.save({ username: 'vertrekker', displayName: 'Vera Vertrek', role: 'purchaser', password: PASSWORD });
    const { cookie, csrf } = await signIn(plain.base, 'vertrekker');
    // Disabled behind the console's back (no session ended): the next request still knows.
    await plain.database.db.updateTable('console_users').set({ disabled_at: new Date() }).where('username', '=', 'vertrekker').execute();
    const page = await call(plain.base, { url: '/export', headers: { cookie } });
    expect({ status: page.status, location: page.location }).toEqual({ status: 302, location: '/inloggen?terug=%2Fexport' });
    expect((await call(plain.base, { url: '/aanbieder/x/outcome', headers: { cookie }, form: { _csrf: csrf, outcome: 'positive' } })).status).toBe(401);
    expect((await tryPassword(plain.base, 'vertrekker', PASSWORD)).location).toBe('/inloggen?terug=%2F');
    // Through the users' own command: the sessions end too.
    await users.enable('vertrekker');
    const again = await signIn(plain.base, 'vertrekker');
    expect(await users.disable('vertrekker')).toEqual({ disabled: true, sessionsEnded: 1 });
    expect((await call(plain.base, { url: '/export', headers: { cookie: again.cookie } })).status).toBe(302);
    const left = await plain.database.db.selectFrom('console_sessions').select(sql<string>`data->'user'->>'username'`.as('u')).execute();
    expect(left.map((r) => r.u)).not.toContain('vertrekker');
  });

  test("scrypt below OWASP's work factor: new hashes use N=2^16, r=8, p=2 (64 MiB, OWASP's equal of N=2^17, p=1)", async () => {
    expect(await hashPassword(PASSWORD)).toMatch(/^scrypt\$65536\$8\$2\$/);
  });

  test('a password shorter than 12 characters is refused (ASVS asks 12)', async () => {
    const users = new ConsoleUsers(plain.database, TEST_SCRYPT);
    await expect(users.save({ username: 'kort', displayName: 'Kort', role: 'viewer', password: 'elf-tekens!' })).rejects.toThrow(/at least 12 characters/);
    await users.save({ username: 'lang-genoeg', displayName: 'Lang', role: 'viewer', password: 'twaalf-teken' });
  });

  test('a hash with the old parameters (N=2^15, p=1) still verifies, and is hashed again with the new ones at the next successful sign-in', async () => {
    const old = await hashPassword(PASSWORD, { N: 2 ** 15, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    // A console with the product's parameters (the test consoles' are cheaper: console-http.ts).
    const product = await started('console_security_scrypt', { passwordParams: SCRYPT });
    await new ConsoleUsers(product.database).save({ username: 'oude-hash', displayName: 'Oud', role: 'viewer', password: PASSWORD });
    await product.database.db.updateTable('console_users').set({ password_hash: old }).where('username', '=', 'oude-hash').execute();
    expect((await tryPassword(product.base, 'oude-hash', 'fout-wachtwoord')).location).toBe('/inloggen?terug=%2F');
    expect((await product.database.db.selectFrom('console_users').select('password_hash').where('username', '=', 'oude-hash').executeTakeFirstOrThrow()).password_hash).toBe(old);
    expect((await tryPassword(product.base, 'oude-hash', PASSWORD)).location).toBe('/');
    const now = (await product.database.db.selectFrom('console_users').select('password_hash').where('username', '=', 'oude-hash').executeTakeFirstOrThrow()).password_hash;
    expect(now).toMatch(/^scrypt\$65536\$8\$2\$/);
    expect(await verifyPassword(PASSWORD, now)).toBe(true);
  });

  test('parallel sign-ins hash at most two passwords at once: memory stays under three hashes (64 MiB each)', async () => {
    const hash = await hashPassword(PASSWORD);
    const MiB = 1024 * 1024;
    const start = process.memoryUsage.rss();
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    try {
      expect(await Promise.all(Array.from({ length: 8 }, () => verifyPassword(PASSWORD, hash)))).toEqual(Array(8).fill(true));
    } finally {
      clearInterval(sampler);
    }
    expect(peak - start).toBeLessThan(3 * 64 * MiB);
    expect(peak - start).toBeGreaterThan(64 * MiB);
  });

  test('uploaded files are never deleted: kept 30 days, an older one is no longer served, and is deleted at the next save and when a console starts', async () => {
    const uploads = new Uploads(plain.database);
    const age = (id: string, days: number) => plain.database.db.updateTable('console_uploads').set({ created_at: sql<Date>`now() - make_interval(days => ${days})` } as never).where('id', '=', id).execute();
    const kept = await uploads.save({ username: 'coordinator', kind: 'providers', fileName: 'recent.json', data: Buffer.from('[]') });
    const old = await uploads.save({ username: 'coordinator', kind: 'providers', fileName: 'oud.json', data: Buffer.from('[]') });
    await age(kept, 29);
    await age(old, 31);
    expect(await uploads.get(old, 'coordinator')).toBeUndefined();
    expect((await uploads.get(kept, 'coordinator'))?.fileName).toBe('recent.json');
    await uploads.save({ username: 'coordinator', kind: 'providers', fileName: 'nieuw.json', data: Buffer.from('[]') });
    const ids = async () => (await plain.database.db.selectFrom('console_uploads').select('id').execute()).map((r) => r.id);
    expect(await ids()).toContain(kept);
    expect(await ids()).not.toContain(old);

    // A console that starts sweeps too (and then every hour), so a quiet site forgets its files as well.
    const older = await uploads.save({ username: 'coordinator', kind: 'providers', fileName: 'ouder.json', data: Buffer.from('[]') });
    await age(older, 40);
    const other = await started('upload_sweep', { database: plain.database });
    await other.close();
    consoles.splice(consoles.indexOf(other), 1);
    expect(await ids()).not.toContain(older);
  });
});

describe('the e-mail outbox backlog (item 15)', () => {
  test('the console shows nothing about e-mail waiting for the mail server: coordinators see how many wait, the oldest one\'s age and the last error', async () => {
    // A Temporal that counts nothing: the overview shows an empty season.
    const empty = { workflow: { count: async () => ({ count: 0 }), list: () => (async function* () {})() } } as unknown as Client;
    const c = await started('outbox_backlog', { client: empty });
    const write = async (key: string, status: string, hoursAgo: number, attempts: number, error: string | null) => {
      await c.database.db.insertInto('email_outbox').values({ idempotency_key: key, agb_code: '01000001', kind: 'offer', to_address: 'a@b.example', subject: 's', body: 'b', status, attempts, last_error: error }).execute();
      await sql`UPDATE ${sql.table(`${c.database.schema}.email_outbox`)} SET created_at = now() - make_interval(hours => ${hoursAgo}) WHERE idempotency_key = ${key}`.execute(c.database.db);
    };
    const coordinator = await signIn(c.base, 'coordinator');
    const quiet = await call(c.base, { url: '/export', headers: { cookie: coordinator.cookie } });
    expect(quiet.body).toContain('data-testid="outbox"');
    expect(quiet.body).toContain('Er wachten geen e-mails op de mailserver.');

    await write('k1', 'pending', 5, 7, 'connect ECONNREFUSED 127.0.0.1:2525');
    await write('k2', 'pending', 1, 2, 'Greeting never received');
    await write('k3', 'pending', 0, 0, null);
    await write('k4', 'sent', 9, 1, null);
    await write('k5', 'no-address', 9, 0, null);
    for (const url of ['/export', '/seizoen?beleid=zg-2026']) {
      const page = await call(c.base, { url, headers: { cookie: coordinator.cookie } });
      expect(page.status).toBe(200);
      const panel = /<section[^>]*data-testid="outbox"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
      expect({ url, panel }).toEqual({ url, panel: expect.stringContaining('<span data-testid="outbox-waiting">3</span> e-mails wachten op de mailserver') });
      expect(panel).toContain('de oudste al 5 uur');
      expect(panel).toContain('connect ECONNREFUSED 127.0.0.1:2525');
      expect(panel).toContain('na 7 pogingen');
      expect(panel).toContain('1 zonder e-mailadres');
    }
    // Not for the roles below a coordinator.
    const viewer = await signIn(c.base, 'viewer');
    expect((await call(c.base, { url: '/export', headers: { cookie: viewer.cookie } })).body).not.toContain('data-testid="outbox"');
  });
});

