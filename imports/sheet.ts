/**
 * Reads a spreadsheet as Dutch Excel writes it, for the bulk imports (imports/index.ts):
 *
 * - XLSX: the first worksheet, its first row the header, read within bounds (a zip bomb, a
 *   million rows or a cell in the last column are refused at once: `readXlsx` in imports/xlsx.ts,
 *   docs/imports.md);
 * - CSV: `;` (Dutch Excel's list separator) or `,`, whichever the header line has more of;
 *   UTF-8 with or without a byte-order mark, or Windows-1252 (imports/encoding.ts), the
 *   encoding reported.
 *
 * Rows keep the number Excel shows (the header is row 1); empty rows are skipped. The cells stay
 * raw (text, number, yes/no, date) until a column reader (imports/cells.ts, exported here too)
 * reads them as what the column holds: yes/no (WAAR/ONWAAR), a date, an AGB code. Every
 * reader's problem is Dutch, for staff, and quotes the cell with its invisible characters shown
 * (`quoted`).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeText } from './encoding';
import { IMPORT_WORDS as t, isEmpty, MAX_ROWS, SheetError, tooManyRows, type CellValue, type Sheet } from './cells';
import { readXlsx } from './xlsx';

export { CellError, columnLetter, findColumns, formatDutchDay, IMPORT_WORDS, leadingZeroHint, MAX_ROWS, normalizeHeader, quoted, readAgbCode, readDate, readText, readYesNo, SheetError, textOf } from './cells';
export type { AgbCell, CellValue, ColumnSpec, Sheet } from './cells';
export { MAX_COLUMNS, MAX_XLSX_BYTES } from './xlsx';

/** The most CSV records (lines with a value or only separators) read: 50 for every row an import may have. */
const MAX_CSV_RECORDS = 50 * MAX_ROWS;

/** The sheet in `file` (by its extension: .xlsx, or .csv/.txt), or a SheetError saying why not. */
export async function readSheet(file: { name: string; data: Buffer }): Promise<Sheet> {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  let sheet: Sheet;
  if (ext === 'xlsx' || ext === 'xlsm') sheet = await readXlsx(file.data);
  else if (ext === 'csv' || ext === 'txt') sheet = readCsv(file.data);
  else if (ext === 'xls') throw new SheetError(t.oldXls);
  else throw new SheetError(t.wrongExtension(ext));
  if (!sheet.headers.some((h) => h.trim())) throw new SheetError(t.noHeader);
  return sheet;
}

function readCsv(data: Buffer): Sheet {
  const { text, encoding } = decodeText(data);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = count(';') >= count(',') && count(';') > 0 ? ';' : ',';
  let headers: string[] = [];
  const rows: Sheet['rows'] = [];
  try {
    // Each record is kept (or not) as it is read, not in a list of every record first, and
    // reading stops past MAX_ROWS, as for a workbook. Empty lines are skipped by the parser (kept,
    // one took it 17 µs, and 20 MB of them took minutes and all memory) and counted: the row
    // number Excel shows is the records and the empty lines up to it. Lines of empty cells only
    // (`;;;`) are records: at most MAX_CSV_RECORDS of them are read.
    parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], { records, empty_lines }) => {
        if (records > MAX_CSV_RECORDS) throw new SheetError(t.tooManyCsvLines(MAX_CSV_RECORDS, MAX_ROWS));
        const cells = record.map((c): CellValue => (c.trim() === '' ? null : c));
        if (records === 1 && empty_lines === 0) headers = record.map((h) => h.trim());
        else if (cells.some((c) => !isEmpty(c))) {
          if (rows.length === MAX_ROWS) throw new SheetError(tooManyRows(t.theFile));
          rows.push({ row: records + empty_lines, cells });
        }
        return null;
      },
    });
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(t.notCsv((err as Error).message));
  }
  return { format: 'csv', encoding, delimiter, headers, rows };
}
