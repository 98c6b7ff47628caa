/**
 * Paramedische zorg (physiotherapy, exercise therapy, speech therapy, dietetics, occupational and
 * skin therapy, preventive foot care, GLI, fall prevention, institutions, hospitals): the rules,
 * written once for every year's edition (editions/paramedisch-*.yaml). First edition:
 * ../shared/seeds/001_c09c8bb5b9df1701.txt (2.3 behandelindex, 2.4 contract kinds, 2.4.1
 * conditions, 2.4.2 tiers, 2.5 selective purchasing, 2.6 procedure, 2.7 planning).
 *
 * What each kind is (a practice kind, an institution's, a hospital's; considered by its
 * practitioners or only where named; its behandelindex rule; its regional chain), the thresholds,
 * the tier factors and where every rule is written come from the edition. Readings of ambiguous
 * text: docs/policies/paramedisch-2027.md.
 */
import { z } from 'zod';
import { compareDays, formatDay } from '../calendar';
import { decide, tierFor, type Decision, type DecisionExtras, type Reason } from '../decision';
import { lateApplicationStart } from '../offer-terms';
import type { Track } from '../policy';
import { agbKind, type Practitioner, type Provider } from '../provider';
import { reasonsOf, type RuleText } from '../rules';
import type { FactorCheckSchema, ParamedischEdition } from './paramedisch-edition';

export { schema, type ParamedischEdition } from './paramedisch-edition';

type Kind = ParamedischEdition['contractKinds'][number];
type Reasons = ReturnType<typeof reasonsOf<ParamedischEdition['rules']>>;

const paramedischContracts = (p: Provider) => p.contracts.filter((c) => c.careType === 'paramedisch');
const covering = (p: Provider, year: number, kind?: string) =>
  paramedischContracts(p).find((c) => c.fromYear <= year && year <= c.toYear && (kind === undefined || c.kind === kind));
const names = (list: string[] | undefined, kind: string) => list !== undefined && (list.length === 0 || list.includes(kind));

/** Does this practitioner count for the kind's Vektis row (by AGB care-type code or by role)? */
function practitionerFits(kind: Kind, p: Practitioner): boolean {
  const req = kind.vektis?.practitioner;
  if (!req) return false;
  return req.codes.includes(agbKind(p.agbCode)) || (p.role !== undefined && req.roles.includes(p.role.toLowerCase()));
}

/** The first combination of the kind's Vektis row that the practice's practitioners make together, if any. */
function combinationOf(kind: Kind, provider: Provider): string | undefined {
  const roles = new Set(provider.practitioners.map((p) => p.role?.toLowerCase()).filter((r): r is string => !!r));
  return kind.vektis?.together.find((c) => c.roles.every((group) => group.some((role) => roles.has(role.toLowerCase()))))?.label;
}

/**
 * The contract kinds a provider is considered for: a hospital for the hospital kind, an
 * institution for the institution kind; a practice for every practice kind its record names
 * (contractKinds, paramedical contracts, application, follow request) and every kind considered
 * by practitioner whose practitioner is attached.
 */
export function kindsFor(edition: ParamedischEdition, provider: Provider): Kind[] {
  const named = new Set<string>([
    ...provider.contractKinds,
    ...paramedischContracts(provider).map((c) => c.kind),
    ...(provider.application?.kinds ?? []),
    ...(provider.followAgreement?.kinds ?? []),
  ]);
  return edition.contractKinds.filter((k) => {
    if (provider.organisation === 'hospital') return k.scope === 'hospital';
    if (provider.organisation === 'institution') return k.scope === 'institution';
    if (k.scope !== 'practice') return false;
    if (named.has(k.id)) return true;
    return k.considered === 'by-practitioner' && (provider.practitioners.some((p) => practitionerFits(k, p)) || combinationOf(k, provider) !== undefined);
  });
}

/**
 * The behandelindex a kind's decision uses (s2.3): existing parties (a contract of the kind the
 * year before the contract year) the index over contractYear - existingPartyYearsBack; new parties
 * the index Vektis publishes in the contract year, or, while that is not yet on the record, the
 * latest earlier one.
 */
export function fysioIndex(edition: ParamedischEdition, provider: Provider, kindId = 'fysiotherapie'): { existing: boolean; year: number; value?: number; fallback: boolean } {
  const y = edition.contractYear;
  const { existingPartyYearsBack, newPartyYearsBack } = edition.thresholds.behandelindex;
  const existing = covering(provider, y - 1, kindId) !== undefined;
  const find = (year: number) => provider.behandelindex.find((b) => b.year === year)?.value;
  if (existing) return { existing, year: y - existingPartyYearsBack, value: find(y - existingPartyYearsBack), fallback: false };
  const current = find(y - newPartyYearsBack);
  if (current !== undefined) return { existing, year: y - newPartyYearsBack, value: current, fallback: false };
  const earlier = provider.behandelindex.filter((b) => b.year < y - newPartyYearsBack).sort((a, b) => b.year - a.year)[0];
  return earlier ? { existing, year: earlier.year, value: earlier.value, fallback: true } : { existing, year: y - newPartyYearsBack, fallback: false };
}

/** The specialisation factor: the share of practitioners with a recognised specialisation and enough hours a week. */
export function specialisationShare(provider: Provider, check: Extract<z.infer<typeof FactorCheckSchema>, { kind: 'specialisation-share' }>): { qualifying: number; total: number; met: boolean } {
  const recognised = new Set(check.specialisations.map((s) => s.toLowerCase()));
  const counted = provider.practitioners.filter((p) => agbKind(p.agbCode) === check.practitionerCode);
  const qualifying = counted.filter((p) => (p.hoursPerWeek ?? 0) >= check.minHoursPerWeek && p.specialisations.some((sp) => recognised.has(sp.trim().toLowerCase()))).length;
  // "ten minste 30%": integer arithmetic, so exactly the share counts.
  return { qualifying, total: counted.length, met: counted.length > 0 && qualifying * 100 >= counted.length * check.minSharePercent };
}

/** The tier of a kind with tiers, with every factor as a Reason (met or not). */
function tierOf(edition: ParamedischEdition, kind: Kind, provider: Provider): Decision['tier'] {
  const scheme = kind.tiers;
  if (!scheme) return undefined;
  const marks = provider.qualityMarks;
  const factors: Reason[] = scheme.factors.map((f) => {
    const factorReason = (met: boolean, text: RuleText, quote = f.source.quote): Reason => ({ ruleId: f.ruleId, met, text: text.en, nl: text.nl, source: { ...f.source, quote } });
    const check = f.check;
    if (check.kind === 'specialisation-share') {
      const sh = specialisationShare(provider, check);
      return factorReason(sh.met, {
        en: `${sh.qualifying} of ${sh.total} ${check.practitioners} offer a recognised specialisation and work at least ${check.minHoursPerWeek} hours a week (${sh.met ? 'at least' : 'less than'} ${check.minSharePercent}%)`,
        nl: `${sh.qualifying} van ${sh.total} ${check.practitionersNl} hebben een erkende verbijzondering en werken ten minste ${check.minHoursPerWeek} uur per week (${sh.met ? 'ten minste' : 'minder dan'} ${check.minSharePercent}%)`,
      });
    }
    const own = check.marks.some((m) => marks.includes(m));
    const other = !own && (check.alsoMetBy?.marks.some((m) => marks.includes(m)) ?? false);
    if (other) return factorReason(true, { en: check.alsoMetBy!.text, nl: check.alsoMetBy!.textNl }, check.alsoMetBy!.quote);
    return factorReason(own, own ? { en: check.metText, nl: check.metTextNl } : { en: check.unmetText, nl: check.unmetTextNl });
  });
  const count = factors.filter((f) => f.met).length;
  return { tier: tierFor(scheme, count).tier, factors };
}

/** Selective purchasing (s2.5), recorded where the record marks the network. */
function selective(edition: ParamedischEdition, reason: Reasons, kind: Kind, provider: Provider): Reason[] {
  return edition.thresholds.selective.filter((net) => provider.qualityMarks.includes(net.qualityMark) && net.kinds.includes(kind.id)).map((net) => reason(net.rule, true, { en: net.text, nl: net.textNl }));
}

/** The behandelindex rule of a kind that excludes above the limit (s2.3), and the exception route. */
function behandelindexReasons(edition: ParamedischEdition, reason: Reasons, kind: Kind, provider: Provider): Reason[] {
  const limit = edition.thresholds.behandelindex.limit;
  const ix = fysioIndex(edition, provider, kind.id);
  const who = ix.existing
    ? `existing party (${kind.id} contract in ${edition.contractYear - 1}): index over ${ix.year}`
    : `new party: index over ${ix.year}${ix.fallback ? ` (the index over ${edition.contractYear - 1} is not on record yet; latest published used)` : ''}`;
  const wie = ix.existing
    ? `bestaande partij (${kind.id}-contract in ${edition.contractYear - 1}): index over ${ix.year}`
    : `nieuwe partij: index over ${ix.year}${ix.fallback ? ` (de index over ${edition.contractYear - 1} is nog niet bekend; de laatst gepubliceerde gebruikt)` : ''}`;
  if (ix.value === undefined) return [reason('behandelindex', true, { en: `${who}: no behandelindex on record, nothing to exclude on`, nl: `${wie}: geen behandelindex bekend, niets om op uit te sluiten` }, false)];
  if (ix.value <= limit) return [reason('behandelindex', true, { en: `${who} is ${ix.value}, not higher than ${limit}`, nl: `${wie} is ${ix.value}, niet hoger dan ${limit}` })];
  const to = edition.thresholds.behandelindex.exceptionRequestsTo;
  return [
    reason('behandelindex', false, { en: `${who} is ${ix.value}, higher than ${limit}: no contract offered`, nl: `${wie} is ${ix.value}, hoger dan ${limit}: geen contract aangeboden` }, 'excluded'),
    reason('behandelindex-exception', false, {
      en: `no exception granted: the provider may ask for an exception on care grounds by e-mail to ${to}; the request is assessed`,
      nl: `geen uitzondering verleend: de zorgaanbieder kan per e-mail aan ${to} een uitzondering op zorginhoudelijke gronden aanvragen; de aanvraag wordt beoordeeld`,
    }),
  ];
}

/** A kind whose behandelindex is monitored (s2.3): an index at the limit or above leads to a conversation only. */
function monitoringReasons(edition: ParamedischEdition, reason: Reasons, provider: Provider): Reason[] {
  const { limit, monitoringYearsBack } = edition.thresholds.behandelindex;
  const year = edition.contractYear - monitoringYearsBack;
  const value = provider.behandelindex.find((b) => b.year === year)?.value;
  if (value === undefined) return [];
  const talk = value >= limit;
  return [
    reason(
      'behandelindex-monitoring',
      true,
      talk
        ? {
            en: `behandelindex over ${year} is ${value} (${limit} or higher): ${edition.insurer} will talk with the provider; the index is a monitoring tool and does not decide the contract`,
            nl: `behandelindex over ${year} is ${value} (${limit} of hoger): ${edition.insurer} gaat in gesprek met de zorgaanbieder; de index is een monitoringsinstrument en beslist niet over het contract`,
          }
        : { en: `behandelindex over ${year} is ${value}, below ${limit}: monitoring only`, nl: `behandelindex over ${year} is ${value}, onder ${limit}: alleen monitoring` },
    ),
  ];
}

/** The Vektis table (s2.6): practice/location code and the practitioner attached. */
function vektisReasons(reason: Reasons, kind: Kind, provider: Provider): Reason[] {
  const req = kind.vektis;
  if (!req) return [];
  const codes = [provider.agbCode, ...provider.locations.map((l) => l.agbCode)];
  const codeOk = codes.some((c) => req.practiceCodes.includes(agbKind(c)));
  const registered = provider.vektisRegistered && codeOk;
  const attached = provider.practitioners.filter((p) => practitionerFits(kind, p));
  const together = attached.length === 0 ? combinationOf(kind, provider) : undefined;
  return [
    reason(
      'vektis-registration',
      registered,
      !provider.vektisRegistered
        ? { en: 'no valid Vektis registration', nl: 'geen geldige registratie bij Vektis' }
        : codeOk
          ? {
              en: `Vektis registration with a practice/location AGB code starting ${codes.map(agbKind).find((c) => req.practiceCodes.includes(c))}`,
              nl: `registratie bij Vektis met een praktijk-/locatie-AGB-code die begint met ${codes.map(agbKind).find((c) => req.practiceCodes.includes(c))}`,
            }
          : {
              en: `no practice/location AGB code starting ${req.practiceCodes.join(', ')} (has ${[...new Set(codes.map(agbKind))].join(', ')})`,
              nl: `geen praktijk-/locatie-AGB-code die begint met ${req.practiceCodes.join(', ')} (heeft ${[...new Set(codes.map(agbKind))].join(', ')})`,
            },
    ),
    reason(
      'vektis-practitioner',
      attached.length > 0 || together !== undefined,
      attached.length > 0
        ? { en: `${attached.length} × ${req.practitioner.label} attached`, nl: `${attached.length} × ${req.practitioner.label} verbonden` }
        : together
          ? { en: `${together} attached`, nl: `${together} verbonden` }
          : {
              en: `no ${[req.practitioner.label, ...req.together.map((c) => c.label)].join(' or ')} attached to the practice`,
              nl: `geen ${[req.practitioner.label, ...req.together.map((c) => c.label)].join(' of ')} aan de praktijk verbonden`,
            },
    ),
  ];
}

/**
 * Decides a provider's tracks under the paramedical edition: one decision per contract kind it is
 * considered for (see `kindsFor`).
 */
export function evaluate(edition: ParamedischEdition, provider: Provider): Decision[] {
  return kindsFor(edition, provider).map((kind) => evaluateKind(edition, provider, kind));
}

function evaluateKind(edition: ParamedischEdition, provider: Provider, kind: Kind): Decision {
  const y = edition.contractYear;
  const reason = reasonsOf(edition);
  const vecozo = reason(
    'vecozo-certificate',
    provider.vecozoCertificate,
    provider.vecozoCertificate
      ? { en: 'holds a VECOZO certificate', nl: 'heeft een VECOZO-certificaat' }
      : { en: 'no VECOZO certificate: no questionnaire or offer can be sent', nl: 'geen VECOZO-certificaat: er kan geen vragenlijst of aanbod worden verstuurd' },
  );
  const fraud = reason(
    'fraud-suspicion',
    !provider.fraudSuspicion,
    provider.fraudSuspicion
      ? { en: 'doubt about the integrity of care based on suspected fraud: no contract offered', nl: 'twijfel aan de integriteit van de zorg door een vermoeden van fraude: geen contract aangeboden' }
      : { en: 'no integrity doubt on record', nl: 'geen twijfel aan de integriteit bekend' },
  );
  const optOut = reason(
    'opt-out',
    !provider.optOut,
    provider.optOut
      ? { en: `said it wants no contract offer${provider.optOut.on ? ` (${provider.optOut.on})` : ''}`, nl: `heeft laten weten geen contractaanbod te willen${provider.optOut.on ? ` (${formatDay(provider.optOut.on)})` : ''}` }
      : { en: 'has not declined an offer', nl: 'heeft een aanbod niet afgewezen' },
  );
  const conditions = (track: Track) =>
    reason('conditions', true, {
      en: `the general conditions of ${kind.name} are part of the contract${track === 'questionnaire' ? ' and are asked in the questionnaire' : ''} (registers, guidelines, VECOZO claims, reachability, digital care)`,
      nl: `de algemene voorwaarden van ${kind.name} zijn onderdeel van het contract${track === 'questionnaire' ? ' en worden in de vragenlijst uitgevraagd' : ''} (registers, richtlijnen, declareren via VECOZO, bereikbaarheid, digitale zorg)`,
    });
  const extras = (reasons: Reason[]): DecisionExtras => {
    // s2.3: a practice excluded on its behandelindex may ask for an exception on care grounds.
    const exception = reasons.find((r) => r.ruleId === edition.rules['behandelindex-exception'].id && !r.met);
    return {
      ...(kind.tariffAnnex ? { tariffAnnex: true } : {}),
      ...(kind.correctedEvidence ? { correctedEvidence: kind.correctedEvidence } : {}),
      ...(exception ? { exception: { text: exception.text, source: exception.source }, offerTier: tierOf(edition, kind, provider) } : {}),
    };
  };
  const make = (track: Track, reasons: Reason[], extra: Pick<Decision, 'tier' | 'startDate'> = {}) => decide(edition, provider.agbCode, kind, track, reasons, { ...extras(reasons), ...extra });
  const excludes = kind.behandelindex === 'exclude';

  // A contract of this kind that covers the contract year runs on (s2.6).
  const running = covering(provider, y, kind.id);
  if (running) {
    const reasons = [reason('running-contract', false, { en: `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${y}: no new offer for ${y}`, nl: `contract ${kind.name} ${running.fromYear}-${running.toYear} loopt door in ${y}: geen nieuw aanbod voor ${y}` })];
    if (kind.tariffAnnex) reasons.push(reason('tariff-annex', true, { en: `a new tariff annex with the ${y} tariffs is published in VECOZO`, nl: `een nieuwe tariefbijlage met de tarieven van ${y} wordt in VECOZO gepubliceerd` }));
    if (excludes) reasons.push(...behandelindexReasons(edition, reason, kind, provider));
    reasons.push(...selective(edition, reason, kind, provider));
    const tier = tierOf(edition, kind, provider);
    if (tier && running.tier && running.tier !== tier.tier) {
      reasons.push(
        reason('tier-change', true, {
          en: `contract tier ${running.tier}, ${y} factors give tier ${tier.tier}: a changed contract starts on the first of the month after the month the right evidence arrived, never retroactively`,
          nl: `contractniveau ${running.tier}, de factoren van ${y} geven niveau ${tier.tier}: een gewijzigd contract gaat in op de eerste van de maand na de maand waarin het juiste bewijs binnenkwam, nooit met terugwerkende kracht`,
        }),
      );
    }
    return make('running-contract', reasons, tier ? { tier } : {});
  }

  if (kind.scope === 'hospital') {
    const reasons = [
      reason('hospital-offer', true, { en: `no running contract in ${y}: the ${y} offer goes out together with hospital care (hospital purchasing policy)`, nl: `geen lopend contract in ${y}: het aanbod voor ${y} gaat mee met de ziekenhuiszorg (inkoopbeleid ziekenhuizen)` }),
      optOut,
      vecozo,
      fraud,
    ];
    return make(reasons.every((r) => r.met) ? 'direct-offer' : 'not-approached', reasons);
  }

  // Rules that decide whether the insurer approaches the provider by itself.
  const approach: Reason[] = [];
  if (kind.scope === 'institution') {
    const last = covering(provider, y - 1);
    approach.push(
      reason(
        'institution-previous-year',
        last !== undefined,
        last
          ? { en: `paramedical contract in ${y - 1} (${last.kind} ${last.fromYear}-${last.toYear}): offer ${kind.term?.fromYear}-${kind.term?.toYear}`, nl: `paramedisch contract in ${y - 1} (${last.kind} ${last.fromYear}-${last.toYear}): aanbod ${kind.term?.fromYear}-${kind.term?.toYear}` }
          : { en: `no paramedical contract in ${y - 1}: no offer; may apply ('Geen aanbod ontvangen')`, nl: `geen paramedisch contract in ${y - 1}: geen aanbod; kan zich aanmelden ('Geen aanbod ontvangen')` },
      ),
    );
  } else if (kind.runsOn) {
    approach.push(
      reason('no-running-contract', false, {
        en: `no running ${kind.name} contract ${kind.runsOn.fromYear}-${kind.runsOn.toYear} (the ${kind.runsOn.fromYear} offer was not accepted): no new offer for ${y}; may apply ('Geen aanbod ontvangen')`,
        nl: `geen lopend contract ${kind.name} ${kind.runsOn.fromYear}-${kind.runsOn.toYear} (het aanbod van ${kind.runsOn.fromYear} is niet aangenomen): geen nieuw aanbod voor ${y}; kan zich aanmelden ('Geen aanbod ontvangen')`,
      }),
    );
  } else {
    const back = edition.thresholds.contractLookBackYears;
    const recent = paramedischContracts(provider).find((c) => c.fromYear <= y - 1 && c.toYear >= y - back);
    approach.push(
      reason(
        'contract-last-years',
        recent !== undefined,
        recent
          ? { en: `paramedical contract ${recent.kind} ${recent.fromYear}-${recent.toYear} within ${y - back}-${y - 1}`, nl: `paramedisch contract ${recent.kind} ${recent.fromYear}-${recent.toYear} binnen ${y - back}-${y - 1}` }
          : {
              en: `no paramedical contract with ${edition.insurer} in ${y - back}-${y - 1}: not approached; may apply ('Geen aanbod ontvangen')`,
              nl: `geen paramedisch contract met ${edition.insurer} in ${y - back}-${y - 1}: niet benaderd; kan zich aanmelden ('Geen aanbod ontvangen')`,
            },
      ),
    );
  }
  approach.push(optOut);

  // Rules that hold whatever the route: the Vektis table, VECOZO, fraud, behandelindex, chain.
  const eligible: Reason[] = [...vektisReasons(reason, kind, provider), vecozo, fraud];
  if (excludes) eligible.push(...behandelindexReasons(edition, reason, kind, provider));
  if (kind.regionalChain) {
    const complete = provider.valpreventieChainComplete;
    eligible.push(
      reason(
        'regional-chain',
        complete,
        complete
          ? { en: 'the preferent insurer reported the regional chain (risk assessment to intervention) complete', nl: 'de preferente zorgverzekeraar meldde de regionale keten (van risico-inventarisatie tot interventie) compleet' }
          : { en: `the regional ${kind.id} chain is not reported complete by the preferent insurer: no offer`, nl: `de regionale ${kind.id}-keten is door de preferente zorgverzekeraar niet compleet gemeld: geen aanbod` },
      ),
    );
  }
  const info: Reason[] = [...(kind.behandelindex === 'monitor' ? monitoringReasons(edition, reason, provider) : []), ...selective(edition, reason, kind, provider)];
  const eligibleOk = eligible.every((r) => r.met);
  const tiered = (track: Track): Pick<Decision, 'tier'> => {
    const tier = track === 'not-approached' ? undefined : tierOf(edition, kind, provider);
    return tier ? { tier } : {};
  };

  // Volgbeleid (s2.6): the provider asks to follow another insurer's agreement for a kind with the follow track.
  const follow = provider.followAgreement;
  if (kind.tracks.includes('follow') && follow && names(follow.kinds, kind.id)) {
    const track: Track = eligibleOk ? 'follow' : 'not-approached';
    const reasons = [
      reason('follow', true, {
        en: `asks to follow its ${kind.shortName ?? kind.name} agreement with ${follow.insurer}${follow.receivedOn ? ` (received ${follow.receivedOn})` : ''}: assessed on the conditions of this policy`,
        nl: `vraagt de afspraak ${kind.shortName ?? kind.name} met ${follow.insurer} te volgen${follow.receivedOn ? ` (ontvangen ${formatDay(follow.receivedOn)})` : ''}: beoordeeld op de voorwaarden van dit beleid`,
      }),
      ...eligible,
      ...info,
      ...(eligibleOk ? [conditions(track)] : []),
    ];
    const startDate = eligibleOk && follow.receivedOn ? lateApplicationStart(y, follow.receivedOn) : undefined;
    return make(track, reasons, { ...tiered(track), ...(startDate ? { startDate } : {}) });
  }

  if (approach.every((r) => r.met) && eligibleOk) {
    const track: Track = kind.tracks.includes('questionnaire') ? 'questionnaire' : 'direct-offer';
    const how =
      track === 'questionnaire'
        ? reason('questionnaire', true, { en: 'questionnaire first in VECOZO; the offer follows after a positive assessment', nl: 'eerst een vragenlijst in VECOZO; het aanbod volgt na een positieve beoordeling' })
        : reason(kind.scope === 'institution' ? 'direct-offer-institution' : 'direct-offer', true, {
            en: 'contract offer in the VECOZO Zorginkoopportaal without a questionnaire',
            nl: 'contractaanbod in het VECOZO Zorginkoopportaal zonder vragenlijst',
          });
    return make(track, [...approach, ...eligible, how, ...info, conditions(track)], tiered(track));
  }

  // "Geen aanbod ontvangen" (s2.6): an application is assessed; the approach rules do not apply to it.
  const app = provider.application;
  if (app && kind.tracks.includes('application') && names(app.kinds, kind.id)) {
    const track: Track = eligibleOk ? 'application' : 'not-approached';
    const startDate = lateApplicationStart(y, app.receivedOn);
    const notApproached = approach.filter((r) => !r.met);
    const before = compareDays(app.receivedOn, `${y}-01-01`) < 0;
    const reasons = [
      reason('application', true, {
        en: `applied on ${app.receivedOn}${notApproached.length ? ` (not approached: ${notApproached.map((r) => r.text).join('; ')})` : ''}: assessed for added value in the region, documents may be asked; ${before ? `an offer starts on ${startDate}` : `an offer starts on ${startDate}, the first of the month after the application, never retroactive`}`,
        nl: `aangemeld op ${formatDay(app.receivedOn)}${notApproached.length ? ` (niet benaderd: ${notApproached.map((r) => r.nl ?? r.text).join('; ')})` : ''}: beoordeeld op toegevoegde waarde in de regio, documenten kunnen worden opgevraagd; ${before ? `een aanbod gaat in op ${formatDay(startDate)}` : `een aanbod gaat in op ${formatDay(startDate)}, de eerste van de maand na de aanmelding, nooit met terugwerkende kracht`}`,
      }),
      ...eligible,
      ...info,
      ...(eligibleOk ? [conditions(track)] : []),
    ];
    return make(track, reasons, { ...tiered(track), ...(eligibleOk ? { startDate } : {}) });
  }

  return make('not-approached', [...approach, ...eligible, ...info]);
}
