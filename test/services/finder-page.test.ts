/**
 * The public provider finder page (web/finder.ts) in headless Chromium (Debian's `chromium`,
 * driven by playwright-core): real ZG tracks on the time-skipping server write the listings; the
 * page finds the signed and published provider by its city, and not the one whose offer is
 * unsigned, nor the one withdrawn after publication. `FINDER_SCREENSHOTS=<dir>` keeps the screenshots.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { EditionStore } from '../../activities/edition-store';
import { amsterdamDay } from '../../policies/calendar';
import { findChromium } from '../../runtime/services';
import { recordConversationOutcomeUpdate, recordSignatureUpdate, withdrawUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { createWorld, type World } from '../helpers/world';
import { buildFinder } from '../../web/finder';

const season = rehearsalOf('zg-2026', 2056);
const provider = (agbCode: string, name: string) => ({
  agbCode,
  name,
  locations: [{ agbCode, name: `${name} Apeldoorn`, city: 'Apeldoorn' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg' as const, kind: 'zg', fromYear: 2055, toYear: 2055 }],
});
const published = provider('01000901', 'Visio Gepubliceerd');
const unsigned = provider('01000902', 'Kentalis Niet Getekend');
const withdrawn = provider('01000903', 'Bartiméus Teruggetrokken');

let world: World;
let finder: FastifyInstance;
let browser: Browser;
let url: string;
const shots = process.env.FINDER_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'finder-shots-'));

beforeAll(async () => {
  world = await createWorld('finder-page', [season]);
  const today = async () => amsterdamDay(await world.env.currentTimeMs());
  let day = amsterdamDay(Date.now());
  finder = await buildFinder({ database: world.database, editions: new EditionStore({ extra: [season] }), today: () => day });
  // The finder's clock is the test server's: refreshed before every request.
  finder.addHook('onRequest', async () => {
    day = await today();
  });
  url = await finder.listen({ host: '127.0.0.1', port: 0 });
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await finder?.close();
  await world?.close();
});

test('000 s5 publication: the page finds the signed provider by city from 12 November, never the unsigned or withdrawn one', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const handles = await Promise.all([published, unsigned, withdrawn].map((p) => world.start(season, p)));
  for (const h of handles) {
    await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
    await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  }
  await handles[0]!.executeUpdate(recordSignatureUpdate, { args: [{ by: 'bestuurder' }] });
  await handles[2]!.executeUpdate(recordSignatureUpdate, { args: [{ by: 'bestuurder' }] });

  const page = await browser.newPage();
  const searchApeldoorn = async (name: string) => {
    await page.goto(`${url}/zorgzoeker`);
    await page.getByLabel('Plaats').fill('apeldoorn');
    await page.getByLabel('Zorgsoort').selectOption({ label: 'Zintuiglijk gehandicaptenzorg' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 2 }).waitFor();
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    return page.locator('tbody tr td:first-child').allTextContents();
  };

  // Signed, but before the publication day: not in the finder yet.
  expect(await searchApeldoorn('before-publication')).toEqual([]);
  expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Geen zorgaanbieders gevonden');

  await world.sleepUntil('2055-11-12T09:00');
  await world.settle(handles[0]!, (v) => v.status === 'PUBLISHED');
  await world.settle(handles[2]!, (v) => v.status === 'PUBLISHED');
  await handles[2]!.executeUpdate(withdrawUpdate, { args: [{ reason: 'praktijk gesloten', initiatedBy: 'provider', by: 'inkoper' }] });
  await world.settle(handles[2]!, (v) => v.history.some((e) => e.event === 'WITHDRAWAL_PROCESSED'));

  expect(await searchApeldoorn('published')).toEqual([published.name]);
  expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('1 zorgaanbieder gevonden');
  expect(await page.locator('tbody tr').first().textContent()).toContain('Visio Gepubliceerd Apeldoorn');

  // The same from the JSON endpoint, and by name.
  const api = (await (await fetch(`${url}/api/zorgzoeker?plaats=Apeldoorn`)).json()) as { providers: { agbCode: string }[] };
  expect(api.providers.map((p) => p.agbCode)).toEqual([published.agbCode]);
  const byName = (await (await fetch(`${url}/api/zorgzoeker?naam=bartim`)).json()) as { count: number };
  expect(byName.count).toBe(0);
  const bad = await fetch(`${url}/api/zorgzoeker?stad=Apeldoorn`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ error: 'bad query', problems: ['onbekende zoekterm: stad (zoek op zorgsoort, plaats en naam)'] });
  await page.close();
});
