/**
 * Signing in and out of the console, and choosing its language: the embedded users' sign-in form
 * (each attempt counted before the password is read, web/console/sign-in-limit.ts), or OpenID
 * Connect's routes (web/console/oidc.ts) with the hooks that start a session or refuse one.
 * Public routes: no role.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LANGUAGES, wordsFor, type Language } from '../../words';
import type { OidcRefusal, OidcSignIn } from './oidc';
import type { PageFn, SecurityFn } from './page';
import type { SignInLimiter } from './sign-in-limit';
import type { ConsoleUser, ConsoleUsers } from './users';

/** The public forms (sign-in, sign-out): a name, a password, a token and a path. */
const PUBLIC_FORM_LIMIT = 8 * 1024;

/**
 * A path of this console to go back to after signing in or choosing a language; anything that
 * resolves elsewhere (`//host`, `/\host`, a tab or newline a browser drops) is `/`. Parsed as the
 * browser will, with the URL parser, not matched by a pattern.
 */
export function backPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  const origin = 'http://console.invalid';
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export async function consoleSignIn(
  app: FastifyInstance,
  deps: { users: ConsoleUsers; signInLimiter: SignInLimiter; oidc?: OidcSignIn; now: () => Date; page: PageFn; languageOf: (request: FastifyRequest) => Language; security: SecurityFn },
): Promise<void> {
  const { users, signInLimiter, oidc, now, page, languageOf, security } = deps;
  app.get('/inloggen', async (request, reply) => {
    const q = request.query as { terug?: string };
    return page(request, reply, 'login.eta', { back: backPath(q.terug), oidc: Boolean(oidc) });
  });
  app.post('/inloggen', { bodyLimit: PUBLIC_FORM_LIMIT }, async (request, reply) => {
    if (oidc) return reply.code(400).send('sign-in goes through the identity provider');
    const body = z.object({ gebruikersnaam: z.string().max(100), wachtwoord: z.string().max(200), terug: z.string().max(2000).optional() }).safeParse(request.body);
    const retry = `/inloggen?terug=${encodeURIComponent(backPath(body.data?.terug))}`;
    const name = body.success ? body.data.gebruikersnaam : '';
    const t = wordsFor(languageOf(request));
    // Counted before the password is checked: too many attempts for this name or from this address, and it is not even read.
    const wait = await signInLimiter.attempt(name, request.ip);
    if (wait > 0) {
      security(request, 'sign-in-locked', 'sign-in refused: too many failed attempts', { user: name, waitSeconds: wait });
      request.session.flash = { kind: 'error', text: t.tooManyAttempts(Math.ceil(wait / 60)) };
      return page(request, reply, 'login.eta', { back: backPath(body.data?.terug), oidc: false }, 429);
    }
    const user = body.success ? await users.verify(body.data.gebruikersnaam, body.data.wachtwoord) : undefined;
    if (!user) {
      security(request, 'sign-in-failed', 'sign-in refused: wrong user name or password (or a disabled user)', { user: name });
      request.session.flash = { kind: 'error', text: t.wrongPassword };
      return reply.redirect(retry);
    }
    await signInLimiter.succeeded(name, request.ip);
    await signIn(request, user);
    return reply.redirect(backPath(body.data?.terug));
  });
  const signIn = async (request: FastifyRequest, user: ConsoleUser) => {
    const lang = request.session.lang;
    // A new session id at sign-in: a session fixed before it is worth nothing.
    await request.session.regenerate();
    request.session.user = user;
    request.session.signedInAt = now().getTime();
    if (lang) request.session.lang = lang;
    security(request, 'signed-in', 'signed in', { user: user.username, via: user.via }, 'info');
  };
  const refuseOidc = async (request: FastifyRequest, reply: FastifyReply, refusal: OidcRefusal) => {
    const t = wordsFor(languageOf(request));
    security(request, 'oidc-refused', `OpenID Connect sign-in refused: ${refusal.reason}`, refusal.reason === 'no-role' ? { reason: refusal.reason, user: refusal.username, claim: refusal.claim } : { ...refusal });
    const text = refusal.reason === 'state' ? t.oidcState : refusal.reason === 'provider' ? t.oidcFailed : t.oidcNoRole(refusal.username, refusal.claim);
    return page(request, reply, 'message.eta', { title: t.signIn, text, again: '/inloggen' }, refusal.reason === 'no-role' ? 403 : 400);
  };
  if (oidc) oidc.routes(app, { signIn, refuse: refuseOidc });
  app.post('/uitloggen', { bodyLimit: PUBLIC_FORM_LIMIT }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/inloggen');
  });
  app.get('/taal/:lang', async (request, reply) => {
    const { lang } = request.params as { lang: string };
    if ((LANGUAGES as readonly string[]).includes(lang)) request.session.lang = lang as Language;
    return reply.redirect(backPath((request.query as { terug?: string }).terug));
  });
}
