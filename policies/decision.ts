/**
 * What `evaluate(policy, provider)` decides, with the reasons staff need to answer a provider.
 * Plain JSON: it travels as an activity result and stays in the workflow's history.
 */
import type { IsoDate } from './calendar';
import type { SigningRule, Source } from './policy';

/** The tracks of the first policy (ZG 2026, 000 s4); later policies add theirs. */
export type Track = 'running-contract' | 'negotiation' | 'not-approached';

/** One rule that was checked, whether it held, and where the policy says so. */
export interface Reason {
  /** Stable id, e.g. `zg.s4.contract-previous-year`. */
  ruleId: string;
  /** Did the provider meet this rule (true) or did it stop or divert the provider (false)? */
  met: boolean;
  /** A sentence for staff, naming the provider's facts that counted. */
  text: string;
  source: Source;
}

/** The dates this provider's track runs on, taken from the policy's calendar. */
export interface Plan {
  invitationBy?: IsoDate;
  signing: SigningRule;
  publicationFrom: IsoDate;
}

/** The decision for one provider under one policy. */
export interface Decision {
  policyId: string;
  agbCode: string;
  contractKind: string;
  track: Track;
  reasons: Reason[];
  plan: Plan;
}
