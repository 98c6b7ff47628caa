/**
 * Where the servers from Debian's packages are that `npm run test:services` needs beside
 * Temporal: Chromium (the Web UI test) and PostgreSQL (the server store of provider lists).
 * An environment variable wins; then the places Debian installs them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's `chromium` package, or CHROMIUM_PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/**
 * The folder with PostgreSQL's `initdb`, `pg_ctl` and `postgres` (Debian's `postgresql` package
 * puts them in /usr/lib/postgresql/<version>/bin), or POSTGRES_BIN_DIR. The newest version wins.
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  if (env.POSTGRES_BIN_DIR) return has(env.POSTGRES_BIN_DIR) ? env.POSTGRES_BIN_DIR : null;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  return null;
}
