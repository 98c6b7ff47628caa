/**
 * Guessing passwords on the console's own sign-in form is slowed down: after 5 failed attempts
 * for one user name, or 20 from one address, that name or address may not try again until 15
 * minutes after the first of them (the count starts afresh then); the password is not even
 * checked meanwhile. A successful sign-in clears its name's count. Only failures count, so
 * staff who sign in often are never held up. The counts live in the one database
 * (`console_sign_in_limits`), shared by every console process; rate-limiter-flexible does the
 * counting, and deletes rows expired an hour ago every five minutes. (With OpenID Connect the
 * password form is off, and the identity provider does this.)
 */
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../db/database';

export const SIGN_IN_LIMITS = { perUser: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

export class SignInLimiter {
  private readonly byUser: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(database: Database) {
    // Unnamed statements: the embedded database serves every connection from one session, where a
    // statement the library prepares by name on one connection "already exists" for the next.
    const pool = database.pgPool;
    const storeClient = { query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }) };
    const store = { storeClient, storeType: 'pool', tableName: 'console_sign_in_limits', schemaName: database.schema, tableCreated: true, duration: SIGN_IN_LIMITS.windowSeconds };
    this.byUser = new RateLimiterPostgres({ ...store, keyPrefix: 'user', points: SIGN_IN_LIMITS.perUser });
    this.byAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'address', points: SIGN_IN_LIMITS.perAddress });
  }

  /** Seconds until this name and address may try again; 0 when they may now. */
  async waitSeconds(username: string, address: string): Promise<number> {
    const [user, from] = await Promise.all([this.byUser.get(key(username)), this.byAddress.get(address)]);
    const wait = (r: RateLimiterRes | null, limit: number) => (r && r.consumedPoints >= limit ? Math.ceil(r.msBeforeNext / 1000) : 0);
    return Math.max(wait(user, SIGN_IN_LIMITS.perUser), wait(from, SIGN_IN_LIMITS.perAddress));
  }

  /** A failed attempt: counts against the name and the address. */
  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.byUser.penalty(key(username), 1), this.byAddress.penalty(address, 1)]);
  }

  /** A successful sign-in: the name's failures are forgotten. */
  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(key(username));
  }
}

const key = (username: string) => username.trim().toLowerCase().slice(0, 100);
