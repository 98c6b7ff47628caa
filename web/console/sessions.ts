/**
 * Console sessions in the one database, for @fastify/session: every console process reads the
 * same sessions, and a session ends when it has not been used for the configured minutes (the
 * cookie's and the row's expiry move on with every request). Expired rows are swept as they are met.
 */
import type { FastifySessionObject } from '@fastify/session';
import { sql } from 'kysely';
import type { Database } from '../../db/database';

type Callback = (err?: unknown) => void;

export class DatabaseSessionStore {
  constructor(
    private readonly database: Database,
    private readonly idleMinutes: number,
  ) {}

  private expiry(session: FastifySessionObject): Date {
    const expires = session.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMinutes * 60_000);
  }

  set(sid: string, session: FastifySessionObject, callback: Callback): void {
    const data = JSON.stringify(session);
    const expires_at = this.expiry(session);
    this.database.db
      .insertInto('console_sessions')
      .values({ sid, data, expires_at })
      .onConflict((c) => c.column('sid').doUpdateSet({ data, expires_at }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sid: string, callback: (err: unknown, session?: FastifySessionObject | null) => void): void {
    this.database.db
      .selectFrom('console_sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then(async (row) => {
        if (!row) return callback(null, null);
        if (row.expires_at.getTime() <= Date.now()) {
          await this.database.db.deleteFrom('console_sessions').where('expires_at', '<=', new Date()).execute();
          return callback(null, null);
        }
        callback(null, row.data as unknown as FastifySessionObject);
      }, (err: unknown) => callback(err));
  }

  destroy(sid: string, callback: Callback): void {
    this.database.db.deleteFrom('console_sessions').where('sid', '=', sid).execute().then(() => callback(), callback);
  }
}

/** Ends every session of this user now (a disabled user, on every console process); returns how many. */
export async function endSessionsOf(database: Database, username: string): Promise<number> {
  const result = await database.db.deleteFrom('console_sessions').where(sql<string>`data->'user'->>'username'`, '=', username).executeTakeFirst();
  return Number(result.numDeletedRows);
}
