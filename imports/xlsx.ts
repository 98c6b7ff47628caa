/**
 * The first worksheet of an XLSX, read within bounds for the bulk imports (imports/sheet.ts,
 * docs/imports.md): the zip opened with yauzl, the parts handed one by one to exceljs's streaming
 * WorkbookReader, each within the size the zip declares for it.
 */
import { posix } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Row } from 'exceljs';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { columnLetter, IMPORT_WORDS as t, isEmpty, MAX_ROWS, quoted, SheetError, textOf, tooManyRows, type CellValue, type Sheet } from './cells';

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
export async function readXlsx(data: Buffer): Promise<Sheet> {
  // An encrypted workbook, or an old .xls renamed, is an OLE file, not a zip.
  if (data.subarray(0, 8).equals(OLE_SIGNATURE)) throw new SheetError(t.protectedOrOld);
  let zip: ZipFile;
  try {
    // Sizes are checked below, by `partText`, so that a refusal names the part in Dutch.
    zip = await fromBufferPromise(data, { validateEntrySizes: false });
  } catch (err) {
    throw new SheetError(t.notXlsx((err as Error).message));
  }
  try {
    if (zip.entryCount > MAX_XLSX_PARTS) throw new SheetError(t.tooManyParts(zip.entryCount));
    // Part names are case-insensitive (xl/SharedStrings.xml is xl/sharedStrings.xml).
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
    return await readWorkbook(zip, entries);
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(t.notXlsx((err as Error).message));
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
  const rels = part('xl/_rels/workbook.xml.rels', t.parts.book);
  const book = part('xl/workbook.xml', t.parts.book);
  if (!rels || !book) throw new SheetError(t.missingPart(rels ? 'xl/workbook.xml' : 'xl/_rels/workbook.xml.rels'));
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
  const sheet = first && part(target(relations.find((r) => r.Id === first.rId)), t.theSheet(quoted(first.name)));
  if (!first || !sheet) throw new SheetError(t.noWorksheet);
  const texts = part(target(relations.find((r) => r.Type.endsWith('/sharedStrings')), 'xl/sharedStrings.xml'), t.parts.texts);
  const styles = part(target(relations.find((r) => r.Type.endsWith('/styles')), 'xl/styles.xml'), t.parts.styles);
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
    if (row.cellCount > MAX_COLUMNS) throw new SheetError(t.tooFarRight(t.theSheet(quoted(first.name)), row.number, columnLetter(row.cellCount - 1), MAX_COLUMNS, columnLetter(MAX_COLUMNS - 1)));
    // Sparse: a cell the row does not have stays absent (a hole), not null.
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    if (row.number === 1) headers.push(...Array.from({ length: cells.length }, (_, i) => textOf(cells[i] ?? null).trim()));
    else if (cells.some((c) => !isEmpty(c))) {
      if (rows.length === MAX_ROWS) throw new SheetError(tooManyRows(t.theSheet(quoted(first.name))));
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
  throw new SheetError(size > MAX_XLSX_BYTES ? tooLarge(biggest.what, size) : tooLarge(t.parts.workbook, total, `${biggest.what} ${sizeText(size)}`));
}

/** The refusal of a workbook too large unpacked: what, how large, and what to do. */
function tooLarge(what: string, bytes: number, among?: string): string {
  return t.tooLarge(what, sizeText(bytes), sizeText(MAX_XLSX_BYTES), among);
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
      if (read > entry.uncompressedSize) done(new SheetError(t.damaged(what, sizeText(entry.uncompressedSize), true)));
      else done(null, decoder.write(chunk));
    },
    flush(done) {
      if (read < entry.uncompressedSize) done(new SheetError(t.damaged(what, sizeText(entry.uncompressedSize), false)));
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
