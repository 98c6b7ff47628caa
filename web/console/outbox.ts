/**
 * The e-mail to providers that waits for the mail server, as coordinators see it in the console
 * (season overview, exports): how many e-mails wait, how long the oldest has waited, and the
 * error the mail server gave, so an outage or a refused relay shows where staff look, not only in
 * a worker's log. Read-only over `email_outbox` (written and sent by activities/mail.ts).
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** The outbox's backlog. */
export interface OutboxBacklog {
  /** E-mails not yet sent (`pending`). */
  waiting: number;
  /** Seconds the oldest waiting e-mail has waited (by the database's clock); absent when none waits. */
  oldestSeconds?: number;
  /**
   * The error of the waiting e-mail the mail server refused most often (the oldest of those
   * tied): the relay keeps each e-mail's last error, not when it came, and the e-mail that has
   * failed longest says most about what is wrong.
   */
  lastError?: { text: string; attempts: number };
  /** E-mails that are never sent: the provider record has no address (`zorginkoop mail --status no-address`). */
  noAddress: number;
}

/** Reads the backlog. */
export async function outboxBacklog(database: Database): Promise<OutboxBacklog> {
  const [counts, failing] = await Promise.all([
    database.db
      .selectFrom('email_outbox')
      .select([
        sql<string>`count(*) filter (where status = 'pending')`.as('waiting'),
        sql<string>`count(*) filter (where status = 'no-address')`.as('no_address'),
        sql<number | null>`extract(epoch from now() - min(created_at) filter (where status = 'pending'))`.as('oldest'),
      ])
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('email_outbox')
      .select(['last_error', 'attempts'])
      .where('status', '=', 'pending')
      .where('last_error', 'is not', null)
      .orderBy('attempts', 'desc')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    waiting: Number(counts.waiting),
    ...(counts.oldest !== null ? { oldestSeconds: Math.max(0, Math.floor(Number(counts.oldest))) } : {}),
    ...(failing?.last_error ? { lastError: { text: failing.last_error, attempts: failing.attempts } } : {}),
    noAddress: Number(counts.no_address),
  };
}
