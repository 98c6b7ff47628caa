/**
 * Farmacie: still the module of one year (policies/farmacie-2026.ts), until its rules are written once for
 * every edition and its edition is data (editions/farmacie-2026.yaml).
 */
import type { Decision } from '../decision';
import type { Policy } from '../policy';
import type { Provider } from '../provider';
import * as year from '../farmacie-2026';

/** No schema yet: the edition is the module's. */
export const schema = undefined;

/** A farmacie edition. */
export type FarmacieEdition = Policy & { careType: 'farmacie' };

/** Decides a provider's tracks under the edition. */
export function evaluate(edition: FarmacieEdition, provider: Provider): Decision[] {
  return year.evaluate(edition, provider);
}

/** The edition the module defines. */
export const builtIn: Policy = year.policy;
