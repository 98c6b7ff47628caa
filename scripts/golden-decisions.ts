/**
 * Writes the golden file of decisions (test/policies/golden/decisions.json): every provider in
 * data/ under its policy, and every (policy, provider) the test suite evaluated, with the
 * decisions today's code gives. `test/policies/golden.test.ts` holds later code to it, field by
 * field, reasons included.
 *
 *   npx tsx scripts/golden-decisions.ts [capture.jsonl]
 *
 * The capture is a JSON-lines log of the tests' evaluations ({ policyId, contractYear, base,
 * policyJson, provider }): made once, before the editions-as-data change, by running the tests
 * with each policy module's `evaluate` wrapped to log its arguments. Only published editions
 * and their rehearsals (`rehearse(edition, year)`) are kept; a policy a test built by hand is left out.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, getPolicy, POLICIES, rehearse, type PolicyModule } from '../policies';
import { ProviderSchema, type Provider } from '../policies/provider';

const ROOT = join(__dirname, '..');

interface Case {
  policyId: string;
  base: string;
  contractYear: number;
  provider: Provider;
}

const cases = new Map<string, Case>();
const add = (c: Case) => cases.set(`${c.policyId} ${JSON.stringify(c.provider)}`, c);

for (const file of readdirSync(join(ROOT, 'data', 'samples'))) {
  const base = file.replace(/-providers\.json$/, '');
  if (!POLICIES.has(base)) continue;
  for (const record of JSON.parse(readFileSync(join(ROOT, 'data', 'samples', file), 'utf8')) as unknown[]) {
    add({ policyId: base, base, contractYear: getPolicy(base).policy.contractYear, provider: ProviderSchema.parse(record) });
  }
}
for (const record of JSON.parse(readFileSync(join(ROOT, 'data', 'demo', 'zg-2026-providers.json'), 'utf8')) as unknown[]) {
  add({ policyId: 'zg-2026', base: 'zg-2026', contractYear: 2026, provider: ProviderSchema.parse(record) });
}

const editionOf = (base: string, year: number): PolicyModule => (year === getPolicy(base).policy.contractYear ? getPolicy(base) : rehearse(getPolicy(base), year));
let dropped = 0;
const capture = process.argv[2];
if (capture) {
  for (const line of readFileSync(capture, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line) as Case & { policyJson: string };
    const edition = editionOf(c.base, c.contractYear);
    if (JSON.stringify(edition.policy) !== c.policyJson) {
      dropped++;
      continue;
    }
    add({ policyId: c.policyId, base: c.base, contractYear: c.contractYear, provider: ProviderSchema.parse(c.provider) });
  }
}

const golden = [...cases.values()]
  .sort((a, b) => a.policyId.localeCompare(b.policyId) || a.provider.agbCode.localeCompare(b.provider.agbCode) || JSON.stringify(a.provider).localeCompare(JSON.stringify(b.provider)))
  .map((c) => ({ ...c, decisions: evaluate(editionOf(c.base, c.contractYear), c.provider) }));
const out = join(ROOT, 'test', 'policies', 'golden', 'decisions.json');
// One case a line, so that a change to one decision shows as one changed line.
writeFileSync(out, `[\n${golden.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`);
process.stdout.write(`${golden.length} cases (${golden.reduce((n, g) => n + g.decisions.length, 0)} decisions) written to ${out}; ${dropped} capture line(s) with a hand-built policy left out\n`);
