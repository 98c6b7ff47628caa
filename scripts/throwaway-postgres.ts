/**
 * A throwaway PostgreSQL server for `npm run test:services` and `npm run bench:database`: `initdb` in a temporary folder,
 * `postgres` on a free port of 127.0.0.1 with its socket in that folder, trust authentication for
 * a known superuser; `stop()` stops it and removes the folder.
 *
 * ZORGINKOOP_TEST_DATABASE_URL points the tests at a server of your own instead (nothing is
 * started or stopped; the tests use schemas of their own).
 *
 * PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the `postgres` system user
 * (Debian's package creates it) through runuser, and the folder is handed to that user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './local-run';
import { findPostgresBin } from './services';

const run = promisify(execFile);

/** The superuser of the throwaway server (trust authentication: no password). */
export const TEST_POSTGRES_USER = 'zorginkoop';

export interface TestPostgres {
  /** postgres://... of a database the tests may create tables in. */
  url: string;
  /** True when this helper started the server (false with ZORGINKOOP_TEST_DATABASE_URL). */
  started: boolean;
  stop(): Promise<void>;
}

function systemUser(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a throwaway server (or uses ZORGINKOOP_TEST_DATABASE_URL). */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  if (env.ZORGINKOOP_TEST_DATABASE_URL) {
    return { url: env.ZORGINKOOP_TEST_DATABASE_URL, started: false, stop: async () => undefined };
  }
  const bin = findPostgresBin(env);
  if (!bin) throw new Error('PostgreSQL server binaries not found: install Debian\'s `postgresql` package, or set POSTGRES_BIN_DIR or ZORGINKOOP_TEST_DATABASE_URL');

  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : null;
  if (asRoot && !owner) throw new Error('running as root, and PostgreSQL refuses root: the `postgres` system user (Debian\'s `postgresql` package) is needed to run it as');

  const dir = mkdtempSync(join(tmpdir(), 'zorginkoop-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // As root, run as `postgres`; from the temporary folder, which that user can enter.
  const pg = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: dir }) : run(join(bin, program), args, { cwd: dir });
  const failure = (what: string, err: unknown) => {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    return new Error(`throwaway PostgreSQL: ${what} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}${serverLog ? `\nserver log:\n${serverLog}` : ''}`);
  };
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', TEST_POSTGRES_USER, '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (err) {
    removeDir();
    throw failure('initdb', err);
  }

  // The port is free when picked but could be taken before postgres binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // A throwaway server: no durability needed, so no fsync.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      await pg('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
    } catch (err) {
      if (attempt < 3) continue;
      removeDir();
      throw failure('pg_ctl start', err);
    }
    return {
      url: `postgres://${TEST_POSTGRES_USER}@127.0.0.1:${port}/postgres`,
      started: true,
      stop: async () => {
        try {
          await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
        } finally {
          removeDir();
        }
      },
    };
  }
}
