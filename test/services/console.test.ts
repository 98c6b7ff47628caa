/**
 * The staff console in headless Chromium (Playwright with Debian's `chromium`), against the real
 * dev server (its visibility is what the overview counts) and a worker: sign-in as each role; a
 * purchaser records a conversation outcome and the offer goes out; a viewer cannot (no form, and
 * the server refuses the POST); the overview's counts equal `temporal workflow count` by status;
 * and axe-core finds no serious or critical accessibility violation on the main pages.
 *
 * `npm run test:services -- console`. Screenshots are kept in test-results/console/ (or
 * CONSOLE_SCREENSHOTS=<folder>).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { localDeps } from '../../activities';
import type { Database } from '../../db/database';
import { PUBLIC_STATUSES } from '../../machines/public-status';
import { formatDay } from '../../policies/calendar';
import { databaseEnv, testDatabase } from '../helpers/database';
import { freePort, startDevServer } from '../../runtime/dev-server';
import { runCli } from '../helpers/cli';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { findChromium } from '../../runtime/services';
import { resolveTemporalBinary, TEMPORAL_CLI } from '../../runtime/temporal-binaries';
import { editionStoreFor } from '../../activities/edition-store';
import { DEMO_BASE, writeDemo, type Demo } from '../../runtime/demo';
import { edition } from '../helpers/editions';
import { buildConsole } from '../../web/console/server';
import { ConsoleUsers } from '../../web/console/users';
import { statusQuery } from '../../workflows/messages';
import { eventually } from '../helpers/eventually';
import { accessibilityProblems } from '../helpers/axe';
import type { FastifyInstance } from 'fastify';
import { startProcess } from '../helpers/process';

const taskQueue = 'console-e2e';
const PASSWORD = 'console-test-wachtwoord';
const shotsDir = process.env.CONSOLE_SCREENSHOTS ?? resolve(__dirname, '../../test-results/console');

let env: TestWorkflowEnvironment;
let address: string;
let worker: LocalWorker;
let browser: Browser;
let database: Database;
let dataDir: string;
let app: FastifyInstance;
let base: string;
let cliEnv: Record<string, string>;
/** The demo of `npm start` for today's season (ZG 2026 moved to a contract year running now), written into the data folder. */
let demo: Demo;
/** Its policy id, e.g. zg-2027-demo. */
let policy: string;

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  mkdirSync(shotsDir, { recursive: true });
  const server = await startDevServer();
  env = server.env;
  address = server.address;
  dataDir = mkdtempSync(join(tmpdir(), 'console-'));
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  policy = demo.edition.id;
  database = await testDatabase('console_e2e');
  cliEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dataDir, ...databaseEnv(database) };
  // Worker, console and CLI read the editions as `npm start` has them: the demo's from the data folder.
  worker = await startLocalWorker(env, taskQueue, { ...localDeps(database), editions: editionStoreFor({ dataDir }) });
  const users = new ConsoleUsers(database);
  await users.save({ username: 'vera', displayName: 'Vera Visser', role: 'viewer', password: PASSWORD });
  await users.save({ username: 'anna', displayName: 'Anna de Vries', role: 'purchaser', password: PASSWORD });
  await users.save({ username: 'bram', displayName: 'Bram Jansen', role: 'coordinator', password: PASSWORD });
  app = await buildConsole({ client: env.client, database, editions: editionStoreFor({ dataDir }), taskQueue, secret: 'a'.repeat(40), sessionMinutes: 30, overviewFreshness: { freshMs: 0, staleMs: 0 } });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  expect(await runCli(['campaign', 'start', policy, '--providers', demo.providersFile], cliEnv)).toMatchObject({ code: 0 });
  // Wait until visibility has every track's status.
  await eventually(async () => (await env.client.workflow.count(`ZorgPolicy = '${policy}' AND ZorgStatus = 'IN_CONVERSATION'`)).count, (n) => n === 3);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/seizoen?beleid=${policy}`);
  // Not signed in: the sign-in page, and back to where we were going.
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: /Seizoensoverzicht/ }).waitFor();
  return { context, page };
}

test('each role signs in and sees what it may do; a wrong password is refused', async () => {
  const wrong = await browser.newPage();
  await wrong.goto(`${base}/seizoen`);
  await wrong.getByLabel('Gebruikersnaam').fill('anna');
  await wrong.getByLabel('Wachtwoord').fill('not the password');
  await wrong.getByRole('button', { name: 'Inloggen' }).click();
  await wrong.getByText('Gebruikersnaam of wachtwoord klopt niet.').waitFor();
  await wrong.close();

  for (const [user, name, coordinatorMenu] of [['vera', 'Vera Visser', false], ['anna', 'Anna de Vries', false], ['bram', 'Bram Jansen', true]] as const) {
    const { context, page } = await signIn(user);
    expect(await page.getByTestId('user').textContent()).toBe(name);
    expect(await page.getByRole('link', { name: 'Campagne starten' }).count()).toBe(coordinatorMenu ? 1 : 0);
    await page.screenshot({ path: join(shotsDir, `overview-${user}.png`), fullPage: true });
    // The server checks the role, whatever the menu shows.
    const campaign = await page.goto(`${base}/campagne`);
    expect(campaign?.status()).toBe(coordinatorMenu ? 200 : 403);
    await context.close();
  }
});

test("the overview's counts equal `temporal workflow count` by status", async () => {
  const temporal = resolveTemporalBinary(TEMPORAL_CLI)!.path;
  const { context, page } = await signIn('vera');
  const shown: Record<string, number> = {};
  for (const row of await page.locator('[data-count]').all()) shown[(await row.getAttribute('data-count'))!] = Number(await row.textContent());
  for (const status of [...PUBLIC_STATUSES]) {
    const out = execFileSync(temporal, ['workflow', 'count', '--address', address, '--query', `ZorgPolicy = '${policy}' AND ZorgStatus = '${status}'`], { encoding: 'utf8' });
    const counted = Number(/Total:\s*(\d+)/.exec(out)?.[1]);
    expect({ status, count: shown[status] ?? 0 }).toEqual({ status, count: counted });
  }
  expect(Number(await page.getByTestId('total').textContent())).toBe(5);
  expect(await accessibilityProblems(page)).toEqual([]);
  await context.close();
});

test('a purchaser records a conversation outcome and the offer goes out; a viewer cannot', async () => {
  const id = `contracting/${policy}/01000001`;
  // The viewer: the provider page has no form, and a POST made by hand is refused by the server.
  const viewer = await signIn('vera');
  await viewer.page.goto(`${base}/werklijsten?beleid=${policy}&lijst=conversations`);
  expect(await viewer.page.getByTestId('worklist').locator('tbody tr').count()).toBe(3);
  await viewer.page.goto(`${base}/aanbieder/${encodeURIComponent(id)}`);
  await viewer.page.getByText('U kijkt mee: vastleggen kan een inkoper of coördinator.').waitFor();
  expect(await viewer.page.locator('form[data-action]').count()).toBe(0);
  const csrf = await viewer.page.locator('input[name=_csrf]').first().inputValue();
  const refused = await viewer.page.request.post(`${base}/aanbieder/${encodeURIComponent(id)}/outcome`, { form: { _csrf: csrf, outcome: 'positive' } });
  expect(refused.status()).toBe(403);
  expect((await env.client.workflow.getHandle(id).query(statusQuery)).status).toBe('IN_CONVERSATION');
  expect(await accessibilityProblems(viewer.page)).toEqual([]);
  await viewer.context.close();

  // The purchaser, from the worklist to the provider page to the form.
  const { context, page } = await signIn('anna');
  await page.goto(`${base}/werklijsten?beleid=${policy}&lijst=conversations`);
  await page.screenshot({ path: join(shotsDir, 'worklist-conversations.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.locator(`a[href="/aanbieder/${encodeURIComponent(id)}"]`).click();
  await page.getByTestId('status').getByText('In gesprek').waitFor();
  // A form without a CSRF token is refused.
  const forged = await page.request.post(`${base}/aanbieder/${encodeURIComponent(id)}/outcome`, { form: { outcome: 'positive' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const form = page.locator('form[data-action=outcome]');
  await form.getByLabel('Uitkomst').selectOption('positive');
  await form.getByLabel('Toelichting').fill('akkoord in het gesprek van dinsdag');
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByTestId('flash').getByText('Vastgelegd.').waitFor();
  await page.getByTestId('status').getByText('Aanbod uitgebracht').waitFor();
  await page.getByTestId('messages').locator('tr[data-kind=offer]').waitFor();
  await page.screenshot({ path: join(shotsDir, 'provider-offered.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);

  // The signed-in purchaser is the `by`, in the history and the audit log.
  const view = await env.client.workflow.getHandle(id).query(statusQuery);
  expect(view.status).toBe('OFFERED');
  expect(view.history.find((h) => h.event === 'CONVERSATION_RECORDED')?.by).toBe('anna');
  const audit = await eventually(() => database.db.selectFrom('audit_log').selectAll().where('workflow_id', '=', id).execute(), (rows) => rows.length > 0);
  expect(audit.map((a) => [a.actor, a.action])).toEqual([['anna', 'CONVERSATION_RECORDED']]);

  // The same form again (a page read before the track moved on): refused, in Dutch with the
  // track's status now, and the workflow's own words for engineers.
  await page.goto(`${base}/werklijsten?beleid=${policy}&lijst=conversations`);
  const csrf2 = await page.locator('input[name=_csrf]').first().inputValue();
  const again = await page.request.post(`${base}/aanbieder/${encodeURIComponent(id)}/outcome`, { form: { _csrf: csrf2, outcome: 'positive' } });
  expect(again.ok()).toBe(true);
  const refusal = await again.text();
  expect(refusal).toContain('Uitkomst van het inkoopgesprek: Niet vastgelegd: het traject wacht niet (meer) op deze handeling; het staat nu op: Aanbod uitgebracht.');
  expect(refusal).toMatch(/De melding van het traject: <span lang="en">provider \d{8} under \S+ is OFFERED \(.+\), not waiting for/);
  await context.close();
});

test("a coordinator starts a campaign: the file's check first (bad records named, past steps warned), then the start and its progress; and moves a deadline for a selection", async () => {
  const { context, page } = await signIn('bram');
  await page.goto(`${base}/campagne`);
  await page.getByLabel('Inkoopbeleid').selectOption(policy);
  await page.getByLabel('Bestand met zorgaanbieders').setInputFiles(resolve(__dirname, '../fixtures/providers-bad.csv'));
  await page.getByRole('button', { name: 'Controleren' }).click();
  const problems = page.getByTestId('file-problems');
  await problems.waitFor();
  expect(await problems.textContent()).toMatch(/1234567/);
  expect(await page.getByRole('button', { name: /Campagne starten/ }).count()).toBe(0);

  await page.getByLabel('Bestand met zorgaanbieders').setInputFiles(resolve(__dirname, '../fixtures/providers-good.csv'));
  await page.getByRole('button', { name: 'Controleren' }).click();
  await page.getByTestId('file-check').waitFor();
  // The demo's dated steps lie in the past on any day this test runs (runtime/demo.ts): each is named before anything starts.
  expect(await page.getByTestId('late-steps').textContent()).toMatch(/uiterste tekendatum|aanbod in VECOZO|uitnodiging voor het inkoopgesprek/);
  await page.screenshot({ path: join(shotsDir, 'campaign-check.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole('button', { name: new RegExp(`Campagne starten: ${policy}`) }).click();
  await page.waitForURL(new RegExp(`/campagne/voortgang\\?beleid=${policy}`));
  await page.getByTestId('campaign-progress').waitFor();
  await eventually(async () => (await page.reload(), await page.getByText('De campagne is klaar.').count()), (n) => n === 1);
  expect(await page.getByTestId('campaign-progress').textContent()).toMatch(/gestart/);

  // A deadline moved for a selection: the offered provider moves; a running contract has no signing
  // deadline (said in Dutch, from the workflow's refusal as data); an AGB code without a track is named.
  await page.goto(`${base}/termijnen`);
  await page.getByLabel('Inkoopbeleid').selectOption(policy);
  await page.getByLabel('Termijn', { exact: true }).selectOption('signing-deadline');
  const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
  await page.getByLabel('Nieuwe datum').fill(day);
  await page.getByLabel('Reden').fill('portaal was een week onbereikbaar');
  await page.getByLabel('AGB-codes').fill('01000001\n01000004\n09999999');
  await page.getByRole('button', { name: 'Termijn verzetten' }).click();
  const report = page.getByTestId('move-report');
  await report.waitFor();
  await page.screenshot({ path: join(shotsDir, 'deadline-move.png'), fullPage: true });
  expect(await report.textContent()).toMatch(/^\s*1 verzet, 2 niet verzet/);
  expect(await report.textContent()).toContain(`contracting/${policy}/01000004: uiterste tekendatum niet verzet naar ${formatDay(day)}: dit traject heeft geen uiterste tekendatum (traject running-contract)`);
  expect(await report.textContent()).toMatch(new RegExp(`09999999: geen traject onder ${policy}`));
  const moved = await env.client.workflow.getHandle(`contracting/${policy}/01000001`).query(statusQuery);
  expect(moved.planned.signingDeadline).toBe(day);
  expect(moved.history.find((h) => h.event === 'DEADLINE_MOVED')?.by).toBe('bram');
  await context.close();
});

test('a session ends on signing out; the overview, worklists and exports pass axe for a coordinator', async () => {
  const { context, page } = await signIn('bram');
  for (const path of [`/seizoen?beleid=${policy}`, `/werklijsten?beleid=${policy}&lijst=assessments`, '/campagne', '/termijnen', '/import', `/export?beleid=${policy}`]) {
    await page.goto(`${base}${path}`);
    expect({ path, problems: await accessibilityProblems(page) }).toEqual({ path, problems: [] });
  }
  // The weeks ahead: the offered provider's signing deadline is one offer expiring, in its week.
  await page.goto(`${base}/seizoen?beleid=${policy}`);
  const expiring = await page.locator('td[data-series=expiring]').allTextContents();
  expect(expiring.reduce((sum, n) => sum + Number(n), 0)).toBe(1);
  await page.goto(`${base}/taal/en?terug=/seizoen`);
  await page.getByRole('heading', { name: /Season overview/ }).waitFor();
  await page.screenshot({ path: join(shotsDir, 'overview-english.png'), fullPage: true });
  const csv = await page.request.get(`${base}/export/contracten.csv?beleid=${policy}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/^\uFEFFAGB-code;/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signed out, the session (and its language) is gone: the Dutch sign-in page.
  await page.goto(`${base}/seizoen`);
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  await context.close();
});

test("OpenID Connect: staff sign in through the identity provider, with the role their groups map to; a person without one is refused", async () => {
  const claimsFile = join(dataDir, 'claims.json');
  const claims = (groups: string[]) => writeFileSync(claimsFile, JSON.stringify({ sub: 'u-123', preferred_username: 'ineke', name: 'Ineke Inkoop', groups }));
  claims(['zorginkoop-inkoper', 'personeel']);
  const idp = await startProcess(['test/helpers/mock-oidc.ts', String(await freePort()), claimsFile], {}, /issuer (\S+)/);
  const port = await freePort();
  const consoleProcess = await startProcess(
    ['scripts/console.ts'],
    {
      ...cliEnv,
      ZORGINKOOP_CONSOLE_PORT: String(port),
      ZORGINKOOP_CONSOLE_URL: `http://127.0.0.1:${port}`,
      ZORGINKOOP_OIDC_ISSUER: idp.match[1]!,
      ZORGINKOOP_OIDC_CLIENT_ID: 'zorginkoop-console',
      ZORGINKOOP_OIDC_CLIENT_SECRET: 'geheim',
      ZORGINKOOP_OIDC_ROLE_CLAIM: 'groups',
    },
    /console: http/,
  );
  try {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/seizoen`);
    // No password form: the organisation's sign-in.
    expect(await page.getByLabel('Wachtwoord').count()).toBe(0);
    await page.getByRole('link', { name: 'Inloggen met het account van de organisatie' }).click();
    await page.getByRole('heading', { name: /Seizoensoverzicht/ }).waitFor();
    expect(await page.getByTestId('user').textContent()).toBe('Ineke Inkoop');
    expect(await page.locator('.who').textContent()).toContain('(inkoper)');
    // A purchaser: no coordinator pages.
    expect((await page.goto(`http://127.0.0.1:${port}/campagne`))?.status()).toBe(403);
    await page.screenshot({ path: join(shotsDir, 'oidc-signed-in.png'), fullPage: true });
    await context.close();

    claims(['marketing']);
    const other = await browser.newPage();
    await other.goto(`http://127.0.0.1:${port}/inloggen`);
    await other.getByRole('link', { name: 'Inloggen met het account van de organisatie' }).click();
    await other.getByText('ineke heeft geen rol in de console (claim groups).', { exact: false }).waitFor();
    await other.goto(`http://127.0.0.1:${port}/seizoen`);
    await other.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await other.close();
  } finally {
    consoleProcess.child.kill('SIGTERM');
    idp.child.kill('SIGTERM');
  }
});
