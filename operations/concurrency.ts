/**
 * At most `n` at a time, with p-limit: the one gate the console's overview, its worklists, the
 * spreadsheet imports and the password hashing share.
 */
import pLimit from 'p-limit';

export { pLimit as limit };

/** `fn` over `items`, at most `n` at a time, results in order. */
export function mapLimit<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const slot = pLimit(n);
  return Promise.all(items.map((item) => slot(() => fn(item))));
}
