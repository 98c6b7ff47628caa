/**
 * Issue 22, item 12: every .xlsx import failed outside jest ("Workbook is not a constructor":
 * `await import('exceljs')` gives Node and tsx a namespace whose `Workbook` is under `default`,
 * and jest's module transform hid it). So these tests read a real .xlsx through the real entry
 * points, each in a process of its own: the built CLI (`bin/zorginkoop.js`, the esbuild bundle
 * under plain Node) and the console process (`scripts/console.ts` under tsx), against a real
 * Temporal dev server. No track exists there, so every row is classified and refused ("geen
 * track"), which is enough to show that every row of the file was read.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Database } from '../../db/database';
import type { ImportReport } from '../../imports';
import { sampleAssessmentsXlsx } from '../../imports/sample';
import { freePort, startDevServer } from '../../runtime/dev-server';
import { DEMO_PASSWORD } from '../../web/console/start';
import { databaseEnv, testDatabase } from '../helpers/database';

const root = resolve(__dirname, '..', '..');
const codes = Array.from({ length: 12 }, (_, i) => `0120${String(i).padStart(4, '0')}`);
let env: TestWorkflowEnvironment;
let address: string;
let dir: string;
let file: string;
let badRows: number[];

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  ({ env, address } = await startDevServer());
  dir = mkdtempSync(join(tmpdir(), 'xlsx-entry-'));
  const sample = await sampleAssessmentsXlsx(codes, { policy: 'zg-2026', bad: 2 });
  badRows = sample.badRows;
  file = join(dir, 'beoordelingen.xlsx');
  writeFileSync(file, sample.data);
});
afterAll(async () => {
  await env?.teardown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What every entry point must report for the sample: each row read, the bad ones by their cell, the rest without a track. */
function expectEveryRowRead(rows: { row: number; agbCode?: string; message: string }[]) {
  expect(rows.map((r) => r.row).sort((a, b) => a - b)).toEqual(codes.map((_, i) => i + 2));
  for (const r of rows) {
    expect(r.agbCode).toBe(codes[r.row - 2]);
    if (badRows.includes(r.row)) expect(r.message).toMatch(/kolom '(Uitkomst|Reden)'/);
    else expect(r.message).toContain(`AGB ${codes[r.row - 2]} heeft geen track onder zg-2026`);
  }
}

test('defect 12: a real .xlsx is read by the built CLI (bin/zorginkoop.js under Node), not refused with "Workbook is not a constructor"', async () => {
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(
      process.execPath,
      [join(root, 'bin', 'zorginkoop.js'), '--json', 'import', 'assessments', file, '--policy', 'zg-2026', '--by', 'J. Jansen'],
      { cwd: root, env: { ...process.env, TEMPORAL_ADDRESS: address, ZORGINKOOP_DATA_DIR: dir }, timeout: 60_000 },
      (_err, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
  expect(run.stderr).not.toContain('Workbook');
  // Exit 1: rows with an error (no track), the file itself was fine (a file that cannot be read exits 2).
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.stringContaining(`${codes.length} row(s) with an error`) });
  const report = JSON.parse(run.stdout) as ImportReport;
  expect(report).toMatchObject({ kind: 'assessments', fileName: 'beoordelingen.xlsx', encoding: 'xlsx', applied: false });
  expectEveryRowRead(report.rows);
});

describe('the console process (scripts/console.ts under tsx)', () => {
  let database: Database;
  let child: ChildProcess | undefined;
  let base: string;
  beforeAll(async () => {
    database = await testDatabase('xlsx_entry_console');
    const port = await freePort();
    child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/console.ts', '--demo-users'], {
      cwd: root,
      env: { ...process.env, ...databaseEnv(database), TEMPORAL_ADDRESS: address, ZORGINKOOP_DATA_DIR: dir, ZORGINKOOP_CONSOLE_HOST: '127.0.0.1', ZORGINKOOP_CONSOLE_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((done, fail) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`the console did not start: ${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /console: (http:\/\/\S+?)\/? /.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          done(url.replace('localhost', '127.0.0.1'));
        }
      };
      child!.stdout!.on('data', read);
      child!.stderr!.on('data', read);
      child!.once('exit', (code) => fail(new Error(`the console exited ${code}: ${output}`)));
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.close();
  });

  test("defect 12: a coordinator's .xlsx upload to the import dry run shows every row read, not \"Workbook is not a constructor\"", async () => {
    let cookie = '';
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      return { status: response.status, location: response.headers.get('location'), body: await response.text() };
    };
    const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const login = await call('/inloggen');
    const signedIn = await call('/inloggen', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf(login.body), gebruikersnaam: 'bram', wachtwoord: DEMO_PASSWORD, terug: '/import' }).toString(),
    });
    expect({ status: signedIn.status, location: signedIn.location }).toEqual({ status: 302, location: '/import' });
    const form = await call('/import');
    expect(form.status).toBe(200);

    const body = new FormData();
    body.set('_csrf', csrf(form.body));
    body.set('soort', 'assessments');
    body.set('beleid', 'zg-2026');
    body.set('bestand', new Blob([readFileSync(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'beoordelingen.xlsx');
    const dryRun = await call('/import', { method: 'POST', body });
    expect(dryRun.body).not.toContain('Workbook');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toContain('data-testid="import-report"');
    const rows = [...dryRun.body.matchAll(/<tr data-result="(\w+)" data-row="(\d+)"><td class="num">\d+<\/td><td class="code">(\d*)<\/td><td>[^<]*<\/td><td>([^<]*)/g)].map((m) => ({
      result: m[1],
      row: Number(m[2]),
      agbCode: m[3],
      message: m[4]!.replace(/&#39;/g, "'"),
    }));
    expect(rows.every((r) => r.result === 'error')).toBe(true);
    expectEveryRowRead(rows);
  });
});
