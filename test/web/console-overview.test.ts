/**
 * The season overview's figures come from one listing of an edition's tracks, kept in the console
 * for a short time (web/console/overview.ts), and are still the counts `workflow count` gives: on
 * the real dev server, with stand-ins for tracks over every status (runtime/idle-tracks.ts), a
 * tenth of them closed.
 */
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { PUBLIC_STATUSES } from '../../machines/statuses';
import { startDevServer } from '../../runtime/dev-server';
import { startIdleTracks, startIdleWorker } from '../../runtime/idle-tracks';
import { Recent } from '../../web/console/overview';
import { eventually } from '../helpers/eventually';
import { call, signIn, startConsole, type TestConsole } from './console-http';

const policy = 'zg-2026';
/** data-count="STATUS">n< of the overview's status table. */
const countsOn = (html: string) => Object.fromEntries([...html.matchAll(/data-count="([A-Z_]+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));
const sizesOn = (html: string) => Object.fromEntries([...html.matchAll(/data-testid="worklist-([a-zA-Z]+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));

describe('kept for a short time (stale-while-revalidate)', () => {
  let clock = 0;
  let reads = 0;
  let release: (() => void) | undefined;
  /** A read that finishes when released, with the number of the read. */
  const read = () =>
    new Promise<number>(
      (done) =>
        (release = () => {
          release = undefined;
          done(++reads);
        }),
    );
  const recent = new Recent<number>({ freshMs: 1000, staleMs: 10_000 }, () => undefined, () => clock);

  test('concurrent requests share one read; within freshMs nothing is read; older, the old value is served while one new read runs; past staleMs a request waits', async () => {
    const a = recent.get('zg', read);
    const b = recent.get('zg', read);
    release!();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    clock = 999;
    expect(await recent.get('zg', read)).toBe(1);
    // Nothing read, nothing reading.
    expect(release).toBeUndefined();
    // Stale: served as it was, one read in the background for all.
    clock = 1500;
    expect(await recent.get('zg', read)).toBe(1);
    expect(await recent.get('zg', read)).toBe(1);
    release!();
    await new Promise((r) => setImmediate(r));
    expect(await recent.get('zg', read)).toBe(2);
    expect(reads).toBe(2);
    // Too old to serve: the request waits for the read.
    clock = 1500 + 10_000;
    const waiting = recent.get('zg', read);
    release!();
    expect(await waiting).toBe(3);
  });

  test('a background read that fails keeps the old value and says so; a waiting one fails its request', async () => {
    const failures: unknown[] = [];
    let t = 0;
    const kept = new Recent<number>({ freshMs: 10, staleMs: 100 }, (err) => failures.push(err), () => t);
    expect(await kept.get('zg', async () => 7)).toBe(7);
    t = 50;
    expect(await kept.get('zg', () => Promise.reject(new Error('Temporal is away')))).toBe(7);
    await new Promise((r) => setImmediate(r));
    expect(failures).toHaveLength(1);
    t = 500;
    await expect(kept.get('zg', () => Promise.reject(new Error('Temporal is away')))).rejects.toThrow('Temporal is away');
  });
});

describe('one listing per edition, not a count per status', () => {
  let c: TestConsole;
  const calls: string[] = [];
  const client = {
    workflow: {
      count: async (query: string) => (calls.push(`count ${query}`), { count: 0, groups: [] }),
      list: (options: { query: string }) => (calls.push(`list ${options.query}`), (async function* () {})()),
    },
  } as unknown as Client;
  beforeAll(async () => {
    c = await startConsole('console_overview_calls', { client });
  });
  afterAll(async () => c?.close());

  test('the overview reads visibility once, says when, and a second look within the freshness reads nothing', async () => {
    const { cookie } = await signIn(c.base, 'viewer');
    const first = await call(c.base, { url: `/seizoen?beleid=${policy}`, headers: { cookie } });
    expect(first.status).toBe(200);
    expect(calls).toEqual([`list ZorgPolicy = '${policy}'`]);
    expect(first.body).toMatch(/data-testid="read-at" data-read-at="[-\d]+T[\d:.]+Z">Stand van de trajecten: \w+dag \d+ \w+ \d{4}, \d\d:\d\d\.</);
    const again = await call(c.base, { url: `/seizoen?beleid=${policy}`, headers: { cookie } });
    expect(again.status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

test('a console process reads the opening edition when it starts: the first look is served from that read', async () => {
  const calls: string[] = [];
  const client = {
    workflow: {
      // zg-2026 has open tracks: the overview opens there.
      count: async (query: string) => (calls.push(`count ${query}`), { count: query.includes(`'${policy}'`) ? 5 : 0, groups: [] }),
      list: (options: { query: string }) => (calls.push(`list ${options.query}`), (async function* () {})()),
    },
  } as unknown as Client;
  const c = await startConsole('console_overview_prefetch', { client, prefetchOverview: true });
  try {
    await eventually(async () => calls.filter((q) => q.startsWith('list')).length, (n) => n === 1);
    expect(calls.filter((q) => q.startsWith('list'))).toEqual([`list ZorgPolicy = '${policy}'`]);
    const before = calls.length;
    const { cookie } = await signIn(c.base, 'viewer');
    expect((await call(c.base, { url: '/seizoen', headers: { cookie } })).body).toContain(`beleid=${policy}`);
    expect(calls.slice(before)).toEqual([]);
  } finally {
    await c.close();
  }
});

describe('on the dev server: the counts equal `workflow count`', () => {
  let env: TestWorkflowEnvironment;
  let c: TestConsole;
  let worker: { stop(): Promise<void> } | undefined;
  const total = 84;
  beforeAll(async () => {
    ({ env } = await startDevServer());
    // The worker answers the study-time check's queries at once (without one, each waits 30 s).
    worker = await startIdleWorker(env.nativeConnection, 'console-overview');
    await startIdleTracks(env.client, { policy, count: total, workflowType: 'idleWorkflow', taskQueue: 'console-overview' });
    c = await startConsole('console_overview_counts', { client: env.client, overviewFreshness: { freshMs: 0, staleMs: 0 } });
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await worker?.stop();
    await env?.teardown();
  });

  test('every status, the worklists of tracks and the weeks ahead, as the count queries answer them', async () => {
    const count = async (query: string) => (await env.client.workflow.count(query)).count;
    const p = `ZorgPolicy = '${policy}'`;
    // Visibility has settled: every stand-in listed, the closed ones closed.
    await eventually(() => count(`${p} AND ExecutionStatus = 'Terminated'`), (n) => n === Math.floor(total / 10));
    const { cookie } = await signIn(c.base, 'viewer');
    const page = await eventually(
      () => call(c.base, { url: `/seizoen?beleid=${policy}`, headers: { cookie } }),
      (a) => Number(/data-testid="total">(\d+)</.exec(a.body)?.[1]) === total,
    );
    const shown = countsOn(page.body);
    for (const status of PUBLIC_STATUSES) expect({ status, count: shown[status] ?? 0 }).toEqual({ status, count: await count(`${p} AND ZorgStatus = '${status}'`) });
    expect(Object.values(shown).reduce((a, b) => a + b, 0)).toBe(total);

    const sizes = sizesOn(page.body);
    const week = DateTime.now().plus({ days: 7 }).toUTC().toISO();
    expect(sizes).toMatchObject({
      conversations: await count(`${p} AND ZorgStatus = 'IN_CONVERSATION'`),
      assessments: await count(`${p} AND ZorgStatus = 'UNDER_ASSESSMENT'`),
      attention: await count(`${p} AND ZorgStatus = 'NEEDS_ATTENTION'`),
      expiring: await count(`${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${week}'`),
      escalations: 0,
    });

    const start = DateTime.now().setZone('Europe/Amsterdam').startOf('week');
    const inWeeks = [...page.body.matchAll(/data-series="[a-z]+">(\d+)</g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(inWeeks).toBe(await count(`${p} AND ExecutionStatus = 'Running' AND ZorgNextDeadline >= '${start.toUTC().toISO()}' AND ZorgNextDeadline < '${start.plus({ weeks: 12 }).toUTC().toISO()}'`));
    expect(inWeeks).toBeGreaterThan(0);
  });
});
