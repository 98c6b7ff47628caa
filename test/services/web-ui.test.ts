/**
 * The Temporal Web UI, in headless Chromium (Debian's `chromium`), against the real dev server
 * (the project's own CLI binary, with its UI on a free port): staff find a provider in the
 * workflow list by its search attributes, and its page shows the provider's public status, in
 * the Current Details the workflow sets and in its search attributes, and follows a change.
 *
 * `npm run test:services -- web-ui`. Screenshots go to a temporary folder removed at the end;
 * set WEBUI_SCREENSHOTS=<folder> to keep them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { localDeps } from '../../activities';
import { editionStoreFor } from '../../activities/edition-store';
import { DEMO_BASE, writeDemo, type Demo } from '../../runtime/demo';
import { edition } from '../helpers/editions';
import type { Database } from '../../db/database';
import { databaseEnv, testDatabase } from '../helpers/database';
import { startDevServer } from '../../runtime/dev-server';
import { runCli } from '../helpers/cli';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { findChromium } from '../../runtime/services';
import { statusQuery } from '../../workflows/messages';
import { eventually } from '../helpers/eventually';

const taskQueue = 'web-ui';
const agbCode = '01000002';
/** The demo of `npm start` for today's season (ZG 2026 moved to a contract year running now), and its track of `agbCode`. */
let demo: Demo;
let policy: string;
let workflowId: string;
/** The UI renders pages, queries and markdown on demand: generous, but waits end as soon as the text is there. */
const UI_TIMEOUT = 60_000;

let env: TestWorkflowEnvironment;
let worker: LocalWorker;
let browser: Browser;
let page: Page;
let dataDir: string;
let database: Database;
let shotsDir: string;
let uiBase: string;
let cliEnv: Record<string, string>;

const cli = (...argv: string[]) => runCli(argv, cliEnv);

/** The ids of the workflows that visibility finds for a query, as the UI's list asks for them. */
async function listed(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s `chromium` or set CHROMIUM_PATH (npm run test:services checks this first)');
  const server = await startDevServer({ ui: true });
  env = server.env;
  uiBase = server.uiBase!;
  dataDir = mkdtempSync(join(tmpdir(), 'web-ui-'));
  shotsDir = process.env.WEBUI_SCREENSHOTS ?? join(dataDir, 'screenshots');
  mkdirSync(shotsDir, { recursive: true });
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  policy = demo.edition.id;
  workflowId = `contracting/${policy}/${agbCode}`;
  database = await testDatabase('web-ui');
  cliEnv = { TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dataDir, ...databaseEnv(database) };
  // Worker and CLI read the editions as `npm start` has them: the demo's from the data folder.
  worker = await startLocalWorker(env, taskQueue, { ...localDeps(database), editions: editionStoreFor({ dataDir }) });
  // A closed network: nothing in the background (updates, sync, QUIC); no GPU; root needs --no-sandbox.
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(UI_TIMEOUT);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the workflow list finds providers by their public status', async () => {
  expect(await cli('campaign', 'start', policy, '--providers', demo.providersFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^5 started/) });
  const query = `ZorgPolicy="${policy}" AND ZorgStatus="IN_CONVERSATION"`;
  const expected = ['01000001', '01000002', '01000003'].map((agb) => `contracting/${policy}/${agb}`);
  // Wait until visibility has indexed the status, so the one list the page loads has it.
  expect(await eventually(() => listed(query), (ids) => ids.length === 3)).toEqual(expected);

  await page.goto(`${uiBase}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
  for (const id of expected) await page.getByText(id, { exact: true }).waitFor();
  // 01000004 runs a multi-year contract and 01000005 is not approached: not in this list.
  expect(await page.getByText(`contracting/${policy}/01000004`).count()).toBe(0);
  expect(await page.getByText(`contracting/${policy}/01000005`).count()).toBe(0);
  await page.screenshot({ path: join(shotsDir, 'list.png'), fullPage: true });
});

test("a provider's page shows its public status, and follows a change", async () => {
  const handle = env.client.workflow.getHandle(workflowId);
  expect((await handle.query(statusQuery)).status).toBe('IN_CONVERSATION');
  const { runId } = await handle.describe();

  // From the list filtered on the AGB code, as staff would: the link opens the workflow's page.
  await page.goto(`${uiBase}/namespaces/default/workflows?query=${encodeURIComponent(`ZorgAgbCode="${agbCode}"`)}`);
  await page.getByText(workflowId, { exact: true }).click();
  const detailUrl = `${uiBase}/namespaces/default/workflows/${encodeURIComponent(workflowId)}/${runId}`;
  await page.waitForURL((url) => url.href.startsWith(`${detailUrl}/`));
  await page.getByRole('heading', { name: workflowId }).waitFor();

  // The workflow's setCurrentDetails text is under User Metadata, rendered as markdown in frames.
  await page.getByRole('tab', { name: 'User Metadata' }).click();
  await page.waitForURL(`${detailUrl}/user-metadata`);
  const summary = page.frameLocator('iframe#user-metadata-summary');
  await summary.getByText(`Auditief Centrum West (AGB ${agbCode}), ${policy}`).waitFor();
  const details = page.frameLocator('iframe#user-metadata-current-details');
  await details.getByText('Status: IN_CONVERSATION: invited to the purchase conversation; waiting for its outcome').waitFor();
  await page.screenshot({ path: join(shotsDir, 'current-details.png'), fullPage: true });

  // The search attributes the list filters on, as the page shows them.
  await page.getByRole('tab', { name: 'Search Attributes' }).click();
  await page.waitForURL(`${detailUrl}/search-attributes`);
  await page.getByText('"ZorgStatus": "IN_CONVERSATION"').waitFor();
  await page.getByText(`"ZorgAgbCode": "${agbCode}"`).waitFor();

  // A positive conversation sends the offer; the page, loaded again, says so.
  const outcome = await cli('outcome', agbCode, 'positive', '--policy', policy, '--by', 'A. de Vries');
  expect(outcome).toMatchObject({ code: 0, out: expect.stringContaining('Status: OFFERED') });
  await page.goto(`${detailUrl}/user-metadata`);
  await details.getByText('Status: OFFERED', { exact: false }).waitFor();
  await page.screenshot({ path: join(shotsDir, 'current-details-offered.png'), fullPage: true });
  await page.goto(`${detailUrl}/search-attributes`);
  await page.getByText('"ZorgStatus": "OFFERED"').waitFor();
});
