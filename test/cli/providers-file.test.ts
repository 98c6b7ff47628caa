/**
 * Provider files, JSON and CSV: read whole or refused whole, every bad row named with its line,
 * field and reason; AGB codes keep their leading zeros.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditionStore } from '../../activities/edition-store';
import { ProvidersFileError, readProvidersData, readProvidersFile } from '../../operations/providers-file';
import { readProvidersUpload } from '../../web/console/campaigns';

const fixtures = join(__dirname, '..', 'fixtures');
const editions = new EditionStore().list();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'providers-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(file: string): string[] {
  try {
    readProvidersFile(file, editions);
  } catch (err) {
    expect(err).toBeInstanceOf(ProvidersFileError);
    return (err as ProvidersFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

test('a good CSV file is read with its lists, contracts, behandelindex and JSON cells; leading zeros kept', () => {
  const [zg, fysio] = readProvidersFile(join(fixtures, 'providers-good.csv'), editions);
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
    'record 2, line 1: agbCode: Invalid input: expected string, received number',
    'record 2, line 1: name: Too small: expected string to have >=1 characters',
    'record 2, line 1: locations: a provider has at least one location',
    'record 2, line 1: vektisRegistered: Invalid input: expected boolean, received string',
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
  expect(problems(file)).toEqual([expect.stringMatching(/^record 2, line 1 \(AGB 01000002\): the record is 1\d\d KB; a provider record may be at most 64 KB/)]);
});

describe('defect 16: a contract of a kind its care type does not have', () => {
  const root = join(__dirname, '..', '..');
  // The sample's fysiotherapie practice, its running contract's kind mistyped: "fysio".
  const sample = (JSON.parse(readFileSync(join(root, 'data', 'samples', 'paramedisch-2027-providers.json'), 'utf8')) as { agbCode: string; contracts: { kind: string }[] }[]).slice(0, 3);
  const typo = sample.findIndex((p) => p.contracts.some((c) => c.kind === 'fysiotherapie'));
  let json: string;
  let typoLine: number;
  let csv: string;
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
    const records = sample.map((p, i) => (i === typo ? { ...p, contracts: p.contracts.map((c) => (c.kind === 'fysiotherapie' ? { ...c, kind: 'fysio' } : c)) } : p));
    const text = JSON.stringify(records, null, 2);
    json = join(dir, 'fysio.json');
    writeFileSync(json, text);
    // The line of the record's opening brace.
    typoLine = text.split('\n').findIndex((line, i, lines) => line === '  {' && lines[i + 1]!.includes(`"agbCode": "${sample[typo]!.agbCode}"`)) + 1;
    csv = join(dir, 'fysio.csv');
    writeFileSync(csv, 'agbCode,name,vektisRegistered,vecozoCertificate,contracts,locations\n04001234,Fysio Centrum Oost,yes,yes,paramedisch:fysiotherapie:2025-2025;paramedisch:fysio:2026-2027:B,"[{""agbCode"":""04001235"",""name"":""Fysio Centrum Oost"",""city"":""Enschede""}]"\n');
  });
  /** The built CLI as staff run it; Temporal and the database at an address nothing listens on: nothing may be reached. */
  const zorginkoop = (...argv: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'zorginkoop.js'), ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1', ZORGINKOOP_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ZORGINKOOP_DATA_DIR: dir } });
  const known = 'fysiotherapie, oefentherapie, logopedie, dietetiek, ergotherapie, huidtherapie, preventieve-voetzorg, gli, valpreventie, instellingen, ziekenhuizen';

  test('evaluate refuses the whole file, naming the record, its line, the unknown kind and the kinds there are', () => {
    const run = zorginkoop('evaluate', 'paramedisch-2027', json);
    expect(run.stdout).toBe('');
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 2,
      stderr: `zorginkoop: ${json}: record ${typo + 1}, line ${typoLine} (AGB ${sample[typo]!.agbCode}): contracts.0.kind: 'fysio' is not a contract kind of care type paramedisch (did you mean fysiotherapie? known: ${known})\n`,
    });
  });

  test('campaign start refuses it too, before it reaches Temporal or the database: nothing starts', () => {
    const run = zorginkoop('campaign', 'start', 'paramedisch-2027', '--providers', csv);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `zorginkoop: ${csv}: line 2 (AGB 04001234): contracts.1.kind: 'fysio' is not a contract kind of care type paramedisch (did you mean fysiotherapie? known: ${known})\n`,
    });
  });

  test('a kind that looks right but holds an invisible character is named with it shown (defect 15 too)', () => {
    const record = { agbCode: '04001234', name: 'Fysio', locations: [{ agbCode: '04001234', name: 'Fysio', city: 'Enschede' }], vektisRegistered: true, vecozoCertificate: true };
    const data = Buffer.from(JSON.stringify([{ ...record, contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie\u200B', fromYear: 2026, toYear: 2027 }] }]));
    expect(() => readProvidersData('zwsp.json', data, editions)).toThrow(`record 1, line 1 (AGB 04001234): contracts.0.kind: 'fysiotherapie\\u200B' is not a contract kind of care type paramedisch (did you mean fysiotherapie? known: ${known})`);
  });

  test('the rehearsal and the console read provider files through the same check', () => {
    const run = zorginkoop('rehearse', 'paramedisch-2027', '--providers', json);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`record ${typo + 1}, line ${typoLine} (AGB ${sample[typo]!.agbCode}): contracts.0.kind: 'fysio' is not a contract kind of care type paramedisch`);
    expect(readProvidersUpload('fysio.csv', readFileSync(csv), new EditionStore())).toEqual({ problems: [`line 2 (AGB 04001234): contracts.1.kind: 'fysio' is not a contract kind of care type paramedisch (did you mean fysiotherapie? known: ${known})`] });
  });
});
