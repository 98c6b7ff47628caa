/**
 * Benchmark: a whole season of one policy for N providers, as a rehearsal runs it
 * (rehearsal/run.ts: the campaign starts every track on a private time-skipping server, then the
 * driver walks the calendar, stopping on the days something can happen, and answers as the
 * default behaviour model says).
 * Prints the wall time (the goal: 1,000 providers in at most 60 s, 10,000 in at most 10 minutes on
 * the two-core machine), the fan-out's share of it, the actions, and the outcome per status.
 *
 *   npm run bench:season -- 1000 paramedisch-2027      (defaults: 1000, paramedisch-2027)
 *   npm run bench:season -- 10000 --part-size 2500 --parallel 1
 *
 * `--part-size` and `--parallel` as for `zorginkoop rehearse` (default: the rehearsal's own, parts
 * of 1,000 providers, two at a time).
 *
 * The providers are the policy's samples (data/samples/<policy>-providers.json) repeated with
 * new AGB codes, so every track the samples reach is in the season. It runs the rehearsal
 * edition two years on, because the real dates have passed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { EditionStore } from '../activities/edition-store';
import { rehearse as shift } from '../policies';
import { ProviderSchema, rehearseProvider, type Provider, type ProviderInput } from '../policies/provider';
import { DEFAULT_BEHAVIOUR } from '../rehearsal/behaviour';
import { buildReport } from '../rehearsal/report';
import { PARALLEL_PARTS, PART_SIZE, rehearse } from '../rehearsal/run';
import { runScript } from './local-run';

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { 'part-size': { type: 'string' }, parallel: { type: 'string' } } });
const count = Number(positionals[0] ?? 1000);
const policyId = positionals[1] ?? 'paramedisch-2027';
const partSize = flags['part-size'] ? Number(flags['part-size']) : undefined;
const parallel = flags.parallel ? Number(flags.parallel) : undefined;
const YEARS = 2;

/** N providers: the samples over and over, each with an AGB code of its own (same first two digits). */
function providers(): Provider[] {
  const samples = JSON.parse(readFileSync(resolve(__dirname, '..', 'data', 'samples', `${policyId}-providers.json`), 'utf8')) as ProviderInput[];
  return Array.from({ length: count }, (_, i) => {
    const sample = rehearseProvider(samples[i % samples.length]!, YEARS);
    const agbCode = `${sample.agbCode.slice(0, 2)}${String(900_000 + i).padStart(6, '0')}`;
    const own = (code: string) => (code === sample.agbCode ? agbCode : `${code.slice(0, 2)}${String(500_000 + i).padStart(6, '0')}`);
    return ProviderSchema.parse({ ...sample, agbCode, name: `${sample.name} #${i}`, locations: sample.locations.map((l) => ({ ...l, agbCode: own(l.agbCode) })) });
  });
}

async function main() {
  // Only errors: a loaded two-core machine makes the SDK warn about slow workflow tasks.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const base = new EditionStore().get(policyId);
  const edition = shift(base, base.contractYear + YEARS);
  const list = providers();
  const cache = process.env.ZORGINKOOP_MAX_CACHED_WORKFLOWS ? Number(process.env.ZORGINKOOP_MAX_CACHED_WORKFLOWS) : undefined;
  const run = await rehearse({ edition, providers: list, behaviour: DEFAULT_BEHAVIOUR, maxCachedWorkflows: cache, partSize, parallel, onProgress: (line) => process.stderr.write(`  ${line}\n`) });
  const report = buildReport(run, edition);
  const accepted = run.actions.filter((a) => a.accepted).length;
  process.stdout.write(
    [
      `policy: ${edition.id}, providers: ${list.length}, tracks: ${report.tracks}`,
      `parts: at most ${partSize ?? PART_SIZE} providers on one server, ${parallel ?? PARALLEL_PARTS} at a time`,
      `wall time: ${run.wallSeconds.toFixed(1)} s for the whole season (fan-out ${run.fanOutSeconds.toFixed(1)} s summed over the parts, ${run.start} to ${run.end} stopping on the days something can happen)`,
      `actions: ${run.actions.length} (${accepted} taken, ${run.actions.length - accepted} refused by the workflows), portal messages: ${run.messages.length}`,
      `after the contract year: ${Object.entries(report.statuses).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ].join('\n') + '\n',
  );
}

runScript(main);
