/**
 * The policies this product knows, by id, and `evaluate(policy, provider)`.
 * Each policy module exports its data (`policy`) and its rules (`evaluate`).
 */
import type { Decision } from './decision';
import { rehearsePolicy, type Policy } from './policy';
import type { Provider } from './provider';
import * as farmacie2026 from './farmacie-2026';
import * as geboortezorg2026 from './geboortezorg-2026';
import * as hulpmiddelen2026 from './hulpmiddelen-2026';
import * as paramedisch2027 from './paramedisch-2027';
import * as zg2026 from './zg-2026';

/** A policy and its rules. */
export interface PolicyModule {
  policy: Policy;
  /** One decision per contract kind the provider is considered for. */
  evaluate: (policy: Policy, provider: Provider) => Decision[];
}

const MODULES: PolicyModule[] = [zg2026, paramedisch2027, farmacie2026, hulpmiddelen2026, geboortezorg2026];

/** Every published policy, by id. */
export const POLICIES: ReadonlyMap<string, PolicyModule> = new Map(MODULES.map((m) => [m.policy.id, m]));

/** The policy with this id, or an error that lists the ones there are. */
export function getPolicy(id: string, policies: ReadonlyMap<string, PolicyModule> = POLICIES): PolicyModule {
  const found = policies.get(id);
  if (!found) throw new Error(`unknown policy '${id}'; known: ${[...policies.keys()].join(', ')}`);
  return found;
}

/** A rehearsal edition of a policy for another contract year, with the same rules. */
export function rehearse(module: PolicyModule, contractYear: number): PolicyModule {
  return { policy: rehearsePolicy(module.policy, contractYear), evaluate: module.evaluate };
}

/** Decides a provider's tracks under a policy, one per contract kind, with every reason that counted. */
export function evaluate(module: PolicyModule, provider: Provider): Decision[] {
  return module.evaluate(module.policy, provider);
}

/**
 * The contract kinds a provider gets a track for: one per kind the policy considers it for, or a
 * single track without a kind where the policy has one kind (its workflow id then names none).
 */
export function trackKinds(module: PolicyModule, provider: Provider): (string | undefined)[] {
  if (module.policy.contractKinds.length === 1) return [undefined];
  return [...new Set(evaluate(module, provider).map((d) => d.contractKind))];
}
