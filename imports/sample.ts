/**
 * A sample assessments workbook, as staff would fill one in: for tests (test/imports/, and the web
 * console's end-to-end test "an XLSX of 200 assessments with 3 bad rows").
 */
import { Workbook } from 'exceljs';

export interface SampleAssessmentsOptions {
  /** A 'Beleid' column with this policy id on every row (absent: the importer's --policy decides). */
  policy?: string;
  /** A 'Contractsoort' column with this kind on every row. */
  contractKind?: string;
  /** The tier of the positive rows (absent: no 'Niveau' cell). */
  tier?: 'A' | 'B' | 'C' | 'D';
  /** How many rows are made bad, spread over the sheet (default 3; at most one per code). */
  bad?: number;
}

/**
 * An XLSX of positive assessments, one row per AGB code in order (row 2 is the first code), with
 * `bad` of them made invalid in turn: an outcome that is not one ("misschien"), a negative
 * assessment without a reason, a tier that does not exist ("E"). AGB codes are text cells.
 * Returns the file and the Excel row numbers of the bad rows.
 */
export async function sampleAssessmentsXlsx(agbCodes: string[], options: SampleAssessmentsOptions = {}): Promise<{ data: Buffer; badRows: number[] }> {
  const bad = Math.min(options.bad ?? 3, agbCodes.length);
  // Spread at even steps through the sheet (200 codes: rows 52, 102 and 152); distinct while bad <= codes.
  const badIndexes = Array.from({ length: bad }, (_, i) => Math.floor(((i + 1) * agbCodes.length) / (bad + 1)));
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Beoordelingen');
  const columns = ['AGB-code', 'Zorgaanbieder', ...(options.policy ? ['Beleid'] : []), ...(options.contractKind ? ['Contractsoort'] : []), 'Uitkomst', 'Niveau', 'Reden', 'Toelichting'];
  sheet.addRow(columns);
  sheet.getColumn(1).numFmt = '@';
  const badRows: number[] = [];
  agbCodes.forEach((agbCode, i) => {
    const which = badIndexes.indexOf(i);
    let outcome = 'positief';
    let tier: string = options.tier ?? '';
    if (which >= 0) {
      badRows.push(i + 2);
      if (which % 3 === 0) outcome = 'misschien';
      else if (which % 3 === 1) outcome = 'negatief'; // without a reason
      else tier = 'E';
    }
    const cells: Record<string, string> = { 'AGB-code': agbCode, Zorgaanbieder: `Zorgaanbieder ${agbCode}`, Beleid: options.policy ?? '', Contractsoort: options.contractKind ?? '', Uitkomst: outcome, Niveau: tier, Reden: '', Toelichting: which >= 0 ? 'foute rij (test)' : 'vragenlijst compleet' };
    sheet.addRow(columns.map((c) => cells[c] || null));
  });
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), badRows };
}
