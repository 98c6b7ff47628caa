/**
 * The geboortezorg edition's schema and its contract kinds: what a year's edition
 * (editions/geboortezorg-*.yaml) holds for the rules in geboortezorg.ts, and which kinds a
 * provider is considered for. Texts staff read come in English (for engineers) and Dutch (`...Nl`).
 */
import { z } from 'zod';
import { editionSchema, RuleSourceSchema, TierFactorSchema, TierSchemeSchema } from '../policy';
import { agbKind, OrganisationSchema, QualityMarkSchema, type Provider } from '../provider';

/**
 * What a contract kind is to these rules:
 * - runs-on: a multi-year contract runs on with a new tariff annex; without one a provider may only apply late;
 * - maternity-care: the tiered kraamzorg contract, for an employed share of at least the threshold;
 * - mediation: the deviating kraamzorg contract (at most the threshold employed, members with their own AGB code, no tiers);
 * - integrated-care: an integrated-care organisation registers by a deadline with documents and is followed once complete;
 * - supplement: a toeslag on another kind's running contract, followed once the preferent insurer agreed it and it is reported in time.
 */
export const RoleSchema = z.enum(['runs-on', 'maternity-care', 'mediation', 'integrated-care', 'supplement']);
/** A contract kind's role (see RoleSchema). */
export type Role = z.infer<typeof RoleSchema>;

/** How a tier factor is shown in the provider's record: training places for the FTE (thresholds.trainingPlaces), or a quality mark. */
const FactorCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('training-places') }),
  z.strictObject({
    kind: z.literal('quality-mark'),
    /** The marks that meet the factor. */
    marks: z.array(QualityMarkSchema).min(1),
    metText: z.string().min(1),
    unmetText: z.string().min(1),
    /** The same in Dutch, for staff. */
    metTextNl: z.string().min(1),
    unmetTextNl: z.string().min(1),
  }),
]);

/** A tier factor of this care type: its rule id and how it is checked. */
export const GeboortezorgFactorSchema = TierFactorSchema.extend({ ruleId: RuleSourceSchema.shape.id, check: FactorCheckSchema });

/** A geboortezorg edition: contract kinds with their roles, thresholds, and the sources of the rules below. */
export const schema = editionSchema('geboortezorg', {
  kind: {
    /** What the kind is to these rules (see RoleSchema). */
    role: RoleSchema,
    /** The organisations (the record's `organisation`) the kind is for: they are considered for it. */
    organisations: z.array(OrganisationSchema).default([]),
    /** A plain `practice` counts as one of those organisations by its AGB care-type code (the code's first two digits). */
    agbKinds: z.array(z.string().regex(/^\d{2}$/)).default([]),
    /** How staff call one of those organisations: `full` where it is one, `short` in "not as ...". */
    organisationName: z.strictObject({ full: z.string().min(1), short: z.string().min(1), fullNl: z.string().min(1), shortNl: z.string().min(1) }).optional(),
    /** A supplement: the kind whose running contract it adds to (whose organisations may ask for it). */
    addsTo: z.string().optional(),
    /** The documents a registration sends (integrated care, supplement), by the id the record names them with. */
    documents: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(1) })).default([]),
    /** The kraamzorg kinds: the conditions the questionnaire assesses, as staff read them. */
    assessedInQuestionnaire: z.string().min(1).optional(),
    /** The same in Dutch. */
    assessedInQuestionnaireNl: z.string().min(1).optional(),
    /** The tiers, each factor with its rule id and how the record shows it. */
    tiers: TierSchemeSchema.extend({ factors: z.array(GeboortezorgFactorSchema).min(1) }).optional(),
  },
  thresholds: z.strictObject({
    /** The share (percent) of kraamverzorgenden employed: the tiered contract at least this, the mediation contract at most this. */
    employedSharePercent: z.number().min(0).max(100),
    /** The training factor: a place per this many FTE kraamverzorgenden (a started block needs its place), and at least `minPlaces` (at least one: the factor is a demonstrable role in training). */
    trainingPlaces: z.strictObject({ ftePerPlace: z.number().positive(), minPlaces: z.number().int().min(1) }),
    /** A supplement is reported within this many calendar months of the preferent insurer's agreement (the last day included). */
    reportWithinMonths: z.number().int().min(1),
  }),
  rules: z.strictObject({
    /** A runs-on kind's contract covering the contract year runs on: no new offer. */
    'running-contract': RuleSourceSchema,
    /** That running contract gets the year's tariff annex (calendar step `tariff-annex`), where the kind has `tariffAnnex`. */
    'tariff-annex': RuleSourceSchema,
    /** A runs-on kind without a running contract or an application: no offer; the provider may apply. */
    'no-running-contract': RuleSourceSchema,
    /** A kraamzorg contract (either kraamzorg kind) covering the contract year runs on. */
    'kraamzorg-running-contract': RuleSourceSchema,
    /** A provider without an offer applies late: assessed; its contract is never retroactive. */
    'late-application': RuleSourceSchema,
    /** The kraamzorg kinds need the right Vektis registration. */
    'vektis-registration': RuleSourceSchema,
    /** Every new offer goes through VECOZO. */
    'vecozo-certificate': RuleSourceSchema,
    /** Suspected fraud stops every new offer (listed only where it applies). */
    'fraud-suspicion': RuleSourceSchema,
    /** The tiered kraamzorg contract: at least the threshold share of kraamverzorgenden employed. */
    'employed-share-at-least': RuleSourceSchema,
    /** The mediation contract: at most the threshold share employed. */
    'employed-share-at-most': RuleSourceSchema,
    /** The mediation contract: every member has an AGB code of its own. */
    'individual-agb': RuleSourceSchema,
    /** The kraamzorg kinds: a certificate of each of the kind's `certificates` groups, valid when the contract year begins. */
    certificate: RuleSourceSchema,
    /** The kraamzorg kinds: the other conditions are assessed in the questionnaire (the kind's `assessedInQuestionnaire`). */
    'questionnaire-conditions': RuleSourceSchema,
    /** The tier the factors give; it quotes the tier's own words from the kind's tier table. */
    tier: RuleSourceSchema,
    /** Integrated care: the provider is one of the organisations the kind is for. */
    'integrated-organisation': RuleSourceSchema,
    /** Integrated care: registered by the kind's `application-deadline` in the calendar. */
    'integrated-registered-in-time': RuleSourceSchema,
    /** Integrated care: every document is in, the purchase process starts. */
    'integrated-application-complete': RuleSourceSchema,
    /** Integrated care: a missing document; its rule id is this id, `.`, the document's id, and it quotes the document. */
    'integrated-document': RuleSourceSchema,
    /** Integrated care: the conditions judged with the application. */
    'integrated-conditions': RuleSourceSchema,
    /** Supplement: the provider is an organisation of the kind it adds to. */
    'supplement-organisation': RuleSourceSchema,
    /** Supplement: a contract of the kind it adds to covers the contract year. */
    'supplement-contract': RuleSourceSchema,
    /** Supplement: the preferent insurer agreed it. */
    'supplement-preferent-agreement': RuleSourceSchema,
    /** Supplement: reported within `thresholds.reportWithinMonths` of that agreement. */
    'supplement-reported-in-time': RuleSourceSchema,
    /** Supplement: every document is in, the purchase process starts. */
    'supplement-application-complete': RuleSourceSchema,
    /** Supplement: a missing document; its rule id is this id, `.`, the document's id, and it quotes the document. */
    'supplement-document': RuleSourceSchema,
    /** Supplement: the preferent insurer's agreements are followed. */
    'supplement-follow': RuleSourceSchema,
  }),
});

/** A validated geboortezorg edition. */
export type GeboortezorgEdition = z.infer<typeof schema> & { revision?: string };
type Kind = GeboortezorgEdition['contractKinds'][number];

/** The two kraamzorg contracts: a provider is considered for one of them, never both. */
export const KRAAMZORG_ROLES: Role[] = ['maternity-care', 'mediation'];

/** The kinds with one of these roles, in the edition's order. */
export function kindsWithRole(edition: Pick<GeboortezorgEdition, 'contractKinds'>, ...roles: Role[]): Kind[] {
  return edition.contractKinds.filter((k) => roles.includes(k.role));
}

/** The documents a registration for the (first) kind with this role sends, by id. */
export function documentsOf(edition: Pick<GeboortezorgEdition, 'contractKinds'>, role: Role): Kind['documents'] {
  return kindsWithRole(edition, role)[0]?.documents ?? [];
}

/** Is the provider one of the organisations the kind is for? A plain practice is told apart by its AGB care-type code. */
export function isOrganisationOf(kind: Kind, p: Provider): boolean {
  return kind.organisations.includes(p.organisation) || (p.organisation === 'practice' && kind.agbKinds.includes(agbKind(p.agbCode)));
}

/** The provider's contract of the kind that covers the year. */
export function runningContract(p: Provider, kind: string, year: number) {
  return p.contracts.find((c) => c.careType === 'geboortezorg' && c.kind === kind && c.fromYear <= year && year <= c.toYear);
}

/**
 * The training factor: at least one training place per N FTE kraamverzorgenden, read
 * proportionally with a minimum: places x N >= FTE and places >= minPlaces. Exactly 1 place for
 * N FTE counts; 1 place for a little more than N does not (it needs 2). No record: not met.
 */
export function trainingFactorMet(edition: Pick<GeboortezorgEdition, 'thresholds'>, training: Provider['training']): boolean {
  if (!training) return false;
  const { ftePerPlace, minPlaces } = edition.thresholds.trainingPlaces;
  return training.places >= minPlaces && training.places * ftePerPlace >= training.fte;
}

/** Is the organisation registered as one the mediation contract is for? */
export function labelledMediation(edition: GeboortezorgEdition, organisation: Provider['organisation']): boolean {
  return kindsWithRole(edition, 'mediation').some((k) => k.organisations.includes(organisation));
}

/**
 * Which kraamzorg contract a provider is considered for (its id): exactly the threshold share
 * employed gets the tiered contract (its condition says "at least"); below it the mediation
 * contract. The share decides over the organisation's label; with no share recorded the label decides.
 */
export function kraamzorgKindFor(edition: GeboortezorgEdition, provider: Pick<Provider, 'employedShare' | 'organisation'>): string {
  const tiered = kindsWithRole(edition, 'maternity-care')[0];
  const mediation = kindsWithRole(edition, 'mediation')[0];
  const mediated = provider.employedShare !== undefined ? provider.employedShare < edition.thresholds.employedSharePercent : labelledMediation(edition, provider.organisation);
  const kind = (mediated ? mediation : tiered) ?? tiered ?? mediation;
  if (!kind) throw new Error(`edition ${edition.id} has no kraamzorg contract kind`);
  return kind.id;
}

/**
 * The contract kinds a provider is considered for, in the edition's order: a kind it is an
 * organisation of or whose id its record names (contracts, contract kinds, application,
 * registrations); a supplement only where named; of the two kraamzorg contracts the one it holds
 * or the one its employed share gives.
 */
export function kindsFor(edition: GeboortezorgEdition, p: Provider): Kind[] {
  const named = new Set<string>([
    ...p.contractKinds,
    ...p.contracts.filter((c) => c.careType === 'geboortezorg').map((c) => c.kind),
    ...(p.application?.kinds ?? []),
    ...p.submissions.map((x) => x.kind),
  ]);
  const considered = (k: Kind) => named.has(k.id) || isOrganisationOf(k, p);
  const ids = new Set<string>(edition.contractKinds.filter((k) => (k.role === 'supplement' ? named.has(k.id) : !KRAAMZORG_ROLES.includes(k.role) && considered(k))).map((k) => k.id));
  const kraamzorg = kindsWithRole(edition, ...KRAAMZORG_ROLES);
  if (kraamzorg.some(considered)) ids.add(kraamzorg.find((k) => runningContract(p, k.id, edition.contractYear))?.id ?? kraamzorgKindFor(edition, p));
  return edition.contractKinds.filter((k) => ids.has(k.id));
}
