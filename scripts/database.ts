/**
 * `npm run database`: the embedded database of this installation, a PostgreSQL server of its own
 * (db/embedded.ts): its cluster in `<ZORGINKOOP_DATA_DIR>/postgres`, on 127.0.0.1 at
 * ZORGINKOOP_DATABASE_PORT (default 7432), its password in `<ZORGINKOOP_DATA_DIR>/database.secret`;
 * the worker, the CLI, the console and the finder find it there when ZORGINKOOP_DATABASE_URL is
 * unset. `npm start` runs it for you. It brings the schema up to date, then serves until Ctrl-C.
 *
 * It keeps the server running: a server that stops unasked (killed, crashed, a full disk) is
 * started again, at once and then with a growing pause while it cannot start, with its cause said
 * once per outage. Everything committed survives a kill (PostgreSQL's own write-ahead log).
 */
import { ConfigError, loadConfig } from '../config/config';
import { databaseFor, DatabaseError, messageOf } from '../db/database';
import { embeddedPaths } from '../db/embedded-access';
import { startInstallationDatabase, type InstallationDatabase } from '../db/embedded';
import { ServerStartError, type ServerExit } from '../db/postgres-server';

const say = (line: string) => process.stdout.write(`database: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    process.stderr.write('ZORGINKOOP_DATABASE_URL is set: this installation uses that PostgreSQL server, not the embedded database; nothing to start\n');
    process.exit(2);
  }
  const paths = embeddedPaths(config.dataDir);
  let stopping = false;
  let embedded: InstallationDatabase | undefined;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await embedded?.stop();
    say('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  /** Tries `attempt` until it works or we stop: its cause said once, then a growing pause. */
  const untilItStarts = async (attempt: () => Promise<void>) => {
    for (let pause = 1000, said = ''; !stopping; pause = Math.min(pause * 2, 30_000)) {
      try {
        return await attempt();
      } catch (err) {
        // Anything but a server that cannot start now (a port another program holds) stops here.
        if (!(err instanceof ServerStartError)) throw err;
        if (err.message !== said) say(`cannot start PostgreSQL: ${err.message}; trying again until it starts`);
        said = err.message;
        await sleep(pause);
      }
    }
  };

  // A server that cannot start now (a full disk, its old processes still going) is tried again.
  await untilItStarts(async () => {
    embedded = await startInstallationDatabase({
      dataDir: config.dataDir,
      port: config.databasePort,
      ...(config.postgresBinDir ? { binDir: config.postgresBinDir } : {}),
      onLog: (line) => say(`postgres: ${line}`),
    });
  });
  if (!embedded) return;
  const running = embedded;
  for (const note of running.notes) say(note);
  const database = databaseFor(config);
  await database.migrate();
  await database.close();
  say(`PostgreSQL (pid ${running.server.pid}), ${paths.cluster}, serving 127.0.0.1:${config.databasePort}; its password in ${paths.secret}`);

  // A server that stops unasked (killed, crashed) is started again.
  running.server.onUnexpectedExit = (exit: ServerExit) => {
    say(`PostgreSQL stopped unexpectedly (${exit.signal ?? `exit ${exit.code}`})${exit.cause ? `: ${exit.cause}` : ''}; starting it again`);
    void untilItStarts(async () => {
      await running.server.start();
      say(`PostgreSQL runs again (pid ${running.server.pid})`);
    }).catch((err: unknown) => say(`PostgreSQL cannot be started again: ${messageOf(err)}`));
  };
}

main().catch((err) => {
  process.stderr.write(`database: ${err instanceof ConfigError || err instanceof DatabaseError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
