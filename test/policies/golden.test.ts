/**
 * The golden file of decisions (test/policies/golden/decisions.json): every provider in data/ and
 * every provider the tests evaluated, with the decisions the code gave before policy editions
 * became data. Today's code must give the same decisions, field by field, reasons included;
 * a field a decision has gained is new, not a difference. Made in commit a16e389 by
 * `scripts/golden-decisions.ts` from a capture of the tests' evaluations
 * (`scripts/golden-capture.setup.ts`), both removed with the policy modules they read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, rehearse } from '../../policies';
import { edition } from '../helpers/editions';
import type { Decision } from '../../policies/decision';
import type { Provider } from '../../policies/provider';

interface GoldenCase {
  policyId: string;
  base: string;
  contractYear: number;
  provider: Provider;
  decisions: Decision[];
}

const golden = JSON.parse(readFileSync(join(__dirname, 'golden', 'decisions.json'), 'utf8')) as GoldenCase[];

const editionOf = (base: string, year: number) => (year === edition(base).contractYear ? edition(base) : rehearse(edition(base), year));

/** The decision as the golden file knows it: only the fields it had. */
function asBefore<T>(now: unknown, before: T): unknown {
  if (Array.isArray(before) && Array.isArray(now)) return now.map((x, i) => asBefore(x, before[i]));
  if (before && typeof before === 'object' && now && typeof now === 'object' && !Array.isArray(before)) {
    return Object.fromEntries(Object.keys(before).map((k) => [k, asBefore((now as Record<string, unknown>)[k], (before as Record<string, unknown>)[k])]));
  }
  return now;
}

test('the golden file covers every policy and its rehearsals', () => {
  expect(golden.length).toBeGreaterThan(500);
  expect(new Set(golden.map((g) => g.base))).toEqual(new Set(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026']));
});

test.each(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026'])('%s and its rehearsals decide as in the golden file, field by field', (base) => {
  const differences: string[] = [];
  for (const c of golden.filter((g) => g.base === base)) {
    const now = evaluate(editionOf(c.base, c.contractYear), c.provider);
    const seen = asBefore(now, c.decisions);
    if (JSON.stringify(seen) !== JSON.stringify(c.decisions)) differences.push(`${c.policyId} ${c.provider.agbCode}: ${JSON.stringify(seen).slice(0, 300)}`);
  }
  expect(differences).toEqual([]);
});
