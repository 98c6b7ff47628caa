/**
 * The production shape, under faults (issue 25): `npm run cluster`'s stack (a Temporal server
 * built from its Go module, its persistence and SQL visibility on Debian's PostgreSQL, the record
 * in a second database there) with two worker processes and two console processes, as a platform
 * team runs them behind a proxy (one console secret, sessions in the record):
 *
 *   1. `campaign start` (the built CLI) of N providers; a worker is killed (SIGKILL) once a third
 *      of the tracks exist, and a new one started;
 *   2. every provider signs, recorded through the consoles' own form (POST /aanbieder/<id>/sign),
 *      alternately on console A and console B with one session signed in on A; half way through
 *      the PostgreSQL server (Temporal's databases and the record) is restarted;
 *   3. every console page on both consoles answers 200, and every CLI list and count exits 0;
 *   4. the overview's count per status (the season page, `data-count`) equals
 *      `temporal workflow count` on the cluster for every status;
 *   5. per provider: one offer, one offer e-mail, one contract, one listing.
 *
 *   npm run fault:cluster -- 1000      (default 1000; prints the figures, exits 1 on a fault)
 *
 * Needs the built server (`npm run build:temporal-server`) and Debian's postgresql. The
 * providers are fault:worker-restart's haarwerken suppliers (a direct offer at once; the copy's
 * publication day has passed, so each signature is listed at once).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Database } from '../db/database';
import { PUBLIC_STATUSES } from '../machines/statuses';
import { providerWorkflowId } from '../policies/ids';
import { startCluster } from '../runtime/cluster';
import { freePort } from '../runtime/dev-server';
import { startMailCatcher } from '../runtime/mail-catcher';
import { resolveTemporalBinary, TEMPORAL_CLI } from '../runtime/temporal-binaries';
import { ConsoleUsers } from '../web/console/users';
import { faultProviders, writeFaultEdition } from './fault-worker-restart';
import { killGroup, oneOfEach, runScript, sleep, startWorkerProcess, stopWorkers, untilSettled } from './local-run';

const count = Number(process.argv[2] ?? 1000);
const ROOT = resolve(__dirname, '..');
const KIND = 'haarwerken';
const STAFF = { username: 'coordinator', password: 'een-lang-wachtwoord-voor-de-foutproef' };

/** The staff CLI as staff run it: the built bin in a process of its own. */
function bin(argv: string[], env: Record<string, string>): { code: number; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'zorginkoop.js'), ...argv], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status ?? 1, out: run.stdout ?? '', err: `${run.stderr ?? ''}${run.error ? run.error.message : ''}` };
}

/** A console process (`tsx scripts/console.ts`) on `port`, ready when its readiness endpoint answers 200. */
async function startConsoleProcess(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'console.ts')], { cwd: ROOT, env: { ...process.env, ...env, ZORGINKOOP_CONSOLE_PORT: String(port) }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`the console on ${port} stopped (exit ${child.exitCode}): ${stderr}`);
    if (await fetch(`${base}/gereed`).then((r) => r.status === 200, () => false)) return { child, base };
  }
  throw new Error(`the console on ${port} was not ready within a minute: ${stderr}`);
}

interface Answer {
  status: number;
  location: string | null;
  cookie: string | null;
  body: string;
}

async function call(base: string, url: string, options: { cookie?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${base}${url}`, {
    method: options.form ? 'POST' : 'GET',
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), cookie: response.headers.get('set-cookie'), body: await response.text() };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Signs in as staff on `base`: the session cookie and a page's CSRF token. */
async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const form = await call(base, '/inloggen');
  const start = form.cookie!.split(';')[0]!;
  const signed = await call(base, '/inloggen', { cookie: start, form: { _csrf: csrfOf(form.body), gebruikersnaam: STAFF.username, wachtwoord: STAFF.password, terug: '/export' } });
  if (signed.status !== 302 || signed.location !== '/export') throw new Error(`no sign-in on ${base}: ${signed.status} ${signed.body.slice(0, 200)}`);
  const cookie = signed.cookie!.split(';')[0]!;
  return { cookie, csrf: csrfOf((await call(base, '/export', { cookie })).body) };
}

async function main() {
  const began = Date.now();
  const say = (line: string) => process.stdout.write(`${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);
  const faults: string[] = [];
  // fsync on, as a production PostgreSQL: the restart below must lose nothing committed.
  const cluster = await startCluster({ durable: true, log: say });
  const catcher = await startMailCatcher();
  const dataDir = mkdtempSync(join(tmpdir(), 'fault-cluster-'));
  const { policy, year } = writeFaultEdition(dataDir);
  const shared: Record<string, string> = {
    ...cluster.env,
    TEMPORAL_TASK_QUEUE: 'fault-cluster',
    ZORGINKOOP_DATA_DIR: dataDir,
    ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
    ZORGINKOOP_LOG_LEVEL: 'ERROR',
    ZORGINKOOP_CONSOLE_SECRET: 'f'.repeat(48),
  };
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection, namespace: 'default' });
  const record = new Database(cluster.recordUrl);
  const workers: ChildProcess[] = [];
  const consoles: ChildProcess[] = [];
  try {
    const providers = faultProviders(count, year).map((p, i) => ({ ...p, email: `haarwerken${i}@leverancier.example` }));
    const file = join(dataDir, 'providers.json');
    writeFileSync(file, JSON.stringify(providers));
    await new ConsoleUsers(record).save({ username: STAFF.username, displayName: 'Coördinator foutproef', role: 'coordinator', password: STAFF.password });
    workers.push(startWorkerProcess(shared, () => {}), startWorkerProcess(shared, () => {}));
    const [a, b] = await Promise.all([startConsoleProcess(shared, await freePort()), startConsoleProcess(shared, await freePort())]);
    consoles.push(a.child, b.child);
    say(`two workers (pids ${workers.map((w) => w.pid).join(', ')}), two consoles (${a.base}, ${b.base}), SMTP catcher on ${catcher.port}`);

    // 1. The fan-out, a worker killed a third of the way.
    const campaign = new Promise<ReturnType<typeof bin>>((done) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'zorginkoop.js'), '--json', 'campaign', 'start', policy, '--providers', file], { cwd: ROOT, env: { ...process.env, ...shared } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.on('close', (code) => done({ code: code ?? 1, out, err }));
    });
    const countOf = async (query: string) => (await client.workflow.count(query)).count;
    const policyQuery = `ZorgPolicy = '${policy}'`;
    while ((await countOf(policyQuery)) < Math.floor(count / 3)) await sleep(200);
    killGroup(workers[0]!, 'SIGKILL');
    say(`fault 1: worker ${workers[0]!.pid} killed (SIGKILL) with ${await countOf(policyQuery)} of ${count} tracks started; a new one started`);
    workers.push(startWorkerProcess(shared, () => {}));
    const started = await campaign;
    if (started.code !== 0) throw new Error(`campaign start exited ${started.code}: ${started.err.trim()}`);
    // An offer the killed worker held is sent again after its start-to-close time (a minute): wait longer than that.
    const offered = await untilSettled(() => countOf(`${policyQuery} AND ZorgStatus = 'OFFERED'`), count, 90_000, 500);
    say(`campaign started, ${offered} OFFERED`);

    // 2. The signatures through the consoles; half way, PostgreSQL restarts.
    const session = await signIn(a.base);
    let next = 0;
    let posted = 0;
    let retried = 0;
    let restarted: Promise<void> | undefined;
    const sign = async (provider: (typeof providers)[number], n: number) => {
      const base = n % 2 ? b.base : a.base;
      const id = providerWorkflowId(policy, provider.agbCode, KIND);
      for (let attempt = 1; ; attempt++) {
        const answer = await call(base, `/aanbieder/${encodeURIComponent(id)}/sign`, { cookie: session.cookie, form: { _csrf: session.csrf, note: 'getekend in het portaal' } }).catch((err: Error) => ({ status: 0, body: err.message }) as Answer);
        // The console answers a recorded signature, and a refusal, with a redirect to the page.
        if (answer.status === 302) return;
        if (attempt >= 120) throw new Error(`signature of ${provider.agbCode} on ${base}: ${answer.status} ${answer.body.slice(0, 200)}`);
        retried++;
        await sleep(500);
      }
    };
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < providers.length) {
          const n = next++;
          if (n === Math.floor(count / 2)) {
            say(`fault 2: PostgreSQL (Temporal's databases and the record) restarted with ${posted} of ${count} signatures recorded`);
            restarted = (async () => {
              await cluster.postgres.stop();
              await cluster.postgres.start();
              say(`PostgreSQL runs again (pid ${cluster.postgres.pid})`);
            })();
          }
          await sign(providers[n]!, n);
          posted++;
        }
      }),
    );
    await restarted;
    say(`${posted} signatures posted through the two consoles (${retried} answers retried)`);
    const living = [...workers.slice(1), ...consoles].filter((p) => p.exitCode === null && p.signalCode === null).length;
    if (living !== workers.length - 1 + consoles.length) faults.push(`${workers.length - 1 + consoles.length - living} worker or console processes stopped during the PostgreSQL restart`);
    // A publication the restart interrupted is retried: wait until nothing changes for 90 s.
    const published = await untilSettled(() => countOf(`${policyQuery} AND ZorgStatus = 'PUBLISHED'`), count, 90_000, 500);
    const settledAt = Date.now();
    say(`${published} PUBLISHED`);

    // 3. Every console page on both consoles (with the one session: the consoles share it) and every CLI read.
    const someId = encodeURIComponent(providerWorkflowId(policy, providers[0]!.agbCode, KIND));
    const pages = ['/seizoen', `/seizoen?beleid=${policy}`, ...['conversations', 'assessments', 'attention', 'expiring', 'escalations', 'questions', 'overdueQuestions'].map((l) => `/werklijsten?beleid=${policy}&lijst=${l}`), `/termijnen?beleid=${policy}`, '/campagne', '/campagne/voortgang', '/export', '/export/contracten.csv', '/export/zorgzoeker.csv', `/export/bereikbaarheid.csv?beleid=${policy}`, '/import', '/postbus', '/repetities', `/aanbieder/${someId}`, '/gezond', '/gereed'];
    const pageTimes: string[] = [];
    for (const base of [a.base, b.base]) {
      for (const url of pages) {
        const t0 = Date.now();
        const answer = await call(base, url, { cookie: session.cookie });
        pageTimes.push(`${url} ${Date.now() - t0} ms`);
        if (answer.status !== 200) faults.push(`console ${base}${url}: ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }
    say(`${pages.length} console pages on each console read (${faults.length ? 'see faults' : 'all 200'})`);
    const agb = providers[0]!.agbCode;
    const reads = [
      ['policies'], ['plan', policy], ['list', '--policy', policy], ['list', '--policy', policy, '--status', 'PUBLISHED'], ['providers', 'list', '--policy', policy],
      ['campaign', 'status', policy], ['status', agb, '--policy', policy], ['contracts', 'list', '--policy', policy], ['contracts', 'export', '--policy', policy], ['directory', 'export', '--policy', policy], ['questions', 'export', policy],
      ['mail', agb], ['audit', agb], ['inbox'], ['portal', agb], ['finder'],
    ];
    for (const argv of reads) {
      const run = bin(argv, shared);
      if (run.code !== 0) faults.push(`zorginkoop ${argv.join(' ')}: exit ${run.code}: ${run.err.trim().slice(0, 300)}`);
    }
    say(`${reads.length} CLI lists and counts run (the built bin)`);

    // 4. The overview's counts against `temporal workflow count` on the cluster.
    // The console keeps an edition's figures for a short time (web/console/overview.ts): read the
    // page until it says (data-read-at) they were read after every track had settled.
    let overview = '';
    for (const until = Date.now() + 120_000; Date.now() < until; await sleep(2000)) {
      overview = (await call(a.base, `/seizoen?beleid=${policy}`, { cookie: session.cookie })).body;
      const readAt = /data-read-at="([^"]+)"/.exec(overview)?.[1];
      if (!readAt || Date.parse(readAt) > settledAt) break;
    }
    const temporal = resolveTemporalBinary(TEMPORAL_CLI);
    if (!temporal) throw new Error('the Temporal CLI is not installed (npm run ensure-temporal)');
    const mismatches: string[] = [];
    const counted: string[] = [];
    for (const status of PUBLIC_STATUSES) {
      const shown = Number(new RegExp(`data-count="${status}">(\\d+)<`).exec(overview)?.[1] ?? 0);
      // The server's visibility limit (frontend.namespaceRPS.visibility, 10 a second by default) refuses bursts: ask again.
      let asked = spawnSync(temporal.path, ['workflow', 'count', '--address', cluster.address, '--namespace', 'default', '--query', `ZorgPolicy = '${policy}' AND ZorgStatus = '${status}'`], { encoding: 'utf8' });
      for (let attempt = 0; attempt < 20 && /rate limit/i.test(asked.stderr + asked.stdout); attempt++) {
        await sleep(1000);
        asked = spawnSync(temporal.path, ['workflow', 'count', '--address', cluster.address, '--namespace', 'default', '--query', `ZorgPolicy = '${policy}' AND ZorgStatus = '${status}'`], { encoding: 'utf8' });
      }
      const byCli = Number(/Total:\s*(\d+)/.exec(asked.stdout)?.[1] ?? NaN);
      if (shown !== byCli) mismatches.push(`${status}: overview ${shown}, temporal workflow count ${byCli} (${asked.stdout.trim() || asked.stderr.trim()})`);
      if (byCli) counted.push(`${status} ${byCli}`);
    }
    if (mismatches.length) faults.push(...mismatches.map((m) => `overview count ${m}`));
    say(`overview counts equal \`temporal workflow count\` for ${PUBLIC_STATUSES.length - mismatches.length} of ${PUBLIC_STATUSES.length} statuses (${counted.join(', ')})`);

    // 5. One of each per provider.
    const sentOffers = await untilSettled(async () => new Set(catcher.received.filter((m) => m.key?.endsWith('/offer')).map((m) => m.key)).size, count, 90_000);
    const { offers, mails, contracts, listings, faults: missing } = await oneOfEach(record, catcher.received, providers);
    faults.push(...missing);
    const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    const exactlyOne = (m: Map<string, number>) => [...m.values()].filter((n) => n === 1).length;
    const slowest = pageTimes.sort((x, y) => Number(y.split(' ').at(-2)) - Number(x.split(' ').at(-2))).slice(0, 3);
    process.stdout.write(
      [
        `providers ${count}: ${offered} OFFERED, ${posted} signatures posted, ${published} PUBLISHED`,
        `offer messages ${total(offers)} (providers with exactly one: ${exactlyOne(offers)})`,
        `offer e-mails ${total(mails)} (distinct ${sentOffers}; providers with exactly one: ${exactlyOne(mails)}; e-mails in all ${catcher.received.length})`,
        `contracts ${total(contracts)} (exactly one: ${exactlyOne(contracts)}), finder listings ${total(listings)} (exactly one: ${exactlyOne(listings)})`,
        `slowest console pages: ${slowest.join('; ')}`,
        `${faults.length ? `FAULTS (${faults.length}):\n  ${faults.slice(0, 30).join('\n  ')}` : 'no faults'}; ${((Date.now() - began) / 1000).toFixed(1)} s`,
      ].join('\n') + '\n',
    );
  } finally {
    await stopWorkers([...workers, ...consoles]);
    await record.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await catcher.stop();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (faults.length) process.exit(1);
}

runScript(main);
