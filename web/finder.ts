/**
 * The public provider finder (zorgzoeker): which contracted providers give which care where.
 *
 *   GET /api/zorgzoeker?zorgsoort=&plaats=&naam=   the listings as JSON (for the insurer's website)
 *   GET /zorgzoeker?zorgsoort=&plaats=&naam=       a plain page to search by care type, city and name
 *
 * Both read the finder's listings in the one database (`LocalProviderDirectory.listings`), with
 * the publication rule: only listings of signed contracts, from their publication day on (a
 * listing is written on that day; `today` bounds it again, so a clock that runs behind never shows
 * one early); a withdrawn provider is gone. Inputs are checked with zod; a bad one is a 400 that
 * says which and why. Built on Fastify, the page rendered with Eta (escaped by default).
 *
 * Public, so bounded: every answer carries the security headers (web/http-security.ts), and each
 * client address may ask `requestsPerMinute` times a minute (default 120: a person searching asks
 * a few times; an office behind one address asks more); past that a 429 in Dutch says how long to
 * wait. The address is the connecting one, or the one a trusted proxy reports. The counts are
 * kept in each finder process's memory (several processes behind a balancer each count their own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import view from '@fastify/view';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LocalProviderDirectory, type Listing } from '../activities/directory';
import type { ProductMetrics } from '../activities/metrics';
import type { EditionStore } from '../activities/edition-store';
import type { Database } from '../db/database';
import { amsterdamDay, type IsoDate } from '../policies/calendar';
import { logging, SECURITY_HEADERS, trustProxy, type LogDestination } from './http-security';

/** At most this many listings per answer: a page, not the register. */
const MAX_RESULTS = 200;

const QuerySchema = z
  .object({
    zorgsoort: z.string().trim().max(60).regex(/^[a-z0-9-]*$/, 'een zorgsoort uit de lijst (kleine letters, cijfers en streepjes)').optional(),
    plaats: z.string().trim().max(80).optional(),
    naam: z.string().trim().max(80).optional(),
  })
  .strict();

/** One contracted location as the finder shows it. */
export interface FinderEntry {
  providerName: string;
  agbCode: string;
  location: { agbCode: string; name: string; city: string };
  careType: string;
  careTypeName: string;
  contractKind: string;
  contractKindName: string;
  contractYear: number;
  listedSince: IsoDate;
}

export interface FinderOptions {
  database: Database;
  editions: EditionStore;
  /** Today in Amsterdam (tests: the time-skipping clock). */
  today?: () => IsoDate;
  /** Requests a minute per client address (default 120; 0: no limit). */
  requestsPerMinute?: number;
  /** The proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; none: the connecting address is the client's. */
  trustedProxies?: string[];
  /** Errors as JSON lines: stdout (true), a stream, or nowhere (false, the default). */
  logger?: LogDestination;
  /** Counts requests by route and status (served on a port of its own, scripts/finder.ts; never here). */
  metrics?: ProductMetrics;
}

/** A client past its rate limit: the seconds until it may ask again. */
class TooManyRequests extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Te veel zoekopdrachten vanaf uw adres. Probeer het over ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'seconde' : 'seconden'} opnieuw.`);
  }
}

/** The care types the editions know, with their Dutch names ("Zintuiglijk gehandicaptenzorg"), for the form. */
function careTypesOf(editions: EditionStore): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const e of editions.list()) if (!byId.has(e.careType)) byId.set(e.careType, e.title.replace(/\s+\d{4}\b.*$/, ''));
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export async function buildFinder(options: FinderOptions): Promise<FastifyInstance> {
  const { database, editions } = options;
  const today = options.today ?? (() => amsterdamDay(new Date()));
  const directory = new LocalProviderDirectory(database);
  const careTypes = careTypesOf(editions);

  const entryOf = (l: Listing): FinderEntry => {
    let edition;
    try {
      edition = editions.get(l.policyId);
    } catch {
      edition = undefined; // an edition no longer in the folder: its listing still shows, with ids for names
    }
    const careType = edition?.careType ?? l.policyId.split('-')[0]!;
    return {
      providerName: l.providerName,
      agbCode: l.agbCode,
      location: { agbCode: l.locationAgbCode, name: l.locationName, city: l.city },
      careType,
      careTypeName: careTypes.find((c) => c.id === careType)?.name ?? careType,
      contractKind: l.contractKind,
      contractKindName: edition?.contractKinds.find((k) => k.id === l.contractKind)?.name ?? l.contractKind,
      contractYear: l.contractYear,
      listedSince: l.publishedOn,
    };
  };

  const search = async (query: z.infer<typeof QuerySchema>) =>
    (await directory.listings({ careType: query.zorgsoort || undefined, city: query.plaats || undefined, name: query.naam || undefined, on: today(), limit: MAX_RESULTS })).map(entryOf);

  const app = Fastify({ ...logging(options.logger), trustProxy: trustProxy(options.trustedProxies) });
  await app.register(helmet, SECURITY_HEADERS);
  const { metrics } = options;
  if (metrics) app.addHook('onResponse', async (request, reply) => void metrics.finderRequests.inc({ route: request.routeOptions.url ?? 'other', status: String(reply.statusCode) }));
  const perMinute = options.requestsPerMinute ?? 120;
  if (perMinute > 0) await app.register(rateLimit, { max: perMinute, timeWindow: 60_000, errorResponseBuilder: (_request, context) => new TooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))) });
  await app.register(view, { engine: { eta: new Eta() }, root: join(__dirname, 'templates') });
  const css = readFileSync(join(__dirname, 'templates', 'zorgzoeker.css'));

  const parse = (raw: unknown) => {
    const parsed = QuerySchema.safeParse(raw ?? {});
    if (parsed.success) return { query: parsed.data };
    return { problems: parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `onbekende zoekterm: ${i.keys.join(', ')} (zoek op zorgsoort, plaats en naam)` : `${i.path.join('.')}: ${i.message}`)) };
  };

  app.get('/api/zorgzoeker', async (request, reply) => {
    const { query, problems } = parse(request.query);
    if (!query) return reply.code(400).send({ error: 'bad query', problems });
    const providers = await search(query);
    return { query, on: today(), count: providers.length, limit: MAX_RESULTS, providers };
  });

  app.get('/zorgzoeker', async (request, reply) => {
    const { query, problems } = parse(request.query);
    const searched = Boolean(query && (query.zorgsoort || query.plaats || query.naam));
    const results = query && searched ? await search(query) : [];
    return reply.code(query ? 200 : 400).view('zorgzoeker.eta', { query: query ?? {}, problems: problems ?? [], searched, results, careTypes, max: MAX_RESULTS });
  });

  app.get('/zorgzoeker.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));
  app.get('/', async (_request, reply) => reply.redirect('/zorgzoeker'));
  // Liveness (the process answers) and readiness (it can serve: the database answers), for the
  // platform's probes; public like the finder, so they say what waits, never why.
  app.get('/gezond', async () => ({ ok: true }));
  app.get('/gereed', async (request, reply) => {
    const problem = await database.ping();
    if (!problem) return { ok: true };
    request.log.warn({ problem }, 'not ready: the database does not answer');
    return reply.code(503).send({ ok: false, waitsFor: ['database'] });
  });
  const html = (message: string) => `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Zorgzoeker</title><p>${message}</p></html>`;
  app.setErrorHandler(async (err: Error, request, reply) => {
    const api = request.url.startsWith('/api/');
    if (err instanceof TooManyRequests) {
      return api ? reply.code(429).send({ error: 'too many requests', message: err.message }) : reply.code(429).type('text/html; charset=utf-8').send(html(err.message));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500) return reply.code(status).send({ error: err.message });
    request.log.error({ event: 'server-error', status: 503, path: request.url.split('?')[0], ip: request.ip, err }, err.message);
    const message = 'De zorgzoeker is even niet beschikbaar. Probeer het later opnieuw.';
    return api ? reply.code(503).send({ error: 'unavailable' }) : reply.code(503).type('text/html; charset=utf-8').send(html(message));
  });
  return app;
}
