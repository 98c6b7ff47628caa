/**
 * The provider record (zorgaanbieder) as the purchaser knows it, validated by zod.
 * One record serves every policy; each policy reads the fields its rules need, and a field
 * a provider does not have stays at its default (absent, false, empty).
 * AGB codes are strings of 8 digits: leading zeros are part of the code.
 */
import { z } from 'zod';
import { IsoDateSchema } from './iso-date-schema';
import { CareTypeSchema } from './policy';

/** An AGB code (Vektis): exactly 8 digits, kept as text so leading zeros survive. */
export const AgbCodeSchema = z.string().regex(/^\d{8}$/, 'an AGB code is exactly 8 digits, e.g. 01234567');
export type AgbCode = z.infer<typeof AgbCodeSchema>;

/** The AGB care-type code: the first two digits of an AGB code (04 fysiotherapeut, 05 logopedist ...). */
export const agbKind = (agbCode: string): string => agbCode.slice(0, 2);

const YearSchema = z.number().int().min(2000).max(2100);

/** A contract with the insurer: its care type, kind, and the years it covers, both inclusive. */
export const ContractSchema = z
  .object({
    careType: CareTypeSchema,
    /** The contract kind within the care type, e.g. 'fysiotherapie'; for ZG simply 'zg'. */
    kind: z.string().min(1),
    fromYear: YearSchema,
    toYear: YearSchema,
    /** The tier (A-D) where the kind has tiers. */
    tier: z.enum(['A', 'B', 'C', 'D']).optional(),
  })
  .refine((c) => c.toYear >= c.fromYear, { message: 'toYear is before fromYear', path: ['toYear'] });
export type Contract = z.infer<typeof ContractSchema>;

/** A location (vestiging) where the provider gives care; the finder lists providers per location. */
export const LocationSchema = z.object({
  agbCode: AgbCodeSchema,
  name: z.string().min(1),
  city: z.string().min(1),
  /** The region (e.g. a zorgkantoor or ROAZ region), for regional chains and added value. */
  region: z.string().min(1).optional(),
});

/** A practitioner (zorgverlener) attached to the practice. */
export const PractitionerSchema = z.object({
  agbCode: AgbCodeSchema,
  name: z.string().min(1).optional(),
  /** A role without an AGB care-type code of its own: 'leefstijlcoach', 'huidtherapeut', 'pedicure' ... */
  role: z.string().min(1).optional(),
  /** Recognised specialisations registered in Vektis (verbijzonderingen), e.g. 'manuele therapie'. */
  specialisations: z.array(z.string().min(1)).default([]),
  /** Hours a week worked for this practice. */
  hoursPerWeek: z.number().min(0).max(80).optional(),
  /** Quality registers the practitioner is in: 'Kwaliteitsregister Paramedici', 'KNGF IRF', 'KFIR', 'SKF', 'KABIZ' ... */
  registrations: z.array(z.string().min(1)).default([]),
  /** Extra annotations, e.g. 'RA' (Reumatoïde Artritis), 'leefstijlcoaching'. */
  annotations: z.array(z.string().min(1)).default([]),
});
export type Practitioner = z.infer<typeof PractitionerSchema>;

/** Practice-level quality marks that count for tiers. */
export const QualityMarkSchema = z.enum([
  'SKF Keurmerk',
  'KNGF Basisregister',
  'VvOCM TOP',
  'Kwaliteitscyclus Logopedie',
  'KSV',
  'ParkinsonNet',
  'Chronisch ZorgNet',
]);

/** A certificate or membership (hulpmiddelen table, 003 s3), with its end date if it has one. */
export const CertificateSchema = z.object({
  name: z.string().min(1),
  validUntil: IsoDateSchema.optional(),
});

/** The kinds of organisation the policies tell apart. */
export const OrganisationSchema = z.enum([
  'practice',
  'institution',
  'hospital',
  'pharmacy',
  'emergency-pharmacy',
  'supplier',
  'medical-shop',
  'maternity-care',
  'mediation-agency',
  'zzp-collective',
  'midwifery-practice',
  'ultrasound-centre',
  'birth-centre',
  'integrated-care-organisation',
]);

/** A care provider: practice, institution, pharmacy or supplier. */
export const ProviderSchema = z.object({
  agbCode: AgbCodeSchema,
  name: z.string().min(1),
  email: z.email().optional(),
  organisation: OrganisationSchema.default('practice'),
  locations: z.array(LocationSchema).min(1, 'a provider has at least one location'),
  practitioners: z.array(PractitionerSchema).default([]),
  qualityMarks: z.array(QualityMarkSchema).default([]),
  certificates: z.array(CertificateSchema).default([]),
  /** Registered at Vektis with the AGB registration the policy asks for. */
  vektisRegistered: z.boolean(),
  /** Holds a VECOZO certificate: without one no offer can be sent. */
  vecozoCertificate: z.boolean(),
  /** The national behandelindex (Vektis, 100 = average) by the year it is about. */
  behandelindex: z.array(z.object({ year: YearSchema, value: z.number().min(0) })).default([]),
  contracts: z.array(ContractSchema).default([]),
  /** The contract kinds or product groups the provider gives or supplies, where the record says. */
  contractKinds: z.array(z.string().min(1)).default([]),
  /** The provider said it wants no offer (001 s2.6). */
  optOut: z.object({ on: IsoDateSchema.optional(), reason: z.string().optional() }).optional(),
  /** The preferent insurer reported the regional valpreventie chain complete (001 s2.4.1). */
  valpreventieChainComplete: z.boolean().default(false),
  /** Member of a negotiation group with one mandated representative (002 s3/s4). */
  negotiationGroup: z.object({ name: z.string().min(1), representativeAgbCode: AgbCodeSchema.optional() }).optional(),
  /** Selected for negotiation on benchmarks, data analysis and market position (003 s4). */
  selectedForNegotiation: z.boolean().default(false),
  /** Kraamzorg (004 s3): training places and FTE of kraamverzorgenden, and the share employed. */
  training: z.object({ places: z.number().int().min(0), fte: z.number().min(0) }).optional(),
  /** Percentage (0-100) of kraamverzorgenden in loondienst. */
  employedShare: z.number().min(0).max(100).optional(),
  /** Volgbeleid GLI/Kinder-GLI (001 s2.6): asks to follow its agreement with another insurer for these kinds. */
  followAgreement: z.object({ insurer: z.string().min(1), kinds: z.array(z.string().min(1)).default([]), receivedOn: IsoDateSchema.optional() }).optional(),
  /** Farmacie (002 s3, s5): when the group's member list naming this pharmacy arrived, its DISV complaints register, and a data-analysis/benchmarking finding that gives reason to offer no contract. */
  pharmacy: z.object({ memberListReceivedOn: IsoDateSchema.optional(), complaintsRegister: z.boolean().optional(), dataAnalysisConcern: z.string().min(1).optional() }).optional(),
  /**
   * Keeps a complaints procedure and registers insured persons' complaints in a complaints register
   * (002 s3 and 003 s3, DISV and dieetpreparaten). Absent: not on record. A pharmacy may record it
   * under `pharmacy.complaintsRegister` too.
   */
  complaintsRegister: z.boolean().optional(),
  /** Hulpmiddelen (003 s3, DISV en dieetpreparaten randvoorwaarden "Landelijke dekking"): delivers nationwide; absent = not recorded. */
  nationalCoverage: z.boolean().optional(),
  /** Geboortezorg (004 s4 Integrale geboortezorg, Toeslag verminderde bereikbaarheid): registrations sent by e-mail, per contract kind, with the documents sent and, for the toeslag, the day the preferent insurer agreed. */
  submissions: z.array(z.object({ kind: z.string().min(1), receivedOn: IsoDateSchema, documents: z.array(z.string().min(1)).default([]), preferentAgreedOn: IsoDateSchema.optional() })).default([]),
  /** Integrity doubt based on suspected fraud: no contract offered. */
  fraudSuspicion: z.boolean().default(false),
  /** A late application ("geen aanbod ontvangen"): when it came and for which kinds. */
  application: z.object({ receivedOn: IsoDateSchema, kinds: z.array(z.string().min(1)).default([]) }).optional(),
});
export type Provider = z.infer<typeof ProviderSchema>;
/**
 * The most a provider record may weigh, as JSON. A track's input carries its provider record as
 * one Temporal payload (2 MB at most, and every history event counts toward the history's
 * limit); a real record (a chain's locations, a practice's practitioners) stays far below this.
 * `campaign start` refuses a bigger record with its size, before anything is imported.
 */
export const MAX_PROVIDER_RECORD_BYTES = 64 * 1024;

/** The size of a record as JSON, in bytes (UTF-8). */
export function recordBytes(record: unknown): number {
  return new TextEncoder().encode(JSON.stringify(record)).length;
}

/** A provider record before defaults are filled in (as read from a file). */
export type ProviderInput = z.input<typeof ProviderSchema>;

/**
 * A provider record for a rehearsal edition (`rehearse`): every ISO day and every year
 * field moved by whole years (contracts, indexes, applications, certificates, documents).
 */
export function rehearseProvider<T>(record: T, years: number): T {
  const shift = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${Number(value.slice(0, 4)) + years}${value.slice(4)}`;
    if (typeof value === 'number' && key && /^(fromYear|toYear|year)$/.test(key)) return value + years;
    if (Array.isArray(value)) return value.map((v) => shift(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, k)]));
    return value;
  };
  return shift(record) as T;
}
