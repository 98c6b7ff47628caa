/**
 * `npm run finder`: the public provider finder (web/finder.ts) as a process of its own, on
 * ZORGINKOOP_FINDER_HOST:ZORGINKOOP_FINDER_PORT (default 127.0.0.1:8234), reading the configured
 * database. `npm start` runs it; in production run one or more behind the insurer's web server
 * (name it in ZORGINKOOP_TRUSTED_PROXIES, so the rate limit counts each client). Errors are logged
 * as JSON lines on stdout.
 */
import { editionStoreFor } from '../activities/edition-store';
import { ConfigError, loadConfig } from '../config/config';
import { databaseFor, DatabaseError } from '../db/database';
import { buildFinder } from '../web/finder';
import { ProductMetrics, serveMetrics } from '../activities/metrics';
import { productLog } from '../activities/log';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Readable lines, or JSON (ZORGINKOOP_LOG_FORMAT=json) as the request log is.
  const log = productLog('finder', config.observability.logFormat);
  const database = databaseFor(config, { log: (line) => log.warn(line) });
  await database.migrate();
  // Requests by route and status, served only on the address an operator sets (ZORGINKOOP_FINDER_METRICS), never on the public port.
  const address = config.observability.metrics.finder;
  const metrics = address ? new ProductMetrics({ processMetrics: true }) : undefined;
  const app = await buildFinder({ database, editions: editionStoreFor(config), requestsPerMinute: config.finder.requestsPerMinute, trustedProxies: config.trustedProxies, logger: true, ...(metrics ? { metrics } : {}) });
  await app.listen({ host: config.finder.host, port: config.finder.port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new Error(`port ${config.finder.port} is taken: is the finder already running? Set ZORGINKOOP_FINDER_PORT for another`);
    throw err;
  });
  log.info(`http://${config.finder.host === '0.0.0.0' ? 'localhost' : config.finder.host}:${config.finder.port}/zorgzoeker (database ${database.where})`);
  const endpoint = metrics && address ? await serveMetrics(metrics, address) : undefined;
  if (endpoint) log.info(`metrics on ${endpoint.url}`);
  const stop = async () => {
    await endpoint?.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`finder: ${err instanceof ConfigError || err instanceof DatabaseError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
