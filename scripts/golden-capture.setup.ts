/**
 * Capture of the tests' evaluations for the golden file (scripts/golden-decisions.ts): wraps each
 * policy module's `evaluate` to log every (policy, provider) it is asked about. Run once:
 *   GOLDEN_CAPTURE=/tmp/capture.jsonl npx jest --setupFilesAfterEnv ./scripts/golden-capture.setup.ts
 *   npx tsx scripts/golden-decisions.ts /tmp/capture.jsonl
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../policies/policy';
import type { Provider } from '../policies/provider';

const out = process.env.GOLDEN_CAPTURE!;
for (const name of ['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026']) {
  const path = join(__dirname, '..', 'policies', name);
  jest.mock(path, () => {
    const actual = jest.requireActual(path) as { policy: Policy; evaluate: (policy: Policy, provider: Provider) => unknown };
    return {
      ...actual,
      evaluate: (policy: Policy, provider: Provider) => {
        appendFileSync(out, `${JSON.stringify({ policyId: policy.id, contractYear: policy.contractYear, base: actual.policy.id, policyJson: JSON.stringify(policy), provider })}\n`);
        return actual.evaluate(policy, provider);
      },
    };
  });
}
