/**
 * Geboortezorg (maternity care: midwifery, ultrasound, birth centres, kraamzorg, integrated
 * maternity care and the toeslag for reduced hospital availability): the rules, written once for
 * every year's edition (editions/geboortezorg-*.yaml). First edition:
 * ../shared/seeds/004_77e6806496974b03.txt (sections 3 conditions and tiers, 4 procedure, 5 planning).
 *
 * Every contract kind plays a role the edition gives it (`role`): a multi-year contract that runs
 * on, the tiered kraamzorg contract, the deviating kraamzorg contract for mediation agencies and
 * ZZP collaborations, integrated maternity care, or a toeslag added to another kind's contract.
 * Which organisations each kind is for, the thresholds, the tier factors, the documents a
 * registration sends and where every rule is written come from the edition. Readings of ambiguous
 * text: docs/policies/geboortezorg-<year>.md.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { compareDays, ZONE, type IsoDate } from '../calendar';
import { decide, tierFor, type Decision, type DecisionExtras, type Reason, type Tier } from '../decision';
import { lateApplicationStart } from '../offer-terms';
import { editionSchema, RuleSourceSchema, TierFactorSchema, TierSchemeSchema, type Track } from '../policy';
import { agbKind, OrganisationSchema, QualityMarkSchema, type Provider } from '../provider';
import { reasonsOf } from '../rules';

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
  }),
]);

/** A tier factor of this care type: its rule id and how it is checked. */
const GeboortezorgFactorSchema = TierFactorSchema.extend({ ruleId: RuleSourceSchema.shape.id, check: FactorCheckSchema });

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
    organisationName: z.strictObject({ full: z.string().min(1), short: z.string().min(1) }).optional(),
    /** A supplement: the kind whose running contract it adds to (whose organisations may ask for it). */
    addsTo: z.string().optional(),
    /** The documents a registration sends (integrated care, supplement), by the id the record names them with. */
    documents: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(1) })).default([]),
    /** The kraamzorg kinds: the conditions the questionnaire assesses, as staff read them. */
    assessedInQuestionnaire: z.string().min(1).optional(),
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
type Reasons = ReturnType<typeof reasonsOf<GeboortezorgEdition['rules']>>;

/** What every rule below reads: the edition, the provider and the edition's reason builder. */
interface Context {
  edition: GeboortezorgEdition;
  provider: Provider;
  reason: Reasons;
}

/** The two kraamzorg contracts: a provider is considered for one of them, never both. */
const KRAAMZORG_ROLES: Role[] = ['maternity-care', 'mediation'];

/** The kinds with one of these roles, in the edition's order. */
export function kindsWithRole(edition: Pick<GeboortezorgEdition, 'contractKinds'>, ...roles: Role[]): Kind[] {
  return edition.contractKinds.filter((k) => roles.includes(k.role));
}

/** The documents a registration for the (first) kind with this role sends, by id. */
export function documentsOf(edition: Pick<GeboortezorgEdition, 'contractKinds'>, role: Role): Kind['documents'] {
  return kindsWithRole(edition, role)[0]?.documents ?? [];
}

/** Is the provider one of the organisations the kind is for? A plain practice is told apart by its AGB care-type code. */
function isOrganisationOf(kind: Kind, p: Provider): boolean {
  return kind.organisations.includes(p.organisation) || (p.organisation === 'practice' && kind.agbKinds.includes(agbKind(p.agbCode)));
}

function runningContract(p: Provider, kind: string, year: number) {
  return p.contracts.find((c) => c.careType === 'geboortezorg' && c.kind === kind && c.fromYear <= year && year <= c.toYear);
}

/** The day `months` calendar months after `date` (31 January + 1 -> 28/29 February). */
function plusMonths(date: IsoDate, months: number): IsoDate {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ months }).toISODate()!;
}

/** A reason with other words quoted (and, for one item of a list, its own rule id). */
function quoting(r: Reason, quote: string | undefined, ruleId = r.ruleId): Reason {
  return { ...r, ruleId, source: { ...r.source, quote } };
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
function labelledMediation(edition: GeboortezorgEdition, organisation: Provider['organisation']): boolean {
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

/** A late application (a provider without an offer applies) that covers this kind; naming either kraamzorg kind covers both (the share picks). */
function applicationFor(edition: GeboortezorgEdition, p: Provider, kind: Kind) {
  const a = p.application;
  if (!a) return undefined;
  if (a.kinds.length === 0 || a.kinds.includes(kind.id)) return a;
  const kraamzorg = kindsWithRole(edition, ...KRAAMZORG_ROLES).map((k) => k.id);
  if (kraamzorg.includes(kind.id) && a.kinds.some((k) => kraamzorg.includes(k))) return a;
  return undefined;
}

const vecozo = ({ provider: p, reason }: Context): Reason =>
  reason('vecozo-certificate', p.vecozoCertificate, p.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no questionnaire or offer can be sent');

const vektis = ({ provider: p, reason }: Context): Reason => reason('vektis-registration', p.vektisRegistered, p.vektisRegistered ? 'registered at Vektis' : 'no valid Vektis registration');

/** Suspected fraud is listed only where it applies. */
const fraud = ({ provider: p, reason }: Context): Reason[] => (p.fraudSuspicion ? [reason('fraud-suspicion', false, 'doubt about the integrity of care based on suspected fraud: no contract offered')] : []);

/** A late application: its reason and its start (the first of the month after the application, never before the contract year). */
function lateApplication({ edition, reason }: Context, receivedOn: IsoDate): { reason: Reason; startDate: IsoDate } {
  const startDate = lateApplicationStart(edition.contractYear, receivedOn);
  return {
    startDate,
    reason: reason('late-application', true, `applied on ${receivedOn} without an offer: added value for the region judged, documents may be asked; no retroactive contract, start ${startDate}`),
  };
}

/** A runs-on kind: a running contract runs on with a new tariff annex; without one only a late application gets an offer. */
function evaluateRunsOn(ctx: Context, kind: Kind): Decision {
  const { edition, provider: p, reason } = ctx;
  const year = edition.contractYear;
  const make = (track: Track, reasons: Reason[], extra?: DecisionExtras) => decide(edition, p.agbCode, kind, track, reasons, extra);
  const running = runningContract(p, kind.id, year);
  if (running) {
    const annex = edition.calendar.find((st) => st.step === 'tariff-annex' && (!st.kinds || st.kinds.includes(kind.id)));
    const reasons = [reason('running-contract', false, `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`)];
    if (kind.tariffAnnex && annex) reasons.push(reason('tariff-annex', true, `a new tariff annex for ${year} follows in VECOZO (${annex.when})`));
    return make('running-contract', reasons, { tariffAnnex: kind.tariffAnnex && !!annex });
  }
  const application = applicationFor(edition, p, kind);
  if (!application) {
    return make('not-approached', [reason('no-running-contract', false, `no running ${kind.name} contract for ${year}: no new offer; the provider may apply through the application form`)]);
  }
  const late = lateApplication(ctx, application.receivedOn);
  const reasons = [late.reason, vecozo(ctx), ...fraud(ctx)];
  if (reasons.some((r) => !r.met)) return make('not-approached', reasons);
  // The kind's conditions are stated once, in the edition's `conditions`, with their own id and section.
  const condition = edition.conditions.find((c) => c.kinds?.includes(kind.id));
  if (condition) {
    reasons.push({ ruleId: condition.id, met: true, text: `the conditions are judged with the application: ${condition.text}`, source: { file: condition.source.file, section: condition.source.section } });
  }
  return make('application', reasons, { startDate: late.startDate });
}

/** The employed share (and, for the mediation contract, the members' own AGB codes) that the kraamzorg contract asks for. */
function employmentReasons({ edition, provider: p, reason }: Context, kind: Kind): Reason[] {
  const threshold = edition.thresholds.employedSharePercent;
  const share = p.employedShare;
  const shareText = share === undefined ? 'share of kraamverzorgenden in loondienst not recorded' : `${share}% of kraamverzorgenden in loondienst`;
  const labelled = labelledMediation(edition, p.organisation);
  if (kind.role === 'maternity-care') {
    const met = share !== undefined && share >= threshold;
    const note = met && labelled ? ` (registered as ${p.organisation}, but the share decides: the kraamzorg contract)` : '';
    return [reason('employed-share-at-least', met, `${shareText}${met ? `: at least ${threshold}%` : `: at least ${threshold}% not shown`}${note}`)];
  }
  const met = share !== undefined && share <= threshold;
  const note = met && !labelled ? ` (below ${threshold}%: the deviating contract for mediation agencies and ZZP collaborations)` : '';
  const members = p.practitioners;
  const codes = members.map((m) => m.agbCode);
  const individual = members.length > 0 && codes.every((c) => c !== p.agbCode) && new Set(codes).size === codes.length;
  return [
    reason('employed-share-at-most', met, `${shareText}${met ? `: at most ${threshold}%` : `: at most ${threshold}% not shown`}${note}`),
    reason(
      'individual-agb',
      individual,
      individual ? `all ${members.length} members have an individual AGB code` : members.length === 0 ? 'no members with an individual AGB code recorded' : 'not every member has an AGB code of their own',
    ),
  ];
}

/** A certificate of each group the kind asks for (matched by the start of its name, any case), valid on the contract year's first day. */
function certificateReasons({ edition, provider: p, reason }: Context, kind: Kind): Reason[] {
  const validFrom = `${edition.contractYear}-01-01`;
  return kind.certificates.map((group) => {
    const held = p.certificates.find((c) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase())) && (!c.validUntil || compareDays(c.validUntil, validFrom) >= 0));
    return reason('certificate', !!held, held ? `holds ${held.name}` : `no valid ${group.join('/')} certificate on ${validFrom}`);
  });
}

/** A kraamzorg kind: the questionnaire for every provider with the registrations and conditions (a late application instead: the application track); tiers where the kind has them. */
function evaluateKraamzorg(ctx: Context, kind: Kind): Decision {
  const { edition, provider: p, reason } = ctx;
  const year = edition.contractYear;
  const running = runningContract(p, kind.id, year);
  if (running) {
    return decide(edition, p.agbCode, kind, 'running-contract', [reason('kraamzorg-running-contract', false, `kraamzorg contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`)]);
  }
  const reasons = [...employmentReasons(ctx, kind), ...certificateReasons(ctx, kind), vektis(ctx), vecozo(ctx), ...fraud(ctx)];
  const application = applicationFor(edition, p, kind);
  const late = application ? lateApplication(ctx, application.receivedOn) : undefined;
  if (late) reasons.unshift(late.reason);
  if (reasons.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', reasons);

  reasons.push(reason('questionnaire-conditions', true, `${kind.assessedInQuestionnaire ?? 'the other conditions'} are assessed in the questionnaire`));
  const tier = kind.tiers ? tierOf(ctx, kind.tiers) : undefined;
  if (tier) reasons.push(tier.summary);
  return decide(edition, p.agbCode, kind, late ? 'application' : 'questionnaire', reasons, {
    ...(tier ? { tier: { tier: tier.tier, factors: tier.factors } } : {}),
    ...(late ? { startDate: late.startDate } : {}),
  });
}

/** One tier factor as a reason: its rule id and words from the tier table, met or not by the provider's record. */
function factorReason({ edition, provider: p }: Context, factor: z.infer<typeof GeboortezorgFactorSchema>): Reason {
  const as = (met: boolean, text: string): Reason => ({ ruleId: factor.ruleId, met, text, source: factor.source });
  const check = factor.check;
  if (check.kind === 'quality-mark') {
    const met = check.marks.some((m) => p.qualityMarks.includes(m));
    return as(met, met ? check.metText : check.unmetText);
  }
  const t = p.training;
  if (!t) return as(false, 'no training places recorded');
  const { ftePerPlace, minPlaces } = edition.thresholds.trainingPlaces;
  const needed = Math.max(minPlaces, Math.ceil(t.fte / ftePerPlace));
  return as(trainingFactorMet(edition, t), `${t.places} training place(s) for ${t.fte} FTE kraamverzorgenden (needs ${needed})`);
}

/** The tier (best first: the first whose minimum of factors is met), the factors that counted, and a reason naming every factor. */
function tierOf(ctx: Context, scheme: NonNullable<Kind['tiers']>): { tier: Tier; factors: Reason[]; summary: Reason } {
  const checks = scheme.factors.map((f) => factorReason(ctx, f));
  const factors = checks.filter((c) => c.met);
  const chosen = tierFor(scheme, factors.length);
  const text = `zorgovereenkomst ${chosen.tier}: ${factors.length} of ${checks.length} differentiation factors (${checks.map((c) => `${c.met ? 'met' : 'not met'}: ${c.text}`).join('; ')})`;
  return { tier: chosen.tier, factors, summary: quoting(ctx.reason('tier', true, text, false), chosen.text) };
}

/**
 * The documents of a registration: one `met: false` reason per missing document (the purchase
 * process waits for it, on the follow track), or one `met: true` reason when it is complete.
 */
function documentReasons({ edition, reason }: Context, kind: Kind, sent: string[], keys: { complete: 'integrated-application-complete' | 'supplement-application-complete'; missing: 'integrated-document' | 'supplement-document' }): Reason[] {
  const missing = kind.documents.filter((d) => !sent.includes(d.id));
  if (missing.length === 0) return [reason(keys.complete, true, `application complete (${kind.documents.map((d) => d.id).join(', ')}): the purchase process starts`)];
  const prefix = edition.rules[keys.missing].id;
  return missing.map((d) => quoting(reason(keys.missing, false, `missing: ${d.text}; the purchase process starts once the application is complete`, false), d.text, `${prefix}.${d.id}`));
}

/** An organisation check: met where the provider is one of the kind's organisations, named as the edition names them. */
function organisationText(kind: Kind | undefined, p: Provider, met: boolean): string {
  const name = kind?.organisationName ?? { full: `an organisation for ${kind?.name ?? 'the kind'}`, short: `an organisation for ${kind?.name ?? 'the kind'}` };
  return met ? name.full : `registered as ${p.organisation}, not as ${name.short}`;
}

/** Integrated care: an organisation of the kind registers by the deadline with every document; the process starts once complete. */
function evaluateIntegratedCare(ctx: Context, kind: Kind): Decision {
  const { edition, provider: p, reason } = ctx;
  const submission = p.submissions.find((x) => x.kind === kind.id);
  const step = edition.calendar.find((st) => st.step === 'application-deadline' && st.kinds?.includes(kind.id));
  const deadline = step && step.date.kind === 'by' ? step.date.date : undefined;
  const isOrganisation = isOrganisationOf(kind, p);
  const inTime = !!submission && (!deadline || compareDays(submission.receivedOn, deadline) <= 0);
  const registered = !submission
    ? `not registered for integrated funding (by ${deadline ?? 'the deadline'})`
    : inTime
      ? `registered on ${submission.receivedOn}, by ${deadline}`
      : `registered on ${submission.receivedOn}, after ${deadline}`;
  const hard = [reason('integrated-organisation', isOrganisation, organisationText(kind, p, isOrganisation)), reason('integrated-registered-in-time', inTime, registered), vecozo(ctx), ...fraud(ctx)];
  if (!submission || hard.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', hard);
  return decide(edition, p.agbCode, kind, 'follow', [
    ...hard,
    ...documentReasons(ctx, kind, submission.documents, { complete: 'integrated-application-complete', missing: 'integrated-document' }),
    reason(
      'integrated-conditions',
      true,
      'the IGO conditions and the quality requirements of the mono-disciplinary contracts are judged with the application; the regional agreements with the preferent insurer are followed on content',
    ),
  ]);
}

/** A supplement: followed in principle when the preferent insurer agreed it and it is reported within the months the edition gives. */
function evaluateSupplement(ctx: Context, kind: Kind): Decision {
  const { edition, provider: p, reason } = ctx;
  const year = edition.contractYear;
  const submission = p.submissions.find((x) => x.kind === kind.id);
  const base = edition.contractKinds.find((k) => k.id === kind.addsTo);
  const baseName = base?.id ?? kind.addsTo ?? 'base';
  const isOrganisation = !!base && isOrganisationOf(base, p);
  const contract = base && runningContract(p, base.id, year);
  const agreedOn = submission?.preferentAgreedOn;
  const hard: Reason[] = [
    reason('supplement-organisation', isOrganisation, organisationText(base, p, isOrganisation)),
    reason('supplement-contract', !!contract, contract ? `${baseName} contract ${contract.fromYear}-${contract.toYear} covers ${year}: the toeslag is an addition to it` : `no ${baseName} contract for ${year}: the toeslag adds to one`),
    reason('supplement-preferent-agreement', !!agreedOn, agreedOn ? `agreed the module with the preferent insurer on ${agreedOn}` : 'no agreement on the module with the preferent insurer reported'),
  ];
  if (submission && agreedOn) {
    const months = edition.thresholds.reportWithinMonths;
    const by = plusMonths(agreedOn, months);
    const inTime = compareDays(submission.receivedOn, by) <= 0;
    const period = months === 1 ? 'one month' : `${months} months`;
    hard.push(reason('supplement-reported-in-time', inTime, `reported on ${submission.receivedOn}, ${inTime ? 'within' : 'more than'} ${period} after the agreement (by ${by})`));
  }
  hard.push(vecozo(ctx), ...fraud(ctx));
  if (!submission || hard.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', hard);
  return decide(edition, p.agbCode, kind, 'follow', [
    ...hard,
    ...documentReasons(ctx, kind, submission.documents, { complete: 'supplement-application-complete', missing: 'supplement-document' }),
    reason('supplement-follow', true, `the preferent insurer's agreements are followed in principle for ${year}; the toeslag is taken to be temporary`),
  ]);
}

/** The rules of each role. */
const BY_ROLE: Record<Role, (ctx: Context, kind: Kind) => Decision> = {
  'runs-on': evaluateRunsOn,
  'maternity-care': evaluateKraamzorg,
  mediation: evaluateKraamzorg,
  'integrated-care': evaluateIntegratedCare,
  supplement: evaluateSupplement,
};

/**
 * Decides a provider's tracks under a geboortezorg edition, one per contract kind it is considered
 * for (see `kindsFor`). Works for any contract year, so rehearsal editions decide alike.
 */
export function evaluate(edition: GeboortezorgEdition, provider: Provider): Decision[] {
  const ctx: Context = { edition, provider, reason: reasonsOf(edition) };
  return kindsFor(edition, provider).map((kind) => BY_ROLE[kind.role](ctx, kind));
}
