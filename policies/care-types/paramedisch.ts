/**
 * Paramedisch: still the module of one year (policies/paramedisch-2027.ts), until its rules are written once for
 * every edition and its edition is data (editions/paramedisch-2027.yaml).
 */
import type { Decision } from '../decision';
import type { Policy } from '../policy';
import type { Provider } from '../provider';
import * as year from '../paramedisch-2027';

/** No schema yet: the edition is the module's. */
export const schema = undefined;

/** A paramedisch edition. */
export type ParamedischEdition = Policy & { careType: 'paramedisch' };

/** Decides a provider's tracks under the edition. */
export function evaluate(edition: ParamedischEdition, provider: Provider): Decision[] {
  return year.evaluate(edition, provider);
}

/** The edition the module defines. */
export const builtIn: Policy = year.policy;
