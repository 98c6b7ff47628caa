/**
 * The policies this product knows, by id, and `evaluate(policy, provider)`.
 */
import type { Decision } from './decision';
import { type Policy } from './policy';
import type { Provider } from './provider';
import { evaluateZg, zg2026 } from './zg-2026';

/** Every published policy, by id. */
export const POLICIES: ReadonlyMap<string, Policy> = new Map([[zg2026.id, zg2026]]);

/** The policy with this id, or an error that lists the ones there are. */
export function getPolicy(id: string, policies: ReadonlyMap<string, Policy> = POLICIES): Policy {
  const policy = policies.get(id);
  if (!policy) throw new Error(`unknown policy '${id}'; known: ${[...policies.keys()].join(', ')}`);
  return policy;
}

/** Decides a provider's track under a policy, with every reason that counted. */
export function evaluate(policy: Policy, provider: Provider): Decision {
  switch (policy.careType) {
    case 'zg':
      return evaluateZg(policy, provider);
    default:
      throw new Error(`policy ${policy.id}: care type '${policy.careType}' has no rules yet`);
  }
}
