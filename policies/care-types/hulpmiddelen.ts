/**
 * Hulpmiddelen (medical aids): the rules, written once for every year's edition
 * (editions/hulpmiddelen-*.yaml). First edition: ../shared/seeds/003_1593987db3a2b065.txt
 * (sections 3 conditions and the certificate table, 4 procedure, 5 planning); the readings of each
 * edition's text are in docs/policies/hulpmiddelen-*.md and beside the items of its data file.
 *
 * Offers go out per product group (one contract kind each). For every group a supplier is
 * considered for: its own contract that covers the contract year runs on; a pharmacy is referred to
 * the pharmacy policy for the kinds bought there; a group whose contracts run on gets no new
 * contract, only an application is assessed; a supplier selected for negotiation negotiates (not
 * for a kind contracted digitally only); one contracted for the group the year before gets the
 * offer in the group's window; one that applied is assessed, its contract starting after the
 * application. Every offer needs the Vektis registration, a VECOZO certificate, the group's
 * certificates, the kind's conditions a record shows and no suspicion of fraud; every unmet rule
 * is listed.
 */
import { z } from 'zod';
import { compareDays, formatDay, type IsoDate } from '../calendar';
import { decide, type Decision, type Reason } from '../decision';
import { lateApplicationStart } from '../offer-terms';
import { editionSchema, RuleSourceSchema, type Track } from '../policy';
import { OrganisationSchema, type Provider } from '../provider';
import { reasonsOf } from '../rules';

/** The conditions of a kind that a provider record can show, so that they are checked rather than only signed. */
const RecordedConditionSchema = z.enum(['national-coverage', 'complaints-register']);
type RecordedCondition = z.infer<typeof RecordedConditionSchema>;

/** A hulpmiddelen edition: the shared fields, the product groups' own properties, the year's values and rule sources. */
export const schema = editionSchema('hulpmiddelen', {
  kind: {
    /** Contracted digitally: offered as it stands and never negotiated, even to a supplier selected for negotiation. */
    digitalOnly: z.boolean().default(false),
    /** Pharmacies buy this kind under the pharmacy policy (`thresholds.pharmacies`): they are referred there, not approached. */
    pharmaciesReferred: z.boolean().default(false),
    /** Conditions of the kind that a record shows: one the record says is unmet stops the offer; one not recorded is accepted by signing. */
    recordedConditions: z.array(RecordedConditionSchema).default([]),
    /** Diplomas of which the supplier or one of its practitioners must hold one, beside the certificates (one more group of the table). */
    diplomas: z.array(z.string().min(1)).default([]),
    /** A practitioner's registration the policy prefers but does not require: named in a reason, never stops an offer. */
    preferredRegistration: z.string().min(1).optional(),
  },
  thresholds: z.strictObject({
    /** The organisations that count as pharmacies, and the name of the policy that buys the kinds they are referred for. */
    pharmacies: z.strictObject({ organisations: z.array(OrganisationSchema).min(1), policy: z.string().min(1) }),
    /** Words that do not count when a held certificate name is compared with a required one (the table and the records write names differently). */
    certificateNameFillers: z.array(z.string().min(1)).default([]),
    /** What the selection for negotiation is based on, in English for engineers and in Dutch for staff. */
    negotiationSelection: z.string().min(1),
    negotiationSelectionNl: z.string().min(1),
    /** The conditions that no record shows: accepted by signing, named when an offer goes out (English, and Dutch for staff). */
    conditionsAcceptedBySigning: z.array(z.string().min(1)).min(1),
    conditionsAcceptedBySigningNl: z.array(z.string().min(1)).min(1),
  }),
  rules: z.strictObject({
    /** The supplier's own contract for the group covers the contract year: it runs on, nothing is offered. */
    'running-contract': RuleSourceSchema,
    /** A pharmacy is referred to the pharmacy policy for a kind bought there. */
    'pharmacy-referred': RuleSourceSchema,
    /** A group whose contracts run on gets no new contract: only an application is assessed. */
    'running-product-group': RuleSourceSchema,
    /** A supplier selected for negotiation is approached for a negotiated contract. */
    'selected-for-negotiation': RuleSourceSchema,
    /** A digital-only kind is not negotiated: a selected supplier gets the direct offer instead. */
    'not-negotiable': RuleSourceSchema,
    /** Contracted for the group in the previous year: the direct offer in the group's window (or, unmet, not approached). */
    'contract-previous-year': RuleSourceSchema,
    /** An application is assessed; a contract offered starts after the application month. */
    application: RuleSourceSchema,
    /** The Vektis registration every offer needs. */
    'vektis-registration': RuleSourceSchema,
    /** The VECOZO certificate every offer needs (offers go out through VECOZO). */
    'vecozo-certificate': RuleSourceSchema,
    /** The group's certificates (and diplomas) from the table, valid on the contract's first day. */
    certificates: RuleSourceSchema,
    /** A kind's `preferredRegistration`: always met, says whether a practitioner holds it. */
    'preferred-registration': RuleSourceSchema,
    /** The recorded condition `national-coverage`: delivery across the whole country. */
    'national-coverage': RuleSourceSchema,
    /** The recorded condition `complaints-register`: a complaints procedure and a register of insured persons' complaints. */
    'complaints-register': RuleSourceSchema,
    /** Doubt about the integrity of care on suspicion of fraud: no contract is offered. */
    'fraud-suspicion': RuleSourceSchema,
    /** The conditions accepted by signing (`thresholds.conditionsAcceptedBySigning`), named when an offer goes out; no words quoted. */
    conditions: RuleSourceSchema,
  }),
});

/** A validated hulpmiddelen edition. */
export type HulpmiddelenEdition = z.infer<typeof schema> & { revision?: string };

/** One product group (contract kind) of an edition. */
export type ProductGroup = HulpmiddelenEdition['contractKinds'][number];

/** Where a product group's track goes before the checks every offer needs, and the reasons that sent it there. */
interface Route {
  track: Track;
  reasons: Reason[];
  /** A late application's contract start. */
  startDate?: IsoDate;
}

/**
 * Decides a supplier's track per product group it is considered for, in the edition's order of
 * groups. Works for any contract year (rehearsal editions decide alike).
 */
export function evaluate(edition: HulpmiddelenEdition, provider: Provider): Decision[] {
  return productGroupsOf(edition, provider).map((kind) => evaluateGroup(edition, provider, kind));
}

/**
 * The product groups a supplier is considered for: those it says it supplies (`contractKinds`),
 * those of its contracts of this care type in the previous or this contract year, and those it
 * applied for; only groups of this edition, in the edition's order.
 */
export function productGroupsOf(edition: HulpmiddelenEdition, provider: Provider): ProductGroup[] {
  const year = edition.contractYear;
  const ids = new Set<string>(provider.contractKinds);
  for (const c of provider.contracts) {
    if (c.careType === edition.careType && c.fromYear <= year && c.toYear >= year - 1) ids.add(c.kind);
  }
  for (const k of provider.application?.kinds ?? []) ids.add(k);
  return edition.contractKinds.filter((k) => ids.has(k.id));
}

/** The kinds a supplier gets a decision for, without deciding: its product groups. */
export const kindsFor = productGroupsOf;

/** The groups of the certificate table a kind asks for: its certificates, and its diplomas as one more group. */
export function certificateGroups(kind: ProductGroup): string[][] {
  return kind.diplomas.length ? [...kind.certificates, kind.diplomas] : kind.certificates;
}

/**
 * The certificate check for one kind: every group must be met by a certificate that is valid on
 * `validOn` (no `validUntil`, or `validUntil` on or after that day), or by a practitioner's
 * registration (diplomas belong to people and do not expire). Names every group that is missing,
 * and says where only an expired certificate was found.
 */
export function certificateCheck(edition: HulpmiddelenEdition, kind: ProductGroup, provider: Provider, validOn: IsoDate): Reason {
  const reason = reasonsOf(edition);
  const groups = certificateGroups(kind);
  if (!groups.length) return reason('certificates', true, { en: `${kind.name}: the table asks no certificate`, nl: `${kind.name}: de tabel vraagt geen certificaat` });
  const sameName = namesMatch(edition.thresholds.certificateNameFillers);
  const missing: string[] = [];
  const ontbreekt: string[] = [];
  for (const group of groups) {
    const named = (name: string) => group.some((required) => sameName(name, required));
    const valid = provider.certificates.some((c) => named(c.name) && (!c.validUntil || compareDays(c.validUntil, validOn) >= 0));
    const byPractitioner = provider.practitioners.some((p) => p.registrations.some(named));
    if (valid || byPractitioner) continue;
    const expired = provider.certificates.filter((c) => named(c.name) && c.validUntil);
    const label = group.join(' or ');
    missing.push(expired.length ? `${label} (expired: ${expired.map((c) => `${c.name} until ${c.validUntil}`).join(', ')})` : label);
    const naam = group.join(' of ');
    ontbreekt.push(expired.length ? `${naam} (verlopen: ${expired.map((c) => `${c.name} tot en met ${formatDay(c.validUntil!)}`).join(', ')})` : naam);
  }
  if (missing.length) {
    return reason('certificates', false, { en: `${kind.name}: missing, or not valid on ${validOn}: ${missing.join('; ')}`, nl: `${kind.name}: ontbreekt, of is niet geldig op ${formatDay(validOn)}: ${ontbreekt.join('; ')}` });
  }
  return reason('certificates', true, {
    en: `${kind.name}: holds ${groups.map((g) => g.join(' or ')).join(' and ')}, valid on ${validOn}`,
    nl: `${kind.name}: heeft ${groups.map((g) => g.join(' of ')).join(' en ')}, geldig op ${formatDay(validOn)}`,
  });
}

/** One group's decision: a running contract, a referral, or a route followed by the checks every offer needs. */
function evaluateGroup(edition: HulpmiddelenEdition, provider: Provider, kind: ProductGroup): Decision {
  const year = edition.contractYear;
  const reason = reasonsOf(edition);
  const own = provider.contracts.filter((c) => c.careType === edition.careType && c.kind === kind.id);
  const covers = (y: number) => own.find((c) => c.fromYear <= y && y <= c.toYear);
  const one = (track: Track, reasons: Reason[], startDate?: IsoDate) => decide(edition, provider.agbCode, kind, track, reasons, startDate ? { startDate } : {});

  // A running contract is contract management, not contracting: nothing is checked again.
  const running = covers(year);
  if (running) {
    return one('running-contract', [
      reason('running-contract', false, {
        en: `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`,
        nl: `contract ${kind.name} ${running.fromYear}-${running.toYear} loopt door in ${year}: geen nieuw aanbod voor ${year}`,
      }),
    ]);
  }
  if (kind.pharmaciesReferred && edition.thresholds.pharmacies.organisations.includes(provider.organisation)) {
    return one('not-approached', [
      reason('pharmacy-referred', false, {
        en: `${kind.name} for a pharmacy is purchased under the pharmacy policy (${edition.thresholds.pharmacies.policy}), not under ${edition.id}`,
        nl: `${kind.name} voor een apotheek wordt ingekocht onder het farmaciebeleid (${edition.thresholds.pharmacies.policy}), niet onder ${edition.id}`,
      }),
    ]);
  }

  const route = routeOf(edition, provider, kind, covers(year - 1));
  const reasons = [...route.reasons, ...offerChecks(edition, provider, kind, route.startDate ?? `${year}-01-01`)];
  if (route.track === 'not-approached' || reasons.some((r) => !r.met)) return one('not-approached', reasons);
  reasons.push(conditionsAcceptedBySigning(edition));
  return one(route.track, reasons, route.startDate);
}

/**
 * The track a product group takes, before the checks: a running group only by application; the
 * insurer's own selection for negotiation needs no previous contract; a direct offer needs one for
 * this very group; an application (naming the group, or naming none) is assessed.
 */
function routeOf(edition: HulpmiddelenEdition, provider: Provider, kind: ProductGroup, previous: { fromYear: number; toYear: number } | undefined): Route {
  const year = edition.contractYear;
  const reason = reasonsOf(edition);
  const application = provider.application;
  const applied = application && (application.kinds.length === 0 || application.kinds.includes(kind.id)) ? application : undefined;

  if (kind.runsOn && !applied) {
    const text = {
      en: `${kind.name} is contracted ${kind.runsOn.fromYear}-${kind.runsOn.toYear} and no contract of this supplier runs on: no new contract offered in ${year}; may apply through the application form`,
      nl: `${kind.name} is gecontracteerd voor ${kind.runsOn.fromYear}-${kind.runsOn.toYear} en er loopt geen contract van deze leverancier door: geen nieuw contract aangeboden in ${year}; kan zich aanmelden via het aanmeldformulier`,
    };
    return { track: 'not-approached', reasons: [reason('running-product-group', false, text)] };
  }
  if (!kind.runsOn && provider.selectedForNegotiation && !kind.digitalOnly) {
    const text = {
      en: `selected for negotiation on ${edition.thresholds.negotiationSelection}: approached for ${kind.name}`,
      nl: `geselecteerd voor onderhandeling op basis van ${edition.thresholds.negotiationSelectionNl}: benaderd voor ${kind.name}`,
    };
    return { track: 'negotiation', reasons: [reason('selected-for-negotiation', true, text)] };
  }
  if (!kind.runsOn && previous) {
    const reasons: Reason[] = [];
    if (provider.selectedForNegotiation && kind.digitalOnly) {
      reasons.push(
        reason('not-negotiable', true, {
          en: `${kind.name} is contracted digitally and not negotiated: offered without negotiation although the supplier is selected for negotiation`,
          nl: `${kind.name} wordt digitaal gecontracteerd en niet onderhandeld: aangeboden zonder onderhandeling, hoewel de leverancier voor onderhandeling is geselecteerd`,
        }),
      );
    }
    reasons.push(reason('contract-previous-year', true, { en: `contracted for ${kind.name} in ${year - 1} (${previous.fromYear}-${previous.toYear})`, nl: `gecontracteerd voor ${kind.name} in ${year - 1} (${previous.fromYear}-${previous.toYear})` }));
    return { track: 'direct-offer', reasons };
  }
  if (applied) {
    const startDate = lateApplicationStart(year, applied.receivedOn);
    const text = {
      en: `applied on ${applied.receivedOn} for ${kind.name}: added value to the contracted supply is assessed; a contract offered starts on ${startDate}, never retroactively`,
      nl: `aangemeld op ${formatDay(applied.receivedOn)} voor ${kind.name}: de toegevoegde waarde voor het gecontracteerde aanbod wordt beoordeeld; een aangeboden contract gaat in op ${formatDay(startDate)}, nooit met terugwerkende kracht`,
    };
    return { track: 'application', startDate, reasons: [reason('application', true, text)] };
  }
  return {
    track: 'not-approached',
    reasons: [
      reason('contract-previous-year', false, {
        en: `not contracted for ${kind.name} in ${year - 1}: not approached; may apply through the application form`,
        nl: `niet gecontracteerd voor ${kind.name} in ${year - 1}: niet benaderd; kan zich aanmelden via het aanmeldformulier`,
      }),
    ],
  };
}

/** Every rule an offer needs, listed whether it holds or not, so that staff see all that is missing at once. */
function offerChecks(edition: HulpmiddelenEdition, provider: Provider, kind: ProductGroup, contractStart: IsoDate): Reason[] {
  const reason = reasonsOf(edition);
  return [
    reason('vektis-registration', provider.vektisRegistered, provider.vektisRegistered ? { en: 'registered at Vektis', nl: 'geregistreerd bij Vektis' } : { en: 'no valid Vektis registration', nl: 'geen geldige registratie bij Vektis' }),
    reason(
      'vecozo-certificate',
      provider.vecozoCertificate,
      provider.vecozoCertificate
        ? { en: 'holds a VECOZO certificate', nl: 'heeft een VECOZO-certificaat' }
        : { en: 'no VECOZO certificate: no offer can be sent', nl: 'geen VECOZO-certificaat: er kan geen aanbod worden verstuurd' },
    ),
    certificateCheck(edition, kind, provider, contractStart),
    ...(kind.preferredRegistration ? [preferredRegistrationCheck(edition, kind.preferredRegistration, provider)] : []),
    ...kind.recordedConditions.map((condition) => RECORDED_CONDITIONS[condition](edition, provider)),
    ...(provider.fraudSuspicion
      ? [reason('fraud-suspicion', false, { en: 'doubt about the integrity of care on suspicion of fraud: no contract offered', nl: 'twijfel aan de integriteit van de zorg door een vermoeden van fraude: geen contract aangeboden' })]
      : []),
  ];
}

/** A preferred registration is a wish, not a condition: always met, it only tells staff whether a practitioner holds it. */
function preferredRegistrationCheck(edition: HulpmiddelenEdition, registration: string, provider: Provider): Reason {
  const reason = reasonsOf(edition);
  const fillers = edition.thresholds.certificateNameFillers;
  const wanted = normalise(registration, fillers);
  const held = provider.practitioners.some((p) => p.registrations.some((r) => normalise(r, fillers).startsWith(wanted)));
  return reason(
    'preferred-registration',
    true,
    held
      ? { en: `registered in the ${registration} register (preferred)`, nl: `geregistreerd in het register ${registration} (voorkeur)` }
      : {
          en: `not registered in the ${registration} register: preferred, not required, so it does not stop the offer`,
          nl: `niet geregistreerd in het register ${registration}: een voorkeur, geen eis, dus het houdt het aanbod niet tegen`,
        },
  );
}

/**
 * How each recorded condition is read (docs/policies/hulpmiddelen-2026.md, "Conditions a record
 * shows"): national coverage is a promise made by signing, so only an explicit "no" stops the
 * offer; a complaints register is a thing the supplier keeps and shows, so it must be on record,
 * as the pharmacy policy asks of the same DISV and dieetpreparaten contracts (002 s3).
 */
const RECORDED_CONDITIONS: Record<RecordedCondition, (edition: HulpmiddelenEdition, provider: Provider) => Reason> = {
  'complaints-register': (edition, provider) => {
    const register = provider.complaintsRegister ?? provider.pharmacy?.complaintsRegister;
    const text =
      register === true
        ? { en: 'keeps a complaints procedure and a complaints register', nl: 'heeft een klachtenprocedure en een klachtenregister' }
        : register === false
          ? { en: 'keeps no complaints register: the condition is not met, no offer', nl: 'heeft geen klachtenregister: niet aan de voorwaarde voldaan, geen aanbod' }
          : {
              en: 'no complaints procedure with a complaints register on record: the condition is not shown, no offer until it is',
              nl: 'geen klachtenprocedure met klachtenregister bekend: de voorwaarde is niet aangetoond, geen aanbod tot dat wel zo is',
            };
    return reasonsOf(edition)('complaints-register', register === true, text);
  },
  'national-coverage': (edition, provider) => {
    const coverage = provider.nationalCoverage;
    const text =
      coverage === true
        ? { en: 'delivers nationwide', nl: 'levert landelijk' }
        : coverage === false
          ? {
              en: `does not deliver nationwide: the condition "${edition.rules['national-coverage'].quote ?? 'national coverage'}" is not met`,
              nl: `levert niet landelijk: niet voldaan aan de voorwaarde "${edition.rules['national-coverage'].quote ?? 'landelijke dekking'}"`,
            }
          : { en: 'national coverage not recorded: a condition of the contract, accepted by signing', nl: 'landelijke dekking niet vastgelegd: een voorwaarde van het contract, aanvaard door te ondertekenen' };
    return reasonsOf(edition)('national-coverage', coverage !== false, text);
  },
};

/** The closing reason of an offer: the conditions no record shows are part of the contract, accepted by signing it. */
function conditionsAcceptedBySigning(edition: HulpmiddelenEdition): Reason {
  const source = edition.rules.conditions;
  // The reason names the chapter of its source: the section's leading number.
  const chapter = source.section.split(' ')[0];
  const conditions = edition.thresholds.conditionsAcceptedBySigning.join(', ');
  const voorwaarden = edition.thresholds.conditionsAcceptedBySigningNl.join(', ');
  return reasonsOf(edition)(
    'conditions',
    true,
    {
      en: `the other chapter-${chapter} conditions (${conditions}) are part of the contract and accepted by signing it`,
      nl: `de overige voorwaarden van hoofdstuk ${chapter} (${voorwaarden}) zijn onderdeel van het contract en worden aanvaard door het te ondertekenen`,
    },
    false,
  );
}

/** A name as the table and the records are compared: case, dashes and filler words do not count. */
function normalise(name: string, fillers: readonly string[]): string {
  const lower = name.toLowerCase().replace(/-/g, ' ');
  const words = fillers.map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const plain = words.length ? lower.replace(new RegExp(`\\b(${words.join('|')})\\b`, 'g'), ' ') : lower;
  return plain.replace(/\s+/g, ' ').trim();
}

/** Does a held name satisfy a required one: the same, or the required name followed by more ("ISO 9001" for "ISO")? */
function namesMatch(fillers: readonly string[]): (held: string, required: string) => boolean {
  return (held, required) => {
    const h = normalise(held, fillers);
    const r = normalise(required, fillers);
    return h === r || h.startsWith(`${r} `);
  };
}
