/**
 * `npm run console`: the staff console (web/console) as a process of its own, on
 * ZORGINKOOP_CONSOLE_HOST:ZORGINKOOP_CONSOLE_PORT (default 127.0.0.1:8235). `npm start` runs it
 * with the demo users; in production run one or more behind the insurer's web server, with
 * ZORGINKOOP_CONSOLE_SECRET and OpenID Connect set (README, docs/console.md).
 *
 *   npm run console                       serve
 *   npm run console -- --demo-users       serve; add the demo users (vera, anna, bram) if there are none
 *   npm run console -- user <name> --role coordinator [--display-name "..."]
 *                                         add or change an embedded user; the password is read from
 *                                         ZORGINKOOP_NEW_PASSWORD or typed (not echoed)
 *   npm run console -- user <name> --disable
 *                                         the user cannot sign in, and their sessions end now
 *   npm run console -- user <name> --enable
 *                                         they may sign in again
 *
 * The console logs its security events (sign-ins, refusals, 5xx errors) as JSON lines on stdout.
 */
import { Command, Option } from 'commander';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig } from '../config/config';
import { databaseFor, DatabaseError } from '../db/database';
import { ConsoleUsers, ROLES, type Role } from '../web/console/users';
import { consoleFromConfig, DEMO_PASSWORD, DEMO_USERS } from '../web/console/start';
import { productLog } from '../activities/log';

function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.ZORGINKOOP_NEW_PASSWORD;
  if (fromEnv) return Promise.resolve(fromEnv);
  if (!process.stdin.isTTY) return Promise.reject(new Error('no password: set ZORGINKOOP_NEW_PASSWORD or run this on a terminal'));
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stdout.write(prompt);
    output._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function serve(opts: { demoUsers?: boolean }): Promise<void> {
  const config = loadConfig(process.env);
  const running = await consoleFromConfig(config, { demoUsers: opts.demoUsers, logger: true });
  await running.app.listen({ host: config.console.host, port: config.console.port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new Error(`port ${config.console.port} is taken: is the console already running? Set ZORGINKOOP_CONSOLE_PORT for another`);
    throw err;
  });
  const host = config.console.host === '0.0.0.0' ? 'localhost' : config.console.host;
  // Readable lines, or JSON (ZORGINKOOP_LOG_FORMAT=json) as the security log is.
  const log = productLog('console', config.observability.logFormat);
  log.info(`http://${host}:${config.console.port}/ (database ${running.database.where}${config.console.oidc ? `, sign-in via ${config.console.oidc.issuer}` : ''})`);
  if (running.metrics) log.info(`metrics on ${running.metrics.url}`);
  if (opts.demoUsers && !config.console.oidc) log.info(`demo users ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}, password ${DEMO_PASSWORD}`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function user(username: string, opts: { role?: Role; displayName?: string; disable?: boolean; enable?: boolean }): Promise<void> {
  if ((opts.disable || opts.enable) && (opts.role || opts.displayName)) throw new Error('--disable and --enable take no --role or --display-name: change the user first, then disable or enable them');
  if (opts.disable && opts.enable) throw new Error('give --disable or --enable, not both');
  if (!opts.role && !opts.disable && !opts.enable) throw new Error('give --role <role> to add or change a user, or --disable or --enable');
  const config = loadConfig(process.env);
  const database = databaseFor(config);
  try {
    await database.migrate();
    const users = new ConsoleUsers(database);
    if (opts.disable) {
      const { disabled, sessionsEnded } = await users.disable(username);
      if (!disabled && !sessionsEnded) throw new Error(`no console user '${username}' and no session of theirs (an OpenID Connect user is disabled in the identity provider)`);
      const ended = `${sessionsEnded} ${sessionsEnded === 1 ? 'session' : 'sessions'} ended`;
      process.stdout.write(disabled ? `console user ${username} disabled; ${ended}\n` : `no embedded user ${username}: ${ended}; disable them in the identity provider too\n`);
    } else if (opts.enable) {
      if (!(await users.enable(username))) throw new Error(`no console user '${username}'`);
      process.stdout.write(`console user ${username} enabled\n`);
    } else {
      const password = await readPassword(`password for ${username}: `);
      await users.save({ username, displayName: opts.displayName ?? username, role: opts.role!, password });
      process.stdout.write(`console user ${username} (${opts.role}) saved\n`);
    }
  } finally {
    await database.close();
  }
}

const program = new Command('console').option('--demo-users', 'add the demo users where there are none').action(serve);
program
  .command('user')
  .description('add or change an embedded console user, or disable or enable one')
  .argument('<username>')
  .addOption(new Option('--role <role>', 'add or change the user, with this role').choices(ROLES))
  .option('--display-name <name>')
  .option('--disable', 'the user cannot sign in, and their sessions end now')
  .option('--enable', 'the user may sign in again')
  .action(user);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`console: ${err instanceof ConfigError || err instanceof DatabaseError ? err.message : err instanceof Error && err.name === 'ZodError' ? err.message : err.message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
