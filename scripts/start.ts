/**
 * `npm start`: the product on one machine. Starts the Temporal dev server (SQLite under
 * .temporal/, Web UI) unless one already answers, registers the search attributes, starts a
 * worker, the staff console (with the demo users), the provider finder and the mail catcher,
 * starts the demo campaign (ZG 2026 moved to a contract year running now, scripts/demo.ts), and
 * runs until Ctrl-C.
 *
 * Against a real cluster (TEMPORAL_ADDRESS etc. set) it starts no server: it registers the
 * search attributes where the server allows, starts a worker and the demo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { main as cli } from '../cli';
import { localDevServer, startDevArguments } from '../cli/dev-server';
import { registerSearchAttributes } from '../cli/search-attributes';
import { ConfigError, connectionOptions, loadConfig } from '../config/config';
import { EMBEDDED_PORT } from '../db/database';
import { DEMO_PASSWORD, DEMO_USERS } from '../web/console/start';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { EditionStore } from '../activities/edition-store';
import { DEMO_BASE, writeDemo } from './demo';
import { ephemeralExecutable, resolveTemporalBinary, TEMPORAL_CLI } from './temporal-binaries';

const root = resolve(__dirname, '..');

const say = (line = '') => process.stdout.write(`${line}\n`);

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = netConnect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The demo edition and providers for today, before any process reads the editions.
  const demo = writeDemo(config.dataDir, new EditionStore().get(DEMO_BASE));
  const demoPolicy = demo.edition.id;
  say(`The demo: ${demo.edition.title} (${demoPolicy}), ${DEMO_BASE} moved to ${demo.edition.contractYear}, in ${relative(root, demo.editionFile)}.`);
  let devServer: ChildProcess | undefined;
  let sdkDevServer: TestWorkflowEnvironment | undefined;
  // TEMPORAL_ADDRESS on this machine (localhost:7233 by default): a dev server on its port, the
  // Web UI on that port + 1000, unless a server already answers there.
  const local = localDevServer(config);
  if (local && !(await answers(local.ip, local.port))) {
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
      // Its own process group: Ctrl-C reaches the worker first, and the server is stopped
      // only after the worker has drained.
      devServer = spawn(
        binary.path,
        startDevArguments(server),
        { cwd: root, stdio: ['ignore', serverLog, serverLog], detached: true },
      );
      say(`Its log: ${join('.temporal', 'server.log')}`);
      process.once('exit', () => devServer?.kill('SIGTERM'));
      for (let i = 0; !(await answers(server.ip, server.port)); i++) {
        if (i > 300 || devServer.exitCode !== null) throw new Error('the Temporal dev server did not start; see its output above');
        await new Promise((r) => setTimeout(r, 100));
      }
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
  // names a PostgreSQL server or one already runs. Its own process group, stopped after the worker.
  let database: ChildProcess | undefined;
  if (!config.databaseUrl && !(await answers('127.0.0.1', EMBEDDED_PORT))) {
    say(`Starting the embedded database (${join('.data', 'db')}, port ${EMBEDDED_PORT}) ...`);
    database = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'database.ts')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env, detached: true });
    process.once('exit', () => database?.exitCode === null && database.kill('SIGTERM'));
    for (let i = 0; !(await answers('127.0.0.1', EMBEDDED_PORT)); i++) {
      if (i > 600 || database.exitCode !== null) throw new Error('the embedded database did not start; see its output above');
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    say(config.databaseUrl ? 'Using the PostgreSQL database of ZORGINKOOP_DATABASE_URL.' : `Using the embedded database already running on port ${EMBEDDED_PORT}.`);
  }

  const connection = await Connection.connect(connectionOptions(config));
  try {
    await registerSearchAttributes(connection, config.namespace);
  } catch (err) {
    say(`Could not register search attributes (${(err as Error).message}); register them as README says.`);
  } finally {
    await connection.close();
  }

  // The worker runs as its own process, exactly as in production; start more to scale out.
  // Its own process group, so that Ctrl-C reaches it once, from here: a second signal while it
  // drains would end it before its running activities finish.
  const worker = spawn(process.execPath, ['--import', 'tsx', join(root, 'worker.ts')], { cwd: root, stdio: 'inherit', env: process.env, detached: true });
  process.once('exit', () => worker.exitCode === null && worker.kill('SIGTERM'));
  worker.once('spawn', () => say(`Worker started (pid ${worker.pid}).`));
  const workerExited = new Promise<number | null>((done) => worker.once('exit', (code) => done(code)));

  // The SMTP catcher: the providers' mailboxes of the demo (unless ZORGINKOOP_SMTP_URL names another server).
  const smtp = new URL(config.smtpUrl);
  let mailCatcher: ChildProcess | undefined;
  if (['127.0.0.1', 'localhost'].includes(smtp.hostname) && !(await answers('127.0.0.1', Number(smtp.port || 25)))) {
    mailCatcher = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'mail-catcher.ts')], { cwd: root, stdio: 'inherit', env: process.env, detached: true });
    process.once('exit', () => mailCatcher?.exitCode === null && mailCatcher.kill('SIGTERM'));
  }

  // The public provider finder (zorgzoeker), reading the same database.
  const finder = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'finder.ts')], { cwd: root, stdio: 'inherit', env: process.env, detached: true });
  process.once('exit', () => finder.exitCode === null && finder.kill('SIGTERM'));
  // The staff console, with the demo's three users where the console has none yet.
  const staffConsole = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'console.ts'), '--demo-users'], { cwd: root, stdio: 'inherit', env: process.env, detached: true });
  process.once('exit', () => staffConsole.exitCode === null && staffConsole.kill('SIGTERM'));

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
  say('Ctrl-C stops the worker, the database and the dev server; they keep their data in .data/db/ and .temporal/.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    say('Stopping ...');
    worker.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const exitCode = await workerExited;
  if (mailCatcher?.exitCode === null) mailCatcher.kill('SIGTERM');
  for (const child of [finder, staffConsole]) {
    if (child.exitCode !== null) continue;
    const stopped = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await stopped;
  }
  if (database) {
    const stopped = new Promise((done) => database!.once('exit', done));
    database.kill('SIGTERM');
    await stopped;
  }
  if (devServer) {
    const stopped = new Promise((done) => devServer!.once('exit', done));
    devServer.kill('SIGTERM');
    await stopped;
  }
  await sdkDevServer?.teardown();
  if (!stopping) {
    say(`The worker stopped unexpectedly (exit ${exitCode}).`);
    process.exit(1);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
