/**
 * Every visibility query the product makes stays in what both servers answer (issue 25, part 1):
 * the Temporal CLI's dev server (SQLite, here) and a real cluster's SQL visibility on PostgreSQL
 * (`npm run cluster`, where test/services/cluster.test.ts asks the same list). The cluster is not
 * in CI, so this test keeps the list honest without it:
 *
 * - every product file that lists or counts workflows is named in runtime/visibility-queries.ts,
 *   so a new query is asked on the cluster too;
 * - each query is made only of the shapes SQL visibility answered on the cluster (docs/operations.md,
 *   "A real cluster"): `=`, `>=`, `<`, `IN (...)`, `IS NOT NULL`, `AND`, `OR` in brackets, on
 *   the product's search attributes, `ExecutionStatus` and `WorkflowType`; a grouped count only by
 *   `ExecutionStatus`;
 * - the dev server answers every one, and refuses the grouped count by ZorgStatus as the cluster does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer } from '../../runtime/dev-server';
import { ask, productQueries } from '../../runtime/visibility-queries';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const ROOT = join(__dirname, '..', '..');
/** Where product code lives (the scripts are benchmarks and fault runs, not the product). */
const PRODUCT = ['activities', 'cli', 'mailbox', 'operations', 'runtime', 'web', 'workflows', 'worker.ts'];

function sourceFiles(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return path.endsWith('.ts') ? [path] : [];
  return readdirSync(full).flatMap((name) => sourceFiles(join(path, name)));
}

const ATTRIBUTES = [...SEARCH_ATTRIBUTES.map((key) => key.name), 'ExecutionStatus', 'WorkflowType'];
const VALUE = String.raw`'[^']*'`;
const COMPARISON = new RegExp(String.raw`^(${ATTRIBUTES.join('|')}) (?:(?:=|>=|<) ${VALUE}|IN \(${VALUE}(?:, ${VALUE})*\)|IS NOT NULL)$`);

/** Why `query` leaves the common subset, or undefined where it stays in it. */
function outsideSubset(query: string): string | undefined {
  const [where, groupBy] = query.split(' GROUP BY ');
  if (groupBy !== undefined && groupBy !== 'ExecutionStatus') return `GROUP BY ${groupBy}: SQL visibility groups by ExecutionStatus only`;
  for (const part of where!.split(' AND ')) {
    const terms = /^\((.*)\)$/.exec(part)?.[1]?.split(' OR ') ?? [part];
    for (const term of terms) if (!COMPARISON.test(term)) return `'${term}' is not a shape SQL visibility was seen to answer`;
  }
  return undefined;
}

test('every product file that lists or counts workflows has its queries in the list the cluster is asked', () => {
  const callers = PRODUCT.flatMap(sourceFiles)
    .filter((file) => /\.workflow\.(count|list)\(/.test(readFileSync(join(ROOT, file), 'utf8')))
    .map((file) => relative(ROOT, join(ROOT, file)))
    .filter((file) => file !== 'runtime/visibility-queries.ts');
  expect(callers.length).toBeGreaterThan(5);
  const named = new Set(productQueries('zg-2026').map(([where]) => where.split(' ')[0]));
  expect(callers.filter((file) => !named.has(file))).toEqual([]);
});

test('each query is made of the shapes SQL visibility answers; the grouped count by a custom attribute is not', () => {
  const queries = productQueries('zg-2026');
  const outside = queries.filter(([where]) => !where.startsWith('(candidate)')).map(([where, , query]) => [where, outsideSubset(query)]).filter(([, why]) => why);
  expect(outside).toEqual([]);
  // The checker refuses what the cluster refused, and what it was never shown to answer.
  expect(outsideSubset("ZorgPolicy = 'x' GROUP BY ZorgStatus")).toMatch(/ExecutionStatus only/);
  expect(outsideSubset("ZorgPolicy = 'x' ORDER BY ZorgNextDeadline")).toBeDefined();
  expect(outsideSubset("ZorgAgbCode STARTS_WITH '01'")).toBeDefined();
  expect(outsideSubset("ZorgPolicy = 'x' AND (ZorgStatus = 'A' OR ZorgStatus = 'B')")).toBeUndefined();
});

describe('on the dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    ({ env } = await startDevServer());
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('every query is answered; the grouped count by ZorgStatus is refused in the words the cluster uses', async () => {
    const answers = await Promise.all(productQueries('zg-2026').map(async (q) => [q[0], await ask(env.client, q)] as const));
    const refused = answers.filter(([, a]) => 'refused' in a);
    expect(refused.map(([where]) => where)).toEqual(['(candidate) one grouped count per status']);
    expect(refused[0]![1]).toEqual({ refused: expect.stringContaining("'GROUP BY' clause is not supported for search attribute ZorgStatus") });
  });
});
