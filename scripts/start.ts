/**
 * `npm start`: the product on one machine. Starts the Temporal dev server (SQLite under
 * .temporal/, Web UI) unless one already answers, registers the search attributes, starts a
 * worker, the staff console (with the demo users), the provider finder and the mail catcher,
 * starts the demo campaign (ZG 2026 moved to a contract year running now, runtime/demo.ts), and
 * runs until Ctrl-C.
 *
 * Against a real cluster (TEMPORAL_ADDRESS etc. set) it starts no server: it registers the
 * search attributes where the server allows, starts a worker and the demo.
 *
 * Its children are supervised (scripts/supervisor.ts): one that dies is started again, one that
 * keeps dying stops npm start with its name; Ctrl-C ends them all within 30 s whatever hangs.
 */
import { mkdirSync, openSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { main as cli } from '../cli';
import { localDevServer, startDevArguments } from '../cli/dev-server';
import { registerSearchAttributes } from '../operations/search-attributes';
import { ConfigError, connectionOptions, loadConfig } from '../config/config';
import { databaseFor, DatabaseError } from '../db/database';
import { embeddedPaths } from '../db/embedded-access';
import { portAnswers } from '../db/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from '../web/console/start';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { EditionStore } from '../activities/edition-store';
import { DEMO_BASE, writeDemo } from '../runtime/demo';
import { ephemeralExecutable, resolveTemporalBinary, TEMPORAL_CLI } from '../runtime/temporal-binaries';
import { Supervisor, type Supervised } from './supervisor';

const root = resolve(__dirname, '..');

const say = (line = '') => process.stdout.write(`${line}\n`);

/** Ctrl-C ends every child within this time, whatever hangs. */
const SHUTDOWN_MS = 30_000;
const DEV_SERVER = 'the Temporal dev server';
const DATABASE = 'the embedded database';
/** Stopped after the rest: the worker and the front ends use them while they stop. */
const BACKENDS = new Set([DEV_SERVER, DATABASE]);

/** Waits until `ready` answers true; an error when `child` gives up first or time runs out. */
async function until(ready: () => Promise<boolean>, child: Supervised, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline || child.supervisorGaveUp) throw new Error(failure);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The demo edition and providers for today, before any process reads the editions.
  const demo = writeDemo(config.dataDir, new EditionStore().get(DEMO_BASE));
  const demoPolicy = demo.edition.id;
  say(`The demo: ${demo.edition.title} (${demoPolicy}), ${DEMO_BASE} moved to ${demo.edition.contractYear}, in ${relative(root, demo.editionFile)}.`);
  const supervisor = new Supervisor({
    say: (line) => say(`npm start: ${line}`),
    onGiveUp: (child) => void shutdown(1, `${child.spec.name} keeps stopping: stopping everything`),
  });
  let sdkDevServer: TestWorkflowEnvironment | undefined;
  let shuttingDown = false;
  // Ctrl-C stops everything within SHUTDOWN_MS whatever hangs; a second Ctrl-C at once.
  const shutdown = async (code: number, why: string) => {
    if (shuttingDown) {
      supervisor.killAll();
      process.exit(code || 130);
    }
    shuttingDown = true;
    say(why);
    setTimeout(() => {
      say(`npm start: not everything stopped within ${SHUTDOWN_MS / 1000} s; killing what is left`);
      supervisor.killAll();
      process.exit(code || 1);
    }, SHUTDOWN_MS).unref();
    // The worker drains first (its running activities finish); the front ends go at the same time;
    // the database and the Temporal server they use go last.
    await supervisor.stopAll([supervisor.children.filter((c) => !BACKENDS.has(c.spec.name)), supervisor.children.filter((c) => BACKENDS.has(c.spec.name))]);
    await sdkDevServer?.teardown().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0, 'Stopping ...'));
  process.on('SIGTERM', () => void shutdown(0, 'Stopping ...'));

  // TEMPORAL_ADDRESS on this machine (localhost:7233 by default): a dev server on its port, the
  // Web UI on that port + 1000, unless a server already answers there.
  const local = localDevServer(config);
  if (local && !(await portAnswers(local.port, local.ip))) {
    const binary = resolveTemporalBinary(TEMPORAL_CLI);
    mkdirSync(join(root, '.temporal'), { recursive: true });
    const server = {
      ...local,
      namespace: config.namespace,
      dbFilename: join(root, '.temporal', 'dev.sqlite'),
    };
    if (binary) {
      say(`Starting the Temporal dev server (${binary.path}) ...`);
      const serverLog = openSync(join(root, '.temporal', 'server.log'), 'a');
      const devServer = supervisor.start({ name: DEV_SERVER, command: binary.path, args: startDevArguments(server), cwd: root, stdio: ['ignore', serverLog, serverLog] });
      say(`Its log: ${join('.temporal', 'server.log')}`);
      await until(() => portAnswers(server.port, server.ip), devServer, 30_000, 'the Temporal dev server did not start; see .temporal/server.log');
    } else {
      say("Starting the Temporal dev server through the SDK's own download ...");
      sdkDevServer = await TestWorkflowEnvironment.createLocal({
        server: { executable: ephemeralExecutable(null), ...server, ui: true, searchAttributes: SEARCH_ATTRIBUTES },
      });
    }
  } else {
    say(`Using the Temporal server at ${config.address} (namespace ${config.namespace}).`);
  }

  // The embedded database (the system of record on one machine), unless ZORGINKOOP_DATABASE_URL
  // names a PostgreSQL server. Whatever already answers on its port is used only when it is this
  // installation's database (its password and its folder); anything else stops npm start here.
  if (!config.databaseUrl) {
    const usable = async () => {
      const database = databaseFor(config, { poolSize: 1 });
      try {
        await database.migrate();
        return true;
      } finally {
        await database.close();
      }
    };
    if (await portAnswers(config.databasePort)) {
      await usable();
      say(`Using this installation's embedded database, already running on port ${config.databasePort}.`);
    } else {
      say(`Starting the embedded database (PostgreSQL, ${relative(root, embeddedPaths(config.dataDir).cluster)}, port ${config.databasePort}) ...`);
      const database = supervisor.start({ name: DATABASE, command: process.execPath, args: ['--import', 'tsx', join(root, 'scripts', 'database.ts')], cwd: root, stopSignal: 'SIGTERM', graceMs: 10_000 });
      await until(() => portAnswers(config.databasePort).then((up) => up && usable().catch(() => false)), database, 120_000, 'the embedded database did not start; see its output above');
    }
  } else {
    say('Using the PostgreSQL database of ZORGINKOOP_DATABASE_URL.');
  }

  const connection = await Connection.connect(connectionOptions(config));
  try {
    await registerSearchAttributes(connection, config.namespace);
  } catch (err) {
    say(`Could not register search attributes (${(err as Error).message}); register them as README says.`);
  } finally {
    await connection.close();
  }

  const tsx = (script: string, ...args: string[]) => ({ command: process.execPath, args: ['--import', 'tsx', join(root, script), ...args], cwd: root });
  // The worker runs as its own process, exactly as in production; start more to scale out. It
  // drains on SIGTERM (running activities finish); what does not finish in time is retried.
  const worker = supervisor.start({ name: 'the worker', ...tsx('worker.ts'), graceMs: 20_000 });
  worker.process.once('spawn', () => say(`Worker started (pid ${worker.process.pid}).`));

  // The SMTP catcher: the providers' mailboxes of the demo (unless ZORGINKOOP_SMTP_URL names another server).
  const smtp = new URL(config.smtpUrl);
  if (['127.0.0.1', 'localhost'].includes(smtp.hostname) && !(await portAnswers(Number(smtp.port || 25)))) {
    supervisor.start({ name: 'the mail catcher', ...tsx('scripts/mail-catcher.ts') });
  }
  // The public provider finder (zorgzoeker), reading the same database.
  supervisor.start({ name: 'the finder', ...tsx('scripts/finder.ts') });
  // The staff console, with the demo's three users where the console has none yet.
  supervisor.start({ name: 'the console', ...tsx('scripts/console.ts', '--demo-users') });

  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) };
  const code = await cli(['campaign', 'start', demoPolicy, '--providers', demo.providersFile], process.env, io);
  if (code !== 0) say('The demo campaign did not start; see above.');

  const cmd = 'npm run zorginkoop --';
  say();
  say(`Staff console:    http://localhost:${config.console.port}/  (sign in as ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}; password ${DEMO_PASSWORD})`);
  say(`Provider finder:  http://localhost:${config.finder.port}/zorgzoeker  (JSON: /api/zorgzoeker?plaats=Utrecht)`);
  say(local ? `Temporal Web UI:  http://localhost:${local.uiPort}/namespaces/${config.namespace}/workflows` : 'Temporal Web UI: your cluster\'s UI');
  say();
  say('Try, in another terminal:');
  say(`  ${cmd} list --policy ${demoPolicy}`);
  say(`  ${cmd} status 01000001 --policy ${demoPolicy}`);
  say(`  ${cmd} outcome 01000001 positive --policy ${demoPolicy} --by "your name"     # sends the offer`);
  say(`  ${cmd} outcome 01000003 negative --policy ${demoPolicy} --by "your name" --note "no agreement"`);
  say(`  ${cmd} sign 01000001 --policy ${demoPolicy} --by "the provider's director"   # publishes in the finder`);
  say(`  ${cmd} refuse 01000002 --policy ${demoPolicy} --by "the provider" --reason "tariff"`);
  say(`  ${cmd} portal                # what providers received`);
  say(`  ${cmd} finder                # what the provider finder lists`);
  say(`  ${cmd} contracts list        # the contract register: what was signed`);
  say(`  ${cmd} mail                  # the e-mail providers received (kept in .data/mailbox/)`);
  say(`  npm run temporal -- workflow list --query "ZorgStatus='IN_CONVERSATION'"`);
  say();

  say('Ctrl-C stops everything (within half a minute); the data stays in .data/ and .temporal/.');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError || err instanceof DatabaseError ? err.message : (err as Error).stack}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
