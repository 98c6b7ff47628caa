/**
 * Fault run: a campaign on the real Temporal dev server whose worker is killed (SIGKILL, no
 * drain) in the middle of the fan-out and started again. The staff CLI's `campaign start` keeps
 * following throughout. At the end every provider must have exactly one workflow, be OFFERED,
 * and have exactly one offer in the portal: nothing started twice, nothing lost.
 *
 *   npm run fault:worker-restart -- 10000      (default 10000; prints figures, exits 1 on a fault)
 *
 * `test/scripts/fault-worker-restart.test.ts` runs the same with a few hundred providers in CI.
 *
 * The providers are medical-aids suppliers (hulpmiddelen 2026, haarwerken, moved to the contract
 * year in progress by runtime/demo.ts): each gets a direct offer (003 s4 "Zorgaanbieders zonder
 * onderhandeling") at once, because the offer date has passed, so the offer is the first thing
 * every track does and a lost or doubled one shows; the contract year ahead keeps it open.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalContractPortal } from '../activities/portal';
import type { Database } from '../db/database';
import { startPrivateDatabase } from '../db/embedded';
import type { CampaignProgress } from '../workflows/campaign';
import { EditionStore } from '../activities/edition-store';
import { rehearseProvider } from '../policies/provider';
import { writeSeasonCopy } from '../runtime/demo';
import { startDevServer } from '../runtime/dev-server';
import { killGroup, runCli, sleep, startWorkerProcess, stopWorkers, untilSettled } from './local-run';

/** The edition the fault runs and `bench:memory` copy to the contract year in progress. */
export const FAULT_BASE = 'hulpmiddelen-2026';

/**
 * Writes the fault runs' edition (hulpmiddelen 2026 moved to the contract year in progress) into
 * the data folder's demo/, where the workers and the CLI of that data folder read it: its id and year.
 */
export function writeFaultEdition(dataDir: string): { policy: string; year: number } {
  const { edition: copy } = writeSeasonCopy(dataDir, new EditionStore().get(FAULT_BASE));
  return { policy: copy.id, year: copy.contractYear };
}

export interface WorkerRestartResult {
  /** The edition the run used (hulpmiddelen 2026 moved to the contract year in progress). */
  policy: string;
  providers: number;
  /** Provider workflows that existed when the worker was killed. */
  startedAtKill: number;
  campaign: CampaignProgress;
  /** Provider workflows the server knows for the policy (visibility). */
  workflows: number;
  /** ... of which OFFERED. */
  offered: number;
  /** Offers in the portal, and providers with other than exactly one. */
  offers: number;
  providersWithoutOneOffer: string[];
  seconds: number;
}

/** `count` suppliers that each get a direct haarwerken offer under hulpmiddelen 2026 moved to `year`. */
export function faultProviders(count: number, year: number) {
  return Array.from({ length: count }, (_, i) => rehearseProvider(faultProvider(i), year - 2026));
}

/** The `i`th supplier, for hulpmiddelen 2026 itself. */
function faultProvider(i: number) {
  const agbCode = String(76_100_000 + i);
  return {
    agbCode,
    name: `Haarwerken ${i}`,
    organisation: 'supplier',
    locations: [{ agbCode, name: `Haarwerken ${i}`, city: 'Eindhoven' }],
    // 003 s3 Randvoorwaarden: haarwerken needs SEMH HWK or ANKO, valid on 1 January 2026.
    certificates: [{ name: 'ANKO keurmerk', validUntil: '2027-12-31' }],
    vektisRegistered: true,
    vecozoCertificate: true,
    contractKinds: ['haarwerken'],
    contracts: [{ careType: 'hulpmiddelen', kind: 'haarwerken', fromYear: 2025, toYear: 2025 }],
  };
}

/**
 * Runs the fault; throws on a setup error, returns the figures (the caller judges them). `database`:
 * where the workers and the CLI keep the outbox (tests pass theirs); absent, a private embedded one.
 */
export async function runWorkerRestart(count: number, log: (line: string) => void = () => {}, database?: Database): Promise<WorkerRestartResult> {
  const began = Date.now();
  // The workers and the CLI share one database (a private embedded one, served from this process).
  const db = database ? { database, url: database.url, stop: async () => undefined } : await startPrivateDatabase();
  const { env, address } = await startDevServer().catch(async (err: unknown) => {
    await db.stop();
    throw err;
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'fault-restart-'));
  const { policy, year } = writeFaultEdition(dataDir);
  const workerEnv = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: 'fault-restart',
    ZORGINKOOP_DATA_DIR: dataDir,
    ZORGINKOOP_DATABASE_URL: db.url,
    ZORGINKOOP_DATABASE_SCHEMA: db.database.schema,
    ZORGINKOOP_LOG_LEVEL: 'ERROR',
  };
  const workers: ChildProcess[] = [];
  try {
    const file = join(dataDir, 'providers.json');
    writeFileSync(file, JSON.stringify(faultProviders(count, year)));
    workers.push(startWorkerProcess(workerEnv, log));

    // Staff start the campaign and the CLI follows it to the end, across the restart.
    const following = runCli(['--json', 'campaign', 'start', policy, '--providers', file], workerEnv);

    // Kill when a third of the tracks exist (the server's own count; the campaign's progress
    // moves a page at a time).
    const countOf = async (query: string) => (await env.client.workflow.count(query)).count;
    const policyQuery = `ZorgPolicy = '${policy}'`;
    let startedAtKill = 0;
    const stopAt = Date.now() + 10 * 60_000;
    while ((startedAtKill = await countOf(policyQuery)) < Math.floor(count / 3)) {
      if (Date.now() > stopAt) throw new Error(`no third of the tracks started within 10 minutes (${startedAtKill} of ${count})`);
      await sleep(50);
    }
    killGroup(workers[0]!, 'SIGKILL');
    log(`killed the worker (SIGKILL) with ${startedAtKill} of ${count} tracks started`);
    await sleep(2000);
    workers.push(startWorkerProcess(workerEnv, log));
    log('started a new worker');

    const { code, out, err } = await following;
    if (code !== 0) throw new Error(`campaign start exited ${code}: ${err.trim()}`);
    const campaign = JSON.parse(out) as CampaignProgress;

    // Every track makes its offer; wait until the server's visibility counts them all OFFERED.
    const offered = await untilSettled(() => countOf(`${policyQuery} AND ZorgStatus = 'OFFERED'`), count, 60_000, 500);
    const workflows = await countOf(policyQuery);

    // The offers themselves: the portal keeps one record per idempotency key. The status turns
    // OFFERED as the offer activity is scheduled; one the killed worker held is retried after its
    // start-to-close time (a minute), so wait until no more arrive for longer than that.
    const portal = new LocalContractPortal(db.database);
    const offersPer = new Map<string, number>();
    await untilSettled(async () => {
      offersPer.clear();
      for (const m of await portal.messages()) if (m.kind === 'offer') offersPer.set(m.agbCode, (offersPer.get(m.agbCode) ?? 0) + 1);
      return offersPer.size;
    }, count, 90_000);
    const providersWithoutOneOffer = faultProviders(count, year)
      .map((p) => p.agbCode)
      .filter((agb) => offersPer.get(agb) !== 1)
      .map((agb) => `${agb} (${offersPer.get(agb) ?? 0} offers)`);
    const offers = [...offersPer.values()].reduce((a, b) => a + b, 0);
    return { policy, providers: count, startedAtKill, campaign, workflows, offered, offers, providersWithoutOneOffer, seconds: (Date.now() - began) / 1000 };
  } finally {
    await stopWorkers(workers);
    await env.teardown();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What went wrong, or nothing. */
export function faultsIn(r: WorkerRestartResult): string[] {
  const faults: string[] = [];
  if (r.campaign.started + r.campaign.alreadyStarted !== r.providers) faults.push(`campaign counted ${r.campaign.started} + ${r.campaign.alreadyStarted}, not ${r.providers}`);
  if (r.workflows !== r.providers) faults.push(`${r.workflows} provider workflows, not ${r.providers}`);
  if (r.offered !== r.providers) faults.push(`${r.offered} OFFERED, not ${r.providers}`);
  if (r.providersWithoutOneOffer.length > 0) faults.push(`${r.providersWithoutOneOffer.length} providers without exactly one offer, e.g. ${r.providersWithoutOneOffer.slice(0, 5).join(', ')}`);
  return faults;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 10_000);
  runWorkerRestart(count, (line) => process.stdout.write(`${line}\n`))
    .then((r) => {
      const faults = faultsIn(r);
      process.stdout.write(
        [
          `providers: ${r.providers} (${r.policy}, direct offers)`,
          `worker killed with ${r.startedAtKill} tracks started; a new worker finished the campaign`,
          `campaign: ${r.campaign.started} started, ${r.campaign.alreadyStarted} already started (found after the crash)`,
          `provider workflows: ${r.workflows}, OFFERED: ${r.offered}, offers in the portal: ${r.offers}`,
          `wall time: ${r.seconds.toFixed(1)} s`,
          faults.length ? `FAULTS:\n  ${faults.join('\n  ')}` : 'no faults: exactly one workflow and one offer per provider',
        ].join('\n') + '\n',
      );
      process.exit(faults.length ? 1 : 0);
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    });
}
