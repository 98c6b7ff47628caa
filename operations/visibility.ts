/**
 * Visibility queries (`ZorgPolicy = 'zg-2026' AND ...`) built from checked values only. Every
 * value the CLI puts in a query is first checked against the known values (a policy id, a contract
 * kind of that policy, a public status); `equals` then refuses, as a last guard, any value that
 * could end its quotes, so a typed value can never become part of the query's logic.
 */

/** A value that cannot go into a visibility query. */
export class VisibilityValueError extends Error {}

/** A string literal of the query language: only values without quotes, backslashes or control characters. */
export function literal(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/['"\\\u0000-\u001f]/.test(value)) throw new VisibilityValueError(`'${value}' cannot be used in a query: it has a quote, a backslash or a control character`);
  return `'${value}'`;
}

/** `attribute = 'value'`, the value checked by `literal`. */
export function equals(attribute: string, value: string): string {
  return `${attribute} = ${literal(value)}`;
}
