/**
 * How every process of an installation reaches its embedded database (db/embedded.ts): the
 * cluster's folder, the password file, the URL, and the check that the server that answers is
 * this installation's. Kept apart from the code that starts the server, which needs more.
 */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { DatabaseError, messageOf } from './errors';

/** The superuser and the database of the embedded cluster. */
export const EMBEDDED_USER = 'zorginkoop';
export const EMBEDDED_DATABASE = 'zorginkoop';

/** Where an installation's embedded database keeps its files. */
export function embeddedPaths(dataDir: string): { cluster: string; secret: string; legacy: string } {
  const root = resolve(dataDir);
  return { cluster: join(root, 'postgres'), secret: join(root, 'database.secret'), legacy: join(root, 'db') };
}

/**
 * The installation's database password, from its file. Absent: the database was never started
 * here; with `create`, it is made (32 random bytes, hex, mode 0600).
 */
export function embeddedPassword(dataDir: string, options: { create?: boolean } = {}): string {
  const { secret } = embeddedPaths(dataDir);
  try {
    return readFileSync(secret, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) {
      throw new DatabaseError(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? `the embedded database has not been set up in ${resolve(dataDir)} (no ${secret}): start it with \`npm start\` or \`npm run database\`, or set ZORGINKOOP_DATABASE_URL`
          : `cannot read the embedded database's password in ${secret}: ${messageOf(err)}`,
      );
    }
    const password = randomBytes(32).toString('hex');
    writeFileSync(secret, `${password}\n`, { mode: 0o600, flag: 'wx' });
    return password;
  }
}

/** The options that make a `Database` reach the installation's embedded database, and check it is this one. */
export function embeddedDatabaseOptions(dataDir: string, port: number): { url: string; options: { password: () => string; embedded: { cluster: string } } } {
  return {
    url: `postgres://${EMBEDDED_USER}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    options: { password: () => embeddedPassword(dataDir), embedded: { cluster: embeddedPaths(dataDir).cluster } },
  };
}

/** Two paths to one folder (symbolic links resolved). */
export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}
