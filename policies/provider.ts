/**
 * The provider record (zorgaanbieder) as the purchaser knows it, validated by zod.
 * AGB codes are strings of 8 digits: leading zeros are part of the code.
 */
import { z } from 'zod';
import { CareTypeSchema } from './policy';

/** An AGB code (Vektis): exactly 8 digits, kept as text so leading zeros survive. */
export const AgbCodeSchema = z.string().regex(/^\d{8}$/, 'an AGB code is exactly 8 digits, e.g. 01234567');
export type AgbCode = z.infer<typeof AgbCodeSchema>;

const YearSchema = z.number().int().min(2000).max(2100);

/** A contract with the insurer: its care type and the years it covers, both inclusive. */
export const ContractSchema = z
  .object({
    careType: CareTypeSchema,
    /** The contract kind within the care type, e.g. 'fysiotherapie'; for ZG simply 'zg'. */
    kind: z.string().min(1),
    fromYear: YearSchema,
    toYear: YearSchema,
  })
  .refine((c) => c.toYear >= c.fromYear, { message: 'toYear is before fromYear', path: ['toYear'] });
export type Contract = z.infer<typeof ContractSchema>;

/** A location (vestiging) where the provider gives care; the finder lists providers per location. */
export const LocationSchema = z.object({
  agbCode: AgbCodeSchema,
  name: z.string().min(1),
  city: z.string().min(1),
});

/** A care provider: practice, institution, pharmacy or supplier. */
export const ProviderSchema = z.object({
  agbCode: AgbCodeSchema,
  name: z.string().min(1),
  email: z.email().optional(),
  locations: z.array(LocationSchema).min(1, 'a provider has at least one location'),
  /** Registered at Vektis with the AGB registration the policy asks for. */
  vektisRegistered: z.boolean(),
  /** Holds a VECOZO certificate: without one no offer can be sent. */
  vecozoCertificate: z.boolean(),
  contracts: z.array(ContractSchema).default([]),
});
export type Provider = z.infer<typeof ProviderSchema>;
/** A provider record before defaults are filled in (as read from a file). */
export type ProviderInput = z.input<typeof ProviderSchema>;
