/**
 * `tsx scripts/visibility-probe.ts [policy]`: asks the Temporal server at TEMPORAL_ADDRESS every
 * visibility query the product makes (runtime/visibility-queries.ts) and prints which ones the
 * server answers and which it refuses, word for word. For SQL visibility (`npm run cluster`),
 * whose query language is narrower than the dev server's.
 */
import { Client, Connection } from '@temporalio/client';
import { ask, productQueries } from '../runtime/visibility-queries';

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

void main();
