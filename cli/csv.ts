/**
 * Every CSV the product writes goes through here, so that none can carry a spreadsheet formula:
 * a cell that starts with =, +, -, @, a tab or a carriage return is written as text (csv-stringify's
 * `escape_formulas` puts a quote in front). Names come from provider files and the portal; a name
 * like `=HYPERLINK(...)` must reach staff as a name, not run when they open the export.
 */
import { stringify } from 'csv-stringify/sync';

/** Rows as CSV with a header line of `columns`, formulas escaped. */
export function toCsv<T extends object>(rows: T[], columns: readonly (keyof T & string)[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => row[c])),
    { header: true, columns: [...columns], escape_formulas: true },
  );
}
