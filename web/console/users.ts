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
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/database';

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
export const PasswordSchema = z.string().min(10, 'a password has at least 10 characters').max(200);

const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, all in base64 where binary. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so that a wrong name takes as long as a wrong password. */
let decoy: Promise<string> | undefined;

export class ConsoleUsers {
  constructor(readonly database: Database) {}

  /** Adds a user or, for an existing name, sets their name, role and password. */
  async save(user: { username: string; displayName: string; role: Role; password: string }): Promise<void> {
    const username = UsernameSchema.parse(user.username);
    const password_hash = await hashPassword(PasswordSchema.parse(user.password));
    await this.database.db
      .insertInto('console_users')
      .values({ username, display_name: user.displayName.trim() || username, role: z.enum(ROLES).parse(user.role), password_hash })
      .onConflict((c) => c.column('username').doUpdateSet({ display_name: (eb) => eb.ref('excluded.display_name'), role: (eb) => eb.ref('excluded.role'), password_hash: (eb) => eb.ref('excluded.password_hash') }))
      .execute();
  }

  /** The user when name and password match, else undefined (the same answer and time for either mistake). */
  async verify(username: string, password: string): Promise<ConsoleUser | undefined> {
    const row = await this.database.db.selectFrom('console_users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await (decoy ??= hashPassword(randomBytes(12).toString('hex')))));
    if (!row || !ok) return undefined;
    return { username: row.username, displayName: row.display_name, role: z.enum(ROLES).parse(row.role), via: 'password' };
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
