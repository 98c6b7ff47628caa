/**
 * Benchmark: the console's season overview with N tracks, on the real cluster (`npm run cluster`:
 * the built Temporal server, SQL visibility on PostgreSQL) or with `--dev` on the CLI's dev server.
 *
 *   1. N stand-ins for tracks (runtime/idle-tracks.ts: a workflow that waits, with the search
 *      attributes a track keeps, every public status, a tenth closed), started 50 at a time, and a
 *      worker for them (it answers the study-time check's queries);
 *   2. waits until visibility counts them all;
 *   3. the real console (`scripts/console.ts --demo-users`, a process of its own) on that server,
 *      signed in as vera: GET /seizoen?beleid=... the first look (the console read the listing when
 *      it started), warm (within the freshness: served as read), and stale (after it: served while
 *      read again); the console's own log of each read (its listing and study-time check);
 *   4. before: the visibility calls the overview made until now (a count per status, four counts
 *      for the worklists, three listings), timed from a client;
 *   5. the overview's counts against `workflow count` per status (the same call `temporal workflow
 *      count --query "ZorgPolicy = '...' AND ZorgStatus = '...'"` makes).
 *
 * On the cluster, its dynamic config is first set as in production (`--as-set-up` keeps the testing
 * setting `system.forceSearchAttributesCacheRefreshOnRead`: with it, one listing of 10,000 tracks
 * took 20.6 s instead of 0.8 to 1.7 s, and the server refused calls with "System Persistence Max QPS
 * Reached").
 *
 *   flock /work/heavy.lock npm run bench:overview -- 10000 [--dev] [--as-set-up]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { startPrivateDatabase } from '../db/embedded';
import { PUBLIC_STATUSES } from '../machines/statuses';
import { startCluster } from '../runtime/cluster';
import { freePort, startDevServer } from '../runtime/dev-server';
import { startIdleTracks, startIdleWorker } from '../runtime/idle-tracks';
import { DEMO_PASSWORD } from '../web/console/start';
import { OVERVIEW_FRESHNESS } from '../web/console/overview';
import { runScript, sleep } from './local-run';

const ROOT = resolve(__dirname, '..');
const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const dev = process.argv.includes('--dev');
/** Keep the cluster's dynamic config as `npm run cluster` sets it up (with the testing setting below). */
const asSetUp = process.argv.includes('--as-set-up');
const policy = 'zg-2026';
const say = (line: string) => process.stdout.write(`bench-overview: ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The Temporal server: the cluster, or the dev server with a private database for the console. */
async function server(): Promise<{ address: string; databaseUrl: string; stop(): Promise<void> }> {
  if (!dev) {
    // As in production, the cluster drops the setup's testing setting (search attributes read from
    // the database on every read) once its attributes are registered; the server reads the file
    // every 10 s: wait for that before anything is measured. `--as-set-up` keeps it.
    const cluster = await startCluster({ log: say, keepSetupConfig: asSetUp });
    if (!asSetUp) await sleep(11_000);
    return { address: cluster.address, databaseUrl: cluster.recordUrl, stop: () => cluster.stop() };
  }
  const { env, address } = await startDevServer();
  const db = await startPrivateDatabase();
  return {
    address,
    databaseUrl: db.url,
    async stop() {
      await env.teardown();
      await db.stop();
    },
  };
}

/** What the console logged of its reads of visibility. */
const reads: string[] = [];

/** The console as a process of its own; resolves with its address once it listens. */
function startConsoleProcess(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/console.ts', '--demo-users'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) done({ child, base: m[1]! });
      // What the console says of its reads of visibility (JSON lines).
      for (const line of chunk.toString().split('\n')) {
        if (!line.includes('season overview')) continue;
        reads.push(line.replace(/"(level|time|pid|hostname)":[^,]*,/g, ''));
        say(`console: ${reads[reads.length - 1]}`);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`the console exited ${code}: ${output}`)));
  });
}

/** Signs in as vera (viewer): the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/inloggen`, { redirect: 'manual' });
  const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const body = new URLSearchParams({ _csrf: csrf, gebruikersnaam: 'vera', wachtwoord: DEMO_PASSWORD, terug: '/export' }).toString();
  const signed = await fetch(`${base}/inloggen`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
  if (signed.status !== 302) throw new Error(`vera could not sign in: ${signed.status}`);
  return signed.headers.get('set-cookie')!.split(';')[0]!;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const began = Date.now();
  const temporal = await server();
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-overview-'));
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: 'default' });
  const native = await NativeConnection.connect({ address: temporal.address });
  const taskQueue = 'bench-overview';
  const worker = await startIdleWorker(native, taskQueue);
  try {
    say(`${dev ? 'dev server' : 'cluster'} ${temporal.address} ready in ${seconds(Date.now() - began)}`);
    const p = `ZorgPolicy = '${policy}'`;
    const countOf = async (query: string) => (await client.workflow.count(query)).count;

    // 1. The stand-ins.
    let t = Date.now();
    await startIdleTracks(client, { policy, count, workflowType: 'idleWorkflow', taskQueue, started: (i) => i % 1000 === 999 && say(`${i + 1} started`) });
    const started = Date.now() - t;
    // 2. Visibility counts them all, the closed ones closed.
    const closed = Math.floor(count / 10);
    while ((await countOf(p)) < count || (await countOf(`${p} AND ExecutionStatus = 'Terminated'`)) < closed) await sleep(2000);
    say(`${count} tracks started in ${seconds(started)} (${Math.round(count / (started / 1000))}/s), visible after ${seconds(Date.now() - t)}`);
    // The worker has run every running stand-in's first task, as a season's tracks have long done:
    // a query waits for it (the overview's study-time check asks some). Each marks it (ZorgTier).
    const running = `${p} AND ExecutionStatus = 'Running'`;
    while ((await countOf(`${running} AND ZorgTier = 'idle'`)) < (await countOf(running))) await sleep(2000);
    say(`the worker has run their first tasks after ${seconds(Date.now() - t)}`);

    // The listing the overview reads, page by page, from a client.
    await sleep(3000);
    t = Date.now();
    const pages: number[] = [];
    let listed = 0;
    let token: Uint8Array | undefined;
    do {
      const at = Date.now();
      const page = await connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: p, pageSize: 1000, nextPageToken: token });
      pages.push(Date.now() - at);
      listed += page.executions?.length ?? 0;
      token = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (token);
    say(`one listing of ${p}: ${listed} in ${pages.length} pages, ${seconds(Date.now() - t)} (pages: ${pages.map(seconds).join(', ')})`);

    // 3. The console's overview: cold, warm, stale.
    const port = await freePort();
    const consoleEnv = { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', ZORGINKOOP_DATABASE_URL: temporal.databaseUrl, ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_CONSOLE_HOST: '127.0.0.1', ZORGINKOOP_CONSOLE_PORT: String(port) };
    const { child, base } = await startConsoleProcess(consoleEnv);
    children.push(child);
    const cookie = await signIn(base);
    const overview = async () => {
      const at = Date.now();
      const answer = await fetch(`${base}/seizoen?beleid=${policy}`, { headers: { cookie } });
      const body = await answer.text();
      if (answer.status !== 200) throw new Error(`the overview answered ${answer.status}: ${body.slice(0, 300)}`);
      return { ms: Date.now() - at, body };
    };
    // The server's visibility rate limit refills (10 a second by default).
    await sleep(3000);
    const cold = await overview();
    say(`overview, first look: ${seconds(cold.ms)}`);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await overview()).ms);
    say(`overview warm: ${warm.map(seconds).join(', ')}`);
    await sleep(OVERVIEW_FRESHNESS.freshMs + 1000);
    const stale = await overview();
    say(`overview stale: ${seconds(stale.ms)}`);
    // The read in the background is done when the page says a later time.
    const readAtOf = (body: string) => /data-read-at="([^"]+)"/.exec(body)?.[1];
    let refreshed = await overview();
    for (let i = 0; i < 300 && readAtOf(refreshed.body) === readAtOf(cold.body); i++) {
      await sleep(1000);
      refreshed = await overview();
    }

    // 4. Before: the overview's visibility calls until now, from a client (no status queries).
    await sleep(3000);
    t = Date.now();
    const now = DateTime.now();
    const week = now.setZone('Europe/Amsterdam').startOf('week');
    const iso = (d: DateTime) => d.toUTC().toISO();
    const list = async (query: string) => {
      let n = 0;
      try {
        for await (const _ of client.workflow.list({ query })) n++;
      } catch (err) {
        say(`before: listing ${query} failed after ${n}: ${(err as Error).message}`);
      }
      return n;
    };
    const [perStatus] = await Promise.all([
      Promise.all(PUBLIC_STATUSES.map((s) => countOf(`${p} AND ZorgStatus = '${s}'`))),
      ...['IN_CONVERSATION', 'UNDER_ASSESSMENT', 'NEEDS_ATTENTION'].map((s) => countOf(`${p} AND ZorgStatus = '${s}'`)),
      countOf(`${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.plus({ days: 7 }))}'`),
      list(`${p} AND ExecutionStatus = 'Running' AND ZorgNextDeadline >= '${iso(week)}' AND ZorgNextDeadline < '${iso(week.plus({ weeks: 12 }))}'`),
      list(`${p} AND (ZorgStatus = 'UNDER_ASSESSMENT' OR ZorgStatus = 'DOCUMENTS_REQUESTED')`),
      list(`${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.startOf('day').plus({ days: 29 }))}'`),
    ]);
    const before = Date.now() - t;
    say(`before: ${seconds(before)}`);

    // 5. The overview's counts against `workflow count` per status.
    const shown = Object.fromEntries([...refreshed.body.matchAll(/data-count="([A-Z_]+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));
    const differ = PUBLIC_STATUSES.filter((s, i) => (shown[s] ?? 0) !== perStatus[i]);
    const readAt = /data-testid="read-at"[^>]*>([^<]+)</.exec(refreshed.body)?.[1];
    process.stdout.write(
      [
        `tracks: ${count} under ${policy} (${closed} closed), on ${dev ? 'the dev server' : 'the cluster (SQL visibility, PostgreSQL)'}`,
        `the console's first read (one listing, ${Math.ceil(count / 1000)} pages, and the study-time check; at its start, before anyone looks): ${reads[0] ?? '(not logged)'}`,
        `overview, first look: ${seconds(cold.ms)}`,
        `overview warm (served as read, ${OVERVIEW_FRESHNESS.freshMs / 1000} s): ${warm.map(seconds).join(', ')}`,
        `overview stale (served while read again): ${seconds(stale.ms)}; after that read: ${seconds(refreshed.ms)}`,
        `before: the overview's ${PUBLIC_STATUSES.length + 4 + 3} visibility calls (a count per status, 4 worklist counts, 3 listings), from a client: ${seconds(before)}`,
        `page says: ${readAt ?? '(no read-at line)'}`,
        `counts per status (overview = workflow count): ${PUBLIC_STATUSES.map((s, i) => `${s} ${shown[s] ?? 0}${(shown[s] ?? 0) === perStatus[i] ? '' : ` (count ${perStatus[i]})`}`).join(', ')}`,
        differ.length ? `DIFFERENT: ${differ.join(', ')}` : `every status equal (${PUBLIC_STATUSES.length}), total ${perStatus.reduce((a, b) => a + b, 0)}`,
      ].join('\n') + '\n',
    );
    if (differ.length) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await worker.stop().catch(() => undefined);
    await connection.close();
    await native.close();
    await temporal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runScript(main);
