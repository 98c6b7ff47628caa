/**
 * The care types and their rules: written once, reused by every year's edition. An edition (a
 * data file in editions/) names its care type; its schema and its rules come from here.
 */
import type { z } from 'zod';
import type { Decision } from '../decision';
import type { CareType } from '../policy';
import type { Provider } from '../provider';
import * as farmacie from './farmacie';
import * as geboortezorg from './geboortezorg';
import * as hulpmiddelen from './hulpmiddelen';
import * as paramedisch from './paramedisch';
import * as zg from './zg';

/** A validated edition of any care type. */
export type Edition = zg.ZgEdition | paramedisch.ParamedischEdition | farmacie.FarmacieEdition | hulpmiddelen.HulpmiddelenEdition | geboortezorg.GeboortezorgEdition;

/** A care type's rules: the schema of its editions and how it decides. */
export interface CareTypeRules {
  careType: CareType;
  /** The schema of its editions. */
  schema: z.ZodObject;
  /** One decision per contract kind the provider is considered for. */
  evaluate(edition: Edition, provider: Provider): Decision[];
  /**
   * The contract kinds the provider is considered for, in `evaluate`'s order, without deciding
   * them: cheap enough for a campaign page to know which tracks to start (each track decides).
   */
  kindsFor(edition: Edition, provider: Provider): string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each module takes its own edition type */
interface CareTypeModule {
  schema: z.ZodObject;
  evaluate(edition: any, provider: Provider): Decision[];
  kindsFor(edition: any, provider: Provider): { id: string }[];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const rules = (careType: CareType, module: CareTypeModule): CareTypeRules => ({
  careType,
  schema: module.schema,
  evaluate: (edition, provider) => module.evaluate(edition, provider),
  kindsFor: (edition, provider) => module.kindsFor(edition, provider).map((kind) => kind.id),
});

/** Every care type by name. */
export const CARE_TYPES: Record<CareType, CareTypeRules> = {
  zg: rules('zg', zg),
  paramedisch: rules('paramedisch', paramedisch),
  farmacie: rules('farmacie', farmacie),
  hulpmiddelen: rules('hulpmiddelen', hulpmiddelen),
  geboortezorg: rules('geboortezorg', geboortezorg),
};

/** The edition schemas of the care types that have one, for the union every edition is read with. */
export const EDITION_SCHEMAS = Object.values(CARE_TYPES).map((c) => c.schema);
