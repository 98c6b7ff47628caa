/**
 * Season rehearsals in the staff console, in headless Chromium: a coordinator rehearses
 * Geboortezorg 2026 for contract year 2028 on ten providers of the sample file twice, once with the
 * default behaviour and once with a behaviour file in which no provider submits its questionnaire;
 * both run in the background in the console process (each on its own private time-skipping
 * server and database); the comparison page shows the figures of the stored reports (per status,
 * with the difference; the staff work week by week), passes axe-core, and a viewer may read it but
 * not start a rehearsal.
 *
 * The console runs as its own process (a rehearsal starts an embedded database, which jest's module
 * runtime cannot load), built as buildConsole builds it, on this test's database; it needs no
 * Temporal: a lazy connection to nowhere, which these pages never use. Screenshots are kept in
 * test-results/console/ (or CONSOLE_SCREENSHOTS=<folder>).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Database } from '../../db/database';
import type { PublicStatus } from '../../machines/public-status';
import type { RehearsalReport } from '../../rehearsal/report';
import { findChromium } from '../../runtime/services';
import { accessibilityProblems } from '../helpers/axe';
import { Rehearsals, staffWork } from '../../web/console/rehearsals';
import { ConsoleUsers } from '../../web/console/users';
import { databaseEnv, testDatabase } from '../helpers/database';

const shotsDir = process.env.CONSOLE_SCREENSHOTS ?? resolve(__dirname, '../../test-results/console');
const PASSWORD = 'console-test-wachtwoord';
const providersJson = Buffer.from(JSON.stringify((JSON.parse(readFileSync(resolve(__dirname, '../../data/samples/geboortezorg-2026-providers.json'), 'utf8')) as unknown[]).slice(0, 10)));
const noQuestionnaires = Buffer.from('# Nobody submits the questionnaire.\nproviders:\n  questionnaire:\n    submit: 0\n');

let database: Database;
let consoleProcess: ChildProcess | undefined;
let consoleOutput = '';
let base: string;

/** The console on this test's database, as its own process; a lazy Temporal connection to nowhere. */
const CONSOLE_SCRIPT = `
import { Client, Connection } from '@temporalio/client';
import { EditionStore } from './activities/edition-store';
import { Database } from './db/database';
import { buildConsole } from './web/console/server';
(async () => {
  const database = new Database(process.env.ZORGINKOOP_DATABASE_URL, { schema: process.env.ZORGINKOOP_DATABASE_SCHEMA });
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const app = await buildConsole({ client: new Client({ connection }), database, editions: new EditionStore(), taskQueue: 'nowhere', secret: 'r'.repeat(40), sessionMinutes: 30 });
  console.log('console: ' + (await app.listen({ host: '127.0.0.1', port: 0 })));
  process.once('SIGTERM', () => {
    // A rehearsal still running is finished first (its private servers stopped).
    void app.close().then(() => connection.close()).then(() => database.close()).then(() => process.exit(0));
  });
})();
`;

function startConsole(): Promise<string> {
  const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
  const child = spawn(tsx, ['-e', CONSOLE_SCRIPT], { cwd: resolve(__dirname, '../..'), env: { ...process.env, ...databaseEnv(database) }, stdio: ['ignore', 'pipe', 'pipe'] });
  consoleProcess = child;
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the console did not start: ${consoleOutput}`)), 60_000);
    const read = (chunk: Buffer) => {
      consoleOutput += chunk.toString();
      const match = /console: (http\S+)/.exec(consoleOutput);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`the console exited ${code}: ${consoleOutput}`)));
  });
}
let browser: Browser;
let coordinator: { context: BrowserContext; page: Page };

async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/repetities`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Seizoensrepetities' }).waitFor();
  return { context, page };
}

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  mkdirSync(shotsDir, { recursive: true });
  database = await testDatabase('console_rehearsal');
  const users = new ConsoleUsers(database);
  await users.save({ username: 'bram', displayName: 'Bram Jansen', role: 'coordinator', password: PASSWORD });
  await users.save({ username: 'vera', displayName: 'Vera Visser', role: 'viewer', password: PASSWORD });
  base = await startConsole();
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
  coordinator = await signIn('bram');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (consoleProcess && consoleProcess.exitCode === null) {
    const exited = new Promise((done) => consoleProcess!.once('exit', done));
    consoleProcess.kill('SIGTERM'); // the console finishes a rehearsal still running first
    await exited;
  }
  await database?.close();
});

/** Fills in the new-rehearsal form and starts it; returns the rehearsal's id from the page it lands on. */
async function start(page: Page, title: string, behaviour?: { name: string; buffer: Buffer }): Promise<string> {
  await page.goto(`${base}/repetities/nieuw`);
  await page.getByLabel('Inkoopbeleid').selectOption('geboortezorg-2026');
  await page.getByLabel('Contractjaar (optioneel)').fill('2028');
  await page.getByLabel('Bestand met zorgaanbieders').setInputFiles({ name: 'geboortezorg-10.json', mimeType: 'application/json', buffer: providersJson });
  if (behaviour) await page.getByLabel('Gedragsmodel (optioneel)').setInputFiles({ ...behaviour, mimeType: 'application/yaml' });
  await page.getByLabel('Omschrijving (optioneel)').fill(title);
  await page.getByRole('button', { name: 'Repetitie starten' }).click();
  await page.waitForURL(/\/repetities\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

test('a coordinator rehearses an edition twice and compares the two side by side; a viewer reads the comparison but cannot start one', async () => {
  const { page } = coordinator;
  const store = new Rehearsals(database);

  // A behaviour file that is not right: its problems on the page, nothing started.
  await page.goto(`${base}/repetities/nieuw`);
  await page.getByLabel('Inkoopbeleid').selectOption('geboortezorg-2026');
  await page.getByLabel('Bestand met zorgaanbieders').setInputFiles({ name: 'geboortezorg-10.json', mimeType: 'application/json', buffer: providersJson });
  await page.getByLabel('Gedragsmodel (optioneel)').setInputFiles({ name: 'fout.yaml', mimeType: 'application/yaml', buffer: Buffer.from('providers:\n  questionnaire:\n    submit: 1.5\n') });
  await page.getByRole('button', { name: 'Repetitie starten' }).click();
  await page.getByTestId('rehearsal-problems').waitFor();
  expect(await page.getByTestId('rehearsal-problems').textContent()).toContain('providers.questionnaire.submit');
  expect(await store.list()).toHaveLength(0);
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.screenshot({ path: join(shotsDir, 'rehearsal-new-problems.png') });

  // Two rehearsals: the defaults, then nobody submitting a questionnaire. The second waits for the first.
  const a = await start(page, 'standaardgedrag');
  await page.getByTestId('rehearsal-running').waitFor();
  await page.screenshot({ path: join(shotsDir, 'rehearsal-running.png') });
  const b = await start(page, 'geen vragenlijsten', { name: 'geen-vragenlijsten.yaml', buffer: noQuestionnaires });
  await page.goto(`${base}/repetities`);
  expect(await page.locator(`tr[data-rehearsal="${b}"]`).getAttribute('data-state')).toBe('running');

  // Both done, in the background (the running page refreshes itself until then).
  const deadline = Date.now() + 400_000;
  for (;;) {
    const rows = await store.list();
    if (rows.every((r) => r.status !== 'running')) {
      if (rows.some((r) => r.status === 'failed')) console.log(consoleOutput);
      expect(rows.map((r) => [r.title, r.status, r.error])).toEqual([
        ['geen vragenlijsten', 'done', undefined],
        ['standaardgedrag', 'done', undefined],
      ]);
      break;
    }
    if (Date.now() > deadline) throw new Error(`rehearsals still running: ${rows.map((r) => `${r.title}: ${r.progress}`).join('; ')}\n${consoleOutput}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  const reportA = (await store.get(a))!.report as RehearsalReport;
  const reportB = (await store.get(b))!.report as RehearsalReport;
  expect(reportA.edition.id).toBe('geboortezorg-2026-rehearsal-2028');
  expect(reportA.providers).toBe(10);
  expect(reportB.behaviour.providers.questionnaire.submit).toBe(0);
  // The behaviour shows: without questionnaires, more tracks end with an expired questionnaire.
  expect(reportB.statuses.QUESTIONNAIRE_EXPIRED ?? 0).toBeGreaterThan(reportA.statuses.QUESTIONNAIRE_EXPIRED ?? 0);

  // One report in the console, with its downloads.
  await page.goto(`${base}/repetities/${a}`);
  await page.getByTestId('status-counts').waitFor();
  for (const [status, n] of Object.entries(reportA.statuses)) expect(await page.getByTestId('status-counts').locator(`[data-count=${status}]`).textContent()).toBe(String(n));
  expect(await page.getByTestId('weeks').locator('tbody tr').count()).toBe(reportA.weeks.length);
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.screenshot({ path: join(shotsDir, 'rehearsal-report.png'), fullPage: true });
  const html = await page.request.get(`${base}/repetities/${a}/rapport.html`);
  expect(html.status()).toBe(200);
  expect(await html.text()).toContain('Repetitie van');
  const csv = await page.request.get(`${base}/repetities/${a}/weken.csv`);
  expect((await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toHaveLength(reportA.weeks.length + 1);

  // The comparison, picked on the list: A the older, B the newer by default.
  await page.goto(`${base}/repetities`);
  expect(await page.getByLabel('Repetitie A').inputValue()).toBe(a);
  expect(await page.getByLabel('Repetitie B').inputValue()).toBe(b);
  await page.getByRole('button', { name: 'Vergelijken' }).click();
  await page.getByRole('heading', { name: 'Twee repetities vergeleken' }).waitFor();
  expect(new URL(page.url()).search).toBe(`?a=${a}&b=${b}`);

  // Per status: A, B and the difference, as the stored reports have them.
  const statuses = [...new Set([...Object.keys(reportA.statuses), ...Object.keys(reportB.statuses)])] as PublicStatus[];
  const table = page.getByTestId('compare-statuses');
  expect(await table.locator('tbody tr').count()).toBe(statuses.length);
  for (const s of statuses) {
    const row = table.locator(`tr[data-status=${s}]`);
    const [na, nb] = [reportA.statuses[s] ?? 0, reportB.statuses[s] ?? 0];
    expect([await row.locator('[data-a]').textContent(), await row.locator('[data-b]').textContent(), await row.locator('[data-diff]').getAttribute('data-diff')]).toEqual([String(na), String(nb), String(nb - na)]);
  }
  expect(await table.locator('tr[data-status=total] [data-diff]').getAttribute('data-diff')).toBe(String(reportB.tracks - reportA.tracks));

  // The staff work week by week: the sums of both columns are the reports' own, and the chart has both series.
  const weeks = page.getByTestId('compare-weeks');
  const sum = async (cell: string) => (await weeks.locator(cell).allTextContents()).reduce((t, x) => t + Number(x), 0);
  expect(await sum('[data-work-a]')).toBe(reportA.weeks.reduce((t, w) => t + staffWork(w), 0));
  expect(await sum('[data-work-b]')).toBe(reportB.weeks.reduce((t, w) => t + staffWork(w), 0));
  const chart = JSON.parse((await page.locator('#work-data').textContent())!) as { labels: string[]; series: { label: string; data: number[] }[] };
  expect(chart.series.map((s) => s.label)).toEqual(['Repetitie A: standaardgedrag', 'Repetitie B: geen vragenlijsten']);
  expect(chart.series[0]!.data.reduce((t, x) => t + x, 0)).toBe(await sum('[data-work-a]'));
  await page.waitForFunction(() => {
    const g = globalThis as unknown as { Chart?: { getChart(id: string): unknown } };
    return Boolean(g.Chart?.getChart('work-chart'));
  });
  expect(await page.getByTestId('traps-a').count()).toBe(1);
  // The busiest weeks of A: the weeks with the most staff work, most first.
  const busiest = [...reportA.weeks].filter((w) => staffWork(w) > 0).sort((x, y) => staffWork(y) - staffWork(x) || x.week.localeCompare(y.week)).slice(0, 3);
  expect(await page.getByTestId('busiest').locator('td[data-work-a]').allTextContents()).toEqual(busiest.map((w) => String(staffWork(w))));
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(await page.getByTestId('compare-summary').textContent()).toContain('vragenlijst ingediend 0%');
  await page.screenshot({ path: join(shotsDir, 'rehearsal-compare.png'), fullPage: true });

  // In English.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Two rehearsals compared' }).waitFor();
  await page.getByRole('link', { name: 'Nederlands' }).click();

  // A viewer reads the comparison; starting a rehearsal is a coordinator's.
  const viewer = await signIn('vera');
  expect(await viewer.page.getByRole('link', { name: 'Een repetitie starten' }).count()).toBe(0);
  const compare = await viewer.page.goto(`${base}/repetities/vergelijk?a=${a}&b=${b}`);
  expect(compare?.status()).toBe(200);
  await viewer.page.getByTestId('compare-statuses').waitFor();
  expect(await accessibilityProblems(viewer.page)).toEqual([]);
  expect((await viewer.page.goto(`${base}/repetities/nieuw`))?.status()).toBe(403);
  await viewer.page.goto(`${base}/repetities`);
  const csrf = await viewer.page.locator('input[name=_csrf]').first().inputValue();
  const refused = await viewer.page.request.post(`${base}/repetities/nieuw`, {
    multipart: { _csrf: csrf, beleid: 'geboortezorg-2026', bestand: { name: 'geboortezorg-10.json', mimeType: 'application/json', buffer: providersJson } },
  });
  expect(refused.status()).toBe(403);
  expect(await store.list()).toHaveLength(2);
  await viewer.context.close();
}, 480_000);
