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
  ['cli track list', 'list', `${p} AND ZorgStatus = 'OFFERED' AND ZorgAgbCode IS NOT NULL`],
  ['cli track list (no filter)', 'list', 'ZorgAgbCode IS NOT NULL'],
  ['cli deadline move (all of a kind)', 'list', `${p} AND ExecutionStatus = 'Running' AND ZorgContractKind = 'zg'`],
  ['cli policy (open tracks per status)', 'count', `${p} AND ZorgStatus = 'OFFERED' AND ExecutionStatus = 'Running'`],
  ['console deadlines (all)', 'list', `${p} AND ExecutionStatus = 'Running'`],
  ['console deadlines (chosen)', 'list', `${p} AND ZorgAgbCode IN ('01000001', '01000002')`],
  ...PUBLIC_STATUSES.map((s): [string, 'count', string] => [`cli campaign status (${s})`, 'count', `${p} AND ZorgStatus = '${s}'`]),
  ['console season overview (every track of an edition, paged)', 'list', p],
  ['console season openTracks (edition picker)', 'count', `${p} AND ExecutionStatus = 'Running'`],
  ['console worklist expiring', 'list', `${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.plus({ days: 7 }))}'`],
  ['console worklist escalations', 'list', `${p} AND (ZorgStatus = 'UNDER_ASSESSMENT' OR ZorgStatus = 'DOCUMENTS_REQUESTED')`],
  ['console worklist count (expiring)', 'count', `${p} AND ZorgStatus = 'OFFERED' AND ZorgNextDeadline < '${iso(now.plus({ days: 7 }))}'`],
  ['bench-fanout', 'count', `WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`],
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
