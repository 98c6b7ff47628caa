/**
 * The zod schema of a calendar day, for provider records and staff commands. Apart from
 * `calendar.ts` so that workflow code can use the calendar without loading zod.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from './calendar';

/** A calendar day as `YYYY-MM-DD` that also exists (no 31 September), read in Europe/Amsterdam. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s, { zone: ZONE }).isValid, 'no such calendar date');
