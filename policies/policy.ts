/**
 * The shape of a purchasing policy as data, validated by zod when it is loaded.
 * One module per policy (e.g. `zg-2026.ts`) fills it in, with the seed section beside each item.
 */
import { z } from 'zod';
import { addWeeks, addYears, compareDays, IsoDateSchema, laterDay } from './calendar';

/** Where a rule or date comes from: the seed file and its section. */
export const SourceSchema = z.object({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'expected a seed file name like 000_4af25b5be7b4daf8.txt'),
  section: z.string().min(1),
  quote: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** A planning date as the policy writes it, resolved to a calendar day. */
export const PolicyDateSchema = z.object({
  date: IsoDateSchema,
  /** The policy's own words, e.g. "uiterlijk half september 2025". */
  text: z.string().min(1),
  source: SourceSchema,
});
export type PolicyDate = z.infer<typeof PolicyDateSchema>;

/** When the provider must have signed: a fixed day, or a number of weeks after the offer. */
export const SigningRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), date: IsoDateSchema, text: z.string(), source: SourceSchema }),
  z.object({ kind: z.literal('weeks-after-offer'), weeks: z.number().int().min(1).max(52), text: z.string(), source: SourceSchema }),
]);
export type SigningRule = z.infer<typeof SigningRuleSchema>;

/** The care types the purchaser buys, one policy each per contract year. */
export const CareTypeSchema = z.enum(['zg', 'paramedisch', 'farmacie', 'hulpmiddelen', 'geboortezorg']);
export type CareType = z.infer<typeof CareTypeSchema>;

/** A purchasing policy for one care type and contract year. */
export const PolicySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower case, digits and dashes'),
    title: z.string().min(1),
    careType: CareTypeSchema,
    contractYear: z.number().int().min(2000).max(2100),
    seedFile: SourceSchema.shape.file,
    calendar: z.object({
      /** The latest day the purchase-conversation invitations go out. */
      invitationBy: PolicyDateSchema.optional(),
      /** The latest day a provider without an offer may apply. */
      applicationBy: PolicyDateSchema.optional(),
      signing: SigningRuleSchema,
      /** From this day signed providers are listed in the provider finder (zorgzoeker). */
      publicationFrom: PolicyDateSchema,
    }),
  })
  .superRefine((policy, ctx) => {
    const { invitationBy, signing, publicationFrom } = policy.calendar;
    // A date that is itself invalid has its own issue already; compare only valid ones.
    const dates = [invitationBy?.date, signing.kind === 'fixed' ? signing.date : undefined, publicationFrom.date];
    if (dates.some((d) => d !== undefined && !IsoDateSchema.safeParse(d).success)) return;
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path: ['calendar', ...path], message });
    if (invitationBy && compareDays(invitationBy.date, publicationFrom.date) >= 0) {
      problem(['invitationBy'], `invitations by ${invitationBy.date} are not before publication from ${publicationFrom.date}`);
    }
    if (signing.kind === 'fixed' && compareDays(signing.date, publicationFrom.date) >= 0) {
      problem(['signing'], `signing deadline ${signing.date} is not before publication from ${publicationFrom.date}`);
    }
    if (signing.kind === 'fixed' && invitationBy && compareDays(signing.date, invitationBy.date) <= 0) {
      problem(['signing'], `signing deadline ${signing.date} is not after the invitations of ${invitationBy.date}`);
    }
    if (Number(publicationFrom.date.slice(0, 4)) >= policy.contractYear + 1) {
      problem(['publicationFrom'], `publication from ${publicationFrom.date} is after contract year ${policy.contractYear} has begun`);
    }
  });
export type Policy = z.infer<typeof PolicySchema>;

/**
 * Validates a policy at load. A broken policy is refused with a message naming the policy,
 * the item and the problem.
 */
export function definePolicy(data: z.input<typeof PolicySchema>): Policy {
  const parsed = PolicySchema.safeParse(data);
  if (!parsed.success) {
    const id = typeof data === 'object' && data && 'id' in data ? String(data.id) : '(no id)';
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(policy)'}: ${i.message}`);
    throw new Error(`Policy ${id} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The same policy with every date moved by whole calendar years, as a rehearsal edition for
 * another contract year. Used by the time-skipping tests (whose server clock starts today, after
 * the real 2025 dates) and for dry runs; the id says it is a rehearsal.
 */
export function rehearsePolicy(policy: Policy, contractYear: number): Policy {
  const years = contractYear - policy.contractYear;
  const shift = <T extends { date: string }>(d: T | undefined): T | undefined =>
    d && { ...d, date: addYears(d.date, years) };
  const { calendar } = policy;
  return definePolicy({
    ...policy,
    id: `${policy.id}-rehearsal-${contractYear}`,
    title: `${policy.title} (rehearsal for ${contractYear})`,
    contractYear,
    calendar: {
      invitationBy: shift(calendar.invitationBy),
      applicationBy: shift(calendar.applicationBy),
      signing: calendar.signing.kind === 'fixed' ? shift(calendar.signing)! : calendar.signing,
      publicationFrom: shift(calendar.publicationFrom)!,
    },
  });
}

/**
 * The signing deadline of an offer made on `offeredOn`: the fixed day, or the day `weeks`
 * weeks later by the Amsterdam calendar. An offer made after a fixed deadline (possible only
 * when staff move dates) gets no shorter than zero days: the deadline is then the offer day.
 */
export function signingDeadlineFor(rule: SigningRule, offeredOn: string): string {
  return rule.kind === 'fixed' ? laterDay(rule.date, offeredOn) : addWeeks(offeredOn, rule.weeks);
}

/** The signing rule in words, for staff. */
export function describeSigningRule(rule: SigningRule): string {
  return rule.kind === 'fixed' ? `sign by ${rule.date}` : `sign within ${rule.weeks} weeks of the offer`;
}
