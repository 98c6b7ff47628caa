/**
 * Benchmark: the worker's peak memory with N open provider workflows. A campaign on a throwaway
 * dev server starts N direct-offer tracks (hulpmiddelen 2026 moved to the contract year in
 * progress, haarwerken); each stays open, OFFERED, waiting for its signature. The worker is the
 * product's own `worker.ts` in a process of its own; its resident memory is read from /proc while
 * the campaign runs and once all are open.
 *
 *   npm run bench:memory -- 10000
 *   ZORGINKOOP_MAX_CACHED_WORKFLOWS=2000 npm run bench:memory -- 10000     (a bounded cache)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateDatabase } from '../db/embedded';
import { faultProviders, writeFaultEdition } from './fault-worker-restart';
import { startDevServer } from '../runtime/dev-server';
import { memoryOf, runCli, runScript, sleep, startWorkerProcess, stopWorkers, untilSettled } from './local-run';

const count = Number(process.argv[2] ?? 10_000);

async function main() {
  const began = Date.now();
  // The worker and the CLI share one database (a private embedded one, served from this process).
  const db = await startPrivateDatabase();
  const { env, address } = await startDevServer().catch(async (err: unknown) => {
    await db.stop();
    throw err;
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const { policy, year } = writeFaultEdition(dataDir);
  const workerEnv: Record<string, string> = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: 'bench-memory',
    ZORGINKOOP_DATA_DIR: dataDir,
    ZORGINKOOP_DATABASE_URL: db.url,
    ZORGINKOOP_DATABASE_SCHEMA: db.database.schema,
    ZORGINKOOP_LOG_LEVEL: 'ERROR',
  };
  const cache = process.env.ZORGINKOOP_MAX_CACHED_WORKFLOWS;
  // "ready": the worker polls (its workflow bundle built); the per-workflow figure is also given
  // from there, since the one from "idle" (a second after the process started) includes the bundle.
  let readyMiB: number | undefined;
  const worker = startWorkerProcess(workerEnv, (line) => {
    if (readyMiB === undefined && line.includes('polling task queue')) readyMiB = memoryOf(worker.pid!).rssMiB;
  });
  const samples: number[] = [];
  const sampling = setInterval(() => {
    try {
      samples.push(memoryOf(worker.pid!).rssMiB);
    } catch {
      // not started yet, or gone
    }
  }, 1000);
  try {
    await sleep(1000);
    const idle = memoryOf(worker.pid!).rssMiB;
    const file = join(dataDir, 'providers.json');
    writeFileSync(file, JSON.stringify(faultProviders(count, year)));
    const { code, err } = await runCli(['--json', 'campaign', 'start', policy, '--providers', file], workerEnv);
    if (code !== 0) throw new Error(`campaign start exited ${code}: ${err.trim()}`);

    // All open: every track OFFERED (the server's count), waiting for a signature.
    const offered = () => env.client.workflow.count(`ZorgPolicy = '${policy}' AND ZorgStatus = 'OFFERED' AND ExecutionStatus = 'Running'`).then((r) => r.count);
    const open = await untilSettled(offered, count, 120_000);
    const allOpenSeconds = (Date.now() - began) / 1000;
    await sleep(5000); // let the last tasks finish and the heap settle
    const { rssMiB, peakMiB } = memoryOf(worker.pid!);
    process.stdout.write(
      [
        `open provider workflows: ${open} of ${count} (OFFERED, waiting for a signature), after ${allOpenSeconds.toFixed(1)} s`,
        `worker cache: ${cache ? `ZORGINKOOP_MAX_CACHED_WORKFLOWS=${cache}` : "the SDK's default"}`,
        `worker resident memory: idle ${idle.toFixed(0)} MiB, peak ${peakMiB.toFixed(0)} MiB, with all open ${rssMiB.toFixed(0)} MiB`,
        `worker resident memory when ready (polling, bundle built): ${readyMiB === undefined ? 'not seen' : `${readyMiB.toFixed(0)} MiB`}`,
        `per open workflow (all open minus idle): ${(((rssMiB - idle) * 1024) / Math.max(open, 1)).toFixed(0)} KiB`,
        `per open workflow (all open minus ready): ${readyMiB === undefined ? 'not seen' : `${(((rssMiB - readyMiB) * 1024) / Math.max(open, 1)).toFixed(0)} KiB`}`,
        `samples (MiB, every 10 s): ${samples.filter((_, i) => i % 10 === 0).map((s) => s.toFixed(0)).join(' ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    clearInterval(sampling);
    await stopWorkers([worker]);
    await env.teardown();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runScript(main);
