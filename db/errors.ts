/** The database's errors: what failed, where, and what to do, for every process's messages. */

/** A failure to reach or use the database: says what, where (never the password), and what to do. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** The message of an error as people read it. */
export function messageOf(err: unknown): string {
  // AggregateError (e.g. every address of a host refused) has an empty message of its own.
  if (err instanceof AggregateError && !err.message) return err.errors.map(messageOf).join('; ');
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}
