/**
 * The worker: runs every workflow and activity of zorginkoop on the configured task queue, and the
 * campaigns on a queue of their own beside it (`campaignTaskQueue`, runtime/campaign-worker.ts).
 * The only place, with the CLI, that reads the environment. Start more of them (on any machine
 * that reaches the Temporal server) to scale out; they share the task queues.
 *
 * Shuts down cleanly on SIGINT/SIGTERM: it stops polling, lets running activities finish for up
 * to the grace time, and exits; whatever did not finish is retried by another worker.
 */
import { join } from 'node:path';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createActivities, localDeps } from './activities';
import { EditionArchive, importArchiveFolder } from './activities/edition-archive';
import { EmailRelay } from './activities/mail';
import { MailFiler } from './mailbox/filer';
import { ImapMailbox } from './mailbox/imap';
import { keepMail } from './mailbox/intake';
import { databaseFor, DatabaseError, type Database } from './db/database';
import { clientTrackStarter } from './activities/track-starter';
import { editionStoreFor, type EditionStore } from './activities/edition-store';
import { formatProblem } from './policies/edition-file';
import { ConfigError, connectionOptions, loadConfig, redactedUrl, type Config } from './config/config';
import { workflowCode } from './runtime/workflow-bundle';
import { startTracing, type Tracing } from './runtime/tracing';
import { campaignActivities, campaignWorkerLimits, runWorkers } from './runtime/campaign-worker';
import { campaignTaskQueue } from './config/task-queues';
import { ProductMetrics, serveMetrics } from './activities/metrics';
import { productLog, sdkLogger, type ProductLog } from './activities/log';

/**
 * Builds the worker's two Workers for the configuration: the tracks' (`config.taskQueue`) and the
 * campaigns' (`campaignTaskQueue`), with the portal outbox, provider finder, staff inbox and
 * campaign provider lists in `database` (`databaseFor(config)`; the caller closes it), counting
 * in `metrics` where given, tracing with `tracing` where given (runtime/tracing.ts). Run them
 * with `runWorkers`.
 */
export async function createWorkers(config: Config, connection: NativeConnection, client: Client, database: Database, editions: EditionStore = editionStoreFor(config, new EditionArchive(database)), metrics?: ProductMetrics, log: ProductLog = productLog('worker', config.observability.logFormat), tracing?: Tracing): Promise<{ tracks: Worker; campaigns: Worker }> {
  // The workflow code as a bundle built once (dist/workflows.js, again where a source is newer):
  // no webpack in this process. Where it cannot be built, bundled here as before, once for both.
  // Traced: the bundle with the OpenTelemetry workflow interceptors (dist/workflows-traced.js).
  // The machine, xstate, luxon and the policy calendar once per worker, not once per workflow (both ways).
  const code = await workflowCode(__dirname, (line) => log.warn(line), Boolean(tracing));
  const activities = createActivities({ ...localDeps(database), editions, starter: clientTrackStarter(client), ...(metrics ? { metrics } : {}) });
  const common = { connection, namespace: config.namespace, ...code, shutdownGraceTime: '30 seconds', ...(tracing ? tracing.workerOptions : {}) } as const;
  const [tracks, campaigns] = await Promise.all([
    Worker.create({ ...common, taskQueue: config.taskQueue, activities, ...(config.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}) }),
    Worker.create({ ...common, taskQueue: campaignTaskQueue(config.taskQueue), activities: campaignActivities(activities), ...campaignWorkerLimits(config.maxCachedWorkflows) }),
  ]);
  return { tracks, campaigns };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = productLog('worker', config.observability.logFormat);
  const { sdk, worker: metricsAddress } = config.observability.metrics;
  // The default runtime's shutdown signals (SIGINT, SIGTERM, ...) are kept. The SDK's own metrics
  // (task slots, poll and task latencies) through its Prometheus exporter, where an address is set.
  // In JSON, Core's own lines (Rust) come through the same logger instead of straight to the console.
  const logging = log.pino ? { logging: { forward: { level: config.logLevel } } } : {};
  Runtime.install({ logger: sdkLogger(config.logLevel, log), telemetryOptions: { ...logging, ...(sdk ? { metrics: { prometheus: { bindAddress: sdk.address } } } : {}) } });
  if (sdk) log.info(`Temporal SDK metrics on http://${sdk.address}/metrics`);
  // OpenTelemetry spans, where ZORGINKOOP_OTEL_TRACES is on (nothing of it is loaded otherwise).
  const { traces } = config.observability;
  const tracing = startTracing(traces, 'zorginkoop-worker', (line) => log.warn(line));
  if (tracing) log.info(`OpenTelemetry spans to ${traces.to === 'otlp' ? redactedUrl(traces.url) : 'stderr, a JSON line each'}`);
  // The one database: PostgreSQL when ZORGINKOOP_DATABASE_URL is set, else the embedded one.
  const database = databaseFor(config, { log: (line) => log.warn(line) });
  const metrics = new ProductMetrics({ processMetrics: true }).watchOutbox(database).watchImports(database);
  try {
    // A wrong URL or password, or no embedded database running, stops the worker here, not later inside an activity.
    await database.migrate();
    log.info(`database ${database.where}`);
    // E-mail to providers: every worker relays the outbox; a row is claimed by one relay at a time.
    const relay = new EmailRelay(database, { smtpUrl: config.smtpUrl, from: config.mailFrom, requireTls: config.smtpRequireTls, log: (line) => log.line(line), metrics });
    relay.start();
    log.info(`e-mail to providers through ${redactedUrl(config.smtpUrl)}${config.smtpRequireTls ? ' (TLS required)' : ''}`);
    try {
      // The policy editions: a file that cannot be read is named here, and the others run.
      const archive = new EditionArchive(database);
      // Revisions an older install kept as files in the data folder: into the database once.
      const legacy = await importArchiveFolder(archive, join(config.dataDir, 'edition-revisions'));
      if (legacy.imported) log.info(`${legacy.imported} edition revision(s) from ${join(config.dataDir, 'edition-revisions')} are in the database now`);
      for (const problem of legacy.problems) log.warn(`archived edition revision not read: ${problem}`);
      const editions = editionStoreFor(config, archive);
      for (const problem of editions.problems) log.warn(`edition file left out: ${formatProblem(problem)}`);
      const connection = await NativeConnection.connect(connectionOptions(config));
      try {
        // Campaigns start provider tracks from an activity, with a client of their own.
        const clientConnection = await Connection.connect(connectionOptions(config));
        try {
          // Traced: the tracks a campaign starts join the campaign's trace.
          const client = new Client({ connection: clientConnection, namespace: config.namespace, ...(tracing ? { interceptors: tracing.clientInterceptors } : {}) });
          const workers = await createWorkers(config, connection, client, database, editions, metrics.watchTracks(client), log, tracing);
          // The product's metrics on an address of their own, where one is set.
          const endpoint = metricsAddress ? await serveMetrics(metrics, metricsAddress) : undefined;
          if (endpoint) log.info(`metrics on ${endpoint.url}`);
          // The purchasing mailbox: every worker files what came in (one e-mail per filer at a time), and reads the IMAP mailbox where one is set.
          const filer = new MailFiler(database, client, () => editions.list(), { log: (line) => log.line(line) });
          filer.start();
          const imap = config.imapUrl ? new ImapMailbox(config.imapUrl, (raw, at) => keepMail(database, raw, 'imap', at), { onKept: () => filer.poke(), log: (line) => log.line(line) }) : undefined;
          imap?.start();
          log.info(`questions to ${config.purchasingAddress} are filed on their tracks${config.imapUrl ? `, read from ${redactedUrl(config.imapUrl)}` : ' (from the local catcher)'}`);
          const campaignQueue = campaignTaskQueue(config.taskQueue);
          log.info(`polling task queue '${config.taskQueue}' (tracks) and '${campaignQueue}' (campaigns) on ${config.address} (namespace ${config.namespace})`, { taskQueue: config.taskQueue, campaignTaskQueue: campaignQueue, namespace: config.namespace });
          try {
            // The SDK's runtime turns SIGINT/SIGTERM into shutdown() of both; run() resolves when done.
            await runWorkers([workers.tracks, workers.campaigns]);
          } finally {
            await imap?.stop();
            await filer.stop();
            await endpoint?.close();
          }
          log.info('shut down cleanly');
        } finally {
          await clientConnection.close();
        }
      } finally {
        await connection.close();
      }
    } finally {
      await relay.stop();
    }
  } finally {
    // After the worker drained: no activity uses the database any more; the last spans sent.
    await database.close();
    await tracing?.shutdown();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError || err instanceof DatabaseError ? err.message : (err as Error).stack}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  });
}
