/**
 * `npm run cluster`: the production shape, not the default (`npm start` runs the CLI's dev server
 * and the embedded database). A real Temporal server (built from its Go module by
 * `npm run build:temporal-server`), its persistence and SQL visibility on Debian's PostgreSQL,
 * and the product's record in a second database (`zorginkoop`) on the same PostgreSQL
 * (runtime/cluster.ts):
 *
 *   1. PostgreSQL from Debian's binaries (runtime/services.ts): a throwaway server (no fsync,
 *      removed at the end), or with `-- --data-dir <folder>` a durable one kept in that folder
 *      (`-- --pg-port <n>` to fix its port);
 *   2. the databases `temporal` and `temporal_visibility`, their schema set up by the server's
 *      own `temporal-sql-tool` from the module's schema files;
 *   3. the server (every service in one process) on a free port (`-- --port <n>` to choose),
 *      the namespace `default` registered with the Temporal CLI;
 *   4. the database `zorginkoop`, migrated, and `zorginkoop setup` (the search attributes).
 *
 * It prints the addresses and the environment for workers, consoles and the CLI, and runs until
 * Ctrl-C. docs/operations.md ("A real cluster") has the figures.
 */
import { startCluster, type Cluster } from '../runtime/cluster';

const say = (line: string) => process.stdout.write(`cluster: ${line}\n`);
const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};

async function main(): Promise<void> {
  const began = Date.now();
  const dataDir = option('data-dir');
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      ...(dataDir ? { dataDir } : {}),
      ...(option('port') ? { port: Number(option('port')) } : {}),
      ...(option('pg-port') ? { pgPort: Number(option('pg-port')) } : {}),
      log: say,
    });
  } catch (err) {
    say(`failed: ${(err as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  cluster.server.child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`the Temporal server stopped unexpectedly (${signal ?? `exit ${code}`}); its log: ${cluster.server.logFile}`);
    void stop(1);
  });

  const t = cluster.timings;
  say(`ready in ${((Date.now() - began) / 1000).toFixed(1)} s (PostgreSQL ${t.postgres} s, schema ${t.schema} s, server and namespace ${t.server} s, record and setup ${t.record} s)`);
  process.stdout.write('For workers, consoles and the CLI:\n');
  for (const [key, value] of Object.entries(cluster.env)) process.stdout.write(`  export ${key}='${value}'\n`);
  process.stdout.write(`Temporal's databases: ${cluster.pg.host}:${cluster.pg.port} temporal, temporal_visibility (user ${cluster.pg.user}, the same password)\n`);
  process.stdout.write(`Server metrics: http://127.0.0.1:${cluster.ports.metrics}/metrics; config and log: ${cluster.workDir}\n`);
  say('running until Ctrl-C');
}

void main();
