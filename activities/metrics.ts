/**
 * The product's Prometheus metrics (prom-client), one registry per process part: the worker's
 * (tracks started, effects by kind and outcome, business refusals, e-mail sent and failed, and
 * what the database says at scrape time: the outbox and NEEDS_ATTENTION), the console's (sign-ins
 * and their failures, import rows applied) and the finder's (searches). The Temporal SDK's own
 * metrics (task slots, workflow task latency ...) come from the SDK's Prometheus exporter, on an
 * address of their own (ZORGINKOOP_SDK_METRICS; worker.ts).
 *
 * `serveMetrics` answers `GET /metrics` on an address of its own, never on the console's or the
 * finder's public port: an operator names it (ZORGINKOOP_WORKER_METRICS, ..._CONSOLE_METRICS,
 * ..._FINDER_METRICS), and unset there is none. Labels never carry personal data: a policy id, an
 * effect's name, an outcome; no AGB code (one series per provider would be a cardinality bomb too).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Database } from '../db/database';

/** How long one reading of the database or the server serves scrapes (several scrapers, one query). */
const READ_FOR_MS = 1000;

/** One value read by `read`, shared by the scrapes within READ_FOR_MS. */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > READ_FOR_MS) last = { at: Date.now(), value: read() };
    return last.value;
  };
}

export type EffectOutcome = 'done' | 'refused' | 'error';

/** The product's metrics of one process. */
export class ProductMetrics {
  readonly registry = new Registry();
  /** Tracks a campaign started (a track that existed already is not counted). */
  readonly tracksStarted = new Counter({ name: 'zorginkoop_tracks_started_total', help: 'Provider tracks started by campaigns (an existing track found again is not counted)', labelNames: ['policy'] as const, registers: [this.registry] });
  /** Effect activities by their name and outcome: done, refused (a business refusal: the track goes to NEEDS_ATTENTION) or error (retried). */
  readonly effects = new Counter({ name: 'zorginkoop_effects_total', help: 'Effect activities run, by effect and outcome (done, refused: a business refusal, error: retried)', labelNames: ['effect', 'outcome'] as const, registers: [this.registry] });
  /** Business refusals by the effect refused. */
  readonly refusals = new Counter({ name: 'zorginkoop_business_refusals_total', help: 'Business refusals (portal, finder, staff inbox): each stops its track for staff (NEEDS_ATTENTION)', labelNames: ['effect'] as const, registers: [this.registry] });
  /** E-mail send attempts by this process's relay: sent, or failed (tried again with backoff). */
  readonly emailSends = new Counter({ name: 'zorginkoop_email_sends_total', help: "E-mail send attempts by this process's relay, by outcome (sent, failed: tried again with backoff)", labelNames: ['outcome'] as const, registers: [this.registry] });
  /** Console sign-ins by outcome (signed-in, failed, locked, refused) and way (password, oidc). */
  readonly signIns = new Counter({ name: 'zorginkoop_sign_ins_total', help: 'Console sign-ins, by outcome (signed-in, failed, locked: too many failures, refused: by OpenID Connect)', labelNames: ['outcome', 'via'] as const, registers: [this.registry] });
  /** Finder searches, by how they were answered. */
  readonly finderRequests = new Counter({ name: 'zorginkoop_finder_requests_total', help: 'Provider finder requests, by route and status code', labelNames: ['route', 'status'] as const, registers: [this.registry] });

  /** `processMetrics`: also Node's own (CPU, memory, event loop lag, heap), as prom-client collects them. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Adds the e-mail outbox, read from the database at scrape time: every worker shows the same figures (take max() over them). */
  watchOutbox(database: Database): this {
    const read = shared(async () => {
      const rows = await database.db
        .selectFrom('email_outbox')
        .select(['status', sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where status = 'pending' and last_error is not null)`.as('failing'), sql<number | null>`extract(epoch from now() - min(created_at) filter (where status = 'pending'))`.as('oldest')])
        .groupBy('status')
        .execute();
      return rows;
    });
    const registers = [this.registry];
    new Gauge({
      name: 'zorginkoop_emails',
      help: 'E-mails to providers in the outbox, by status (pending: waiting for the mail server, sent, no-address: never sent, the provider has no address)',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const rows = await read();
        for (const status of ['pending', 'sent', 'no-address']) this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
      },
    });
    new Gauge({
      name: 'zorginkoop_emails_failing',
      help: 'E-mails waiting in the outbox that the mail server refused at least once',
      registers,
      async collect() {
        this.set((await read()).reduce((sum, r) => sum + Number(r.failing), 0));
      },
    });
    new Gauge({
      name: 'zorginkoop_email_outbox_oldest_seconds',
      help: 'Seconds the oldest waiting e-mail has waited (0: none waits)',
      registers,
      async collect() {
        const oldest = (await read()).find((r) => r.status === 'pending')?.oldest;
        this.set(oldest === null || oldest === undefined ? 0 : Math.max(0, Number(oldest)));
      },
    });
    return this;
  }

  /**
   * Adds the rows of applied spreadsheet imports by kind and outcome, read from the record at
   * scrape time (`import_runs`: the console's and the CLI's `import --apply` alike).
   */
  watchImports(database: Database): this {
    const read = shared(() =>
      database.db
        .selectFrom('import_runs')
        .select(['kind', sql<string>`sum(changed)`.as('applied'), sql<string>`sum(unchanged)`.as('unchanged'), sql<string>`sum(errors)`.as('error')])
        .groupBy('kind')
        .execute(),
    );
    new Gauge({
      name: 'zorginkoop_import_rows',
      help: 'Rows of applied spreadsheet imports (console and CLI), by import kind and outcome (applied, unchanged, error), from the record at scrape time',
      labelNames: ['kind', 'outcome'] as const,
      registers: [this.registry],
      async collect() {
        for (const row of await read()) for (const outcome of ['applied', 'unchanged', 'error'] as const) this.set({ kind: row.kind, outcome }, Number(row[outcome]));
      },
    });
    return this;
  }

  /**
   * Adds the count of open tracks stopped for staff (NEEDS_ATTENTION), one visibility count at
   * scrape time (at most one a READ_FOR_MS): what an alert wants. A server that does not answer
   * leaves the last value, and the scrape answers.
   */
  watchTracks(client: { workflow: Pick<Client['workflow'], 'count'> }): this {
    const read = shared(async () => (await client.workflow.count(`ExecutionStatus = 'Running' AND ZorgStatus = 'NEEDS_ATTENTION'`)).count);
    new Gauge({
      name: 'zorginkoop_tracks_needs_attention',
      help: 'Open tracks stopped by a business refusal, waiting for staff (NEEDS_ATTENTION), by a visibility count at scrape time',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await read());
        } catch {
          // The server is away: the last value stands; the SDK's own metrics say why.
        }
      },
    });
    return this;
  }

  /** The exposition text. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A metrics endpoint: `GET /metrics` on its own address; `close()` stops it. */
export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `metrics` at http://host:port/metrics (port 0: any free port; `url` says which). */
export async function serveMetrics(metrics: ProductMetrics, address: { host: string; port: number }): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: Error) => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics not read: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
