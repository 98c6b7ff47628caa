/**
 * Guessing passwords on the console's own sign-in form is slowed down: after 5 failed attempts
 * for one user name, or 20 from one address, that name or address may not try again until 15
 * minutes after the first of them (the count starts afresh then); the password is not even
 * checked meanwhile. A successful sign-in clears its name's count and does not count against its
 * address, so staff who sign in often are never held up. The counts live in the one database
 * (`console_sign_in_limits`), shared by every console process; rate-limiter-flexible does the
 * counting, and deletes rows expired an hour ago every five minutes. (With OpenID Connect the
 * password form is off, and the identity provider does this.)
 *
 * Every attempt is counted before its password is checked, in one statement (the library's
 * `consume` is an atomic upsert in PostgreSQL): 30 guesses at once for one name get the password
 * checked 5 times, not 30 (counting after the check let all of them through). An attempt refused
 * by one count is given back to the other, so only attempts whose password was checked stay
 * counted.
 */
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../db/database';

/** Failed attempts allowed per user name and per address, in a window of this many seconds. */
export const SIGN_IN_LIMITS = { perUser: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

/** The sign-in limit's two counts, per user name and per address, in the one database. */
export class SignInLimiter {
  private readonly byUser: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(database: Database) {
    // Unnamed statements: a statement prepared by name on one pooled connection is unknown on the next.
    const pool = database.pgPool;
    const storeClient = { query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }) };
    const store = { storeClient, storeType: 'pool', tableName: 'console_sign_in_limits', schemaName: database.schema, tableCreated: true, duration: SIGN_IN_LIMITS.windowSeconds };
    this.byUser = new RateLimiterPostgres({ ...store, keyPrefix: 'user', points: SIGN_IN_LIMITS.perUser });
    this.byAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'address', points: SIGN_IN_LIMITS.perAddress });
  }

  /**
   * Counts an attempt for this name from this address, before its password is checked: 0 when it
   * may go on, else the seconds until the name or address may try again (an attempt refused for
   * its name is given back to its address: it checked nothing).
   */
  async attempt(username: string, address: string): Promise<number> {
    const refused = await consumed(this.byAddress, address);
    if (refused) return refused;
    const held = await consumed(this.byUser, key(username));
    if (held) {
      await this.byAddress.reward(address, 1);
      return held;
    }
    return 0;
  }

  /** A successful sign-in: the name's failures are forgotten, and the attempt no longer counts against the address. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.byUser.delete(key(username)), this.byAddress.reward(address, 1)]);
  }
}

/** 0 when the point was taken, else the seconds to wait (the library refuses with a RateLimiterRes, and fails with an Error). */
async function consumed(limiter: RateLimiterPostgres, k: string): Promise<number> {
  try {
    await limiter.consume(k, 1);
    return 0;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw refusal;
  }
}

const key = (username: string) => username.trim().toLowerCase().slice(0, 100);
