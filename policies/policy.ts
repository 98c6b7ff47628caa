/**
 * The shape of a policy edition as data, validated by zod when it is loaded: the parts every
 * care type shares (contract kinds, the calendar in the policy's own Dutch words, conditions,
 * exclusions, the late-application rule, the staff answer target, reminders) and the builder
 * (`editionSchema`) that each care type (policies/care-types/) completes with its own kind
 * properties, thresholds and rule sources. An edition that breaks its own calendar or names an
 * unknown contract kind is refused with the item and the problem (`checkEdition`).
 */
import { z } from 'zod';
import { compareDays } from './calendar';
import { IsoDateSchema } from './iso-date-schema';
import { describePlanDate, earliestDay, latestDay, parsePlanDate, type PlanDate } from './plan-date';

/** Where a rule or date comes from: the seed file and its section. */
export const SourceSchema = z.object({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'expected a seed file name like 000_4af25b5be7b4daf8.txt'),
  section: z.string().min(1),
  quote: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** The care types the purchaser buys, one policy each per contract year. */
export const CareTypeSchema = z.enum(['zg', 'paramedisch', 'farmacie', 'hulpmiddelen', 'geboortezorg']);
export type CareType = z.infer<typeof CareTypeSchema>;

/**
 * The tracks a provider's year can take:
 * - running-contract: a multi-year contract runs on; nothing to sign (maybe a new tariff annex);
 * - direct-offer: the offer goes out in its window, with a signing deadline;
 * - questionnaire: a questionnaire first, assessed by staff, then the offer;
 * - negotiation: an invitation to a purchase conversation, then the offer;
 * - application: a provider without an offer applies ("geen aanbod ontvangen");
 * - follow: the provider asks to follow another insurer's agreement (volgbeleid and the like);
 * - not-approached: none of the above (the reasons say why).
 */
export const TrackSchema = z.enum(['running-contract', 'direct-offer', 'questionnaire', 'negotiation', 'application', 'follow', 'not-approached']);
export type Track = z.infer<typeof TrackSchema>;

/** The steps of a planning calendar. */
export const StepIdSchema = z.enum([
  'member-list-deadline',
  'new-product-deadline',
  'application-deadline',
  'invitation',
  'questionnaire-open',
  'questionnaire-deadline',
  'offer',
  'signing-deadline',
  'publication',
  'tariff-annex',
]);
export type StepId = z.infer<typeof StepIdSchema>;

/** A planning phrase in the policy's own Dutch words, e.g. "2e helft september 2025". */
const WhenSchema = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      parsePlanDate(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/** One line of the planning table; `date` is what its words mean. */
export const PlanStepSchema = z
  .object({
    step: StepIdSchema,
    /** English label for staff, e.g. "offer without questionnaire". */
    label: z.string().min(1),
    /** The policy's words. */
    when: WhenSchema,
    /** Only for these tracks (absent: every track that has this step). */
    tracks: z.array(TrackSchema).optional(),
    /** Only for these contract kinds (absent: every kind). */
    kinds: z.array(z.string()).optional(),
    source: SourceSchema,
  })
  .transform((s) => {
    let date: PlanDate | undefined;
    try {
      date = parsePlanDate(s.when);
    } catch {
      date = undefined; // reported by WhenSchema
    }
    return { ...s, date: date as PlanDate };
  });
export type PlanStep = z.infer<typeof PlanStepSchema>;

const YearRangeSchema = z
  .object({ fromYear: z.number().int(), toYear: z.number().int() })
  .refine((r) => r.toYear >= r.fromYear, { message: 'toYear is before fromYear', path: ['toYear'] });

/** A factor that counts toward a better tier. */
export const TierFactorSchema = z.object({ id: z.string().min(1), text: z.string().min(1), source: SourceSchema });

/** Tiers (gedifferentieerde inkoop): the tier a provider gets for how many factors it meets. */
export const TierSchemeSchema = z.object({
  factors: z.array(TierFactorSchema).min(1),
  /** Best first: the first tier whose minimum the provider reaches is its tier. */
  tiers: z.array(z.object({ tier: z.enum(['A', 'B', 'C', 'D']), minFactors: z.number().int().min(0), text: z.string() })).min(2),
  source: SourceSchema,
});
export type TierScheme = z.infer<typeof TierSchemeSchema>;

/** The Vektis registration a contract kind asks for (001 s2.6 table). */
export const VektisRequirementSchema = z.object({
  /** First two digits of the practice or location AGB code that qualify. */
  practiceCodes: z.array(z.string().regex(/^\d{2}$/)).min(1),
  /** The practitioner that must be attached: by AGB care-type code, or by role where none exists. */
  practitioner: z.object({ codes: z.array(z.string().regex(/^\d{2}$/)).default([]), roles: z.array(z.string()).default([]), label: z.string() }),
  /**
   * Or practitioners who together qualify (GLI voor kinderen: a Centrale Zorgverlener with a
   * kinderleefstijlcoach, 001 s2.4.1): every group of role names must be held by one of them.
   */
  together: z.array(z.object({ roles: z.array(z.array(z.string().min(1)).min(1)).min(2), label: z.string().min(1) })).default([]),
});

/** One contract kind (zorgovereenkomst) under a policy. */
export const ContractKindSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower case, digits and dashes'),
  /** The policy's Dutch name. */
  name: z.string().min(1),
  /** The tracks a provider of this kind can take this year. */
  tracks: z.array(TrackSchema).min(1),
  /** The term of a new contract offered this year, if one is offered. */
  term: YearRangeSchema.optional(),
  /** A multi-year contract from earlier years that runs on this year: no new offer. */
  runsOn: YearRangeSchema.optional(),
  /** Running contracts that get a new tariff annex this year. */
  tariffAnnex: z.boolean().default(false),
  vektis: VektisRequirementSchema.optional(),
  /** Certificates required: every group must be met by at least one certificate in it. */
  certificates: z.array(z.array(z.string().min(1)).min(1)).default([]),
  tiers: TierSchemeSchema.optional(),
  source: SourceSchema,
});
export type ContractKind = z.infer<typeof ContractKindSchema>;

/**
 * Where a rule's reason comes from: its stable rule id, the seed section and the policy's words.
 * `quotes` holds the other words a rule quotes in some outcomes (e.g. the words that exclude and
 * the words that allow), by a name the care type's rules use.
 */
export const RuleSourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9.-]+$/, 'a rule id: lower case, digits, dots and dashes, e.g. zg.s4.running-contract'),
  section: z.string().min(1),
  quote: z.string().optional(),
  quotes: z.record(z.string(), z.string()).optional(),
});
export type RuleSource = z.infer<typeof RuleSourceSchema>;

/** Whether an edition is the purchaser's published policy, a draft being written, or a rehearsal of another year. */
export const EditionStatusSchema = z.enum(['published', 'draft', 'rehearsal']);

/** A condition or exclusion, stated once, with its source. */
export const RuleTextSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/),
  text: z.string().min(1),
  /** The same in Dutch, where staff read it in a reason (geboortezorg's conditions judged with an application). */
  textNl: z.string().min(1).optional(),
  kinds: z.array(z.string()).optional(),
  source: SourceSchema,
});

/**
 * What the NZa's transparency rule asks a published policy to say that the rest of an edition does
 * not (docs/transparency.md; `policies/transparency.ts` checks it): when it was published, how the
 * insurer is reached, its quality policy. Optional in the schema, so that drafts and revisions
 * archived before these fields still load.
 */
export const PublishedSchema = z.strictObject({
  /** The day the policy text was made public (article 4: by 1 April of the year before the contract year). */
  date: IsoDateSchema,
  /** A later version of the same text, where the policy names one (003: "Versie 1-7-2025"). */
  amendedOn: IsoDateSchema.optional(),
  /** Where the policy text names no date: why this day was taken (docs/decisions.md); `policy check` warns until it is confirmed. */
  assumed: z.string().min(1).optional(),
  source: SourceSchema,
});

/** How providers reach the purchaser during the purchase (article 4, item 2); the answer target is `answerWithinWorkingDays`. */
export const ContactSchema = z.strictObject({
  email: z.email('an e-mail address, e.g. zorginkoop@caresq.nl'),
  phone: z.string().regex(/^[0-9 +()-]{8,20}$/, 'a telephone number, e.g. 088 35 35 732').optional(),
  source: SourceSchema,
});

/** The quality policy the insurer applies in its purchase (article 4, item 3): English for engineers, Dutch as the policy says it. */
export const QualityPolicySchema = z.strictObject({
  text: z.string().min(1),
  textNl: z.string().min(1),
  source: SourceSchema,
});

/**
 * One clause of the edition's contract template (contractsjabloon): Dutch, as the provider reads it
 * on the offer's document, with the policy's own words it rests on (the seed text wins). `kinds`:
 * only for these contract kinds (absent: every kind).
 */
export const ContractClauseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a clause id: lower case, digits and dashes, e.g. looptijd'),
  title: z.string().min(1),
  text: z.string().min(1),
  kinds: z.array(z.string()).optional(),
  source: SourceSchema.extend({ quote: z.string().min(1) }),
});
export type ContractClause = z.infer<typeof ContractClauseSchema>;

/** The contract template of an edition: the clauses every offer's document carries (docs/contract-document.md). */
export const ContractTemplateSchema = z.strictObject({
  clauses: z.array(ContractClauseSchema).min(1),
});
export type ContractTemplate = z.infer<typeof ContractTemplateSchema>;

/** The fields of an edition that every care type has. */
const editionCoreShape = {
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower case, digits and dashes, e.g. paramedisch-2028'),
  title: z.string().min(1),
  careType: CareTypeSchema,
  contractYear: z.number().int().min(2000).max(2100),
  /** Published (the purchaser's policy), a draft being written, or a rehearsal of another year. */
  status: EditionStatusSchema.default('published'),
  seedFile: SourceSchema.shape.file,
  /** The insurer's name as the texts for staff use it. */
  insurer: z.string().min(1).default('Caresq'),
  contractKinds: z.array(ContractKindSchema).min(1),
  calendar: z.array(PlanStepSchema).min(1),
  conditions: z.array(RuleTextSchema).default([]),
  exclusions: z.array(RuleTextSchema).default([]),
  /** "Geen aanbod ontvangen": how a late application's contract starts. */
  lateApplication: z
    .object({
      startRule: z.enum(['first-of-next-month', 'no-contracts-during-year']),
      text: z.string(),
      source: SourceSchema,
    })
    .optional(),
  /** The answer target for provider e-mails, in working days; staff are escalated past it. */
  answerWithinWorkingDays: z.number().int().min(1).default(5),
  /** Providers are reminded this many days before a deadline of theirs (questionnaire, signing). */
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).default([7, 1]),
  /** When the policy was published (the transparency rule; see PublishedSchema). */
  published: PublishedSchema.optional(),
  /** How providers reach the purchaser. */
  contact: ContactSchema.optional(),
  /** The quality policy of the purchase. */
  qualityPolicy: QualityPolicySchema.optional(),
  /** The contract template: the clauses of the document every offer carries (absent: an offer without clauses). */
  contract: ContractTemplateSchema.optional(),
};

/**
 * A validated edition as the shared code sees it (the parts every care type shares): its calendar's
 * phrases are resolved into dates. `revision` is set when an edition is loaded: a hash of its
 * content, kept in every decision.
 */
export type Policy = z.infer<z.ZodObject<typeof editionCoreShape>> & { revision?: string };

/**
 * The schema of one care type's editions: the shared fields, with the care type's own properties of
 * a contract kind, its thresholds, and the sources of the rules its code gives reasons for.
 */
export function editionSchema<C extends CareType, K extends z.ZodRawShape, T extends z.ZodType, R extends z.ZodType>(careType: C, parts: { kind: K; thresholds: T; rules: R }) {
  // Strict: a field the schema does not know (a typo, `reminderDays` for `reminderDaysBefore`) is
  // an error with its line, not a setting silently ignored.
  return z.strictObject({
    ...editionCoreShape,
    careType: z.literal(careType),
    contractKinds: z.array(ContractKindSchema.extend(parts.kind).strict()).min(1),
    thresholds: parts.thresholds,
    rules: parts.rules,
  });
}

/** The resolved plan of one track and contract kind: its steps by id. */
export type TrackPlan = Partial<Record<StepId, PlanStep>>;

/**
 * The plan of one track for one contract kind: for each step the most specific line of the
 * calendar (kind and track named > kind named > track named > general).
 */
export function planFor(policy: Pick<Policy, 'calendar'>, track: Track, kind: string): TrackPlan {
  const plan: TrackPlan = {};
  const score = (s: PlanStep) => (s.kinds ? 2 : 0) + (s.tracks ? 1 : 0);
  for (const s of policy.calendar) {
    if (s.kinds && !s.kinds.includes(kind)) continue;
    if (s.tracks && !s.tracks.includes(track)) continue;
    const current = plan[s.step];
    if (!current || score(s) > score(current)) plan[s.step] = s;
  }
  return plan;
}

/** The order steps must keep where both have dates: the earlier step's latest day before the later's. */
const ORDER: [StepId, StepId][] = [
  ['member-list-deadline', 'invitation'],
  ['questionnaire-open', 'questionnaire-deadline'],
  ['questionnaire-deadline', 'signing-deadline'],
  ['invitation', 'signing-deadline'],
  ['offer', 'signing-deadline'],
  ['questionnaire-open', 'offer'],
  // Publication comes after everything of the season but a running contract's tariff annex.
  ...StepIdSchema.options.filter((s) => s !== 'publication' && s !== 'tariff-annex').map((s): [StepId, StepId] => [s, 'publication']),
];

/** The checks an edition's schema cannot say by shape: kinds defined once, terms that cover the year, the calendar in order. */
export function checkEdition(policy: Omit<Policy, 'revision'>, ctx: z.RefinementCtx<unknown>): void {
  const kinds = new Set(policy.contractKinds.map((k) => k.id));
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const seen = new Set<string>();
  policy.contractKinds.forEach((k, i) => {
    if (seen.has(k.id)) problem(['contractKinds', i, 'id'], `contract kind '${k.id}' is defined twice`);
    seen.add(k.id);
    if (k.term && (k.term.fromYear > policy.contractYear || k.term.toYear < policy.contractYear)) {
      problem(['contractKinds', i, 'term'], `term ${k.term.fromYear}-${k.term.toYear} does not cover contract year ${policy.contractYear}`);
    }
    if (k.runsOn && !(k.runsOn.fromYear < policy.contractYear && k.runsOn.toYear >= policy.contractYear)) {
      problem(['contractKinds', i, 'runsOn'], `a running contract ${k.runsOn.fromYear}-${k.runsOn.toYear} must start before and cover ${policy.contractYear}`);
    }
    if (k.runsOn && !k.tracks.includes('running-contract')) problem(['contractKinds', i, 'tracks'], 'a kind that runs on needs the running-contract track');
  });
  const checkKinds = (list: string[] | undefined, path: (string | number)[]) =>
    list?.forEach((k, j) => {
      if (!kinds.has(k)) problem([...path, j], `unknown contract kind '${k}' (known: ${[...kinds].join(', ')})`);
    });
  policy.calendar.forEach((s, i) => checkKinds(s.kinds, ['calendar', i, 'kinds']));
  policy.conditions.forEach((c, i) => checkKinds(c.kinds, ['conditions', i, 'kinds']));
  policy.exclusions.forEach((c, i) => checkKinds(c.kinds, ['exclusions', i, 'kinds']));
  const clauses = new Set<string>();
  policy.contract?.clauses.forEach((c, i) => {
    if (clauses.has(c.id)) problem(['contract', 'clauses', i, 'id'], `clause '${c.id}' is defined twice`);
    clauses.add(c.id);
    checkKinds(c.kinds, ['contract', 'clauses', i, 'kinds']);
  });

  for (const issue of calendarOrderIssues(policy.calendar, policy.contractKinds)) problem(issue.path, issue.message);
}

/** A calendar line as the order check needs it: `date` absent where its words cannot be read. */
type CalendarLine = Pick<PlanStep, 'step' | 'when' | 'tracks' | 'kinds'> & { date?: PlanDate };

/**
 * The calendar's order problems: a window that ends before it starts, and for every track of every
 * kind a step not before the step that must follow it. Lines whose words cannot be read are left
 * out (they are a problem of their own), so a file with a typo still has its order checked.
 */
export function calendarOrderIssues(calendar: CalendarLine[], kinds: { id: string; tracks: Track[] }[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  calendar.forEach((s, i) => {
    const d = s.date;
    if (d?.kind === 'window' && compareDays(d.to, d.from) < 0) issues.push({ path: ['calendar', i, 'when'], message: `window ${d.from} to ${d.to} ends before it starts` });
  });
  const readable = calendar.filter((s): s is CalendarLine & { date: PlanDate } => s.date !== undefined);
  // One problem a pair of lines, naming every kind and track it holds for.
  const found = new Map<string, { path: (string | number)[]; text: string; where: string[] }>();
  for (const kind of kinds) {
    for (const track of kind.tracks) {
      const plan = planFor({ calendar: readable as PlanStep[] }, track, kind.id);
      for (const [a, b] of ORDER) {
        const first = plan[a];
        const then = plan[b];
        if (!first || !then) continue;
        const firstDay = latestDay(first.date) ?? earliestDay(first.date);
        const thenDay = latestDay(then.date) ?? earliestDay(then.date);
        if (!firstDay || !thenDay) continue;
        if (compareDays(firstDay, thenDay) >= 0) {
          const key = `${calendar.indexOf(first)} ${calendar.indexOf(then)}`;
          const entry = found.get(key) ?? { path: ['calendar', calendar.indexOf(then)], text: `${a} '${first.when}' (${describePlanDate(first.date)}) is not before ${b} '${then.when}' (${describePlanDate(then.date)})`, where: [] };
          entry.where.push(`${kind.id} (${track})`);
          found.set(key, entry);
        }
      }
    }
  }
  const pairs = kinds.reduce((n, k) => n + k.tracks.length, 0);
  for (const { path, text, where } of found.values()) issues.push({ path, message: `${where.length === pairs && pairs > 1 ? 'every contract kind and track' : where.join(', ')}: ${text}` });
  return issues;
}
