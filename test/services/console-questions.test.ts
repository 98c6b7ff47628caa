/**
 * A purchaser answers a provider's question from the worklist, in headless Chromium, and the clock
 * stops (issue 24, "Done when": "A browser test: a purchaser answers a question from the worklist,
 * and the clock stops"; every policy s5: "Wij streven ernaar binnen 5 werkdagen een reactie op uw
 * e-mail te geven").
 *
 * On a time-skipping world (ZG 2026 rehearsed for 2056): two providers in conversation each ask a
 * question on Thursday 4 May 2056, the Thursday before Ascension Day, so both are due Friday 12
 * May. The purchaser opens "Open vragen", follows the first row to the provider page and answers
 * there: the question shows its answer and leaves the worklist. Past the due day, the other
 * question is escalated (`question-overdue` in the staff inbox) and stands on "Vragen over de
 * termijn" and in the overview's figure; the answered one is not escalated. Screenshots are kept in
 * test-results/console/ (or CONSOLE_SCREENSHOTS=<folder>).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client, WorkflowClient } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EditionStore } from '../../activities/edition-store';
import { LocalStaffInbox } from '../../activities/staff';
import { findChromium } from '../../runtime/services';
import { buildConsole } from '../../web/console/server';
import { ConsoleUsers } from '../../web/console/users';
import { COMMANDS } from '../../workflows/catalogue';
import { statusQuery } from '../../workflows/messages';
import { accessibilityProblems } from '../helpers/axe';
import { rehearsal } from '../helpers/editions';
import { ams, createWorld, zgInstitution, type ProviderHandle, type World } from '../helpers/world';

const shotsDir = process.env.CONSOLE_SCREENSHOTS ?? resolve(__dirname, '../../test-results/console');
const zg = rehearsal('zg-2026', 2056);
const PASSWORD = 'console-test-wachtwoord';
const ANSWERED = '02100001';
const WAITING = '02100002';

let world: World;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let page: Page;
/** The console's clock: the test server's, as far as the test moved it. */
let clock = ams('2056-05-04T09:00');
const handles = new Map<string, ProviderHandle>();

/**
 * The world's client, with no tracks in visibility. The time-skipping test server keeps no
 * visibility (its list and count fail), so the overview's counts of tracks by status and the other
 * worklists' sizes read none here. What this test is about does not come from visibility: the
 * questions are read from the audit log, and the tracks are asked and updated by query and
 * update, which the test server serves.
 */
function withoutVisibility(client: Client): Client {
  const workflow: WorkflowClient = Object.create(client.workflow, {
    count: { value: async () => ({ count: 0, groups: [] }) },
    list: { value: () => (async function* () {})() },
  });
  return Object.create(client, { workflow: { value: workflow } });
}

async function sleepUntil(local: string): Promise<void> {
  await world.sleepUntil(local);
  clock = ams(local);
}

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH");
  mkdirSync(shotsDir, { recursive: true });
  world = await createWorld('console_questions', [zg]);
  await new ConsoleUsers(world.database).save({ username: 'anna', displayName: 'Anna de Vries', role: 'purchaser', password: PASSWORD });
  app = await buildConsole({ client: withoutVisibility(world.env.client), database: world.database, editions: new EditionStore({ extra: [zg] }), taskQueue: world.taskQueue, secret: 'q'.repeat(40), sessionMinutes: 600, now: () => clock });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 }, locale: 'nl-NL' });
  page.setDefaultTimeout(60_000);

  // Two ZG institutions invited to the purchase conversation; each asks a question that Thursday.
  await sleepUntil('2056-05-04T09:00');
  for (const agb of [ANSWERED, WAITING]) {
    const handle = await world.start(zg, zgInstitution(agb));
    await world.settle(handle, (v) => v.history.some((h) => h.event === 'INVITATION_SENT'));
    await handle.executeUpdate(COMMANDS.question.update, { args: [{ subject: `AGB ${agb} ZG: wanneer is het gesprek?`, receivedOn: '2056-05-04', by: 'inkoper' }] });
    handles.set(agb, handle);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await world?.close();
});

const rows = () => page.getByTestId('worklist').locator('tbody tr');
/** A page of the console, signed in again where the session has ended (a session lasts 12 hours of the console's clock, and the test moves it by days). */
async function visit(path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  if (!(await page.getByLabel('Wachtwoord').count())) return;
  await page.getByLabel('Gebruikersnaam').fill('anna');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}
const questionsList = (list: 'questions' | 'overdueQuestions') => visit(`/werklijsten?beleid=${zg.id}&lijst=${list}`);
const overdue = async () => (await new LocalStaffInbox(world.database).messages()).filter((m) => m.kind === 'question-overdue').map((m) => m.agbCode);

test('a purchaser answers a question from "Open vragen" on the provider page: the question is answered, gone from the worklist, and never escalated', async () => {
  await questionsList('questions');
  await page.getByRole('heading', { name: 'Open vragen' }).waitFor();
  // Both questions, with the day they came and their due day (Ascension Day, 11 May, does not count).
  expect(await rows().count()).toBe(2);
  for (const agb of [ANSWERED, WAITING]) {
    const row = page.locator(`tr[data-question="${handles.get(agb)!.workflowId}#1"]`);
    expect(await row.textContent()).toContain(`AGB ${agb} ZG: wanneer is het gesprek?`);
    expect(await row.textContent()).toContain('donderdag 4 mei 2056');
    expect(await row.locator('td[data-due]').textContent()).toBe('vrijdag 12 mei 2056');
  }
  await page.screenshot({ path: join(shotsDir, 'worklist-questions.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);

  // From the row to the provider page, where the answer form is.
  await page.locator(`tr[data-question="${handles.get(ANSWERED)!.workflowId}#1"] a`).click();
  await page.getByRole('heading', { name: 'Vragen van de zorgaanbieder' }).waitFor();
  const form = page.locator('form[data-action=answerQuestion]');
  await form.getByLabel('Vraag nummer').fill('1');
  await form.getByLabel('Antwoord').fill('Wij nemen deze week contact met u op.');
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByTestId('flash').getByText('Vastgelegd.').waitFor();
  expect(await page.getByTestId('questions').locator('tr[data-question="1"]').textContent()).toContain('Wij nemen deze week contact met u op. (anna)');
  await page.screenshot({ path: join(shotsDir, 'provider-question-answered.png'), fullPage: true });

  // The track has the answer, by the signed-in purchaser; the worklist has only the other question.
  const view = await handles.get(ANSWERED)!.query(statusQuery);
  expect(view.questions).toMatchObject([{ number: 1, answered: { by: 'anna', answer: 'Wij nemen deze week contact met u op.' } }]);
  expect(view.accepts).not.toContain('answerQuestion');
  await questionsList('questions');
  expect(await rows().count()).toBe(1);
  expect(await page.locator(`tr[data-question="${handles.get(WAITING)!.workflowId}#1"]`).count()).toBe(1);

  // The fifth working day is over: the question left waiting is escalated and past its target; the answered one is not.
  await sleepUntil('2056-05-12T23:30');
  await questionsList('overdueQuestions');
  expect(await page.getByText('Niets te doen.').count()).toBe(1);
  await sleepUntil('2056-05-13T00:30');
  await world.settle(handles.get(WAITING)!, (v) => v.history.some((h) => h.event === 'QUESTION_OVERDUE'));
  expect(await overdue()).toEqual([WAITING]);
  expect((await handles.get(ANSWERED)!.query(statusQuery)).questions?.[0]?.overdue).toBeUndefined();
  await questionsList('overdueQuestions');
  expect(await rows().count()).toBe(1);
  expect(await page.locator(`tr[data-question="${handles.get(WAITING)!.workflowId}#1"]`).count()).toBe(1);

  // A week on, still no escalation of the answered question.
  await sleepUntil('2056-05-20T10:00');
  await world.settle(handles.get(ANSWERED)!, () => true);
  expect(await overdue()).toEqual([WAITING]);
});

test("the season overview counts the questions past their target, and the week's figure: one in time, one open past its due day", async () => {
  await visit(`/seizoen?beleid=${zg.id}`);
  expect(await page.getByTestId('worklist-overdueQuestions').textContent()).toBe('1');
  expect(await page.getByTestId('worklist-questions').textContent()).toBe('1');
  const total = page.getByTestId('reachability-total');
  const cell = (c: string) => total.locator(`td[data-total="${c}"]`).textContent();
  expect([await cell('received'), await cell('inTime'), await cell('late'), await cell('overdue'), await cell('notYetDue'), await cell('share')]).toEqual(['2', '1', '0', '1', '0', '50%']);
  expect(await page.locator('tr[data-week="2056-05-01"] td[data-column=received]').textContent()).toBe('2');
  await page.screenshot({ path: join(shotsDir, 'overview-reachability.png'), fullPage: true });
  expect(await accessibilityProblems(page)).toEqual([]);
  const csv = await page.request.get(`${base}/export/bereikbaarheid.csv?beleid=${zg.id}`);
  expect(await csv.text()).toContain('2056-05-01;2;1;0;1;0;0,500');
});
