/**
 * The cells of a spreadsheet read for the bulk imports (imports/sheet.ts reads the file): the
 * sheet's shape, and the column readers that read a raw cell as what its column holds: yes/no
 * (WAAR/ONWAAR), a date, an AGB code, text. Every reader's problem is Dutch, for staff (its words in
 * words/nl-imports.ts, `IMPORT_WORDS`), and quotes the cell with its invisible characters shown (`quoted`).
 */
import type { IsoDate } from '../policies/calendar';
import type { TextEncoding } from './encoding';
import { wordsFor } from '../words';
import { quote } from './visible';

/** What the imports say (words/nl-imports.ts): the reports are Dutch. */
export const IMPORT_WORDS = wordsFor('nl').imports;
const t = IMPORT_WORDS;

/** A cell as the file holds it; an empty cell is null. */
export type CellValue = string | number | boolean | Date | null;

/** A spreadsheet read: its header and rows, and how it was read. */
export interface Sheet {
  format: 'xlsx' | 'csv';
  /** CSV only: the encoding its bytes were read in. */
  encoding?: TextEncoding;
  /** CSV only: the separator found in the header line. */
  delimiter?: ';' | ',';
  /** The header cells, as text, by column (A = 0). */
  headers: string[];
  /**
   * The rows after the header that have a value in any cell, with the number Excel shows; the
   * cells by column (A = 0), an empty one null or, in a workbook's row, absent: read `cells[i] ?? null`.
   */
  rows: { row: number; cells: CellValue[] }[];
}

/** A file that cannot be read as a spreadsheet at all (the message is Dutch, for staff; the caller names the file). */
export class SheetError extends Error {
  override name = 'SheetError';
}

/** The most rows an import reads: a season has a few thousand providers, not more. */
export const MAX_ROWS = 20_000;

export const isEmpty = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

/** The refusal of a sheet of too many rows. */
export function tooManyRows(where: string): string {
  return t.tooManyRows(where, MAX_ROWS);
}

/** A cell as text, as a person reads it (a date as d-m-jjjj). */
export function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDutchDay(isoOfDate(value));
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  return String(value);
}

/** A cell quoted in a message for staff, its invisible characters shown as their code ('0100\u00000001': imports/visible.ts). */
export function quoted(value: CellValue): string {
  return quote(textOf(value));
}

/** The column's letter as Excel shows it: 0 is A, 26 is AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A column name reduced to compare: lower case, no accents, letters and digits only ("AGB-code" is "agbcode"). */
export function normalizeHeader(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A column an import reads: its field, the names it may have in the header (Dutch first), whether it must be there. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  names: readonly string[];
  required?: boolean;
}

/** Where each field's column is, which required ones are missing and which header cells no field reads. */
export function findColumns<K extends string>(headers: string[], specs: readonly ColumnSpec<K>[]): { at: Partial<Record<K, number>>; missing: ColumnSpec<K>[]; ignored: string[] } {
  const at: Partial<Record<K, number>> = {};
  const used = new Set<number>();
  for (const spec of specs) {
    const names = new Set(spec.names.map(normalizeHeader));
    const index = headers.findIndex((h, i) => !used.has(i) && names.has(normalizeHeader(h)));
    if (index >= 0) {
      at[spec.key] = index;
      used.add(index);
    }
  }
  return {
    at,
    missing: specs.filter((s) => s.required && at[s.key] === undefined),
    ignored: headers.filter((h, i) => h.trim() && !used.has(i)),
  };
}

/** A cell a column reader could not read: the message says why, in Dutch; `hint` what to do. */
export class CellError extends Error {
  override name = 'CellError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const YES = new Set(['waar', 'true', 'ja', 'yes', 'j', 'y', '1', 'x']);
const NO = new Set(['onwaar', 'false', 'nee', 'no', 'n', '0']);

/** A yes/no cell: WAAR/ONWAAR (Dutch Excel), TRUE/FALSE, ja/nee, 1/0; an empty cell is undefined. */
export function readYesNo(value: CellValue): boolean | undefined {
  if (isEmpty(value)) return undefined;
  if (typeof value === 'boolean') return value;
  const text = textOf(value).trim().toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  throw new CellError(t.notYesNo(quoted(value)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day of a date Excel stored (exceljs gives it as midnight UTC). */
function isoOfDate(d: Date): IsoDate {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` as IsoDate;
}

/** 2027-09-10 as 10-9-2027, as Dutch Excel shows a day. */
export function formatDutchDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[3])}-${Number(m[2])}-${m[1]}` : day;
}

function isoDay(year: number, month: number, day: number): IsoDate | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return isoOfDate(d);
}

/**
 * A date cell: an Excel date (a date cell, or the day number of a date column left as a number)
 * or text as dd-mm-jjjj, d-m-jjjj (also with / or .) or jjjj-mm-dd, a time after it ignored.
 * An empty cell is undefined.
 */
export function readDate(value: CellValue): IsoDate | undefined {
  if (isEmpty(value)) return undefined;
  if (value instanceof Date) return isoOfDate(value);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2_958_466) {
    // Excel's day number (1900 system, with its phantom 29 February 1900): day 1 is 1 January 1900.
    return isoOfDate(new Date(Date.UTC(1899, 11, 30) + value * 86_400_000));
  }
  const text = textOf(value).trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '');
  let day: IsoDate | undefined;
  let m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) day = isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!day) throw new CellError(t.notADate(quoted(value)));
  return day;
}

/** An AGB code read from a cell: as written, or with the leading zeros Excel dropped put back. */
export type AgbCell =
  | { code: string; lostZeros?: undefined }
  /** Excel made the code a number and dropped its leading zeros: `code` is the padded code, `read` what the cell held. */
  | { code: string; lostZeros: { read: string; hint: string } };

/** The hint for a code that lost its leading zeros. */
export function leadingZeroHint(read: string, padded: string): string {
  return t.leadingZeroHint(read, padded);
}

/**
 * An AGB code: 8 digits as text. A code that lost its leading zeros (a number of 7 or fewer
 * digits, in a number cell or as text) comes back padded to 8 with `lostZeros` set: the caller
 * decides whether to take it (imports/index.ts takes it, with the hint as a warning, only when
 * the padded code has a track). Our own CSV exports' `="01234567"` is read as the code.
 * An empty cell, or anything else, is a CellError.
 */
export function readAgbCode(value: CellValue): AgbCell {
  if (isEmpty(value)) throw new CellError(t.noAgbCode);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) throw new CellError(t.notAnAgbCode(quoted(value)));
    text = String(value);
  } else text = textOf(value).trim();
  text = /^="(\d+)"$/.exec(text)?.[1] ?? text;
  if (/^\d{8}$/.test(text)) return { code: text };
  if (/^\d{1,7}$/.test(text) && Number(text) > 0) {
    const padded = text.padStart(8, '0');
    return { code: padded, lostZeros: { read: text, hint: leadingZeroHint(text, padded) } };
  }
  throw new CellError(t.notAnAgbCode(quoted(text)));
}

/** A text cell, trimmed; an empty cell is undefined. */
export function readText(value: CellValue): string | undefined {
  if (isEmpty(value)) return undefined;
  return textOf(value).trim();
}
