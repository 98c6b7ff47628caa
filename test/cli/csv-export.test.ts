/**
 * Every CSV the product writes is safe to open in a spreadsheet: a cell that starts like a formula
 * (=, +, -, @, a tab or a carriage return) is written as text, not run (probe defect 10); and it
 * opens as it is in Dutch Excel: `;` separated, UTF-8 with a BOM, AGB codes kept as text.
 */
import { parse } from 'csv-parse/sync';
import type { RegisteredContract } from '../../activities/contracts';
import type { Listing } from '../../activities/directory';
import { fromCsvCode } from '../../operations/csv';
import { contractsCsv, exportCsv } from '../../operations/export';

const read = (text: string) => parse(text, { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];

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
  const rows = read(exportCsv(hostile.map((name) => listing(name, name))));
  for (const [i, name] of hostile.entries()) {
    expect(rows[i]!.providerName).toBe(`'${name}`);
    expect(rows[i]!.city).toBe(`'${name}`);
  }
});

test('ordinary names are written as they are; AGB codes as text that Excel keeps the leading zeros of', () => {
  const text = exportCsv([listing("Fysiotherapie 't Hoekje", 'Den Haag; Zuid')]);
  expect(text.startsWith('\uFEFFlocationAgbCode;')).toBe(true);
  expect(text).toContain('"=""01234567"""');
  const [row] = read(text);
  expect(row).toMatchObject({ providerName: "Fysiotherapie 't Hoekje", city: 'Den Haag; Zuid', agbCode: '="01234567"' });
  expect(fromCsvCode(row!.agbCode!)).toBe('01234567');
});

const contract: RegisteredContract = {
  contractId: 'zg-2028/zg/01234567',
  policyId: 'zg-2028',
  revision: 'abc123def456',
  careType: 'zg',
  contractKind: 'zg',
  agbCode: '01234567',
  providerName: 'Bartiméus',
  locations: [{ agbCode: '01234568', name: 'Bartiméus Zeist', city: 'Zeist' }],
  tier: null,
  currentTier: null,
  term: { fromYear: 2028, toYear: 2028 },
  startDate: '2028-01-01',
  endDate: '2028-12-31',
  signedOn: '2027-09-01',
  signedBy: 'J. Jansen',
  offerId: 'contracting/zg-2028/01234567/offer',
  withdrawnOn: '2027-10-05',
  amendments: [{ kind: 'withdrawn', effectiveDate: '2027-10-05', details: { reason: 'gesloten' }, policyId: 'zg-2028' }],
};

test('contracts export: Dutch headers, ; separated, UTF-8 BOM (Bartiméus survives), AGB codes as text, amendments listed', () => {
  const text = contractsCsv([contract]);
  expect(text.startsWith('\uFEFFAGB-code;Zorgaanbieder;Contractsoort;')).toBe(true);
  const [row] = read(text);
  expect(row).toMatchObject({
    'AGB-code': '="01234567"',
    Zorgaanbieder: 'Bartiméus',
    'Van jaar': '2028',
    Ingangsdatum: '2028-01-01',
    'Beëindigd per': '2027-10-05',
    Locaties: '01234568 Bartiméus Zeist, Zeist',
    Wijzigingen: '2027-10-05 withdrawn',
    Contractnummer: 'zg-2028/zg/01234567',
  });
});
