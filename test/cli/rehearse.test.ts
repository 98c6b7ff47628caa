/**
 * `zorginkoop rehearse` on the sample file (docs/rehearsal.md): it prints the summary and writes
 * the report (HTML, JSON, CSV), here in parts on two private servers at a time; a wrong number
 * after --part-size or --parallel is a usage error before anything starts.
 *
 * Geboortezorg 2026 rehearsed for contract year 2056 (every date thirty years on, seed
 * 003_geboortezorg s5 Planning), as in test/rehearsal/rehearse.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/cli';

const SAMPLES = resolve(__dirname, '../../data/samples/geboortezorg-2026-providers.json');
const BIN = resolve(__dirname, '../../bin/zorginkoop.js');
let dir: string;
const cli = (...argv: string[]) => runCli(argv, { ZORGINKOOP_DATA_DIR: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-rehearse-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a wrong part size or parallel count is a usage error naming the option, and nothing runs', async () => {
  for (const [option, value] of [['--part-size', '0'], ['--parallel', 'twee'], ['--part-size', '2.5']] as const) {
    const r = await cli('rehearse', 'geboortezorg-2026', '--year', '2056', '--providers', SAMPLES, option, value);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain(`${option} '${value}': a whole number of at least 1`);
  }
  expect(existsSync(join(dir, 'rehearsals'))).toBe(false);
});

test('the sample file in three parts, two at a time: the summary printed, the report written', async () => {
  const out = join(dir, 'report');
  // The bin, in a process of its own, as a user runs it (each part's embedded database cannot start inside jest's sandbox).
  const r = await new Promise<{ code: number | null; out: string; err: string }>((done, fail) => {
    const child = execFile(process.execPath, [BIN, 'rehearse', 'geboortezorg-2026', '--year', '2056', '--providers', SAMPLES, '--part-size', '6', '--parallel', '2', '--out', out], { env: { ...process.env, ZORGINKOOP_DATA_DIR: dir }, timeout: 240_000 }, (error, stdout, stderr) =>
      error && typeof error.code !== 'number' ? fail(error) : done({ code: child.exitCode, out: stdout, err: stderr }),
    );
  });
  expect(r.err).not.toContain('Error');
  expect(r.code).toBe(0);
  expect(r.err).toContain('18 providers in 3 parts of at most 6, 2 at a time');
  expect(r.out).toContain('rehearsal of geboortezorg-2026-rehearsal-2056 (rehearsal) for 18 providers, 22 tracks');
  expect(r.out).toContain(`report: ${join(out, 'repetitie.html')}`);
  const report = JSON.parse(readFileSync(join(out, 'repetitie.json'), 'utf8')) as { tracks: number; weeks: unknown[] };
  expect(report.tracks).toBe(22);
  expect(report.weeks.length).toBeGreaterThan(5);
  for (const file of ['repetitie.html', 'weken.csv', 'uitkomsten.csv', 'risico.csv']) expect(existsSync(join(out, file))).toBe(true);
});
