/**
 * Every shape of visibility query the product makes (list and count, each with the place it comes
 * from), to ask a server which it answers: SQL visibility (`npm run cluster`) is narrower than the
 * dev server's. `tsx scripts/visibility-probe.ts` and test/services/cluster.test.ts ask them.
 */
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { PUBLIC_STATUSES } from '../machines/statuses';

/** One query the product makes: where it comes from, list or count, the query. */
export type ProductQuery = [where: string, kind: 'list' | 'count', query: string];

/** Every shape of visibility query the product makes, for `policy`, and the candidates for a grouped count (last two). */
export function productQueries(policy: string, now = DateTime.now()): ProductQuery[] {
  const iso = (d: DateTime) => d.toUTC().toISO();
  const p = `ZorgPolicy = '${policy}'`;
  return [
  ['operations/tracks.ts (track by AGB code)', 'list', `${p} AND ZorgAgbCode = '01000001'`],
  ['cli/track-commands.ts (list)', 'list', `${p} AND ZorgStatus = 'OFFERED' AND ZorgAgbCode IS NOT NULL`],
  ['cli/track-commands.ts (list, no filter)', 'list', 'ZorgAgbCode IS NOT NULL'],
  ['cli/track-commands.ts (deadline move, all of a kind)', 'list', `${p} AND ExecutionStatus = 'Running' AND ZorgContractKind = 'zg'`],
  ['cli/policy-commands.ts (open tracks per status)', 'count', `${p} AND ZorgStatus = 'OFFERED' AND ExecutionStatus = 'Running'`],
  ['web/console/deadlines.ts (all)', 'list', `${p} AND ExecutionStatus = 'Running'`],
  ['web/console/deadlines.ts (chosen)', 'list', `${p} AND ZorgAgbCode IN ('01000001', '01000002')`],
  ...PUBLIC_STATUSES.map((s): [string, 'count', string] => [`cli/campaign-commands.ts (campaign status, ${s})`, 'count', `${p} AND ZorgStatus = '${s}'`]),
  ['web/console/season.ts (season overview: every track of an edition, paged)', 'list', p],
  ['web/console/season.ts (openTracks, the edition picker)', 'count', `${p} AND ExecutionStatus = 'Running'`],
  ['web/console/season.ts (worklist expiring)', 'list', `${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.plus({ days: 7 }))}'`],
  ['web/console/season.ts (worklist escalations)', 'list', `${p} AND (ZorgStatus = 'UNDER_ASSESSMENT' OR ZorgStatus = 'DOCUMENTS_REQUESTED')`],
  ['web/console/season.ts (worklist count, expiring)', 'count', `${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.plus({ days: 7 }))}'`],
  ['activities/metrics.ts (NEEDS_ATTENTION at scrape time)', 'count', `ExecutionStatus = 'Running' AND ZorgStatus = 'NEEDS_ATTENTION'`],
  ['scripts/bench-fanout.ts', 'count', `WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`],
  ['(candidate) one grouped count per status', 'count', `${p} GROUP BY ZorgStatus`],
  ['(candidate) grouped by execution status', 'count', `${p} GROUP BY ExecutionStatus`],
  ];
}

/** The answer to one query, or the server's refusal word for word. */
export async function ask(client: Client, [, kind, query]: ProductQuery): Promise<{ answer: string } | { refused: string }> {
  try {
    if (kind === 'count') {
      const result = await client.workflow.count(query);
      return { answer: `count ${result.count}${result.groups.length ? ` groups ${JSON.stringify(result.groups.map((g) => [g.groupValues, g.count]))}` : ''}` };
    }
    let n = 0;
    for await (const _ of client.workflow.list({ query })) n++;
    return { answer: `${n} listed` };
  } catch (err) {
    const cause = (err as { cause?: { details?: string; message?: string } }).cause;
    return { refused: `${(err as Error).message}${cause ? `: ${cause.details ?? cause.message}` : ''}` };
  }
}
