/**
 * The health and readiness endpoints a platform probes (docs/operations.md, "Deployment"): the
 * finder's and the console's `/gezond` (the process answers) and `/gereed` (it can serve: the
 * database answers, and for the console Temporal too). Over real HTTP; what waits is named,
 * never why (both are public).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { EditionStore } from '../../activities/edition-store';
import { Database } from '../../db/database';
import { buildFinder } from '../../web/finder';
import { testDatabase } from '../helpers/database';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { startConsole } from './console-http';

let database: Database;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  database = await testDatabase('health');
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
  await database?.close();
});

test('the finder is alive and ready while its database answers; not ready (503, "database") when it does not', async () => {
  const app = await buildFinder({ database, editions: new EditionStore() });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    expect(await (await fetch(`${base}/gezond`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base}/gereed`)).json()).toEqual({ ok: true });
  } finally {
    await app.close();
  }
  // A database that does not answer: nothing listens on its port.
  const away = new Database('postgres://zorginkoop:x@127.0.0.1:1/zorginkoop');
  const down = await buildFinder({ database: away, editions: new EditionStore() });
  const downBase = await down.listen({ host: '127.0.0.1', port: 0 });
  try {
    expect((await fetch(`${downBase}/gezond`)).status).toBe(200);
    const ready = await fetch(`${downBase}/gereed`);
    expect(ready.status).toBe(503);
    const body = await ready.text();
    expect(JSON.parse(body)).toEqual({ ok: false, waitsFor: ['database'] });
    expect(body).not.toContain('127.0.0.1');
  } finally {
    await down.close();
    await away.close();
  }
});

test('the console is ready when the database and Temporal answer; with Temporal away it names "temporal", signed out', async () => {
  const ready = await startConsole('health-ready', { client: env.client, database });
  try {
    expect(await (await fetch(`${ready.base}/gereed`)).json()).toEqual({ ok: true });
  } finally {
    await ready.close();
  }
  // No client given: a lazy connection to a port where nothing listens.
  const away = await startConsole('health-away', { database });
  try {
    const answer = await fetch(`${away.base}/gereed`, { redirect: 'manual' });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ ok: false, waitsFor: ['temporal'] });
    expect((await fetch(`${away.base}/gezond`)).status).toBe(200);
  } finally {
    await away.close();
  }
});
