/**
 * The console's and the finder's pages under their own Content-Security-Policy, in headless
 * Chromium (Debian's `chromium`, driven by playwright-core): the browser reports no violation on
 * any main page, the season overview's chart is drawn (its script and Chart.js are files of the
 * site, allowed), the finder's stylesheet applies, and axe-core still runs on a page that refuses
 * inline scripts. A policy that broke a page would show here, not only for staff.
 *
 * `npm run test:services -- console-csp`.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EditionStore } from '../../activities/edition-store';
import { findChromium } from '../../runtime/services';
import { buildFinder } from '../../web/finder';
import { accessibilityProblems } from '../helpers/axe';
import { PASSWORD, startConsole, type TestConsole } from '../web/console-http';

let browser: Browser;
let c: TestConsole;
let finder: FastifyInstance;
let finderBase: string;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  // A Temporal that counts three tracks of every status and lists none: the overview (its figures from the listing, all zero) still draws its chart.
  const temporal = { workflow: { count: async () => ({ count: 3 }), list: () => (async function* () {})() } } as unknown as Client;
  c = await startConsole('console_csp', { client: temporal });
  finder = await buildFinder({ database: c.database, editions: new EditionStore() });
  finderBase = await finder.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
});

afterAll(async () => {
  await browser?.close();
  await finder?.close();
  await c?.close();
});

/** A page that records every Content-Security-Policy violation the browser reports. */
async function watched(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  return { page, violations };
}

test("the console's pages run under their Content-Security-Policy: no violation, the chart is drawn, axe runs", async () => {
  const { page, violations } = await watched();
  await page.goto(`${c.base}/seizoen?beleid=zg-2026`);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: /Seizoensoverzicht/ }).waitFor();
  // console.js loaded Chart.js and drew: Chart.js sets the canvas's size.
  await page.waitForFunction(() => {
    const g = globalThis as unknown as { Chart?: unknown; document: { querySelector(selector: string): { style: { width: string } } | null } };
    return typeof g.Chart === 'function' && Boolean(g.document.querySelector('canvas[data-chart]')?.style.width);
  });
  expect(await accessibilityProblems(page)).toEqual([]);
  for (const path of ['/werklijsten?beleid=zg-2026', '/campagne', '/termijnen', '/import', '/repetities', '/repetities/nieuw', '/export']) {
    await page.goto(`${c.base}${path}`);
    await page.locator('main h1').waitFor();
  }
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  expect(violations).toEqual([]);
  await page.close();
});

test("the finder's page takes its styles from its stylesheet, with no violation", async () => {
  const { page, violations } = await watched();
  await page.goto(`${finderBase}/zorgzoeker?plaats=Zwolle`);
  await page.getByRole('heading', { name: 'Zorgzoeker' }).waitFor();
  const maxWidth = await page.evaluate(() => {
    const g = globalThis as unknown as { getComputedStyle(element: unknown): { maxWidth: string }; document: { body: unknown } };
    return g.getComputedStyle(g.document.body).maxWidth;
  });
  expect(maxWidth).toBe('960px');
  expect(violations).toEqual([]);
  await page.close();
});
