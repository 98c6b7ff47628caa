/**
 * Who may use the staff console, and what they may do.
 *
 * Roles, each including the one before it:
 *   - viewer: reads the season, worklists and provider pages, downloads exports;
 *   - purchaser (inkoper): records conversation outcomes, assessments, documents, signatures and refusals;
 *   - coordinator: starts campaigns, moves deadlines, withdraws providers, imports spreadsheets.
 * Production signs in through the insurer's OpenID Connect provider (web/console/oidc.ts); the
 * embedded users here (hashed with scrypt from node:crypto) are the default for the demo and tests.
 */
import { limit } from '../../operations/concurrency';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { endSessionsOf } from './sessions';

export const ROLES = ['viewer', 'purchaser', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` may do what `needed` may. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The signed-in person, as a session keeps them. */
export interface ConsoleUser {
  /** The `by` of every update they make, and the actor in the audit log. */
  username: string;
  displayName: string;
  role: Role;
  /** How they signed in. */
  via: 'password' | 'oidc';
}

export const UsernameSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'a user name is 2-64 lower-case letters, digits, dots, dashes, underscores or @');
/** ASVS 2.1.1: at least 12 characters (the demo's `zorginkoop-demo` has 15). */
export const PasswordSchema = z.string().min(12, 'a password has at least 12 characters').max(200);

/** scrypt's cost parameters, as a hash records them. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * New hashes: N=2^16, r=8, p=2, one of OWASP's equal-strength settings for scrypt (beside N=2^17,
 * p=1). Chosen over N=2^17 for memory: a hash holds 128·N·r bytes, 64 MiB here and 128 MiB
 * there, for as long as it runs (about a quarter second); p=2 doubles the work, not the memory.
 * Hashes made with other parameters (N=2^15, p=1 before) still verify, and are made again with
 * these at the user's next successful sign-in.
 */
export const SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 2 };
/** scrypt refuses parameters that need more memory than this: room for N=2^17, r=8, no more, whatever a stored hash says. */
const MAX_MEMORY = 2 * 128 * SCRYPT.N * SCRYPT.r + 1024 * 1024;
/**
 * At most this many hashes run at once in a process (2 × 64 MiB); the rest wait their turn. Many
 * sign-ins at once then cost time, not memory, and two of libuv's four threads stay free for
 * files and DNS.
 */
export const HASHING_AT_ONCE = 2;

const inTurn = limit(HASHING_AT_ONCE);

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return inTurn(() => new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, 32, { ...params, maxmem: MAX_MEMORY } satisfies ScryptOptions, (err, key) => (err ? reject(err) : resolve(key)))));
}

/** `scrypt$N$r$p$salt$hash`, all in base64 where binary; `params` other than today's only to make an old hash (tests). */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when the password is the one the stored hash was made from (whatever its parameters). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with other parameters than `params`. */
const isOutdated = (stored: string, params: ScryptParams) => !stored.startsWith(`scrypt$${params.N}$${params.r}$${params.p}$`);

/** A hash per parameters to compare against when the user does not exist, so that a wrong name takes as long as a wrong password. */
const decoys = new Map<string, Promise<string>>();
const decoyFor = (params: ScryptParams) => {
  const key = `${params.N}$${params.r}$${params.p}`;
  let decoy = decoys.get(key);
  if (!decoy) decoys.set(key, (decoy = hashPassword(randomBytes(12).toString('hex'), params)));
  return decoy;
};

/** A user as the console reads them on every request: their role now, and whether they may still sign in. */
export interface CurrentUser {
  displayName: string;
  role: Role;
  disabled: boolean;
}

export class ConsoleUsers {
  /**
   * `params`: new hashes' scrypt parameters, SCRYPT unless given. Only the tests give cheaper ones
   * (a quarter second of CPU per sign-in, hundreds of sign-ins); the console process never does.
   */
  constructor(
    readonly database: Database,
    private readonly params: ScryptParams = SCRYPT,
  ) {}

  /** Adds a user or, for an existing name, sets their name, role and password. */
  async save(user: { username: string; displayName: string; role: Role; password: string }): Promise<void> {
    const username = UsernameSchema.parse(user.username);
    const password_hash = await hashPassword(PasswordSchema.parse(user.password), this.params);
    await this.database.db
      .insertInto('console_users')
      .values({ username, display_name: user.displayName.trim() || username, role: z.enum(ROLES).parse(user.role), password_hash })
      .onConflict((c) => c.column('username').doUpdateSet({ display_name: (eb) => eb.ref('excluded.display_name'), role: (eb) => eb.ref('excluded.role'), password_hash: (eb) => eb.ref('excluded.password_hash') }))
      .execute();
  }

  /**
   * The user when name and password match and they are not disabled, else undefined (the same
   * answer and time for every mistake). A hash with old parameters is made again with today's.
   */
  async verify(username: string, password: string): Promise<ConsoleUser | undefined> {
    const row = await this.database.db.selectFrom('console_users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyFor(this.params)));
    if (!row || !ok || row.disabled_at) return undefined;
    if (isOutdated(row.password_hash, this.params)) {
      const password_hash = await hashPassword(password, this.params);
      await this.database.db.updateTable('console_users').set({ password_hash }).where('username', '=', row.username).where('password_hash', '=', row.password_hash).execute();
    }
    return { username: row.username, displayName: row.display_name, role: z.enum(ROLES).parse(row.role), via: 'password' };
  }

  /** The user's role and state now (the console reads it on every request); undefined when there is no such user. */
  async current(username: string): Promise<CurrentUser | undefined> {
    const row = await this.database.db.selectFrom('console_users').select(['display_name', 'role', 'disabled_at']).where('username', '=', username).executeTakeFirst();
    return row && { displayName: row.display_name, role: z.enum(ROLES).parse(row.role), disabled: row.disabled_at !== null };
  }

  /**
   * Disables a user: they cannot sign in, and their sessions end now (an OpenID Connect user's
   * sessions too, though only the identity provider can stop them signing in again).
   */
  async disable(username: string): Promise<{ disabled: boolean; sessionsEnded: number }> {
    const name = username.trim().toLowerCase();
    const result = await this.database.db.updateTable('console_users').set({ disabled_at: new Date() }).where('username', '=', name).where('disabled_at', 'is', null).executeTakeFirst();
    const known = Number(result.numUpdatedRows) > 0 || (await this.current(name)) !== undefined;
    return { disabled: known, sessionsEnded: await endSessionsOf(this.database, name) };
  }

  /** Lets a disabled user sign in again; false when there is no such user. */
  async enable(username: string): Promise<boolean> {
    const result = await this.database.db.updateTable('console_users').set({ disabled_at: null }).where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(): Promise<{ username: string; displayName: string; role: string }[]> {
    const rows = await this.database.db.selectFrom('console_users').select(['username', 'display_name', 'role']).orderBy('username').execute();
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role }));
  }

  async count(): Promise<number> {
    const row = await this.database.db.selectFrom('console_users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
