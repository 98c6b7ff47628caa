/**
 * The paramedisch edition's schema: what a year's edition (editions/paramedisch-*.yaml) holds for
 * the rules in paramedisch.ts. Texts staff read come in English (for engineers) and Dutch (`...Nl`).
 */
import { z } from 'zod';
import { editionSchema, RuleSourceSchema, SourceSchema, TierFactorSchema, TierSchemeSchema } from '../policy';
import { QualityMarkSchema } from '../provider';

/** How a tier factor is met: a practice quality mark (or another that counts for it), or a share of specialised practitioners. */
export const FactorCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('quality-mark'),
    /** The marks that meet the factor. */
    marks: z.array(QualityMarkSchema).min(1),
    metText: z.string().min(1),
    /** The same in Dutch, for staff. */
    metTextNl: z.string().min(1),
    unmetText: z.string().min(1),
    unmetTextNl: z.string().min(1),
    /** Another mark that meets the factor too, with what staff read then (English, Dutch) and the words that say so. */
    alsoMetBy: z.strictObject({ marks: z.array(QualityMarkSchema).min(1), text: z.string().min(1), textNl: z.string().min(1), quote: z.string().min(1) }).optional(),
  }),
  z.strictObject({
    kind: z.literal('specialisation-share'),
    /** The practitioners counted, by AGB care-type code, and what staff call them. */
    practitionerCode: z.string().regex(/^\d{2}$/),
    practitioners: z.string().min(1),
    /** The same in Dutch (fysiotherapeuten). */
    practitionersNl: z.string().min(1),
    /** At least this share (percent) of them ... */
    minSharePercent: z.number().min(0).max(100),
    /** ... with a recognised specialisation and at least these hours a week for the practice. */
    minHoursPerWeek: z.number().min(0).max(80),
    /** The recognised specialisations (verbijzonderingen), as Vektis names them. */
    specialisations: z.array(z.string().min(1)).min(1),
  }),
]);

/** A tier factor of this care type: its rule id and how it is checked. */
const ParamedischFactorSchema = TierFactorSchema.extend({ ruleId: RuleSourceSchema.shape.id, check: FactorCheckSchema });

/** A paramedisch edition: contract kinds with their scope and rules, thresholds, and the sources of the rules below. */
export const schema = editionSchema('paramedisch', {
  kind: {
    /** Whose kind: free-standing practices (the Vektis table and s2.6 exclusions apply), institutions, or hospitals. */
    scope: z.enum(['practice', 'institution', 'hospital']).default('practice'),
    /** A practice is considered for the kind when a practitioner of it is attached, or only where its record names the kind. */
    considered: z.enum(['by-practitioner', 'when-named']).default('by-practitioner'),
    /** The behandelindex excludes above the limit (with an exception route), or is monitored only. */
    behandelindex: z.enum(['exclude', 'monitor']).optional(),
    /** The regional chain must be reported complete by the preferent insurer. */
    regionalChain: z.boolean().default(false),
    /** A short name staff use in texts (GLI), where the kind has one. */
    shortName: z.string().min(1).optional(),
    /** Corrected evidence for a better tier takes effect from the first of the next month. */
    correctedEvidence: z.strictObject({ effectiveFrom: z.literal('first-of-next-month'), source: SourceSchema }).optional(),
    tiers: TierSchemeSchema.extend({ factors: z.array(ParamedischFactorSchema).min(1) }).optional(),
  },
  thresholds: z.strictObject({
    behandelindex: z.strictObject({
      /** "hoger dan 150" excludes; "150 of hoger" leads to a conversation (monitoring). */
      limit: z.number().min(0),
      /** An existing party is judged on the index this many years before the contract year. */
      existingPartyYearsBack: z.number().int().min(1),
      /** A new party on the index published in the contract year (over this many years before it), or the latest earlier one. */
      newPartyYearsBack: z.number().int().min(1),
      /** Monitoring (logopedie, oefentherapie) reads the index this many years before the contract year. */
      monitoringYearsBack: z.number().int().min(1),
      /** Where a practice above the limit asks for an exception. */
      exceptionRequestsTo: z.email(),
    }),
    /** Approached by itself: a paramedical contract with the insurer within this many years before the contract year. */
    contractLookBackYears: z.number().int().min(1),
    /** Selective purchasing: members of a network may give this care, for these kinds. */
    selective: z.array(z.strictObject({ qualityMark: QualityMarkSchema, kinds: z.array(z.string().min(1)).min(1), rule: z.enum(['parkinson', 'claudicatio']), text: z.string().min(1), textNl: z.string().min(1) })),
  }),
  rules: z.strictObject({
    /** A contract of the kind covering the contract year runs on. */
    'running-contract': RuleSourceSchema,
    /** Running contracts of a kind with `tariffAnnex` get the year's tariffs. */
    'tariff-annex': RuleSourceSchema,
    /** A running contract whose tier the year's factors would change. */
    'tier-change': RuleSourceSchema,
    /** Hospitals without a running contract get their offer with hospital care. */
    'hospital-offer': RuleSourceSchema,
    /** Institutions with a paramedical contract the year before get the offer. */
    'institution-previous-year': RuleSourceSchema,
    /** A kind whose contracts run on: without one, no new offer. */
    'no-running-contract': RuleSourceSchema,
    /** Practices with a paramedical contract in the look-back years are approached. */
    'contract-last-years': RuleSourceSchema,
    'opt-out': RuleSourceSchema,
    'vektis-registration': RuleSourceSchema,
    'vektis-practitioner': RuleSourceSchema,
    'vecozo-certificate': RuleSourceSchema,
    'fraud-suspicion': RuleSourceSchema,
    /** The behandelindex rule: `quote` for an index within the limit, `quotes.excluded` above it. */
    behandelindex: RuleSourceSchema.extend({ quotes: z.strictObject({ excluded: z.string() }) }),
    /** The exception a practice above the limit may ask on care grounds. */
    'behandelindex-exception': RuleSourceSchema,
    'behandelindex-monitoring': RuleSourceSchema,
    'regional-chain': RuleSourceSchema,
    /** A follow request (volgbeleid) for a kind with the follow track. */
    follow: RuleSourceSchema,
    questionnaire: RuleSourceSchema,
    'direct-offer': RuleSourceSchema,
    /** The direct offer to institutions, in their own section. */
    'direct-offer-institution': RuleSourceSchema,
    /** "Geen aanbod ontvangen": an application is assessed. */
    application: RuleSourceSchema,
    /** The general conditions, part of the contract. */
    conditions: RuleSourceSchema,
    parkinson: RuleSourceSchema,
    claudicatio: RuleSourceSchema,
  }),
});

/** A validated paramedisch edition. */
export type ParamedischEdition = z.infer<typeof schema> & { revision?: string };
