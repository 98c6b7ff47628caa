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
import { compareDays, formatDay, ZONE, type IsoDate } from '../calendar';
import { decide, tierFor, type Decision, type DecisionExtras, type Reason, type Tier } from '../decision';
import { lateApplicationStart } from '../offer-terms';
import type { Track } from '../policy';
import type { Provider } from '../provider';
import { reasonsOf, type RuleText } from '../rules';
import {
  isOrganisationOf,
  kindsFor,
  kindsWithRole,
  KRAAMZORG_ROLES,
  labelledMediation,
  runningContract,
  trainingFactorMet,
  type GeboortezorgEdition,
  type GeboortezorgFactorSchema,
  type Role,
} from './geboortezorg-edition';

export { documentsOf, kindsFor, kindsWithRole, kraamzorgKindFor, RoleSchema, schema, trainingFactorMet, type GeboortezorgEdition, type Role } from './geboortezorg-edition';

type Kind = GeboortezorgEdition['contractKinds'][number];
type Reasons = ReturnType<typeof reasonsOf<GeboortezorgEdition['rules']>>;

/** What every rule below reads: the edition, the provider and the edition's reason builder. */
interface Context {
  edition: GeboortezorgEdition;
  provider: Provider;
  reason: Reasons;
}

/** The day `months` calendar months after `date` (31 January + 1 -> 28/29 February). */
function plusMonths(date: IsoDate, months: number): IsoDate {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ months }).toISODate()!;
}

/** A reason with other words quoted (and, for one item of a list, its own rule id). */
function quoting(r: Reason, quote: string | undefined, ruleId = r.ruleId): Reason {
  return { ...r, ruleId, source: { ...r.source, quote } };
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
  reason(
    'vecozo-certificate',
    p.vecozoCertificate,
    p.vecozoCertificate
      ? { en: 'holds a VECOZO certificate', nl: 'heeft een VECOZO-certificaat' }
      : { en: 'no VECOZO certificate: no questionnaire or offer can be sent', nl: 'geen VECOZO-certificaat: er kan geen vragenlijst of aanbod worden verstuurd' },
  );

const vektis = ({ provider: p, reason }: Context): Reason =>
  reason('vektis-registration', p.vektisRegistered, p.vektisRegistered ? { en: 'registered at Vektis', nl: 'geregistreerd bij Vektis' } : { en: 'no valid Vektis registration', nl: 'geen geldige registratie bij Vektis' });

/** Suspected fraud is listed only where it applies. */
const fraud = ({ provider: p, reason }: Context): Reason[] => (p.fraudSuspicion
    ? [reason('fraud-suspicion', false, { en: 'doubt about the integrity of care based on suspected fraud: no contract offered', nl: 'twijfel aan de integriteit van de zorg door een vermoeden van fraude: geen contract aangeboden' })]
    : []);

/** A late application: its reason and its start (the first of the month after the application, never before the contract year). */
function lateApplication({ edition, reason }: Context, receivedOn: IsoDate): { reason: Reason; startDate: IsoDate } {
  const startDate = lateApplicationStart(edition.contractYear, receivedOn);
  return {
    startDate,
    reason: reason('late-application', true, {
      en: `applied on ${receivedOn} without an offer: added value for the region judged, documents may be asked; no retroactive contract, start ${startDate}`,
      nl: `aangemeld op ${formatDay(receivedOn)} zonder aanbod: toegevoegde waarde voor de regio beoordeeld, documenten kunnen worden opgevraagd; geen contract met terugwerkende kracht, ingangsdatum ${formatDay(startDate)}`,
    }),
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
    const reasons = [reason('running-contract', false, { en: `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`, nl: `contract ${kind.name} ${running.fromYear}-${running.toYear} loopt door in ${year}: geen nieuw aanbod` })];
    if (kind.tariffAnnex && annex) reasons.push(reason('tariff-annex', true, { en: `a new tariff annex for ${year} follows in VECOZO (${annex.when})`, nl: `een nieuwe tariefbijlage voor ${year} volgt in VECOZO (${annex.when})` }));
    return make('running-contract', reasons, { tariffAnnex: kind.tariffAnnex && !!annex });
  }
  const application = applicationFor(edition, p, kind);
  if (!application) {
    return make('not-approached', [
      reason('no-running-contract', false, {
        en: `no running ${kind.name} contract for ${year}: no new offer; the provider may apply through the application form`,
        nl: `geen lopend contract ${kind.name} voor ${year}: geen nieuw aanbod; de zorgaanbieder kan zich aanmelden via het aanmeldformulier`,
      }),
    ]);
  }
  const late = lateApplication(ctx, application.receivedOn);
  const reasons = [late.reason, vecozo(ctx), ...fraud(ctx)];
  if (reasons.some((r) => !r.met)) return make('not-approached', reasons);
  // The kind's conditions are stated once, in the edition's `conditions`, with their own id and section.
  const condition = edition.conditions.find((c) => c.kinds?.includes(kind.id));
  if (condition) {
    reasons.push({
      ruleId: condition.id,
      met: true,
      text: `the conditions are judged with the application: ${condition.text}`,
      ...(condition.textNl ? { nl: `de voorwaarden worden bij de aanmelding beoordeeld: ${condition.textNl}` } : {}),
      source: { file: condition.source.file, section: condition.source.section },
    });
  }
  return make('application', reasons, { startDate: late.startDate });
}

/** The employed share (and, for the mediation contract, the members' own AGB codes) that the kraamzorg contract asks for. */
function employmentReasons({ edition, provider: p, reason }: Context, kind: Kind): Reason[] {
  const threshold = edition.thresholds.employedSharePercent;
  const share = p.employedShare;
  const shareText = share === undefined ? 'share of kraamverzorgenden in loondienst not recorded' : `${share}% of kraamverzorgenden in loondienst`;
  const aandeel = share === undefined ? 'aandeel kraamverzorgenden in loondienst niet vastgelegd' : `${share}% van de kraamverzorgenden in loondienst`;
  const labelled = labelledMediation(edition, p.organisation);
  if (kind.role === 'maternity-care') {
    const met = share !== undefined && share >= threshold;
    const note = met && labelled ? ` (registered as ${p.organisation}, but the share decides: the kraamzorg contract)` : '';
    const noot = met && labelled ? ` (geregistreerd als ${p.organisation}, maar het aandeel beslist: de zorgovereenkomst kraamzorg)` : '';
    return [
      reason('employed-share-at-least', met, {
        en: `${shareText}${met ? `: at least ${threshold}%` : `: at least ${threshold}% not shown`}${note}`,
        nl: `${aandeel}${met ? `: ten minste ${threshold}%` : `: ten minste ${threshold}% niet aangetoond`}${noot}`,
      }),
    ];
  }
  const met = share !== undefined && share <= threshold;
  const note = met && !labelled ? ` (below ${threshold}%: the deviating contract for mediation agencies and ZZP collaborations)` : '';
  const noot = met && !labelled ? ` (onder ${threshold}%: de afwijkende zorgovereenkomst voor bemiddelingsbureaus en ZZP-samenwerkingsverbanden)` : '';
  const members = p.practitioners;
  const codes = members.map((m) => m.agbCode);
  const individual = members.length > 0 && codes.every((c) => c !== p.agbCode) && new Set(codes).size === codes.length;
  return [
    reason('employed-share-at-most', met, {
      en: `${shareText}${met ? `: at most ${threshold}%` : `: at most ${threshold}% not shown`}${note}`,
      nl: `${aandeel}${met ? `: ten hoogste ${threshold}%` : `: ten hoogste ${threshold}% niet aangetoond`}${noot}`,
    }),
    reason(
      'individual-agb',
      individual,
      individual
        ? { en: `all ${members.length} members have an individual AGB code`, nl: `alle ${members.length} leden hebben een eigen AGB-code` }
        : members.length === 0
          ? { en: 'no members with an individual AGB code recorded', nl: 'geen leden met een eigen AGB-code vastgelegd' }
          : { en: 'not every member has an AGB code of their own', nl: 'niet elk lid heeft een eigen AGB-code' },
    ),
  ];
}

/** A certificate of each group the kind asks for (matched by the start of its name, any case), valid on the contract year's first day. */
function certificateReasons({ edition, provider: p, reason }: Context, kind: Kind): Reason[] {
  const validFrom = `${edition.contractYear}-01-01`;
  return kind.certificates.map((group) => {
    const held = p.certificates.find((c) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase())) && (!c.validUntil || compareDays(c.validUntil, validFrom) >= 0));
    return reason('certificate', !!held, held ? { en: `holds ${held.name}`, nl: `heeft ${held.name}` } : { en: `no valid ${group.join('/')} certificate on ${validFrom}`, nl: `geen geldig certificaat ${group.join('/')} op ${formatDay(validFrom)}` });
  });
}

/** A kraamzorg kind: the questionnaire for every provider with the registrations and conditions (a late application instead: the application track); tiers where the kind has them. */
function evaluateKraamzorg(ctx: Context, kind: Kind): Decision {
  const { edition, provider: p, reason } = ctx;
  const year = edition.contractYear;
  const running = runningContract(p, kind.id, year);
  if (running) {
    return decide(edition, p.agbCode, kind, 'running-contract', [
      reason('kraamzorg-running-contract', false, { en: `kraamzorg contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`, nl: `contract kraamzorg ${running.fromYear}-${running.toYear} loopt door in ${year}: geen nieuw aanbod` }),
    ]);
  }
  const reasons = [...employmentReasons(ctx, kind), ...certificateReasons(ctx, kind), vektis(ctx), vecozo(ctx), ...fraud(ctx)];
  const application = applicationFor(edition, p, kind);
  const late = application ? lateApplication(ctx, application.receivedOn) : undefined;
  if (late) reasons.unshift(late.reason);
  if (reasons.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', reasons);

  reasons.push(
    reason('questionnaire-conditions', true, {
      en: `${kind.assessedInQuestionnaire ?? 'the other conditions'} are assessed in the questionnaire`,
      nl: `${kind.assessedInQuestionnaireNl ?? 'de overige voorwaarden'} worden in de vragenlijst beoordeeld`,
    }),
  );
  const tier = kind.tiers ? tierOf(ctx, kind.tiers) : undefined;
  if (tier) reasons.push(tier.summary);
  return decide(edition, p.agbCode, kind, late ? 'application' : 'questionnaire', reasons, {
    ...(tier ? { tier: { tier: tier.tier, factors: tier.factors } } : {}),
    ...(late ? { startDate: late.startDate } : {}),
  });
}

/** One tier factor as a reason: its rule id and words from the tier table, met or not by the provider's record. */
function factorReason({ edition, provider: p }: Context, factor: z.infer<typeof GeboortezorgFactorSchema>): Reason {
  const as = (met: boolean, text: RuleText): Reason => ({ ruleId: factor.ruleId, met, text: text.en, nl: text.nl, source: factor.source });
  const check = factor.check;
  if (check.kind === 'quality-mark') {
    const met = check.marks.some((m) => p.qualityMarks.includes(m));
    return as(met, met ? { en: check.metText, nl: check.metTextNl } : { en: check.unmetText, nl: check.unmetTextNl });
  }
  const t = p.training;
  if (!t) return as(false, { en: 'no training places recorded', nl: 'geen opleidingsplekken vastgelegd' });
  const { ftePerPlace, minPlaces } = edition.thresholds.trainingPlaces;
  const needed = Math.max(minPlaces, Math.ceil(t.fte / ftePerPlace));
  return as(trainingFactorMet(edition, t), {
    en: `${t.places} training place(s) for ${t.fte} FTE kraamverzorgenden (needs ${needed})`,
    nl: `${t.places} opleidingsplek(ken) voor ${t.fte} fte kraamverzorgenden (nodig: ${needed})`,
  });
}

/** The tier (best first: the first whose minimum of factors is met), the factors that counted, and a reason naming every factor. */
function tierOf(ctx: Context, scheme: NonNullable<Kind['tiers']>): { tier: Tier; factors: Reason[]; summary: Reason } {
  const checks = scheme.factors.map((f) => factorReason(ctx, f));
  const factors = checks.filter((c) => c.met);
  const chosen = tierFor(scheme, factors.length);
  const text = {
    en: `zorgovereenkomst ${chosen.tier}: ${factors.length} of ${checks.length} differentiation factors (${checks.map((c) => `${c.met ? 'met' : 'not met'}: ${c.text}`).join('; ')})`,
    nl: `zorgovereenkomst ${chosen.tier}: ${factors.length} van ${checks.length} differentiatiefactoren (${checks.map((c) => `${c.met ? 'voldaan' : 'niet voldaan'}: ${c.nl ?? c.text}`).join('; ')})`,
  };
  return { tier: chosen.tier, factors, summary: quoting(ctx.reason('tier', true, text, false), chosen.text) };
}

/**
 * The documents of a registration: one `met: false` reason per missing document (the purchase
 * process waits for it, on the follow track), or one `met: true` reason when it is complete.
 */
function documentReasons({ edition, reason }: Context, kind: Kind, sent: string[], keys: { complete: 'integrated-application-complete' | 'supplement-application-complete'; missing: 'integrated-document' | 'supplement-document' }): Reason[] {
  const missing = kind.documents.filter((d) => !sent.includes(d.id));
  if (missing.length === 0) {
    const ids = kind.documents.map((d) => d.id).join(', ');
    return [reason(keys.complete, true, { en: `application complete (${ids}): the purchase process starts`, nl: `aanmelding compleet (${ids}): het inkoopproces start` })];
  }
  const prefix = edition.rules[keys.missing].id;
  return missing.map((d) =>
    quoting(reason(keys.missing, false, { en: `missing: ${d.text}; the purchase process starts once the application is complete`, nl: `ontbreekt: ${d.text}; het inkoopproces start zodra de aanmelding compleet is` }, false), d.text, `${prefix}.${d.id}`),
  );
}

/** An organisation check: met where the provider is one of the kind's organisations, named as the edition names them. */
function organisationText(kind: Kind | undefined, p: Provider, met: boolean): RuleText {
  const en = `an organisation for ${kind?.name ?? 'the kind'}`;
  const nl = `een organisatie voor ${kind?.name ?? 'deze contractsoort'}`;
  const name = kind?.organisationName ?? { full: en, short: en, fullNl: nl, shortNl: nl };
  return met ? { en: name.full, nl: name.fullNl } : { en: `registered as ${p.organisation}, not as ${name.short}`, nl: `geregistreerd als ${p.organisation}, niet als ${name.shortNl}` };
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
    ? { en: `not registered for integrated funding (by ${deadline ?? 'the deadline'})`, nl: `niet aangemeld voor integrale bekostiging (${deadline ? `uiterlijk ${formatDay(deadline)}` : 'voor de uiterste datum'})` }
    : inTime
      ? { en: `registered on ${submission.receivedOn}, by ${deadline}`, nl: `aangemeld op ${formatDay(submission.receivedOn)}${deadline ? `, uiterlijk ${formatDay(deadline)}` : ''}` }
      : { en: `registered on ${submission.receivedOn}, after ${deadline}`, nl: `aangemeld op ${formatDay(submission.receivedOn)}${deadline ? `, na ${formatDay(deadline)}` : ''}` };
  const hard = [reason('integrated-organisation', isOrganisation, organisationText(kind, p, isOrganisation)), reason('integrated-registered-in-time', inTime, registered), vecozo(ctx), ...fraud(ctx)];
  if (!submission || hard.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', hard);
  return decide(edition, p.agbCode, kind, 'follow', [
    ...hard,
    ...documentReasons(ctx, kind, submission.documents, { complete: 'integrated-application-complete', missing: 'integrated-document' }),
    reason(
      'integrated-conditions',
      true,
      {
        en: 'the IGO conditions and the quality requirements of the mono-disciplinary contracts are judged with the application; the regional agreements with the preferent insurer are followed on content',
        nl: 'de voorwaarden voor een IGO en de kwaliteitseisen van de monodisciplinaire contracten worden bij de aanmelding beoordeeld; inhoudelijk worden de regionale afspraken met de preferente zorgverzekeraar gevolgd',
      },
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
    reason(
      'supplement-contract',
      !!contract,
      contract
        ? { en: `${baseName} contract ${contract.fromYear}-${contract.toYear} covers ${year}: the toeslag is an addition to it`, nl: `contract ${baseName} ${contract.fromYear}-${contract.toYear} dekt ${year}: de toeslag is daar een aanvulling op` }
        : { en: `no ${baseName} contract for ${year}: the toeslag adds to one`, nl: `geen contract ${baseName} voor ${year}: de toeslag is een aanvulling op zo'n contract` },
    ),
    reason(
      'supplement-preferent-agreement',
      !!agreedOn,
      agreedOn
        ? { en: `agreed the module with the preferent insurer on ${agreedOn}`, nl: `de module op ${formatDay(agreedOn)} met de preferente zorgverzekeraar afgesproken` }
        : { en: 'no agreement on the module with the preferent insurer reported', nl: 'geen afspraak over de module met de preferente zorgverzekeraar gemeld' },
    ),
  ];
  if (submission && agreedOn) {
    const months = edition.thresholds.reportWithinMonths;
    const by = plusMonths(agreedOn, months);
    const inTime = compareDays(submission.receivedOn, by) <= 0;
    const period = months === 1 ? 'one month' : `${months} months`;
    const termijn = months === 1 ? 'één maand' : `${months} maanden`;
    hard.push(
      reason('supplement-reported-in-time', inTime, {
        en: `reported on ${submission.receivedOn}, ${inTime ? 'within' : 'more than'} ${period} after the agreement (by ${by})`,
        nl: `gemeld op ${formatDay(submission.receivedOn)}, ${inTime ? 'binnen' : 'meer dan'} ${termijn} na de afspraak (uiterlijk ${formatDay(by)})`,
      }),
    );
  }
  hard.push(vecozo(ctx), ...fraud(ctx));
  if (!submission || hard.some((r) => !r.met)) return decide(edition, p.agbCode, kind, 'not-approached', hard);
  return decide(edition, p.agbCode, kind, 'follow', [
    ...hard,
    ...documentReasons(ctx, kind, submission.documents, { complete: 'supplement-application-complete', missing: 'supplement-document' }),
    reason('supplement-follow', true, {
      en: `the preferent insurer's agreements are followed in principle for ${year}; the toeslag is taken to be temporary`,
      nl: `de afspraken van de preferente zorgverzekeraar worden voor ${year} in beginsel overgenomen; de toeslag geldt als tijdelijk`,
    }),
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
