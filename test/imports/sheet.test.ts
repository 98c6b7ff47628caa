/**
 * The spreadsheet reader of the bulk imports (imports/sheet.ts): XLSX as exceljs writes it, CSV as
 * Dutch Excel saves it (UTF-8 with BOM, Windows-1252, `;` or `,`), WAAR/ONWAAR, dates, and AGB
 * codes that lost their leading zeros.
 */
import { Workbook } from 'exceljs';
import { findColumns, readAgbCode, readDate, readSheet, readYesNo, SheetError, textOf } from '../../imports/sheet';
import { sampleAssessmentsXlsx } from '../../imports/sample';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Export');
  for (const row of rows) sheet.addRow(row);
  workbook.addWorksheet('Tweede blad').addRow(['niet gelezen']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('XLSX: the first worksheet, header row 1, rows numbered as Excel shows them, empty rows skipped', async () => {
  const data = await xlsx([
    ['AGB-code', 'Ondertekend', 'Ondertekend op', 'Naam'],
    ['01000001', true, new Date(Date.UTC(2027, 8, 10)), 'Zoë'],
    [],
    [1000002, false, '10-09-2027', { richText: [{ text: 'Rijk ' }, { text: 'opgemaakt' }] }],
    ['01000003', 'WAAR', 46640, { formula: '"Form"&"ule"', result: 'Formule' }],
  ]);
  const sheet = await readSheet({ name: 'export.xlsx', data });
  expect(sheet.format).toBe('xlsx');
  expect(sheet.headers).toEqual(['AGB-code', 'Ondertekend', 'Ondertekend op', 'Naam']);
  expect(sheet.rows.map((r) => r.row)).toEqual([2, 4, 5]);
  const [a, b, c] = sheet.rows;
  expect(readAgbCode(a!.cells[0]!)).toEqual({ code: '01000001' });
  expect(readYesNo(a!.cells[1]!)).toBe(true);
  expect(readDate(a!.cells[2]!)).toBe('2027-09-10');
  expect(textOf(a!.cells[3]!)).toBe('Zoë');
  // A number cell: Excel dropped the leading zero.
  expect(readAgbCode(b!.cells[0]!)).toEqual({ code: '01000002', lostZeros: { read: '1000002', hint: 'Excel liet de voorloopnul weg: bedoelt u 01000002? Maak de kolom tekst. (gelezen: 1000002)' } });
  expect(readYesNo(b!.cells[1]!)).toBe(false);
  expect(readDate(b!.cells[2]!)).toBe('2027-09-10');
  expect(b!.cells[3]).toBe('Rijk opgemaakt');
  expect(readYesNo(c!.cells[1]!)).toBe(true);
  // A date column left as numbers: Excel's day number.
  expect(readDate(c!.cells[2]!)).toBe('2027-09-10');
  expect(c!.cells[3]).toBe('Formule');
});

test('CSV, UTF-8 with BOM, ; separated (Excel "CSV UTF-8"), WAAR/ONWAAR', async () => {
  const text = '\uFEFFAGB-code;Naam;Ondertekend;Ondertekend op\r\n01000001;Bartiméus;WAAR;10-9-2027\r\n1000002;"Visio; Noord";ONWAAR;2027-09-11\r\n\r\n;;;\r\n01000003;Zoë;ja;\r\n';
  const sheet = await readSheet({ name: 'export.csv', data: Buffer.from(text, 'utf8') });
  expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf-8 (BOM)', delimiter: ';', headers: ['AGB-code', 'Naam', 'Ondertekend', 'Ondertekend op'] });
  expect(sheet.rows.map((r) => r.row)).toEqual([2, 3, 6]);
  expect(sheet.rows.map((r) => r.cells[1])).toEqual(['Bartiméus', 'Visio; Noord', 'Zoë']);
  expect(sheet.rows.map((r) => readYesNo(r.cells[2]!))).toEqual([true, false, true]);
  expect(sheet.rows.map((r) => readDate(r.cells[3] ?? null))).toEqual(['2027-09-10', '2027-09-11', undefined]);
  expect(readAgbCode(sheet.rows[1]!.cells[0]!).lostZeros?.read).toBe('1000002');
});

test('CSV in Windows-1252 (Excel "CSV (gescheiden door lijstscheidingsteken)") and , separated', async () => {
  const text = 'AGB-code;Naam;Uitkomst\r\n04001234;Fysiotherapie Müller & Zoën;positief\r\n';
  const sheet = await readSheet({ name: 'uitkomsten.CSV', data: Buffer.from(text, 'latin1') });
  expect(sheet.encoding).toBe('windows-1252');
  expect(sheet.rows[0]!.cells[1]).toBe('Fysiotherapie Müller & Zoën');
  const comma = await readSheet({ name: 'x.csv', data: Buffer.from('agbCode,outcome,note\n01000001,positive,"ja, prima"\n') });
  expect(comma).toMatchObject({ delimiter: ',', encoding: 'utf-8', headers: ['agbCode', 'outcome', 'note'] });
  expect(comma.rows[0]!.cells).toEqual(['01000001', 'positive', 'ja, prima']);
});

test('cells: yes/no, dates, AGB codes, and what is refused with a Dutch reason', () => {
  for (const yes of ['WAAR', 'waar', 'TRUE', 'ja', 'Ja', 1, true]) expect(readYesNo(yes)).toBe(true);
  for (const no of ['ONWAAR', 'FALSE', 'nee', 0, false]) expect(readYesNo(no)).toBe(false);
  expect(readYesNo(null)).toBeUndefined();
  expect(() => readYesNo('misschien')).toThrow("'misschien' is geen ja/nee-waarde: WAAR of ONWAAR verwacht");

  expect(readDate('01-02-2027')).toBe('2027-02-01');
  expect(readDate('1/2/2027')).toBe('2027-02-01');
  expect(readDate('2027-02-01')).toBe('2027-02-01');
  expect(readDate('1-2-2027 14:30')).toBe('2027-02-01');
  expect(() => readDate('31-02-2027')).toThrow('geen datum');
  expect(() => readDate('morgen')).toThrow("'morgen' is geen datum: dd-mm-jjjj of jjjj-mm-dd verwacht");

  expect(readAgbCode('12345678')).toEqual({ code: '12345678' });
  expect(readAgbCode(12345678)).toEqual({ code: '12345678' });
  expect(readAgbCode('="01000001"')).toEqual({ code: '01000001' });
  expect(readAgbCode('1000001').lostZeros?.hint).toBe('Excel liet de voorloopnul weg: bedoelt u 01000001? Maak de kolom tekst. (gelezen: 1000001)');
  expect(() => readAgbCode('0100 0001')).toThrow("'0100 0001' is geen AGB-code: 8 cijfers verwacht");
  expect(() => readAgbCode('123456789')).toThrow('geen AGB-code');
  expect(() => readAgbCode(1.5)).toThrow('geen AGB-code');
  expect(() => readAgbCode(null)).toThrow('geen AGB-code ingevuld');
});

test('columns are found by Dutch or English name, whatever the case, accents or punctuation', () => {
  const specs = [
    { key: 'agbCode', names: ['AGB-code', 'agbCode'], required: true },
    { key: 'signedOn', names: ['Ondertekend op', 'signedOn'] },
    { key: 'outcome', names: ['Uitkomst', 'outcome'], required: true },
  ] as const;
  expect(findColumns(['agb code', 'SIGNEDON', 'Zorgaanbieder'], specs)).toEqual({ at: { agbCode: 0, signedOn: 1 }, missing: [specs[2]], ignored: ['Zorgaanbieder'] });
});

test('refused files: no extension we read, the old .xls, a broken workbook, no header', async () => {
  await expect(readSheet({ name: 'a.ods', data: Buffer.from('') })).rejects.toThrow('een .xlsx- of .csv-bestand verwacht, niet .ods');
  await expect(readSheet({ name: 'a.xls', data: Buffer.from('') })).rejects.toThrow('oude Excel-formaat');
  await expect(readSheet({ name: 'a.xlsx', data: Buffer.from('not a zip') })).rejects.toThrow(SheetError);
  // A workbook saved with a password is an OLE file, not a zip.
  await expect(readSheet({ name: 'a.xlsx', data: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]) })).rejects.toThrow('met een wachtwoord beveiligd, of in het oude formaat (.xls)');
  await expect(readSheet({ name: 'a.csv', data: Buffer.from('\r\n1;2\r\n') })).rejects.toThrow('de eerste rij heeft geen kolomnamen');
});

test('the sample workbook: one row per code, the bad rows where it says', async () => {
  const codes = Array.from({ length: 200 }, (_, i) => `3310${String(i).padStart(4, '0')}`);
  const { data, badRows } = await sampleAssessmentsXlsx(codes, { policy: 'geboortezorg-2026', tier: 'A' });
  expect(badRows).toEqual([52, 102, 152]);
  const sheet = await readSheet({ name: 'sample.xlsx', data });
  expect(sheet.headers).toEqual(['AGB-code', 'Zorgaanbieder', 'Beleid', 'Uitkomst', 'Niveau', 'Reden', 'Toelichting']);
  expect(sheet.rows).toHaveLength(200);
  expect(sheet.rows[0]!.cells.slice(0, 5)).toEqual(['33100000', 'Zorgaanbieder 33100000', 'geboortezorg-2026', 'positief', 'A']);
  expect(badRows.map((r) => sheet.rows[r - 2]!.cells[3])).toEqual(['misschien', 'negatief', 'positief']);
  expect(sheet.rows[150]!.cells[4]).toBe('E');
});
