/**
 * Scale-out, proven (issue 12): two worker processes and the staff CLI on one database (the
 * embedded one, served from this process) and one SMTP catcher run a campaign, and a worker is
 * killed (SIGKILL, no drain) twice: during the fan-out (it is started again) and while the
 * signatures come in (it is not); then the database server is killed (SIGKILL) while the
 * signatures still come in, and started again five seconds later. Every worker not killed must
 * still run after it. Then, per signed provider, there must be exactly one offer
 * message, one offer e-mail, one contract and one listing, and `contracts export` and the finder
 * feed (`directory export`) must list the same providers.
 *
 *   npm run fault:scale-out -- 1000      (default 1000; prints the counts, exits 1 on a fault)
 *
 * The providers are haarwerken suppliers under hulpmiddelen 2026 moved to the contract year in
 * progress (as in fault:worker-restart): each gets a direct offer at once; the signatures are
 * recorded as the CLI and console do (a Temporal update per provider, 20 at a time); the copy's
 * publication day has passed, so each signature is listed at once.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateDatabase } from '../db/embedded';
import { providerWorkflowId } from '../policies/ids';
import { recordSignatureUpdate } from '../workflows/messages';
import { faultProviders, writeFaultEdition } from './fault-worker-restart';
import { startDevServer } from '../runtime/dev-server';
import { killGroup, oneOfEach, runCli, runScript, sleep, startWorkerProcess, stopWorkers, untilSettled } from './local-run';
import { startMailCatcher } from '../runtime/mail-catcher';

const count = Number(process.argv[2] ?? 1000);
const KIND = 'haarwerken';

async function main() {
  const began = Date.now();
  const say = (line: string) => process.stdout.write(`${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);
  // Durable as the installation's database is: a kill loses nothing committed (without fsync and
  // synchronous commit, the kill below lost a few acknowledged contracts and listings).
  const db = await startPrivateDatabase({ durable: true });
  const catcher = await startMailCatcher();
  const { env, address } = await startDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'fault-scale-out-'));
  const { policy, year } = writeFaultEdition(dataDir);
  const shared = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: 'fault-scale-out',
    ZORGINKOOP_DATA_DIR: dataDir,
    ZORGINKOOP_DATABASE_URL: db.url,
    ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
    ZORGINKOOP_LOG_LEVEL: 'ERROR',
  };
  const workers: ChildProcess[] = [];
  const faults: string[] = [];
  try {
    const providers = faultProviders(count, year).map((p, i) => ({ ...p, email: `haarwerken${i}@leverancier.example` }));
    const file = join(dataDir, 'providers.json');
    writeFileSync(file, JSON.stringify(providers));
    workers.push(startWorkerProcess(shared, () => {}), startWorkerProcess(shared, () => {}));
    say(`two workers (pids ${workers.map((w) => w.pid).join(", ")}), database ${db.database.where}, SMTP catcher on ${catcher.port}`);

    const following = runCli(['--json', 'campaign', 'start', policy, '--providers', file], shared);
    const countOf = async (query: string) => (await env.client.workflow.count(query)).count;
    const policyQuery = `ZorgPolicy = '${policy}'`;
    while ((await countOf(policyQuery)) < Math.floor(count / 3)) await sleep(50);
    killGroup(workers[0]!, 'SIGKILL');
    say(`fault 1: worker ${workers[0]!.pid} killed (SIGKILL) with ${await countOf(policyQuery)} of ${count} tracks started; started again`);
    workers.push(startWorkerProcess(shared, () => {}));
    const campaign = await following;
    if (campaign.code !== 0) throw new Error(`campaign start exited ${campaign.code}: ${campaign.err.trim()}`);
    // An offer the killed worker held is sent again after its start-to-close time (a minute): wait longer than that.
    const offered = await untilSettled(() => countOf(`${policyQuery} AND ZorgStatus = 'OFFERED'`), count, 90_000, 500);
    say(`campaign started, ${offered} OFFERED`);

    // The signatures, 20 at a time; half way through the other first worker dies for good, and at
    // three quarters the database.
    let databaseBack: Promise<void> | undefined;
    const restartDatabase = async () => {
      // Its old processes may take a moment to notice their server died.
      for (let attempt = 0; ; attempt++) {
        try {
          await db.server.start();
          say(`the database server runs again (pid ${db.server.pid})`);
          return;
        } catch (err) {
          if (attempt > 30) throw err;
          await sleep(500);
        }
      }
    };
    let next = 0;
    let signed = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < providers.length) {
          const provider = providers[next++]!;
          if (next === Math.floor(count / 2)) {
            killGroup(workers[1]!, 'SIGKILL');
            say(`fault 2: worker ${workers[1]!.pid} killed (SIGKILL) with ${signed} of ${count} signatures recorded; one worker left`);
          }
          if (next === Math.floor((count * 3) / 4)) {
            process.kill(db.server.pid!, 'SIGKILL');
            say(`fault 3: the database server killed (SIGKILL) with ${signed} of ${count} signatures recorded; started again in 5 s`);
            databaseBack = sleep(5000).then(() => restartDatabase());
          }
          await env.client.workflow.getHandle(providerWorkflowId(policy, provider.agbCode, KIND)).executeUpdate(recordSignatureUpdate, { args: [{ by: `directeur ${provider.name}` }] });
          signed++;
        }
      }),
    );
    await databaseBack;
    const living = workers.slice(2).filter((w) => w.exitCode === null && w.signalCode === null).length;
    if (living !== workers.length - 2) faults.push(`${workers.length - 2 - living} of the workers that were not killed stopped (the database outage took them down)`);
    say(`${living} of ${workers.length - 2} workers not killed still run after the database outage`);
    // A publication the killed worker held is retried after its start-to-close time (a minute): wait longer than that.
    const published = await untilSettled(() => countOf(`${policyQuery} AND ZorgStatus = 'PUBLISHED'`), count, 90_000, 500);
    say(`${signed} signatures recorded, ${published} PUBLISHED`);

    // Every e-mail out of the outbox: the relays of the living worker send what the dead ones left
    // (their leases run out after a minute).
    const sentOffers = await untilSettled(async () => new Set(catcher.received.filter((m) => m.key?.endsWith('/offer')).map((m) => m.key)).size, count, 90_000);
    const { offers, mails, contracts, listings, faults: missing } = await oneOfEach(db.database, catcher.received, providers);
    faults.push(...missing);

    // The two exports staff and the public read: the same providers.
    const exported = JSON.parse((await runCli(['contracts', 'export', '--format', 'json', '--policy', policy], shared)).out) as { agbCode: string }[];
    const feed = JSON.parse((await runCli(['directory', 'export', '--format', 'json', '--policy', policy], shared)).out) as { agbCode: string }[];
    const a = [...new Set(exported.map((c) => c.agbCode))].sort().join();
    const b = [...new Set(feed.map((l) => l.agbCode))].sort().join();
    if (a !== b) faults.push(`contracts export (${exported.length}) and the finder feed (${feed.length}) list different providers`);

    const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    process.stdout.write(
      [
        `providers ${count}: ${offered} OFFERED, ${signed} signed, ${published} PUBLISHED`,
        `offer messages ${total(offers)} (providers with exactly one: ${[...offers.values()].filter((n) => n === 1).length})`,
        `offer e-mails received ${total(mails)} (distinct ${sentOffers}; e-mails in all ${catcher.received.length})`,
        `contracts ${total(contracts)}, finder listings ${total(listings)}`,
        `contracts export ${exported.length} rows, finder feed ${feed.length} rows: ${a === b ? 'the same providers' : 'DIFFERENT'}`,
        `${faults.length ? `FAULTS (${faults.length}):\n  ${faults.slice(0, 20).join('\n  ')}` : 'no faults'}; ${((Date.now() - began) / 1000).toFixed(1)} s`,
      ].join('\n') + '\n',
    );
  } finally {
    await stopWorkers(workers);
    await env.teardown();
    await catcher.stop();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (faults.length) process.exit(1);
}

runScript(main);
