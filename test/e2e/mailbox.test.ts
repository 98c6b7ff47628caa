/**
 * The purchasing mailbox through the real entry points (000 s5 "Vragen over zorginkoop ...
 * Vermeld ... in het onderwerp uw AGB-code en zorgsoort"): the local catcher as `npm start` runs
 * it (`tsx scripts/mail-catcher.ts`) keeps a provider's e-mail to the purchasing address in the
 * database; the worker process (`tsx worker.ts`) files it on the provider's track on the real dev
 * server; the built CLI (`bin/zorginkoop.js`) shows the question and records the answer, which
 * the worker's relay sends back through the catcher, threaded to the question.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/database';
import { DEMO_BASE, writeDemo, type Demo } from '../../runtime/demo';
import { freePort, startDevServer } from '../../runtime/dev-server';
import { databaseEnv, testDatabase } from '../helpers/database';
import { edition } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { runBuiltCli, startProcess, stopProcesses } from '../helpers/process';

const PURCHASING = 'zorginkoop@caresq.example';
const AGB = '01000997';

let env: TestWorkflowEnvironment;
let database: Database;
let dataDir: string;
let demo: Demo;
let processEnv: Record<string, string>;
const children: ChildProcess[] = [];

const bin = (...argv: string[]) => runBuiltCli(argv, processEnv);

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  database = await testDatabase('e2e-mailbox');
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-mailbox-'));
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  const smtpPort = await freePort();
  processEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: 'e2e-mailbox', ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ZORGINKOOP_PURCHASING_ADDRESS: PURCHASING, ...databaseEnv(database) };
  const catcher = await startProcess(['scripts/mail-catcher.ts'], processEnv, /goes to the purchasing mailbox/);
  const worker = await startProcess(['worker.ts'], processEnv, /polling task queue/);
  children.push(catcher.child, worker.child);
  expect(worker.output()).toContain(`questions to ${PURCHASING} are filed on their tracks (from the local catcher)`);
});
afterAll(async () => {
  await stopProcesses(children);
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('000 s5: a provider e-mails a question to the purchasing address; the worker files it on its track; the answer from the CLI reaches the provider threaded to it', async () => {
  const providers = join(dataDir, 'een-aanbieder.json');
  const provider = JSON.parse(readFileSync(demo.providersFile, 'utf8'))[0];
  writeFileSync(providers, JSON.stringify([{ ...provider, agbCode: AGB, name: 'Visio Postbus', email: 'contract@visio-postbus.example', locations: [{ ...provider.locations[0], agbCode: AGB }] }]));
  expect(await bin('campaign', 'start', demo.edition.id, '--providers', providers)).toMatchObject({ code: 0, out: expect.stringMatching(/^1 started/) });

  const smtp = nodemailer.createTransport({ url: processEnv.ZORGINKOOP_SMTP_URL!, ignoreTLS: true });
  // To the address the edition publishes (its contact.email), as a provider reading the policy writes.
  await smtp.sendMail({ from: 'Visio <contract@visio-postbus.example>', to: demo.edition.contact!.email, subject: `AGB ${AGB} zintuiglijk gehandicaptenzorg`, text: 'Wanneer is het inkoopgesprek?', messageId: '<vraag@visio-postbus.example>' });
  smtp.close();

  const status = await eventually(() => bin('status', AGB, '--policy', demo.edition.id), (s) => s.out.includes('Wanneer') || s.out.includes(`AGB ${AGB} zintuiglijk`));
  expect(status.out).toContain(`AGB ${AGB} zintuiglijk gehandicaptenzorg`);
  expect(await bin('answer-question', AGB, '--policy', demo.edition.id, '--number', '1', '--answer', 'In de week van 14 september.', '--by', 'inkoper')).toMatchObject({ code: 0 });

  // The catcher keeps every e-mail it takes as an .eml file in the data folder's mailbox.
  const folder = join(dataDir, 'mailbox');
  const answer = await eventually(
    async () => readdirSync(folder).map((f) => readFileSync(join(folder, f), 'utf8')).find((eml) => eml.includes('In-Reply-To: <vraag@visio-postbus.example>')),
    (eml) => eml !== undefined,
  );
  expect(answer).toMatch(/^To: contract@visio-postbus\.example/m);
  expect(answer).toMatch(/^Subject: Re: AGB 01000997 zintuiglijk gehandicaptenzorg/m);
  const row = await database.db.selectFrom('inbound_mail').selectAll().executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'filed', placed_by: 'subject', workflow_id: `contracting/${demo.edition.id}/${AGB}`, question: 1 });
});
