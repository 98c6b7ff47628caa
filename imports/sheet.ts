/**
 * Reads a spreadsheet as Dutch Excel writes it, for the bulk imports (imports/index.ts):
 *
 * - XLSX: the first worksheet, its first row the header, read within bounds (a zip bomb, a
 *   million rows or a cell in the last column are refused at once: `readXlsx`, docs/imports.md);
 * - CSV: `;` (Dutch Excel's list separator) or `,`, whichever the header line has more of;
 *   UTF-8 with or without a byte-order mark, or Windows-1252 (imports/encoding.ts), the
 *   encoding reported.
 *
 * Rows keep the number Excel shows (the header is row 1); empty rows are skipped. The cells stay
 * raw (text, number, yes/no, date) until a column reader below reads them as what the column
 * holds: yes/no (WAAR/ONWAAR), a date, an AGB code. Every reader's problem is Dutch, for staff,
 * and quotes the cell with its invisible characters shown (`quoted`).
 */
import { posix } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Row } from 'exceljs';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import type { IsoDate } from '../policies/calendar';
import { decodeText, type TextEncoding } from './encoding';
import { quote } from './visible';

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

/** The most CSV records (lines with a value or only separators) read: 50 for every row an import may have. */
const MAX_CSV_RECORDS = 50 * MAX_ROWS;

/** The sheet in `file` (by its extension: .xlsx, or .csv/.txt), or a SheetError saying why not. */
export async function readSheet(file: { name: string; data: Buffer }): Promise<Sheet> {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  let sheet: Sheet;
  if (ext === 'xlsx' || ext === 'xlsm') sheet = await readXlsx(file.data);
  else if (ext === 'csv' || ext === 'txt') sheet = readCsv(file.data);
  else if (ext === 'xls') throw new SheetError(`het oude Excel-formaat (.xls) wordt niet gelezen: sla het bestand op als Excel-werkmap (.xlsx) of als CSV`);
  else throw new SheetError(`een .xlsx- of .csv-bestand verwacht, niet ${ext ? `.${ext}` : 'een bestand zonder extensie'}`);
  if (!sheet.headers.some((h) => h.trim())) throw new SheetError(`de eerste rij heeft geen kolomnamen (de kopregel)`);
  return sheet;
}

const isEmpty = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

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
        if (records > MAX_CSV_RECORDS) throw new SheetError(`het bestand heeft meer dan ${MAX_CSV_RECORDS.toLocaleString('nl-NL')} regels (ook zonder waarden); een import leest er hoogstens ${MAX_ROWS.toLocaleString('nl-NL')} rijen: verwijder de lege regels, of splits het bestand`);
        const cells = record.map((c): CellValue => (c.trim() === '' ? null : c));
        if (records === 1 && empty_lines === 0) headers = record.map((h) => h.trim());
        else if (cells.some((c) => !isEmpty(c))) {
          if (rows.length === MAX_ROWS) throw new SheetError(tooManyRows('het bestand'));
          rows.push({ row: records + empty_lines, cells });
        }
        return null;
      },
    });
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`geen leesbare CSV: ${(err as Error).message}`);
  }
  return { format: 'csv', encoding, delimiter, headers, rows };
}

/** The refusal of a sheet of too many rows. */
function tooManyRows(where: string): string {
  return `${where} heeft meer dan ${MAX_ROWS.toLocaleString('nl-NL')} rijen; een import leest er hoogstens ${MAX_ROWS.toLocaleString('nl-NL')}: splits het bestand`;
}

/** What one MB is in these messages (as Windows counts: 1,048,576 bytes). */
const MiB = 1024 * 1024;

/**
 * The most an XLSX may unpack to, over the parts an import reads (the first worksheet, its texts,
 * its styles, the workbook's own): 20,000 rows of a wide portal export are some 25 MB unpacked, a
 * zip bomb many times that. The sizes the zip declares are checked before anything is unpacked,
 * and each part is stopped once it unpacks to more than it declared.
 */
export const MAX_XLSX_BYTES = 50 * MiB;

/** The most columns a row of a workbook may reach (A to ALL): a portal export has a few dozen. */
export const MAX_COLUMNS = 1_000;

/** The most parts (files in the zip) a workbook may have: Excel's own have a few dozen. */
const MAX_XLSX_PARTS = 10_000;

/** 400 MB, 2 kB: a size as staff read it. */
function sizeText(bytes: number): string {
  return bytes < MiB ? `${Math.ceil(bytes / 1024)} kB` : `${Math.ceil(bytes / MiB)} MB`;
}

/** "20.000": a number as Dutch staff write it. */
const count = (n: number) => n.toLocaleString('nl-NL');

/**
 * The parts of exceljs's streaming WorkbookReader (exceljs 4.4, lib/stream/xlsx/workbook-reader.js)
 * this reader drives, each parsing one part of the zip from a stream. Its own `read()` takes the
 * parts in zip order through `unzipper`, caches every shared text and writes a worksheet that comes
 * before them (as in Excel's own files) to a temporary file, whatever its size; here yauzl hands it
 * the parts in the order the sheet needs them, each within its declared size.
 */
interface WorkbookParts {
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }>;
}

/**
 * The first worksheet of an XLSX, read within bounds: the sizes its zip declares first (at most
 * MAX_XLSX_BYTES unpacked, over the parts read), then the parts streamed one by one, each refused
 * once it unpacks to more than it declared, and the rows streamed, stopping at MAX_ROWS. Nothing
 * else in the zip (other sheets, images) is unpacked at all.
 *
 * Why not exceljs's `Workbook.xlsx.load`: it unpacks every part in memory and builds the whole
 * sheet (a cell object per cell, and every cell of a merged range) before a row can be counted; a
 * sheet of a million rows took 1.8 GB. Its streaming reader bounds neither the bytes nor the disk.
 */
async function readXlsx(data: Buffer): Promise<Sheet> {
  // An encrypted workbook, or an old .xls renamed, is an OLE file, not a zip.
  if (data.subarray(0, 8).equals(OLE_SIGNATURE)) throw new SheetError('dit is geen gewone Excel-werkmap (.xlsx): met een wachtwoord beveiligd, of in het oude formaat (.xls); sla het bestand op als Excel-werkmap zonder wachtwoord, of als CSV');
  let zip: ZipFile;
  try {
    // Sizes are checked below, by `partText`, so that a refusal names the part in Dutch.
    zip = await fromBufferPromise(data, { validateEntrySizes: false });
  } catch (err) {
    throw new SheetError(`geen leesbare Excel-werkmap (.xlsx): ${(err as Error).message}`);
  }
  try {
    if (zip.entryCount > MAX_XLSX_PARTS) throw new SheetError(`de werkmap bestaat uit ${count(zip.entryCount)} onderdelen; een Excel-werkmap heeft er enkele tientallen: dit is geen werkmap die een import leest`);
    // Part names are case-insensitive (xl/SharedStrings.xml is xl/sharedStrings.xml).
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
    return await readWorkbook(zip, entries);
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`geen leesbare Excel-werkmap (.xlsx): ${(err as Error).message}`);
  } finally {
    zip.close();
  }
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A part of the workbook's zip, and what staff call it in a message. */
interface Part {
  entry: Entry;
  what: string;
}

async function readWorkbook(zip: ZipFile, entries: Map<string, Entry>): Promise<Sheet> {
  const part = (path: string, what: string): Part | undefined => {
    const entry = entries.get(path.toLowerCase());
    return entry && { entry, what: `${what} (${entry.fileName})` };
  };
  const rels = part('xl/_rels/workbook.xml.rels', 'de werkmap zelf');
  const book = part('xl/workbook.xml', 'de werkmap zelf');
  if (!rels || !book) throw new SheetError(`geen Excel-werkmap (.xlsx): het onderdeel ${rels ? 'xl/workbook.xml' : 'xl/_rels/workbook.xml.rels'} ontbreekt`);
  checkSizes([rels, book]);
  // Loaded when an XLSX is read: exceljs is large, and CSV imports and the CLI do without it.
  // require, not `await import()`: under Node and tsx that gives a namespace whose classes are
  // under `default` ("Workbook is not a constructor"), which jest's module transform hid.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stream } = require('exceljs') as typeof import('exceljs');
  // Its input (an empty stream) is never read: the parts are handed to it one by one.
  const reader = new stream.xlsx.WorkbookReader(Readable.from([]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as WorkbookParts;
  await reader._parseRels(await partText(zip, rels));
  await reader._parseWorkbook(await partText(zip, book));

  // The first sheet in the workbook's order (hidden or not), as `Workbook.worksheets[0]` was;
  // its texts and styles where the workbook's relationships say (Excel: xl/sharedStrings.xml).
  const relations = reader.workbookRels ?? [];
  const target = (rel: { Target: string } | undefined, otherwise = '') => (rel ? (rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.join('xl', rel.Target)) : otherwise);
  const first = reader.model?.sheets?.[0];
  const sheet = first && part(target(relations.find((r) => r.Id === first.rId)), `het werkblad ${quoted(first.name)}`);
  if (!first || !sheet) throw new SheetError('de werkmap heeft geen werkblad');
  const texts = part(target(relations.find((r) => r.Type.endsWith('/sharedStrings')), 'xl/sharedStrings.xml'), 'de teksten van de werkmap');
  const styles = part(target(relations.find((r) => r.Type.endsWith('/styles')), 'xl/styles.xml'), 'de opmaak van de werkmap');
  checkSizes([rels, book, ...(texts ? [texts] : []), ...(styles ? [styles] : []), sheet]);

  // The texts are kept in the reader (sharedStrings: 'cache'): the generator yields nothing.
  if (texts) for await (const _ of reader._parseSharedStrings(await partText(zip, texts)));
  if (styles) await reader._parseStyles(await partText(zip, styles));
  const [worksheet] = reader._parseWorksheet(await partText(zip, sheet), '1');
  const headers: string[] = [];
  const rows: Sheet['rows'] = [];
  for await (const row of worksheet!.value) {
    // exceljs walks every column up to a row's last cell, more than once: a cell in column XFD on
    // each of 20,000 rows took 17 s. No import reads so far to the right.
    if (row.cellCount > MAX_COLUMNS) throw new SheetError(`het werkblad ${quoted(first.name)} heeft in rij ${row.number} een cel in kolom ${columnLetter(row.cellCount - 1)}; een import leest hoogstens ${count(MAX_COLUMNS)} kolommen (A tot ${columnLetter(MAX_COLUMNS - 1)}): verwijder wat rechts daarvan staat`);
    // Sparse: a cell the row does not have stays absent (a hole), not null.
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    if (row.number === 1) headers.push(...Array.from({ length: cells.length }, (_, i) => textOf(cells[i] ?? null).trim()));
    else if (cells.some((c) => !isEmpty(c))) {
      if (rows.length === MAX_ROWS) throw new SheetError(tooManyRows(`het werkblad ${quoted(first.name)}`));
      rows.push({ row: row.number, cells });
    }
  }
  return { format: 'xlsx', headers, rows };
}

/** The parts to read, by the sizes the zip declares for them: refused before anything is unpacked when they come to more than MAX_XLSX_BYTES. */
function checkSizes(parts: Part[]): void {
  const total = parts.reduce((sum, p) => sum + p.entry.uncompressedSize, 0);
  if (total <= MAX_XLSX_BYTES) return;
  const biggest = parts.reduce((a, b) => (b.entry.uncompressedSize > a.entry.uncompressedSize ? b : a));
  const size = biggest.entry.uncompressedSize;
  throw new SheetError(size > MAX_XLSX_BYTES ? tooLarge(biggest.what, size) : tooLarge('de werkmap', total, `${biggest.what} ${sizeText(size)}`));
}

/** The refusal of a workbook too large unpacked: what, how large, and what to do. */
function tooLarge(what: string, bytes: number, among?: string): string {
  return `${what} is uitgepakt ${sizeText(bytes)}${among ? ` (waarvan ${among})` : ''}; een import leest hoogstens ${sizeText(MAX_XLSX_BYTES)} uit een werkmap: bewaar alleen de rijen van de import in een nieuwe werkmap, of sla het werkblad op als CSV`;
}

/**
 * A part of the zip as a stream of text, refused once it unpacks to more bytes than the zip
 * declared for it (what the size check trusted). Text, not bytes: exceljs decodes each chunk on
 * its own, which broke a letter such as ë whose two bytes fall in two chunks.
 */
async function partText(zip: ZipFile, { entry, what }: Part): Promise<Readable> {
  const bytes = await zip.openReadStreamPromise(entry);
  const decoder = new StringDecoder('utf8');
  let read = 0;
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      if (read > entry.uncompressedSize) done(new SheetError(`${what} is beschadigd: uitgepakt groter dan de ${sizeText(entry.uncompressedSize)} die de werkmap opgeeft`));
      else done(null, decoder.write(chunk));
    },
    flush(done) {
      if (read < entry.uncompressedSize) done(new SheetError(`${what} is beschadigd: uitgepakt kleiner dan de ${sizeText(entry.uncompressedSize)} die de werkmap opgeeft`));
      else done(null, decoder.end());
    },
  });
  // An error on either side ends both; the reader sees it on `text`.
  pipeline(bytes, text, () => {});
  return text;
}

/** An exceljs cell value as a plain one: formulas by their result, rich text and links by their text. */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
  if ('result' in v) return cellValue(v.result);
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return cellValue(v.text);
  if (v.error) return v.error;
  return String(value);
}

/** A cell as text, as a person reads it (a date as d-m-jjjj). */
export function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDutchDay(isoOfDate(value));
  if (typeof value === 'boolean') return value ? 'WAAR' : 'ONWAAR';
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
  throw new CellError(`${quoted(value)} is geen ja/nee-waarde: WAAR of ONWAAR verwacht`);
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
  if (!day) throw new CellError(`${quoted(value)} is geen datum: dd-mm-jjjj of jjjj-mm-dd verwacht, bijvoorbeeld 10-09-2027`);
  return day;
}

/** An AGB code read from a cell: as written, or with the leading zeros Excel dropped put back. */
export type AgbCell =
  | { code: string; lostZeros?: undefined }
  /** Excel made the code a number and dropped its leading zeros: `code` is the padded code, `read` what the cell held. */
  | { code: string; lostZeros: { read: string; hint: string } };

/** The hint for a code that lost its leading zeros. */
export function leadingZeroHint(read: string, padded: string): string {
  return `Excel liet de voorloopnul weg: bedoelt u ${padded}? Maak de kolom tekst. (gelezen: ${read})`;
}

/**
 * An AGB code: 8 digits as text. A code that lost its leading zeros (a number of 7 or fewer
 * digits, in a number cell or as text) comes back padded to 8 with `lostZeros` set: the caller
 * decides whether to take it (imports/index.ts takes it, with the hint as a warning, only when
 * the padded code has a track). Our own CSV exports' `="01234567"` is read as the code.
 * An empty cell, or anything else, is a CellError.
 */
export function readAgbCode(value: CellValue): AgbCell {
  if (isEmpty(value)) throw new CellError('geen AGB-code ingevuld');
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) throw new CellError(`${quoted(value)} is geen AGB-code: 8 cijfers verwacht, bijvoorbeeld 01234567`);
    text = String(value);
  } else text = textOf(value).trim();
  text = /^="(\d+)"$/.exec(text)?.[1] ?? text;
  if (/^\d{8}$/.test(text)) return { code: text };
  if (/^\d{1,7}$/.test(text) && Number(text) > 0) {
    const padded = text.padStart(8, '0');
    return { code: padded, lostZeros: { read: text, hint: leadingZeroHint(text, padded) } };
  }
  throw new CellError(`${quoted(text)} is geen AGB-code: 8 cijfers verwacht, bijvoorbeeld 01234567`);
}

/** A text cell, trimmed; an empty cell is undefined. */
export function readText(value: CellValue): string | undefined {
  if (isEmpty(value)) return undefined;
  return textOf(value).trim();
}
