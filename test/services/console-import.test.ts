/**
 * A coordinator imports a spreadsheet of assessments in the staff console, in headless Chromium:
 * an XLSX of 200 assessments with 3 bad rows; the dry run names the 3 and changes nothing,
 * applying changes 197, applying the same file again changes 0; the per-row result downloads.
 *
 * On a time-skipping world (Geboortezorg 2026 rehearsed for 2056: kraamzorg questionnaires reach
 * UNDER_ASSESSMENT once submitted); the import needs no visibility, so the test server serves.
 * Screenshots are kept in test-results/console/ (or CONSOLE_SCREENSHOTS=<folder>).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EditionStore } from '../../activities/edition-store';
import { sampleAssessmentsXlsx } from '../../imports/sample';
import type { ProviderInput } from '../../policies/provider';
import { findChromium } from '../../runtime/services';
import { buildConsole } from '../../web/console/server';
import { ConsoleUsers } from '../../web/console/users';
import { statusQuery, submitQuestionnaireUpdate } from '../../workflows/messages';
import { rehearsal } from '../helpers/editions';
import { createWorld, sampleProvider, type ProviderHandle, type World } from '../helpers/world';
import { mapLimit } from '../../operations/concurrency';

const shotsDir = process.env.CONSOLE_SCREENSHOTS ?? resolve(__dirname, '../../test-results/console');
const geboortezorg = rehearsal('geboortezorg-2026', 2056);
const PASSWORD = 'console-test-wachtwoord';
const codes = Array.from({ length: 200 }, (_, i) => `33${String(200001 + i)}`);
const kraam = sampleProvider('geboortezorg-2026', '33012345', 30);
const kraamzorg = (agbCode: string): ProviderInput => ({ ...kraam, agbCode, name: `Kraamzorg ${agbCode}`, locations: kraam.locations.map((l) => ({ ...l, agbCode })) });

let world: World;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let page: Page;
const handles = new Map<string, ProviderHandle>();

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  mkdirSync(shotsDir, { recursive: true });
  world = await createWorld('console_import', [geboortezorg]);
  await new ConsoleUsers(world.database).save({ username: 'bram', displayName: 'Bram Jansen', role: 'coordinator', password: PASSWORD });
  app = await buildConsole({ client: world.env.client, database: world.database, editions: new EditionStore({ extra: [geboortezorg] }), taskQueue: world.taskQueue, secret: 'b'.repeat(40), sessionMinutes: 30 });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.setDefaultTimeout(60_000);

  // 200 kraamzorg tracks with their questionnaire submitted: waiting for an assessment.
  await world.sleepUntil('2055-05-01T09:00');
  await mapLimit(codes, 20, async (agb) => handles.set(agb, await world.start(geboortezorg, kraamzorg(agb), 'kraamzorg')));
  await world.sleepUntil('2055-05-15T08:00');
  await mapLimit(codes, 20, (agb) => world.settle(handles.get(agb)!, (v) => v.status === 'QUESTIONNAIRE_OPEN'));
  await world.sleepUntil('2055-06-10T10:00');
  await mapLimit(codes, 20, (agb) => handles.get(agb)!.executeUpdate(submitQuestionnaireUpdate, { args: [{ by: 'kraamzorg' }] }));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await world?.close();
});

async function upload(data: Buffer): Promise<void> {
  await page.goto(`${base}/import`);
  await page.getByLabel('Soort').selectOption('assessments');
  await page.getByLabel('Inkoopbeleid').selectOption(geboortezorg.id);
  await page.getByLabel('Bestand').setInputFiles({ name: 'beoordelingen juni.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });
  await page.getByRole('button', { name: 'Proefrun' }).click();
  await page.getByTestId('import-report').waitFor();
}
const count = async (kind: string) => Number(await page.getByTestId('import-counts').locator(`[data-count=${kind}]`).textContent());

test('an XLSX of 200 assessments with 3 bad rows: the dry run names the 3, applying changes 197, applying again changes 0', async () => {
  await page.goto(`${base}/import`);
  await page.getByLabel('Gebruikersnaam').fill('bram');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Beslissingen importeren' }).waitFor();

  const { data, badRows } = await sampleAssessmentsXlsx(codes, { tier: 'B' });
  expect(badRows).toHaveLength(3);

  // The dry run: the three bad rows by their Excel row number, nothing sent.
  await upload(data);
  expect(await page.getByTestId('import-report').getAttribute('data-applied')).toBe('false');
  expect([await count('ready'), await count('errors'), await count('changed')]).toEqual([197, 3, 0]);
  const errorRows = await page.locator('tr[data-result=error]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
  expect(errorRows.sort((a, b) => a - b)).toEqual(badRows);
  await page.screenshot({ path: join(shotsDir, 'import-dry-run.png'), fullPage: false });
  expect((await handles.get(codes[0]!)!.query(statusQuery)).status).toBe('UNDER_ASSESSMENT');

  // Apply: 197 changed, the 3 bad rows still named; the tracks move on, assessed by the coordinator.
  await page.getByRole('button', { name: /^Toepassen/ }).click();
  await page.locator('[data-testid=import-report][data-applied=true]').waitFor({ timeout: 300_000 });
  expect([await count('changed'), await count('errors'), await count('unchanged')]).toEqual([197, 3, 0]);
  await page.screenshot({ path: join(shotsDir, 'import-applied.png'), fullPage: false });
  const first = await handles.get(codes[0]!)!.query(statusQuery);
  expect(first.status).not.toBe('UNDER_ASSESSMENT');
  expect(first.history.find((h) => h.event === 'ASSESSED')?.by).toBe('bram');

  // The per-row result, for Excel.
  const csv = await page.request.get(new URL((await page.getByRole('link', { name: /Resultaat per regel/ }).getAttribute('href'))!, base).href);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines).toHaveLength(201);

  // The same file again: nothing ready, nothing changed.
  await upload(data);
  expect([await count('ready'), await count('unchanged'), await count('errors')]).toEqual([0, 197, 3]);
  expect(await page.getByRole('button', { name: /^Toepassen/ }).count()).toBe(0);
  const href = (await page.getByRole('link', { name: /Resultaat per regel/ }).getAttribute('href'))!;
  const uploadId = href.split('/')[2]!;
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const again = await page.request.post(`${base}/import/${uploadId}/toepassen`, { form: { _csrf: csrf } });
  expect(again.ok()).toBe(true);
  const html = await again.text();
  expect(/data-count="changed">(\d+)</.exec(html)?.[1]).toBe('0');
  expect(/data-count="unchanged">(\d+)</.exec(html)?.[1]).toBe('197');
}, 600_000);
