/**
 * Every CSV the product writes is safe to open in a spreadsheet: a cell that starts like a formula
 * (=, +, -, @, a tab or a carriage return) is written as text, not run (probe defect 10).
 */
import { parse } from 'csv-parse/sync';
import type { Listing } from '../../activities/directory';
import { exportCsv } from '../../cli/index';

const listing = (providerName: string, city = 'Utrecht'): Listing => ({
  listingId: 'zg-2026/zg/01234567/01234567',
  policyId: 'zg-2026',
  contractYear: 2026,
  contractKind: 'zg',
  agbCode: '01234567',
  providerName,
  locationAgbCode: '01234567',
  locationName: 'Hoofdlocatie',
  city,
  publishedOn: '2025-11-12',
});

test('defect 10: directory export writes names that look like formulas as text', () => {
  const hostile = ['=HYPERLINK("http://evil.example","klik")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\tTab', '\rReturn'];
  const rows = parse(exportCsv(hostile.map((name) => listing(name, name))), { columns: true }) as Record<string, string>[];
  for (const [i, name] of hostile.entries()) {
    expect(rows[i]!.providerName).toBe(`'${name}`);
    expect(rows[i]!.city).toBe(`'${name}`);
  }
});

test('ordinary names and AGB codes with leading zeros are written as they are', () => {
  const [row] = parse(exportCsv([listing("Fysiotherapie 't Hoekje")]), { columns: true }) as Record<string, string>[];
  expect(row).toMatchObject({ providerName: "Fysiotherapie 't Hoekje", agbCode: '01234567', locationAgbCode: '01234567' });
});
