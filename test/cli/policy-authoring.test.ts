/**
 * Authoring editions without code: `policy draft` writes next year's file with every date marked
 * for review; `policy check` reports every problem and warning with its line, then the season plan;
 * `policy diff` says what changed between two editions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { databaseEnv, testDatabase } from '../helpers/database';

const editions = join(__dirname, '..', '..', 'editions');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-authoring-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Nothing listens here: a command that counted open tracks would say it cannot reach Temporal.
const env = () => ({ TEMPORAL_ADDRESS: '127.0.0.1:1', ZORGINKOOP_DATA_DIR: join(dir, 'data') });

/** The 1-based line of the first line of `text` that contains `needle` after `from`. */
const lineOf = (text: string, needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;

test('policy check reports a date out of order, an unknown contract kind, a typo in a Dutch date phrase and a signing deadline on a Sunday, each with its line', async () => {
  const good = readFileSync(join(editions, 'paramedisch-2027.yaml'), 'utf8');
  const bad = good
    .replace('when: Uiterlijk 30 september 2026\n    tracks: [direct-offer]', 'when: Uiterlijk 30 november 2026\n    tracks: [direct-offer]')
    .replace('kinds: [logopedie, oefentherapie]', 'kinds: [logopedie, fysio]')
    .replace('when: 21 oktober 2026', 'when: 21 oktbr 2026');
  const file = join(dir, 'broken.yaml');
  writeFileSync(file, bad);
  const result = await runCli(['policy', 'check', file], env());
  expect(result.code).toBe(1);
  const calendar = lineOf(bad, 'calendar:');
  const signing = lineOf(bad, 'when: 8 november 2026');
  expect(result.out).toContain(`${file}:${lineOf(bad, 'kinds: [logopedie, fysio]')}: calendar[1].kinds[1]: unknown contract kind 'fysio' (known: fysiotherapie, `);
  expect(result.out).toContain(`${file}:${lineOf(bad, 'when: 21 oktbr 2026')}: calendar[2].when: cannot read the planning date '21 oktbr 2026'`);
  // The out-of-order offer is named at the line of the step it runs into (the signing deadline).
  expect(result.out).toMatch(new RegExp(`${file}:${lineOf(bad, '- step: signing-deadline', calendar)}: calendar\\[5\\]: dietetiek \\(direct-offer\\), .*: offer 'Uiterlijk 30 november 2026' \\(by 2026-11-30\\) is not before signing-deadline '8 november 2026'`));
  expect(result.out).toContain(`warning: ${file}:${signing}: calendar[5].when: signing deadline: '8 november 2026' falls on a zondag (zondag 8 november 2026)`);
});

test('policy check of a valid file prints the season plan with weekdays and its warnings', async () => {
  const result = await runCli(['policy', 'check', join(editions, 'zg-2026.yaml')], env());
  expect(result.code).toBe(0);
  expect(result.out).toMatch(/a valid zg edition, zg-2026 \(revision [0-9a-f]{12}, published\)/);
  expect(result.out).toContain('by maandag 15 september 2025');
  expect(result.out).toMatch(/warning: .*zg-2026\.yaml:\d+: calendar\[0\]\.when: .*lies in the past/);
});

test('policy draft writes next year\'s file, every date moved and marked for review, status draft; it never overwrites', async () => {
  const out = join(dir, 'paramedisch-2028.yaml');
  const drafted = await runCli(['policy', 'draft', 'paramedisch', '2028', '--from', 'paramedisch-2027', '--out', out], env());
  expect(drafted).toMatchObject({ code: 0 });
  expect(drafted.out).toMatch(/paramedisch-2028, status draft, \d+ line\(s\) marked REVIEW/);
  const text = readFileSync(out, 'utf8');
  expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./edition.schema.json');
  expect(text).toMatch(/^id: paramedisch-2028$/m);
  expect(text).toMatch(/^contractYear: 2028$/m);
  expect(text).toMatch(/^status: draft$/m);
  // Every planning date is moved one year on and marked.
  const whens = text.split('\n').filter((l) => /^\s+when: /.test(l));
  expect(whens.filter((l) => /\d{4}/.test(l)).every((l) => /2027 # REVIEW: date moved from '.*2026'/.test(l))).toBe(true);
  expect(text).toContain("when: 8 november 2027 # REVIEW: date moved from '8 november 2026'");
  expect(text).toContain('term: {fromYear: 2028, toYear: 2030} # REVIEW: years moved by 1');
  const checked = await runCli(['policy', 'check', out], env());
  expect(checked.code).toBe(0);
  expect(checked.out).toContain('signing deadline\n    maandag 8 november 2027');
  // Never over an existing file; never backwards.
  expect(await runCli(['policy', 'draft', 'paramedisch', '2028', '--from', 'paramedisch-2027', '--out', out], env())).toMatchObject({ code: 2, err: expect.stringContaining('exists already') });
  expect(await runCli(['policy', 'draft', 'paramedisch', '2026', '--from', 'paramedisch-2027', '--out', join(dir, 'x.yaml')], env())).toMatchObject({ code: 2, err: expect.stringContaining('must come after paramedisch-2027') });
  expect(await runCli(['policy', 'draft', 'zg', '2028', '--from', 'paramedisch-2027', '--out', join(dir, 'y.yaml')], env())).toMatchObject({ code: 2, err: expect.stringContaining('is a paramedisch edition, not zg') });
});

test('policy diff says what changed between two editions, in words', async () => {
  const out = join(dir, 'paramedisch-2028.yaml');
  const text = readFileSync(out, 'utf8').replace('limit: 150', 'limit: 160').replace('contractLookBackYears: 3', 'contractLookBackYears: 4');
  writeFileSync(out, text);
  const result = await runCli(['policy', 'diff', 'paramedisch-2027', out], env());
  expect(result.code).toBe(0);
  expect(result.out).toContain('paramedisch-2027 -> paramedisch-2028:');
  expect(result.out).toContain('contract year: 2027 -> 2028');
  expect(result.out).toContain("date signing-deadline: '8 november 2026' (2026-11-08) -> '8 november 2027' (2027-11-08)");
  expect(result.out).toContain('fysiotherapie.term: 2026-2027 -> 2027-2028');
  expect(result.out).toContain('thresholds.behandelindex.limit: 150 -> 160');
  expect(result.out).toContain('thresholds.contractLookBackYears: 3 -> 4');
  expect((await runCli(['policy', 'diff', 'zg-2026', join(editions, 'zg-2026.yaml')], env())).out).toBe('zg-2026 and zg-2026 do not differ\n');
});

test('policy check shows which open tracks an amended date would move, against the revision they started with', async () => {
  // A campaign started with this revision of ZG 2026 (the archive keeps it); the file then moves the invitations.
  const { EditionStore } = await import('../../activities/edition-store');
  const { EditionArchive } = await import('../../activities/edition-archive');
  const database = await testDatabase('policy-check');
  await new EditionArchive(database).save(new EditionStore().get('zg-2026'));
  const amended = join(dir, 'zg-2026.yaml');
  writeFileSync(amended, readFileSync(join(editions, 'zg-2026.yaml'), 'utf8').replace('when: uiterlijk half september 2025', 'when: uiterlijk 30 september 2025'));
  const result = await runCli(['policy', 'check', amended], { ...env(), ...databaseEnv(database) });
  await database.close();
  expect(result.code).toBe(0);
  expect(result.out).toMatch(/amended: invitation to the individual purchase conversation: 'uiterlijk half september 2025' \(revision [0-9a-f]{12}, which open tracks run with\) -> 'uiterlijk 30 september 2025'; open tracks not counted \(cannot reach Temporal\)/);
});

test('policy check names a misspelt field at its line instead of ignoring it', async () => {
  const text = readFileSync(join(editions, 'zg-2026.yaml'), 'utf8').replace('reminderDaysBefore: [7, 1]', 'reminderDays: [7, 1]');
  const file = join(dir, 'typo.yaml');
  writeFileSync(file, text);
  const result = await runCli(['policy', 'check', file], env());
  expect(result.code).toBe(1);
  expect(result.out).toContain(`${file}:${lineOf(text, 'reminderDays:')}: reminderDays: unknown field 'reminderDays'`);
});
