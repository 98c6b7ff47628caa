/**
 * Issue 22, item 15 (third bullet): a NUL byte in a cell was not shown in the cell's error text.
 * The message quoted the cell as it was, so staff read "'0100' is geen AGB-code" (a terminal, a
 * browser and Excel all drop or stop at the NUL) and could not see why the cell is wrong. An
 * invisible character in a quoted cell is now shown as its code, \u0000.
 */
import { Client, Connection } from '@temporalio/client';
import { EditionStore } from '../../activities/edition-store';
import { dryRun, reportCsv } from '../../imports';
import { quoted, readAgbCode, readDate, readYesNo } from '../../imports/sheet';

test('defect 15: a NUL byte, or another invisible character, in a cell is shown in its error text as \\u0000', () => {
  expect(() => readAgbCode('0100\u00000001')).toThrow("'0100\\u00000001' is geen AGB-code: 8 cijfers verwacht");
  expect(() => readAgbCode('01000001\u200B')).toThrow("'01000001\\u200B' is geen AGB-code");
  expect(() => readYesNo('WAAR\u0000')).toThrow("'WAAR\\u0000' is geen ja/nee-waarde");
  expect(() => readDate('10-09-2027\u0007')).toThrow("'10-09-2027\\u0007' is geen datum");
  // A line break typed in the cell (Alt+Enter), a tab, a right-to-left mark: each by its code.
  expect(quoted('posi\ntief\t\u200F')).toBe("'posi\\u000Atief\\u0009\\u200F'");
  // What is visible stays as written, also beyond ASCII.
  expect(quoted('Zoë € 1')).toBe("'Zoë € 1'");
  // A long cell is cut, never inside a code.
  expect(quoted(`${'x'.repeat(59)}\u0000${'y'.repeat(100)}`)).toBe(`'${'x'.repeat(59)}\\u0000…'`);
});

describe('through the import', () => {
  let connection: Connection;
  beforeAll(() => {
    // Every row here is refused before its track is looked up: a connection to nowhere is enough.
    connection = Connection.lazy({ address: '127.0.0.1:1' });
  });
  afterAll(() => connection.close());

  test('defect 15: the dry run and its report show the NUL in the AGB code and the outcome cell', async () => {
    const csv = Buffer.from('AGB-code;Uitkomst\r\n0100\u00000001;positief\r\n01000002;positief\u0000\r\n', 'utf8');
    const report = await dryRun('conversation-outcomes', { name: 'uitkomsten.csv', data: csv }, { client: new Client({ connection }), editions: new EditionStore(), by: 'J. Jansen', policy: 'zg-2026' });
    expect(report.rows.map((r) => r.message)).toEqual([
      "rij 2, kolom 'AGB-code' (A2): '0100\\u00000001' is geen AGB-code: 8 cijfers verwacht, bijvoorbeeld 01234567",
      "rij 3, kolom 'Uitkomst' (B3): 'positief\\u0000' is geen uitkomst: positief of negatief verwacht",
    ]);
    expect(reportCsv(report)).not.toContain('\u0000');
    expect(reportCsv(report)).toContain("'0100\\u00000001' is geen AGB-code");
  });
});
