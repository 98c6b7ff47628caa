/**
 * Benchmark: what one step of the time-skipping test server costs as its run grows. The server
 * (temporal-test-server 1.40.0, sdk-java's `SelfAdvancingTimerImpl`) keeps every time-skipping
 * lock and unlock it was ever asked for in a linked list ("debugging purposes only") and never
 * drops the ones paired by count; a lock taken with a handle (every timer it fires, every change
 * to a workflow's state) is removed from that list by a scan from its head. So each such step costs
 * in proportion to everything the server did before it, and a season's cost grows with the square
 * of its size: most visibly at the year end, when every track closes at the same instant
 * (docs/rehearsal.md, "Why 10,000 providers take more than ten times 1,000").
 *
 * Here the list is grown by external lock/unlock pairs (two events each, as a workflow task or an
 * activity adds) and a step is timed after each size: a one-minute sleep of the server's clock,
 * which fires a timer (one handle lock, one scan).
 *
 *   npm run bench:test-server                 (sizes 0, 50,000, 200,000, 500,000 events)
 *   npm run bench:test-server -- 1000000      (up to a million)
 */
import { msToTs } from '@temporalio/common/lib/time';
import { createTimeSkippingEnv } from '../runtime/time-skipping';
import { runScript } from './local-run';

const largest = Number(process.argv[2] ?? 500_000);
const SIZES = [0, 50_000, 200_000, 500_000, 1_000_000, 2_000_000].filter((n) => n <= largest);
const STEPS = 20;

async function main() {
  const env = await createTimeSkippingEnv();
  const service = env.connection.testService;
  if (!service) throw new Error('the time-skipping server has no test service');
  try {
    /** Milliseconds per server step (a one-minute sleep of its clock), the mean of STEPS. */
    const stepMs = async () => {
      const began = process.hrtime.bigint();
      for (let i = 0; i < STEPS; i++) await service.unlockTimeSkippingWithSleep({ duration: msToTs(60_000) });
      return Number(process.hrtime.bigint() - began) / 1e6 / STEPS;
    };
    let events = 0;
    const rows: string[] = [];
    for (const size of SIZES) {
      const grew = Date.now();
      while (events < size) {
        await Promise.all(
          Array.from({ length: 500 }, async () => {
            await service.lockTimeSkipping({});
            await service.unlockTimeSkipping({});
          }),
        );
        events += 1000;
      }
      const ms = await stepMs();
      rows.push(`lock events kept by the server: ${String(events).padStart(9)}   one step: ${ms.toFixed(2).padStart(7)} ms   (growing the list took ${((Date.now() - grew) / 1000).toFixed(1)} s)`);
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  } finally {
    await env.teardown();
  }
}

runScript(main);
