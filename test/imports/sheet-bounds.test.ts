/**
 * Issue 22, item 6: the spreadsheet zip bomb. exceljs inflated every part of a workbook into
 * memory and built the whole sheet before the 20,000-row check: a small .xlsx could take the
 * console down. Each file here is read in a process of its own (test/imports/sheet-probe.ts), which
 * reports how long it took and how far its peak memory grew.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import { MAX_ROWS, readDate, readSheet } from '../../imports/sheet';
import { SHEET_HEAD, SHEET_TAIL, part, repeatedPart, textRow, workbook } from './xlsx-zip';

const root = resolve(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sheet-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What reading `data` in a process of its own came to (a process killed after 60 s, or out of memory, fails the test). */
async function probe(name: string, data: Buffer): Promise<{ rows?: number; error?: string; name?: string; ms: number; growthMiB: number }> {
  const file = join(dir, name);
  writeFileSync(file, data);
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((done) => {
    const child = execFile(join(root, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'sheet-probe.ts'), file], { cwd: root, timeout: 60_000, maxBuffer: 1 << 20 }, (_err, stdout, stderr) =>
      done({ stdout, stderr, code: child.exitCode }),
    );
  });
  if (!stdout.trim()) throw new Error(`the probe ended without an answer (exit ${code}, ${code === null || code === 143 ? 'killed after 60 s' : 'crashed'}): ${stderr.slice(-2000)}`);
  return JSON.parse(stdout) as never;
}

const MiB = 1024 * 1024;

test('defect 6: a zip bomb (a .xlsx of some 400 KB whose sheet inflates to 400 MiB) is refused quickly, with bounded memory, saying what was too large', async () => {
  const bomb = workbook(repeatedPart('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}`, ' '.repeat(MiB), 400, SHEET_TAIL));
  expect(bomb.length).toBeLessThan(MiB);
  const result = await probe('bom.xlsx', bomb);
  expect(result.ms).toBeLessThan(5_000);
  expect(result.growthMiB).toBeLessThan(100);
  expect(result).toMatchObject({ name: 'SheetError', error: expect.stringMatching(/^het werkblad 'Blad1' \(xl\/worksheets\/sheet1\.xml\) is uitgepakt 401 MB; een import leest hoogstens 50 MB uit een werkmap: bewaar alleen de rijen van de import in een nieuwe werkmap, of sla het werkblad op als CSV$/) });
});

test('defect 6: a zip bomb whose headers declare a small sheet is stopped as soon as it unpacks past the declared size', async () => {
  const sheet = repeatedPart('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}`, ' '.repeat(MiB), 400, SHEET_TAIL);
  const result = await probe('liegt.xlsx', workbook({ ...sheet, declaredSize: 2048 }));
  expect(result.ms).toBeLessThan(5_000);
  expect(result.growthMiB).toBeLessThan(100);
  expect(result).toMatchObject({ name: 'SheetError', error: expect.stringMatching(/^het werkblad 'Blad1' \(xl\/worksheets\/sheet1\.xml\) is beschadigd: uitgepakt groter dan de 2 kB die de werkmap opgeeft/) });
});

test(`defect 6: a sheet of 600,000 rows (25 MB unpacked, within the byte bound) is refused after row ${MAX_ROWS + 1}, quickly, with bounded memory`, async () => {
  const rows = Array.from({ length: 600_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${1_000_000 + i}</v></c></row>`);
  const sheet = part('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}${rows.join('')}${SHEET_TAIL}`);
  expect(sheet.size).toBeGreaterThan(20 * MiB);
  const result = await probe('miljoen.xlsx', workbook(sheet));
  expect(result.ms).toBeLessThan(5_000);
  expect(result.growthMiB).toBeLessThan(100);
  expect(result).toMatchObject({ name: 'SheetError', error: `het werkblad 'Blad1' heeft meer dan ${MAX_ROWS.toLocaleString('nl-NL')} rijen; een import leest er hoogstens ${MAX_ROWS.toLocaleString('nl-NL')}: splits het bestand` });
});

test('defect 6: a sheet whose 20,000 rows each have a value in column XFD (the last) is refused at its first row, quickly, with bounded memory', async () => {
  const rows = Array.from({ length: MAX_ROWS }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${1_000_000 + i}</v></c><c r="XFD${i + 2}"><v>1</v></c></row>`);
  const result = await probe('breed.xlsx', workbook(part('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}${rows.join('')}${SHEET_TAIL}`)));
  expect(result.ms).toBeLessThan(5_000);
  expect(result.growthMiB).toBeLessThan(100);
  expect(result).toMatchObject({ name: 'SheetError', error: "het werkblad 'Blad1' heeft in rij 2 een cel in kolom XFD; een import leest hoogstens 1.000 kolommen (A tot ALL): verwijder wat rechts daarvan staat" });
});

test('defect 6: a merged range of the whole sheet (A3:XFD1048576, in 40 bytes) is read quickly, with bounded memory, not as 17 billion cells', async () => {
  const sheet = part('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}${textRow(2, ['01000001'])}</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells></worksheet>`);
  const result = await probe('samengevoegd.xlsx', workbook(sheet));
  expect(result.ms).toBeLessThan(5_000);
  expect(result.growthMiB).toBeLessThan(100);
  expect(result).toMatchObject({ rows: 1 });
});

test('defect 6, the same in CSV: 20 MB of empty lines is read, and 20 MB of lines of empty cells refused, within seconds and bounded memory', async () => {
  // Both were read into a list of every record first (a record took 17 µs, an empty one too).
  const empty = await probe('leeg.csv', Buffer.from(`AGB-code;Uitkomst\r\n${'\r\n'.repeat(10_000_000)}`));
  const separators = await probe('puntkomma.csv', Buffer.from(`AGB-code;Uitkomst\r\n${';\r\n'.repeat(6_600_000)}`));
  // The file is held three times over while it is read (its bytes, its text, the parser's copy).
  for (const result of [empty, separators]) {
    expect(result.ms).toBeLessThan(5_000);
    expect(result.growthMiB).toBeLessThan(250);
  }
  expect(empty).toMatchObject({ rows: 0 });
  expect(separators).toMatchObject({ name: 'SheetError', error: 'het bestand heeft meer dan 1.000.000 regels (ook zonder waarden); een import leest er hoogstens 20.000 rijen: verwijder de lege regels, of splits het bestand' });
});

test(`a valid sheet of ${MAX_ROWS} rows as exceljs writes it is still read whole, every letter as written (ë across the chunks the parts are unpacked in)`, async () => {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Statusexport');
  sheet.addRow(['AGB-code', 'Zorgaanbieder', 'Ondertekend', 'Ondertekend op']);
  const name = (i: number) => `Fysiotherapie Zoë Müller-Çelik ${i} €`;
  for (let i = 0; i < MAX_ROWS; i++) sheet.addRow([String(1_000_000 + i).padStart(8, '0'), name(i), i % 2 === 0, new Date(Date.UTC(2027, 8, 1 + (i % 28)))]);
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  const read = await readSheet({ name: 'statusexport.xlsx', data });
  expect(read.headers).toEqual(['AGB-code', 'Zorgaanbieder', 'Ondertekend', 'Ondertekend op']);
  expect(read.rows).toHaveLength(MAX_ROWS);
  const wrong = read.rows.filter((r, i) => r.row !== i + 2 || r.cells[0] !== String(1_000_000 + i).padStart(8, '0') || r.cells[1] !== name(i) || r.cells[2] !== (i % 2 === 0) || readDate(r.cells[3]!) !== `2027-09-${String(1 + (i % 28)).padStart(2, '0')}`);
  expect(wrong.slice(0, 3)).toEqual([]);
});
