/**
 * Every CSV the product writes goes through here, so that none can carry a spreadsheet formula:
 * a cell that starts with =, +, -, @, a tab or a carriage return is written as text (csv-stringify's
 * `escape_formulas` puts a quote in front). Names come from provider files and the portal; a name
 * like `=HYPERLINK(...)` must reach staff as a name, not run when they open the export.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV with a header line of `columns`, formulas escaped, as Dutch Excel opens it with a
 * double click: `;` between cells (Dutch Excel's list separator; the comma is the decimal sign),
 * UTF-8 with a byte-order mark (else Excel reads Windows-1252 and mangles "Bartiméus"), and the
 * `codes` columns (AGB codes) as text: `="01234567"`, the one form Excel keeps leading zeros of.
 */
export function toCsv<T extends object>(rows: T[], columns: readonly (keyof T & string)[], options: { codes?: readonly (keyof T & string)[]; headers?: Partial<Record<keyof T & string, string>> } = {}): string {
  const codes = new Set(options.codes ?? []);
  return `\uFEFF${stringify(
    rows.map((row) => columns.map((c) => row[c])),
    {
      header: true,
      columns: columns.map((key) => ({ key, header: options.headers?.[key] ?? key })),
      delimiter: ';',
      escape_formulas: true,
      cast: {
        // A code of digits only: a formula of our own, never anything from the data.
        string: (value, context) => (typeof context.column === 'number' && codes.has(columns[context.column]!) && /^\d+$/.test(value) ? { value: `="${value}"`, escape_formulas: false, quoted: false } : value),
      },
    },
  )}`;
}

/** Reads back what `toCsv` wrote (tests, and staff tools that round-trip an export). */
export function fromCsvCode(cell: string): string {
  const m = /^="(\d+)"$/.exec(cell);
  return m ? m[1]! : cell;
}
