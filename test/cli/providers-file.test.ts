/**
 * Provider files, JSON and CSV: read whole or refused whole, every bad row named with its line,
 * field and reason; AGB codes keep their leading zeros.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvidersFileError, readProvidersFile } from '../../cli/providers-file';

const fixtures = join(__dirname, '..', 'fixtures');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'providers-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(file: string): string[] {
  try {
    readProvidersFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(ProvidersFileError);
    return (err as ProvidersFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

test('a good CSV file is read with its lists, contracts, behandelindex and JSON cells; leading zeros kept', () => {
  const [zg, fysio] = readProvidersFile(join(fixtures, 'providers-good.csv'));
  expect(zg).toMatchObject({ agbCode: '01000001', organisation: 'institution', vektisRegistered: true, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }] });
  expect(fysio).toMatchObject({
    agbCode: '04001234',
    contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2026, toYear: 2027, tier: 'B' }],
    behandelindex: [{ year: 2025, value: 142 }, { year: 2024, value: 151 }],
    qualityMarks: ['SKF Keurmerk', 'KNGF Basisregister'],
    locations: [{ agbCode: '04001235', city: 'Enschede' }],
  });
});

test('a CSV file with bad rows is refused whole, each bad row named by line, AGB code, field and reason', () => {
  expect(problems(join(fixtures, 'providers-bad.csv'))).toEqual([
    'line 2 (AGB 1234567): agbCode: an AGB code is exactly 8 digits, e.g. 01234567',
    "line 4 (AGB 01000003): vektisRegistered: 'misschien': expected yes or no",
    "line 4 (AGB 01000003): contracts: 'zg:zg:2025': expected careType:kind:fromYear-toYear[:tier], e.g. zg:zg:2025-2025",
    'line 5 (AGB 01000002): agbCode: the same AGB code as line 3',
    'line 6 (AGB 01000004): locations: Invalid input: expected array, received undefined',
  ]);
});

test('an unknown CSV column is refused with the known ones', () => {
  const file = join(dir, 'unknown.csv');
  writeFileSync(file, 'agbCode,naam\n01000001,X\n');
  expect(problems(file)[0]).toMatch(/^line 1: unknown column\(s\) 'naam'; known: agbCode, name, /);
});

test('a JSON file with bad records is refused whole, each named by position and field', () => {
  const file = join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify([
      { agbCode: '01000001', name: 'Goed', locations: [{ agbCode: '01000101', name: 'X', city: 'Y' }], vektisRegistered: true, vecozoCertificate: true },
      { agbCode: 1000002, name: '', locations: [], vektisRegistered: 'yes', vecozoCertificate: true },
    ]),
  );
  expect(problems(file)).toEqual([
    'record 2: agbCode: Invalid input: expected string, received number',
    'record 2: name: Too small: expected string to have >=1 characters',
    'record 2: locations: a provider has at least one location',
    'record 2: vektisRegistered: Invalid input: expected boolean, received string',
  ]);
});

test('malformed JSON, a missing file and an unknown extension are refused with the reason', () => {
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '[{"agbCode": ');
  expect(problems(broken)[0]).toMatch(/^not valid JSON: /);
  expect(problems(join(dir, 'missing.json'))).toEqual(['cannot read the file (ENOENT)']);
  const xlsx = join(dir, 'providers.xlsx');
  writeFileSync(xlsx, '');
  expect(problems(xlsx)).toEqual(["expected a .json or .csv file, not '.xlsx'"]);
});

test('defect 5: a provider record too big for a Temporal payload is refused at import, with its size and a hint', () => {
  const big = (agbCode: string, notes: number) => ({
    agbCode,
    name: 'Groot',
    locations: Array.from({ length: notes }, (_, i) => ({ agbCode, name: `Locatie ${i} ${'x'.repeat(100)}`, city: 'Utrecht' })),
    vektisRegistered: true,
    vecozoCertificate: true,
  });
  const file = join(dir, 'big.json');
  writeFileSync(file, JSON.stringify([big('01000001', 2), big('01000002', 1000), big('01000003', 2)]));
  expect(problems(file)).toEqual([expect.stringMatching(/^record 2 \(AGB 01000002\): the record is 1\d\d KB; a provider record may be at most 64 KB/)]);
});
