/**
 * The staff console: the season in web pages, in Dutch (English on request), for the purchasers
 * and coordinators who run it. Fastify with server-side pages (Eta, escaped by default), sessions
 * in the one database, CSRF tokens on every form, roles checked on the server for every route,
 * and the signed-in user as the `by` of every update (so the audit log names them).
 *
 * Every route says the role it needs (`config.role`); a route without one is public (sign-in,
 * static files, health). The role is checked as soon as the request's headers are read, before
 * its body, against the user as the database has them now (a changed role counts at once, a
 * disabled user's session is refused). A route that takes files says which (`config.upload`):
 * only there is a multipart body read, within bounds, after the role check; every other body is
 * small. The actions are the workflows' own updates: a form's input is first checked with the
 * update's zod schema (workflows/commands.ts), then sent; a refusal by the workflow is shown in
 * its own words.
 *
 * Security events (failed and held sign-ins, refused sessions, forbidden requests, CSRF and
 * OpenID Connect refusals, 5xx errors) are logged as JSON lines with an `event` field; see
 * docs/console.md, "Security".
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import session from '@fastify/session';
import view from '@fastify/view';
import type { Client } from '@temporalio/client';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LocalProviderDirectory } from '../../activities/directory';
import type { ProductMetrics } from '../../activities/metrics';
import type { EditionStore } from '../../activities/edition-store';
import type { Database } from '../../db/database';
import { PUBLIC_STATUSES } from '../../machines/public-status';
import { amsterdamDay, type IsoDate } from '../../policies/calendar';
import type { Edition } from '../../policies';
import { logging, SECURITY_HEADERS, trustProxy, type LogDestination } from '../http-security';
import { ConsoleUsers, allows, type ConsoleUser, type Role, type ScryptParams } from './users';
import { SignInLimiter } from './sign-in-limit';
import { DatabaseSessionStore } from './sessions';
import { wordOr, wordsFor, type Language, type Words } from '../../words';
import type { Freshness } from './overview';
import { isQuestionList, Season, WEEK_SERIES, WORKLIST_LIMIT, WORKLISTS, type Worklist } from './season';
import type { OidcSignIn } from './oidc';
import { outboxBacklog } from './outbox';
import { consoleMailbox, unassignedCount } from './mailbox';
import { MAX_FIELD_BYTES, MAX_UPLOAD_BYTES, readUploadForm, UploadRefused, Uploads, type UploadForm, type UploadFormSpec } from './uploads';
import { consoleCampaigns } from './campaigns';
import { consoleImports } from './imports';
import { consoleExports } from './exports';
import { consoleDeadlines } from './deadlines';
import { consoleDocuments } from './documents';
import { consoleProvider } from './provider';
import { consoleRehearsals } from './rehearsals';
import { backPath, consoleSignIn } from './sign-in';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The role a route needs; absent: public. */
    role?: Role;
    /** The upload form a route takes (multipart); absent: none, and a multipart request is refused. */
    upload?: UploadFormSpec;
  }
  interface FastifyRequest {
    /** The upload form, read after the role check, on the routes that take one. */
    upload?: UploadForm;
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    user?: ConsoleUser;
    signedInAt?: number;
    lang?: Language;
    /** The edition last looked at in the season overview or a worklist: where the overview opens. */
    edition?: string;
    flash?: { kind: 'ok' | 'error'; text: string; lines?: string[]; /** A line for engineers, in English. */ detail?: string };
    oidc?: { state: string; verifier: string; nonce: string };
  }
}

export interface ConsoleOptions {
  client: Client;
  database: Database;
  editions: EditionStore;
  /** The task queue campaigns start on. */
  taskQueue: string;
  /** At least 32 characters: signs the session cookie. Every console process of one site shares it. */
  secret: string;
  /** A session ends after this many minutes without a request, and after 12 hours in any case. */
  sessionMinutes: number;
  /** OpenID Connect sign-in (production); absent: the embedded users. */
  oidc?: OidcSignIn;
  /** The current time (tests: the time-skipping clock). */
  now?: () => Date;
  /** The purchasing address providers write to (ZORGINKOOP_PURCHASING_ADDRESS): named on the "Niet toegewezen" page. */
  purchasingAddress?: string;
  /** The proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; none: the connecting address is the client's. */
  trustedProxies?: string[];
  /** The security log and errors as JSON lines: stdout (true), a stream, or nowhere (false, the default). */
  logger?: LogDestination;
  /** Counts sign-ins and import rows (served on a port of their own, web/console/start.ts; never here). */
  metrics?: ProductMetrics;
  /** How long the season overview's figures are served as read (web/console/overview.ts); tests that change tracks and look again: 0. */
  overviewFreshness?: Freshness;
  /** Read the opening edition's overview when the console starts, so that the first look is served from it (the console process: true). */
  prefetchOverview?: boolean;
  /** New password hashes' scrypt parameters (default SCRYPT, web/console/users.ts): the tests' consoles take cheaper ones; the console process never sets it. */
  passwordParams?: ScryptParams;
}

/** The security events that are sign-ins, as the metric's outcome. */
const SIGN_IN_OUTCOMES: Record<string, string> = { 'signed-in': 'signed-in', 'sign-in-failed': 'failed', 'sign-in-locked': 'locked', 'oidc-refused': 'refused' };

/** No session lives longer than this, however busy. */
const MAX_SESSION_MS = 12 * 60 * 60 * 1000;
/** The largest form body: room for a list of some 18,000 AGB codes pasted into the deadline form. */
const FORM_BODY_LIMIT = 256 * 1024;
/** The most bytes an upload form can be: its files at their largest, its fields, and the multipart framing. */
const uploadLimit = (spec: UploadFormSpec) => spec.files.length * MAX_UPLOAD_BYTES + (spec.fields.length + 1) * MAX_FIELD_BYTES + 64 * 1024;
/** Expired uploads are deleted this often by every console process (and at every save). */
const UPLOAD_SWEEP_MS = 60 * 60 * 1000;

export { backPath };

/** Whether the Temporal frontend answers within `ms`: undefined if it does, else why not. */
async function temporalAnswers(client: Client, ms = 2000): Promise<string | undefined> {
  try {
    await client.withDeadline(Date.now() + ms, () => client.workflowService.getSystemInfo({}));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

import { dayText, instantText } from './dates';

export { dayText, instantText };

/** What every page's template gets. */
export interface PageContext {
  t: Words;
  lang: Language;
  user?: ConsoleUser;
  csrf: string;
  path: string;
  flash?: FastifyRequest['session']['flash'];
  can: (role: Role) => boolean;
  day: (d?: IsoDate) => string;
  instant: (at?: string | Date) => string;
  /** A portal message's kind in words: "Vragenlijst", not "invitation". */
  messageKind: (kind: string) => string;
  editions: { id: string; title: string; status: string }[];
  policy?: string;
}

import type { EditionOfFn, PageFn, SecurityFn } from './page';

export type { EditionOfFn, PageFn };

export const PolicyQuery = z.object({ beleid: z.string().trim().max(80).optional() });

export async function buildConsole(options: ConsoleOptions): Promise<FastifyInstance> {
  const { client, database, editions } = options;
  const now = options.now ?? (() => new Date());
  const users = new ConsoleUsers(database, options.passwordParams);
  const signInLimiter = new SignInLimiter(database);
  // The overview's figures are kept for a short while (options.overviewFreshness); a background read that fails keeps the older ones.
  const season = new Season(client, database, now, (policyId) => editions.get(policyId), options.overviewFreshness, (err) => app.log.warn({ err }, 'season overview: visibility not read now; the figures shown are older'), (figures) => app.log.info(figures, 'season overview read'));
  const uploads = new Uploads(database);

  const app = Fastify({ ...logging(options.logger), trustProxy: trustProxy(options.trustedProxies), bodyLimit: FORM_BODY_LIMIT });
  await app.register(helmet, SECURITY_HEADERS);
  await app.register(formbody);
  // Multipart bodies are only marked here; an upload route reads its form after the role check (readUploadForm).
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES } });
  await app.register(cookie);
  await app.register(session, {
    secret: options.secret,
    cookieName: 'zorginkoop.sid',
    store: new DatabaseSessionStore(database, options.sessionMinutes),
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: options.sessionMinutes * 60_000 },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    getToken: (request) => {
      const field = request.upload ? request.upload.fields._csrf : (request.body as Record<string, unknown> | undefined)?._csrf;
      return (typeof field === 'string' ? field : undefined) ?? (request.headers['x-csrf-token'] as string | undefined) ?? '';
    },
  });
  await app.register(view, { engine: { eta: new Eta({ cache: true }) }, root: join(__dirname, '..', 'templates', 'console') });

  const editionList = () =>
    editions
      .list()
      .map((e) => ({ id: e.id, title: e.title, status: e.status, year: e.contractYear }))
      .sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));

  const languageOf = (request: FastifyRequest): Language => request.session?.lang ?? 'nl';
  /** A security event in the log: what, from where, by whom, on which path (never its query, a password, a token or a cookie). */
  const security: SecurityFn = (request, event, message, fields = {}, level = 'warn') => {
    const signIn = SIGN_IN_OUTCOMES[event];
    if (signIn) options.metrics?.signIns.inc({ outcome: signIn, via: event === 'oidc-refused' ? 'oidc' : String(fields.via ?? 'password') });
    request.log[level]({ event, ip: request.ip, method: request.method, path: request.url.split('?')[0], user: request.session?.user?.username, ...fields }, message);
  };
  const context = async (request: FastifyRequest, reply: FastifyReply, extra: { policy?: string } = {}): Promise<PageContext> => {
    const lang = languageOf(request);
    const user = request.session?.user;
    const flash = request.session?.flash;
    if (flash) request.session.flash = undefined;
    return {
      t: wordsFor(lang),
      lang,
      user,
      csrf: await reply.generateCsrf(),
      path: request.url,
      flash,
      can: (role) => Boolean(user && allows(user.role, role)),
      day: (d) => dayText(d, lang),
      instant: (at) => instantText(at, lang),
      messageKind: (kind) => wordOr(wordsFor(lang).messageKinds, kind),
      editions: editionList(),
      ...extra,
    };
  };
  const page: PageFn = async (request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').view(template, { ...(await context(request, reply, { policy: data.policy as string | undefined })), ...data });

  /** The edition named in the query, or the newest published one; a 404 page for an unknown one. */
  const editionOf = (value: string | undefined): Edition | undefined => {
    if (value) {
      try {
        return editions.get(value);
      } catch {
        return undefined;
      }
    }
    const published = editionList().find((e) => e.status === 'published') ?? editionList()[0];
    return published && editions.get(published.id);
  };

  // Every route but the public ones: a signed-in user with the route's role, checked from the
  // headers, before any body is read. The session's absolute end is checked here too (the idle
  // end is the cookie's and the store's), and the user's role and state are read as they are now.
  app.addHook('onRequest', async (request, reply) => {
    const { role, upload } = request.routeOptions.config;
    if (!upload && /^multipart\//i.test(request.headers['content-type'] ?? '')) {
      return reply.code(415).type('text/plain; charset=utf-8').send(wordsFor(languageOf(request)).noUploadHere);
    }
    // A body that says it is larger than the route takes is refused from its headers, before anything
    // else, signed in or not: nothing of it is read.
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > (upload ? uploadLimit(upload) : (request.routeOptions.bodyLimit ?? FORM_BODY_LIMIT))) {
      return reply.code(413).type('text/plain; charset=utf-8').send(wordsFor(languageOf(request)).tooLarge);
    }
    if (!role) return;
    const t = wordsFor(languageOf(request));
    const toSignIn = async (text: string) => {
      await request.session.regenerate();
      request.session.flash = { kind: 'error', text };
      if (request.method === 'GET') return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`);
      return reply.code(401).type('text/plain; charset=utf-8').send(text);
    };
    const user = request.session.user;
    if (user && request.session.signedInAt && now().getTime() - request.session.signedInAt > MAX_SESSION_MS) return toSignIn(t.sessionExpired);
    if (!user) {
      if (request.method === 'GET') return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`);
      return reply.code(401).type('text/plain; charset=utf-8').send(t.sessionExpired);
    }
    if (user.via === 'password') {
      const current = await users.current(user.username);
      if (!current || current.disabled) {
        security(request, 'session-refused', 'session refused: the user is disabled or gone', { reason: current ? 'disabled' : 'no-such-user' });
        return toSignIn(t.accountDisabled);
      }
      if (current.role !== user.role || current.displayName !== user.displayName) request.session.user = { ...user, role: current.role, displayName: current.displayName };
    }
    const signedIn = request.session.user!;
    if (!allows(signedIn.role, role)) {
      security(request, 'forbidden', 'forbidden: the role may not do this', { role: signedIn.role, needed: role });
      return page(request, reply, 'message.eta', { title: t.forbidden, text: t.forbidden }, 403);
    }
  });
  // An answer given before its request's body was read (a refusal from the headers) ends the
  // connection: the rest of that body is never read, and no client keeps it open by sending on.
  app.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
  });
  // An upload route's form: read now, within its bounds, once the role is known.
  app.addHook('preHandler', async (request) => {
    const { upload } = request.routeOptions.config;
    if (upload) request.upload = await readUploadForm(request, upload);
  });
  // Every form is checked against its session's CSRF token (after the body is read, so an upload form's token field is read too).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') return done();
    app.csrfProtection(request, reply, done);
  });

  // Public: health, static files, sign-in.
  app.get('/gezond', async () => ({ ok: true }));
  // Readiness for the platform's probes: the database and Temporal answer. Public, so it says
  // what waits, never why (the why goes to the log).
  app.get('/gereed', async (request, reply) => {
    const [database_, temporal] = await Promise.all([database.ping(), temporalAnswers(client)]);
    const waitsFor = [...(database_ ? ['database'] : []), ...(temporal ? ['temporal'] : [])];
    if (!waitsFor.length) return { ok: true };
    request.log.warn({ database: database_, temporal }, 'not ready');
    return reply.code(503).send({ ok: false, waitsFor });
  });
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'));
  const consoleJs = readFileSync(join(__dirname, '..', 'templates', 'console', 'console.js'));
  const consoleCss = readFileSync(join(__dirname, '..', 'templates', 'console', 'console.css'));
  app.get('/static/chart.umd.min.js', async (_r, reply) => reply.type('application/javascript').header('cache-control', 'public, max-age=86400').send(chartJs));
  app.get('/static/console.js', async (_r, reply) => reply.type('application/javascript').send(consoleJs));
  app.get('/static/console.css', async (_r, reply) => reply.type('text/css').send(consoleCss));

  await consoleSignIn(app, { users, signInLimiter, oidc: options.oidc, now, page, languageOf, security });

  // The season.
  app.get('/', { config: { role: 'viewer' } }, async (_request, reply) => reply.redirect('/seizoen'));
  app.get('/seizoen', { config: { role: 'viewer' } }, async (request, reply) => {
    const edition = editionOf(PolicyQuery.parse(request.query).beleid ?? (await season.opening(editionList(), request.session.edition)));
    if (edition && request.session.edition !== edition.id) request.session.edition = edition.id;
    if (!edition) return page(request, reply, 'message.eta', { title: wordsFor(languageOf(request)).notFound, text: wordsFor(languageOf(request)).notFound }, 404);
    const coordinator = allows(request.session.user!.role, 'coordinator');
    const [overview, outbox, reachability, unassigned] = await Promise.all([season.overview(edition), coordinator ? outboxBacklog(database) : undefined, season.questions.figure(edition.id), unassignedCount(database)]);
    const { counts, weeks, sizes, shortStudy, readAt } = overview;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return page(request, reply, 'overview.eta', { policy: edition.id, edition, counts, statuses: [...PUBLIC_STATUSES], total, weeks, series: WEEK_SERIES, sizes, worklists: WORKLISTS, outbox, shortStudy, reachability, unassigned, readAt });
  });

  app.get('/werklijsten', { config: { role: 'viewer' } }, async (request, reply) => {
    const q = z.object({ beleid: z.string().optional(), lijst: z.enum(WORKLISTS).default('conversations') }).safeParse(request.query);
    const edition = editionOf(q.success ? q.data.beleid : undefined);
    if (!q.success || !edition) return page(request, reply, 'message.eta', { title: wordsFor(languageOf(request)).notFound, text: wordsFor(languageOf(request)).notFound }, 404);
    if (request.session.edition !== edition.id) request.session.edition = edition.id;
    const list: Worklist = q.data.lijst;
    const [rows, sizes] = await Promise.all([isQuestionList(list) ? season.questions.rows(edition.id, list, WORKLIST_LIMIT) : season.worklist(edition.id, list), season.worklistSizes(edition.id)]);
    return page(request, reply, 'worklist.eta', { policy: edition.id, edition, list, rows, questionList: isQuestionList(list), sizes, worklists: WORKLISTS });
  });

  await consoleProvider(app, { client, database, page, languageOf });
  await consoleDocuments(app, { database, page, languageOf });
  await consoleCampaigns(app, { client, database, editions, taskQueue: options.taskQueue, page, editionOf, now });
  await consoleDeadlines(app, { client, page, editionOf });
  await consoleMailbox(app, { client, database, page, editionOf, languageOf, purchasingAddress: options.purchasingAddress ?? 'zorginkoop@zorgverzekeraar.example' });
  await consoleImports(app, { client, editions, database, page, editionOf });
  await consoleRehearsals(app, { database, editions, page });
  await consoleExports(app, { database, editions, page, directory: new LocalProviderDirectory(database), today: () => amsterdamDay(now()) });

  // Expired uploads go when the console starts and every hour (and at every save), even on a quiet site.
  const sweepUploads = () => uploads.deleteExpired().catch((err: unknown) => app.log.warn({ err }, 'expired uploads not deleted now; trying again in an hour'));
  const sweeper = setInterval(() => void sweepUploads(), UPLOAD_SWEEP_MS);
  sweeper.unref();
  app.addHook('onReady', async () => {
    await sweepUploads();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
  // The first read of an edition's tracks takes a second or two with 10,000 of them (docs/operations.md): done at start, in the background.
  if (options.prefetchOverview) {
    app.addHook('onReady', async () => {
      void season
        .opening(editionList())
        .then((id) => (id ? season.overview(editions.get(id)) : undefined))
        .catch((err: unknown) => app.log.warn({ err }, 'season overview: not read at start; the first look reads it'));
    });
  }

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, request, reply) => {
    const t = wordsFor(languageOf(request));
    // A form whose token is missing or not this session's: an old tab after signing in again, or a forged post.
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      security(request, 'csrf-refused', 'form refused: CSRF token', { reason: err.code === 'FST_CSRF_MISSING_SECRET' ? 'no-token-in-session' : 'wrong-token' });
      return page(request, reply, 'message.eta', { title: t.refused, text: t.formExpired }, 403);
    }
    if (err instanceof z.ZodError) return page(request, reply, 'message.eta', { title: t.badInput, text: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
    // A body or upload beyond its bounds, or not the form this route takes.
    if (err.statusCode === 413 || err instanceof UploadRefused) {
      const text = err.code === 'FST_REQ_FILE_TOO_LARGE' ? t.fileTooLarge(MAX_UPLOAD_BYTES / 1024 / 1024) : t.tooLarge;
      return page(request, reply, 'message.eta', { title: t.refused, text }, err.statusCode ?? 400);
    }
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).type('text/plain; charset=utf-8').send(err.message);
    security(request, 'server-error', err.message, { status: 503, err }, 'error');
    return reply.code(503).type('text/plain; charset=utf-8').send(t.unavailable);
  });
  return app;
}
