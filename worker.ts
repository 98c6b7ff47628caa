/**
 * The worker: runs every workflow and activity of zorginkoop on the configured task queue.
 * The only place, with the CLI, that reads the environment. Start more of them (on any machine
 * that reaches the Temporal server) to scale out; they share the task queue.
 *
 * Shuts down cleanly on SIGINT/SIGTERM: it stops polling, lets running activities finish for up
 * to the grace time, and exits; whatever did not finish is retried by another worker.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createActivities, localDeps } from './activities';
import { clientTrackStarter } from './activities/track-starter';
import { ConfigError, connectionOptions, loadConfig, type Config } from './config/config';

/** Builds a worker for the configuration, with the local portal and provider finder. */
export async function createWorker(config: Config, connection: NativeConnection, client: Client): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: createActivities({ ...localDeps(config.dataDir), starter: clientTrackStarter(client) }),
    shutdownGraceTime: '30 seconds',
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The default runtime's shutdown signals (SIGINT, SIGTERM, ...) are kept.
  Runtime.install({ logger: new DefaultLogger(config.logLevel) });
  const connection = await NativeConnection.connect(connectionOptions(config));
  // Campaigns start provider tracks from an activity, with a client of their own.
  const clientConnection = await Connection.connect(connectionOptions(config));
  try {
    const worker = await createWorker(config, connection, new Client({ connection: clientConnection, namespace: config.namespace }));
    process.stdout.write(`worker: polling task queue '${config.taskQueue}' on ${config.address} (namespace ${config.namespace})\n`);
    // The SDK's runtime turns SIGINT/SIGTERM into worker.shutdown(); run() resolves when done.
    await worker.run();
    process.stdout.write('worker: shut down cleanly\n');
  } finally {
    await clientConnection.close();
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  });
}
