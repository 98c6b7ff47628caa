/**
 * The console over real HTTP for the security tests: a console of its own (its own database
 * schema, so one test's failed sign-ins never hold up another's address) listening on a port, and
 * requests as a browser or an attacker sends them (fetch, redirects not followed).
 */
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { EditionStore } from '../../activities/edition-store';
import type { Database } from '../../db/database';
import { buildConsole, type ConsoleOptions } from '../../web/console/server';
import { ConsoleUsers, type Role, type ScryptParams } from '../../web/console/users';
import { testDatabase } from '../helpers/database';

export const PASSWORD = 'een-lang-wachtwoord';

/**
 * The test consoles' scrypt parameters: 1/128 of the product's work (SCRYPT, N=2^16, p=2), so the
 * hundreds of sign-ins of these tests cost milliseconds, not a quarter second of CPU each. What the
 * product's own parameters do is tested with them (console-security: work factor, rehash, memory).
 */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export interface TestConsole {
  app: FastifyInstance;
  base: string;
  database: Database;
  close(): Promise<void>;
}

/**
 * A console with a user per role (named after it, password PASSWORD) and no Temporal (a lazy
 * connection to nowhere) unless a client is given.
 */
export async function startConsole(name: string, options: Partial<ConsoleOptions> = {}): Promise<TestConsole> {
  const database = options.database ?? (await testDatabase(name));
  const users = new ConsoleUsers(database, options.passwordParams ?? TEST_SCRYPT);
  for (const role of ['viewer', 'purchaser', 'coordinator'] as const) await users.save({ username: role, displayName: role, role, password: PASSWORD });
  const connection = options.client ? undefined : Connection.lazy({ address: '127.0.0.1:1' });
  const app = await buildConsole({ client: options.client ?? new Client({ connection: connection! }), database, editions: new EditionStore(), taskQueue: 'nowhere', secret: 's'.repeat(40), sessionMinutes: 30, passwordParams: TEST_SCRYPT, ...options });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    base,
    database,
    async close() {
      await app.close();
      await connection?.close();
      if (!options.database) await database.close();
    },
  };
}

export interface Answer {
  status: number;
  location?: string;
  setCookie?: string;
  headers: Headers;
  body: string;
}

/** One request; a form payload is sent URL-encoded, a FormData as multipart. */
export async function call(base: string, request: { method?: 'GET' | 'POST'; url: string; headers?: Record<string, string>; form?: Record<string, string>; multipart?: FormData }): Promise<Answer> {
  const response = await fetch(`${base}${request.url}`, {
    method: request.method ?? (request.form || request.multipart ? 'POST' : 'GET'),
    headers: { ...request.headers, ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: request.form ? new URLSearchParams(request.form).toString() : request.multipart,
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location') ?? undefined, setCookie: response.headers.get('set-cookie') ?? undefined, headers: response.headers, body: await response.text() };
}

/** The CSRF token in a page's form. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** A fresh session, signed out: its cookie and the sign-in form's CSRF token. */
export async function signedOut(base: string): Promise<{ cookie: string; csrf: string }> {
  const login = await call(base, { url: '/inloggen' });
  return { cookie: login.setCookie!.split(';')[0]!, csrf: csrfOf(login.body) };
}

/** Tries to sign in; the answer as the browser gets it. */
export async function tryPassword(base: string, username: string, password: string, extra: { headers?: Record<string, string>; terug?: string } = {}): Promise<Answer> {
  const { cookie, csrf } = await signedOut(base);
  return call(base, { url: '/inloggen', headers: { cookie, ...extra.headers }, form: { _csrf: csrf, gebruikersnaam: username, wachtwoord: password, ...(extra.terug ? { terug: extra.terug } : {}) } });
}

/** Signs in (the user must exist and the password be right): the session cookie and a CSRF token of a page. */
export async function signIn(base: string, username: Role | string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const signed = await tryPassword(base, username, password, { terug: '/export' });
  if (signed.status !== 302 || signed.location !== '/export') throw new Error(`${username} could not sign in: ${signed.status} ${signed.location ?? ''} ${signed.body.slice(0, 200)}`);
  const cookie = signed.setCookie!.split(';')[0]!;
  const page = await call(base, { url: '/export', headers: { cookie } });
  return { cookie, csrf: csrfOf(page.body) };
}
