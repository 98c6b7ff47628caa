/**
 * `tsx scripts/visibility-probe.ts [policy]`: asks the Temporal server at TEMPORAL_ADDRESS every
 * visibility query the product makes (list and count, the shape of each with the place it comes
 * from) and prints which ones the server answers and which it refuses, word for word. For SQL
 * visibility (`npm run cluster`), whose query language is narrower than the dev server's.
 */
import { Client, Connection } from '@temporalio/client';
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
  ['cli campaign status', 'count', `${p} AND ZorgStatus = 'OFFERED'`],
  ['console deadlines (all)', 'list', `${p} AND ExecutionStatus = 'Running'`],
  ['console deadlines (chosen)', 'list', `${p} AND ZorgAgbCode IN ('01000001', '01000002')`],
  ...PUBLIC_STATUSES.map((s): [string, 'count', string] => [`console season counts (${s})`, 'count', `${p} AND ZorgStatus = '${s}'`]),
  ['console season openTracks', 'count', `${p} AND ExecutionStatus = 'Running'`],
  ['console season weeksAhead', 'list', `${p} AND ExecutionStatus = 'Running' AND ZorgNextDeadline >= '${iso(now.startOf('week'))}' AND ZorgNextDeadline < '${iso(now.startOf('week').plus({ weeks: 12 }))}'`],
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

async function main(): Promise<void> {
  const queries = productQueries(process.argv[2] ?? 'zg-2026');
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  let refused = 0;
  for (const q of queries) {
    const began = Date.now();
    const result = await ask(client, q);
    if ('refused' in result) refused++;
    process.stdout.write(`${'refused' in result ? 'REFUSED ' : 'ok      '} ${q[0]}: ${'refused' in result ? result.refused : `${result.answer} (${Date.now() - began} ms)`}\n    ${q[2]}\n`);
  }
  await connection.close();
  process.stdout.write(`${queries.length - refused} answered, ${refused} refused\n`);
}

if (require.main === module) void main();
