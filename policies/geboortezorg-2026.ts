/**
 * Geboortezorg (maternity care) 2026.
 * Seed: ../shared/seeds/004_77e6806496974b03.txt (sections 3 conditions and tiers, 4 procedure,
 * 5 planning). Section 3 was typeset in two columns: the kraamzorg tier table and the
 * echoscopie conditions are interleaved in the text; they are read apart here.
 * Decisions on ambiguous text: docs/policies/geboortezorg-2026.md.
 */
import { DateTime } from 'luxon';
import { compareDays, ZONE, type IsoDate } from './calendar';
import { decide, tierFor, lateApplicationStart, ruleFor, type Decision, type Reason } from './decision';
import { definePolicy, type ContractKind, type Policy, type Source } from './policy';
import { agbKind, type Provider } from './provider';

const file = '004_77e6806496974b03.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });
const rule = ruleFor(file);

/** Contract kind ids. */
export const KIND = {
  verloskunde: 'verloskunde',
  echoscopie: 'echoscopie',
  geboortecentrum: 'geboortecentrum',
  kraamzorg: 'kraamzorg',
  bemiddeling: 'kraamzorg-bemiddeling',
  igo: 'integrale-geboortezorg',
  toeslag: 'toeslag-verminderde-bereikbaarheid',
} as const;

/** The seven documents an IGO sends with its registration (s4 Integrale geboortezorg), by id. */
export const IGO_DOCUMENTS: { id: string; text: string }[] = [
  { id: 'samenwerking', text: 'De beschrijving van de samenwerking binnen de IGO' },
  { id: 'deelnemers', text: 'Een overzicht van deelnemende partijen' },
  { id: 'offerte', text: 'De offerte met een gedetailleerde onderbouwing hoe het tariefvoorstel tot stand is gekomen' },
  { id: 'ziekenhuisbudget', text: 'Een toelichting op hoe de IGO en het deelnemende ziekenhuis afspraken maken over het schonen van het ziekenhuisbudget' },
  { id: 'kwaliteitsplan', text: 'Een inhoudelijk plan waarin is opgenomen hoe de integrale geboortezorg bijdraagt aan de kwaliteit van zorgverlening' },
  { id: 'declaratiewijze', text: 'Een toelichting hoe de monodisciplinaire prestaties worden gedeclareerd (via IGO of individuele aanbieder)' },
  { id: 'verzekerden-16-weken', text: 'Inzicht in het aantal verzekerden dat valt onder de zorg tot 16 weken' },
];

/** The one document a toeslag report carries: the agreements made with the preferent insurer (s4). */
export const TOESLAG_DOCUMENT = { id: 'aanvullende-afspraken', text: 'de aanvullende afspraken met de preferente zorgverzekeraar' };

const KRAAMZORG_KINDS: string[] = [KIND.kraamzorg, KIND.bemiddeling];
const RUNNING_KINDS: string[] = [KIND.verloskunde, KIND.echoscopie, KIND.geboortecentrum];

/** Kraamzorg certificate "van NEN-EN, ISO of HKZ" (s3): matched by the start of the certificate's name. */
const KRAAMZORG_CERTIFICATES = ['NEN-EN', 'ISO', 'HKZ'];

const RUNNING_SECTION = '4 Doorlopende zorgovereenkomst';
const RUNNING_QUOTE = 'Voor verloskunde, echoscopie en geboortecentra heeft Caresq een meerjarige zorgovereenkomst gesloten die doorloopt in 2026.';

/** The Geboortezorg 2026 policy as data. */
export const policy: Policy = definePolicy({
  id: 'geboortezorg-2026',
  title: 'Geboortezorg 2026',
  careType: 'geboortezorg',
  contractYear: 2026,
  seedFile: file,
  contractKinds: [
    {
      id: KIND.verloskunde,
      name: 'Verloskundige zorg (inclusief Echoscopie)',
      tracks: ['running-contract', 'application', 'not-approached'],
      // The seed names no start year; "Heeft u in 2025 het aanbod niet geaccepteerd" says the
      // running contract was offered for 2025 (docs: "running contracts 2025-2026").
      runsOn: { fromYear: 2025, toYear: 2026 },
      tariffAnnex: true,
      source: s(RUNNING_SECTION, RUNNING_QUOTE),
    },
    {
      id: KIND.echoscopie,
      name: 'Echoscopie',
      tracks: ['running-contract', 'application', 'not-approached'],
      runsOn: { fromYear: 2025, toYear: 2026 },
      tariffAnnex: true,
      source: s(RUNNING_SECTION, RUNNING_QUOTE),
    },
    {
      id: KIND.geboortecentrum,
      name: 'Eerstelijns geboortecentrum',
      tracks: ['running-contract', 'application', 'not-approached'],
      runsOn: { fromYear: 2025, toYear: 2026 },
      tariffAnnex: true,
      source: s(RUNNING_SECTION, RUNNING_QUOTE),
    },
    {
      id: KIND.kraamzorg,
      name: 'Kraamzorg (zorgovereenkomst A, B of C)',
      tracks: ['running-contract', 'questionnaire', 'application', 'not-approached'],
      term: { fromYear: 2026, toYear: 2027 },
      certificates: [KRAAMZORG_CERTIFICATES],
      tiers: {
        factors: [
          {
            id: 'training',
            text: 'aantoonbare rol in het initieel opleiden van nieuwe kraamverzorgenden: per 20 FTE kraamverzorgenden minimaal 1 opleidingsplek',
            source: s('3 Kraamzorg - differentiatiefactoren', 'Per 20 FTE kraamverzorgenden dient er minimaal 1 opleidingsplek beschikbaar te zijn.'),
          },
          {
            id: 'ksv',
            text: 'aangesloten bij het KSV in de regio',
            source: s('3 Kraamzorg - differentiatiefactoren', 'De zorgaanbieder is aangesloten bij het KSV in de regio.'),
          },
        ],
        tiers: [
          { tier: 'A', minFactors: 2, text: 'Voldoet aan de algemene voorwaarden en twee differentiatiefactoren' },
          { tier: 'B', minFactors: 1, text: 'Voldoet aan de algemene voorwaarden en één differentiatiefactor' },
          { tier: 'C', minFactors: 0, text: 'Voldoet aan de algemene voorwaarden' },
        ],
        source: s('3 Gedifferentieerde inkoop Kraamzorg', 'Wij hanteren voor kraamzorg drie zorgovereenkomsten.'),
      },
      source: s('4 Kraamzorg', 'biedt Caresq voor 2026 tweejarige zorgovereenkomsten aan voor kraamzorg'),
    },
    {
      id: KIND.bemiddeling,
      name: 'Kraamzorg — afwijkende zorgovereenkomst bemiddelingsbureaus en ZZP samenwerkingsverbanden',
      tracks: ['running-contract', 'questionnaire', 'application', 'not-approached'],
      term: { fromYear: 2026, toYear: 2027 },
      certificates: [KRAAMZORG_CERTIFICATES],
      source: s('2.3 Arbeidsmarkt kraamzorg', 'In 2026 ontvangen bemiddelingsbureaus en ZZP samenwerkingsverbanden een afwijkende zorgovereenkomst.'),
    },
    {
      id: KIND.igo,
      name: 'Integrale geboortezorg',
      tracks: ['follow', 'not-approached'],
      term: { fromYear: 2026, toYear: 2026 },
      source: s('4 Integrale geboortezorg', 'Integrale geboortezorg wordt vooralsnog voor één jaar gecontracteerd.'),
    },
    {
      id: KIND.toeslag,
      name: 'Toeslag verminderde bereikbaarheid en beschikbaarheid',
      tracks: ['follow', 'not-approached'],
      term: { fromYear: 2026, toYear: 2026 },
      source: s('3 Toeslag verminderde bereikbaarheid en beschikbaarheid', 'nemen wij deze afspraken in 2026 in beginsel over'),
    },
  ],
  calendar: [
    {
      step: 'questionnaire-open',
      label: 'kraamzorg questionnaire in VECOZO',
      when: 'half mei 2025',
      tracks: ['questionnaire'],
      kinds: KRAAMZORG_KINDS,
      source: s('5 Planning', 'Aanbieding vragenlijst Kraamzorg via VECOZO | Half mei 2025'),
    },
    {
      step: 'questionnaire-deadline',
      label: 'kraamzorg questionnaire filled in and confirmed',
      when: '1 juli 2025',
      tracks: ['questionnaire'],
      kinds: KRAAMZORG_KINDS,
      source: s('5 Planning', 'Deadline invullen vragenlijst Kraamzorg in VECOZO: 1 juli 2025'),
    },
    {
      step: 'offer',
      label: 'kraamzorg offer in VECOZO after a positive assessment',
      when: 'begin september 2025',
      tracks: ['questionnaire'],
      kinds: KRAAMZORG_KINDS,
      source: s('5 Planning', 'Aanbieding zorgovereenkomst kraamzorg via VECOZO: Begin september 2025'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline (named for kraamzorg; running contracts sign nothing)',
      when: '7 november 2025',
      source: s('5 Planning', 'Uiterste tekendatum zorgovereenkomst Kraamzorg: 7 november 2025'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline of an offer made outside the kraamzorg cycle (the seed names none: 4 weeks, see docs)',
      when: '4 weken na aanbieding zorgovereenkomst',
      tracks: ['application', 'follow'],
      source: s('5 Planning', 'no signing deadline is named for these offers'),
    },
    {
      step: 'application-deadline',
      label: 'IGO registers for integrated funding',
      when: 'uiterlijk 1 oktober 2025',
      tracks: ['follow'],
      kinds: [KIND.igo],
      source: s('4 Integrale geboortezorg', 'dan kunt u zich tot uiterlijk 1 oktober 2025 melden via zorginkoop@caresq.nl'),
    },
    {
      step: 'offer',
      label: 'offer once the application is complete',
      when: 'Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen',
      tracks: ['follow'],
      kinds: [KIND.igo, KIND.toeslag],
      source: s('5 Planning', 'Aanbieding zorgovereenkomst verminderde beschikbaarheid en integrale geboortezorg: Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen'),
    },
    {
      step: 'tariff-annex',
      label: 'new tariff annex for the running contract',
      when: 'oktober 2025',
      tracks: ['running-contract'],
      kinds: RUNNING_KINDS,
      source: s(RUNNING_SECTION, 'In oktober ontvangt u wel een nieuwe tariefbijlage voor 2026.'),
    },
    {
      step: 'publication',
      label: 'contracted providers in the provider finder',
      when: 'vanaf 12 november 2025',
      source: s('5 Planning', 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website: Vanaf 12 november 2025'),
    },
  ],
  conditions: [
    { id: 'geboortezorg.s3.verloskunde.conditions', kinds: [KIND.verloskunde], text: 'LIP/KLIM, Verloskundig Vademecum, KNOV register and annotations, BEN register for echo\'s, CTG agreements in the VSV, Perined, perinatal audit, VSV participation, phone 09:00-17:00 and 24/7 for emergencies, VECOZO claims, digitalisation', source: s('3 Verloskundige zorg — randvoorwaarden') },
    { id: 'geboortezorg.s3.echoscopie.conditions', kinds: [KIND.echoscopie], text: 'LIP/KLIM, BEN register, national quality requirements for echoscopists (prenatal screening), Perined, perinatal audit, phone 09:00-17:00, VECOZO claims, digitalisation', source: s('3 Echoscopie — randvoorwaarden') },
    { id: 'geboortezorg.s3.geboortecentrum.conditions', kinds: [KIND.geboortecentrum], text: 'a dry connection with a hospital, cooperation agreements, admission at 2-3 cm dilation, individual guidance during birth, phone 09:00-17:00, VECOZO claims, digitalisation', source: s('3 Eerstelijns geboortecentrum — randvoorwaarden') },
    { id: 'geboortezorg.s3.kraamzorg.employed-share', kinds: [KIND.kraamzorg], text: 'at least 50% of kraamverzorgenden employed (exactly 50% included)', source: s('3 Kraamzorgaanbieders — randvoorwaarden', 'De zorgaanbieder werkt met minimaal 50% kraamverzorgenden in loondienst') },
    { id: 'geboortezorg.s3.kraamzorg.certificate', kinds: KRAAMZORG_KINDS, text: 'a certificate valid in the sector: NEN-EN, ISO or HKZ (VV&T kraamzorg and/or Zorg en Welzijn), valid on 1 January of the contract year', source: s('3 Kraamzorgaanbieders — randvoorwaarden', 'In het bezit van een in de branche geldend certificaat van NEN-EN, ISO of HKZ') },
    { id: 'geboortezorg.s3.kraamzorg.questionnaire', kinds: KRAAMZORG_KINDS, text: 'Bo Geboortezorg membership requirements, all VSVs in the postcode area, LIP/KLIM, phone 09:00-17:00, 24/7 phone for partus assistance, VECOZO claims, postcode areas through Vektis, accept every request in the area, KSV/VSV agreements on capacity (mediation), digitalisation: assessed in the questionnaire', source: s('3 Kraamzorgaanbieders — randvoorwaarden') },
    { id: 'geboortezorg.s3.bemiddeling.employed-share', kinds: [KIND.bemiddeling], text: 'at most 50% of kraamverzorgenden employed (below 50%: exactly 50% goes to the kraamzorg contract)', source: s('3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden - randvoorwaarden', 'De zorgaanbieder werkt met maximaal 50% kraamverzorgenden in loondienst') },
    { id: 'geboortezorg.s3.bemiddeling.individual-agb', kinds: [KIND.bemiddeling], text: 'the members have an individual AGB code', source: s('3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden - randvoorwaarden', 'De bij de zorgaanbieder aangesloten leden hebben een individuele AGB-code') },
    { id: 'geboortezorg.s3.igo.conditions', kinds: [KIND.igo], text: 'an IGO with every party represented, members meeting the mono-disciplinary minimum, Zorgstandaard Integrale Geboortezorg, a shared record, no higher cost than mono-disciplinary funding, hospital budget cleaned, VECOZO claims, digitalisation', source: s('3 Integrale geboortezorg - randvoorwaarden') },
  ],
  exclusions: [
    { id: 'geboortezorg.s4.vektis-registration', kinds: KRAAMZORG_KINDS, text: 'no right Vektis registration: not approached for kraamzorg', source: s('4 VECOZO Zorginkoopportaal', 'die beschikken over de juiste Vektis registratie') },
    { id: 'geboortezorg.s4.vecozo-certificate', text: 'no VECOZO certificate: no questionnaire or offer can be sent', source: s('4 VECOZO Zorginkoopportaal', 'de juiste VECOZO-certificaten') },
    { id: 'geboortezorg.s4.fraud-suspicion', text: 'doubt about the integrity of care based on suspected fraud: no contract offered', source: s('4 Geen aanbod ontvangen', 'is dit ook een reden om geen zorgovereenkomst aan te bieden') },
    { id: 'geboortezorg.s4.no-running-contract', kinds: RUNNING_KINDS, text: 'no running contract: no new offer in 2026 unless the provider applies', source: s(RUNNING_SECTION) },
    { id: 'geboortezorg.s4.igo.registered-in-time', kinds: [KIND.igo], text: 'registered after 1 October 2025, or not at all', source: s('4 Integrale geboortezorg') },
    { id: 'geboortezorg.s3.igo.organisation', kinds: [KIND.igo], text: 'not an Integrale Geboortezorg Organisatie', source: s('3 Integrale geboortezorg - randvoorwaarden') },
    { id: 'geboortezorg.s4.toeslag.reported-within-month', kinds: [KIND.toeslag], text: 'reported more than one month after the agreement with the preferent insurer', source: s('3 Toeslag verminderde bereikbaarheid en beschikbaarheid') },
  ],
  lateApplication: {
    startRule: 'first-of-next-month',
    text: 'Contractaanbiedingen na 1 januari 2026 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.',
    source: s('4 Geen aanbod ontvangen'),
  },
});

// ---------------------------------------------------------------------------------------------
// Rules

type Track = Decision['track'];

/** The day one calendar month after `date` (31 January -> 28/29 February). */
function plusOneMonth(date: IsoDate): IsoDate {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ months: 1 }).toISODate()!;
}

/**
 * Kraamzorg training factor (s3): "Per 20 FTE kraamverzorgenden dient er minimaal 1 opleidingsplek
 * beschikbaar te zijn", read proportionally with at least one place: places x 20 >= FTE and
 * places >= 1. Exactly 1 place for 20 FTE counts; 1 place for 20.5 FTE does not (it needs 2).
 */
export function trainingFactorMet(training: Provider['training']): boolean {
  if (!training) return false;
  return training.places >= 1 && training.places * 20 >= training.fte;
}

/**
 * Which kraamzorg contract (s3): exactly 50% employed gets the kraamzorg contract ("minimaal
 * 50%"); below 50% the deviating contract for mediation agencies and ZZP collaborations. The
 * share decides over the organisation's label; with no share recorded the label decides.
 */
export function kraamzorgKindFor(provider: Pick<Provider, 'employedShare' | 'organisation'>): string {
  if (provider.employedShare !== undefined) return provider.employedShare >= 50 ? KIND.kraamzorg : KIND.bemiddeling;
  return provider.organisation === 'mediation-agency' || provider.organisation === 'zzp-collective' ? KIND.bemiddeling : KIND.kraamzorg;
}

/** The contract kinds a provider is considered for, in the policy's order. */
function kindsFor(policy: Policy, p: Provider): ContractKind[] {
  const named = new Set<string>([
    ...p.contractKinds,
    ...p.contracts.filter((c) => c.careType === 'geboortezorg').map((c) => c.kind),
    ...(p.application?.kinds ?? []),
    ...p.submissions.map((x) => x.kind),
  ]);
  const ids = new Set<string>();
  const org = p.organisation;
  if (org === 'midwifery-practice' || (org === 'practice' && agbKind(p.agbCode) === '08') || named.has(KIND.verloskunde)) ids.add(KIND.verloskunde);
  if (org === 'ultrasound-centre' || named.has(KIND.echoscopie)) ids.add(KIND.echoscopie);
  if (org === 'birth-centre' || named.has(KIND.geboortecentrum)) ids.add(KIND.geboortecentrum);
  const kraamzorg =
    org === 'maternity-care' || org === 'mediation-agency' || org === 'zzp-collective' || (org === 'practice' && agbKind(p.agbCode) === '33') || KRAAMZORG_KINDS.some((k) => named.has(k));
  if (kraamzorg) {
    const running = KRAAMZORG_KINDS.find((k) => runningContract(p, k, policy.contractYear));
    ids.add(running ?? kraamzorgKindFor(p));
  }
  if (org === 'integrated-care-organisation' || named.has(KIND.igo)) ids.add(KIND.igo);
  if (named.has(KIND.toeslag)) ids.add(KIND.toeslag);
  return policy.contractKinds.filter((k) => ids.has(k.id));
}

function runningContract(p: Provider, kind: string, year: number) {
  return p.contracts.find((c) => c.careType === 'geboortezorg' && c.kind === kind && c.fromYear <= year && year <= c.toYear);
}

/** A late application ("geen aanbod ontvangen") that covers this kind. */
function applicationFor(p: Provider, kind: string) {
  const a = p.application;
  if (!a) return undefined;
  if (a.kinds.length === 0 || a.kinds.includes(kind)) return a;
  if (KRAAMZORG_KINDS.includes(kind) && a.kinds.some((k) => KRAAMZORG_KINDS.includes(k))) return a;
  return undefined;
}

const vecozo = (p: Provider): Reason =>
  rule('4 VECOZO Zorginkoopportaal', 'geboortezorg.s4.vecozo-certificate', p.vecozoCertificate, p.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no questionnaire or offer can be sent', 'de juiste VECOZO-certificaten');

const vektis = (p: Provider): Reason =>
  rule('4 VECOZO Zorginkoopportaal', 'geboortezorg.s4.vektis-registration', p.vektisRegistered, p.vektisRegistered ? 'registered at Vektis' : 'no valid Vektis registration', 'die beschikken over de juiste Vektis registratie');

/** Suspected fraud is listed only where it applies. */
const fraud = (p: Provider): Reason[] =>
  p.fraudSuspicion
    ? [rule('4 Geen aanbod ontvangen', 'geboortezorg.s4.fraud-suspicion', false, 'doubt about the integrity of care based on suspected fraud: no contract offered', 'Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op basis van vermoeden van fraude, is dit ook een reden om geen zorgovereenkomst aan te bieden.')]
    : [];

function lateApplication(policy: Policy, receivedOn: IsoDate): { reason: Reason; startDate: IsoDate } {
  const startDate = lateApplicationStart(policy.contractYear, receivedOn);
  return {
    startDate,
    reason: rule('4 Geen aanbod ontvangen', 'geboortezorg.s4.late-application', true, `applied on ${receivedOn} without an offer: added value for the region judged, documents may be asked; no retroactive contract, start ${startDate}`, 'Contractaanbiedingen na 1 januari 2026 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.'),
  };
}

/** Verloskunde, echoscopie, geboortecentra (s4): a running contract runs on with a new tariff annex. */
function evaluateRunningKind(policy: Policy, p: Provider, kind: ContractKind): Decision {
  const year = policy.contractYear;
  const running = runningContract(p, kind.id, year);
  if (running) {
    const annex = policy.calendar.find((st) => st.step === 'tariff-annex' && (!st.kinds || st.kinds.includes(kind.id)));
    const reasons = [
      rule(RUNNING_SECTION, 'geboortezorg.s4.running-contract', false, `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`, 'U ontvangt voor 2026 geen nieuwe zorgovereenkomst voor deze zorgsoort.'),
    ];
    if (kind.tariffAnnex && annex) {
      reasons.push(rule(RUNNING_SECTION, 'geboortezorg.s4.tariff-annex', true, `a new tariff annex for ${year} follows in VECOZO (${annex.when})`, 'In oktober ontvangt u wel een nieuwe tariefbijlage voor 2026.'));
    }
    return decide(policy, p.agbCode, kind, 'running-contract', reasons, { tariffAnnex: kind.tariffAnnex && !!annex });
  }
  const application = applicationFor(p, kind.id);
  if (!application) {
    return decide(policy, p.agbCode, kind, 'not-approached', [
      rule(RUNNING_SECTION, 'geboortezorg.s4.no-running-contract', false, `no running ${kind.name} contract for ${year}: no new offer; the provider may apply through the application form`, 'Heeft u in 2025 het aanbod niet geaccepteerd, maar bent u voor 2026 alsnog geïnteresseerd in een zorgovereenkomst, zie ‘Geen aanbod ontvangen’'),
    ]);
  }
  const late = lateApplication(policy, application.receivedOn);
  const reasons = [late.reason, vecozo(p), ...fraud(p)];
  if (reasons.some((r) => !r.met)) return decide(policy, p.agbCode, kind, 'not-approached', reasons);
  const condition = policy.conditions.find((c) => c.kinds?.includes(kind.id));
  if (condition) reasons.push(rule(condition.source.section, condition.id, true, `the conditions are judged with the application: ${condition.text}`));
  return decide(policy, p.agbCode, kind, 'application', reasons, { startDate: late.startDate });
}

/** Kraamzorg (s3, s4): the questionnaire track for every provider with the registrations and conditions; tiers A-C. */
function evaluateKraamzorg(policy: Policy, p: Provider, kind: ContractKind): Decision {
  const year = policy.contractYear;
  const running = runningContract(p, kind.id, year);
  if (running) {
    return decide(policy, p.agbCode, kind, 'running-contract', [
      rule('4 Kraamzorg', 'geboortezorg.s4.running-contract', false, `kraamzorg contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer`),
    ]);
  }
  const share = p.employedShare;
  const shareText = share === undefined ? 'share of kraamverzorgenden in loondienst not recorded' : `${share}% of kraamverzorgenden in loondienst`;
  const labelledMediation = p.organisation === 'mediation-agency' || p.organisation === 'zzp-collective';
  const reasons: Reason[] = [];

  if (kind.id === KIND.kraamzorg) {
    const met = share !== undefined && share >= 50;
    const note = met && labelledMediation ? ` (registered as ${p.organisation}, but the share decides: the kraamzorg contract)` : '';
    reasons.push(rule('3 Kraamzorgaanbieders — randvoorwaarden', 'geboortezorg.s3.kraamzorg.employed-share', met, `${shareText}${met ? ': at least 50%' : ': at least 50% not shown'}${note}`, 'De zorgaanbieder werkt met minimaal 50% kraamverzorgenden in loondienst'));
  } else {
    const met = share !== undefined && share <= 50;
    const note = met && !labelledMediation ? ' (below 50%: the deviating contract for mediation agencies and ZZP collaborations)' : '';
    reasons.push(rule('3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden - randvoorwaarden', 'geboortezorg.s3.bemiddeling.employed-share', met, `${shareText}${met ? ': at most 50%' : ': at most 50% not shown'}${note}`, 'De zorgaanbieder werkt met maximaal 50% kraamverzorgenden in loondienst'));
    const members = p.practitioners;
    const codes = members.map((m) => m.agbCode);
    const individual = members.length > 0 && codes.every((c) => c !== p.agbCode) && new Set(codes).size === codes.length;
    reasons.push(
      rule(
        '3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden - randvoorwaarden',
        'geboortezorg.s3.bemiddeling.individual-agb',
        individual,
        individual ? `all ${members.length} members have an individual AGB code` : members.length === 0 ? 'no members with an individual AGB code recorded' : 'not every member has an AGB code of their own',
        'De bij de zorgaanbieder aangesloten leden hebben een individuele AGB-code',
      ),
    );
  }

  const validFrom = `${year}-01-01`;
  kind.certificates.forEach((group) => {
    const held = p.certificates.find((c) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase())) && (!c.validUntil || compareDays(c.validUntil, validFrom) >= 0));
    reasons.push(rule('3 Kraamzorgaanbieders — randvoorwaarden', 'geboortezorg.s3.kraamzorg.certificate', !!held, held ? `holds ${held.name}` : `no valid ${group.join('/')} certificate on ${validFrom}`, 'In het bezit van een in de branche geldend certificaat van NEN-EN, ISO of HKZ'));
  });
  reasons.push(vektis(p), vecozo(p), ...fraud(p));

  const application = applicationFor(p, kind.id);
  const late = application ? lateApplication(policy, application.receivedOn) : undefined;
  if (late) reasons.unshift(late.reason);
  if (reasons.some((r) => !r.met)) return decide(policy, p.agbCode, kind, 'not-approached', reasons);

  reasons.push(rule('3 Kraamzorgaanbieders — randvoorwaarden', 'geboortezorg.s3.kraamzorg.questionnaire', true, 'the other chapter-3 conditions (Bo Geboortezorg, VSVs, LIP/KLIM, phone, 24/7 partus assistance, postcode areas, digital care) are assessed in the questionnaire'));
  const track: Track = late ? 'application' : 'questionnaire';
  const tier = kind.tiers ? tierOf(kind, p) : undefined;
  if (tier) reasons.push(tier.summary);
  return decide(policy, p.agbCode, kind, track, reasons, { ...(tier ? { tier: { tier: tier.tier, factors: tier.factors } } : {}), ...(late ? { startDate: late.startDate } : {}) });
}

/** The kraamzorg tier (s3): A with both factors, B with one, C with none. */
function tierOf(kind: ContractKind, p: Provider): { tier: 'A' | 'B' | 'C' | 'D'; factors: Reason[]; summary: Reason } {
  const scheme = kind.tiers!;
  const section = '3 Kraamzorg - differentiatiefactoren';
  const t = p.training;
  const checks: Reason[] = scheme.factors.map((f) => {
    if (f.id === 'training') {
      const met = trainingFactorMet(t);
      const needed = t ? Math.max(1, Math.ceil(t.fte / 20)) : 1;
      const text = t ? `${t.places} training place(s) for ${t.fte} FTE kraamverzorgenden (needs ${needed})` : 'no training places recorded';
      return rule(section, 'geboortezorg.s3.kraamzorg.factor.training', met, text, f.source.quote);
    }
    const met = p.qualityMarks.includes('KSV');
    return rule(section, 'geboortezorg.s3.kraamzorg.factor.ksv', met, met ? 'member of the regional KSV' : 'not a member of the regional KSV', f.source.quote);
  });
  const factors = checks.filter((c) => c.met);
  const chosen = tierFor(scheme, factors.length);
  const summary = rule('3 Gedifferentieerde inkoop Kraamzorg', 'geboortezorg.s3.kraamzorg.tier', true, `zorgovereenkomst ${chosen.tier}: ${factors.length} of ${checks.length} differentiation factors (${checks.map((c) => `${c.met ? 'met' : 'not met'}: ${c.text}`).join('; ')})`, chosen.text);
  return { tier: chosen.tier, factors, summary };
}

/** Integrale geboortezorg (s4): an IGO registers by 1 October with seven documents; the process starts once complete. */
function evaluateIgo(policy: Policy, p: Provider, kind: ContractKind): Decision {
  const section = '4 Integrale geboortezorg';
  const submission = p.submissions.find((x) => x.kind === kind.id);
  const deadlineStep = policy.calendar.find((st) => st.step === 'application-deadline' && st.kinds?.includes(kind.id));
  const deadline = deadlineStep && deadlineStep.date.kind === 'by' ? deadlineStep.date.date : undefined;
  const isIgo = p.organisation === 'integrated-care-organisation';
  const inTime = !!submission && (!deadline || compareDays(submission.receivedOn, deadline) <= 0);
  const hard: Reason[] = [
    rule('3 Integrale geboortezorg - randvoorwaarden', 'geboortezorg.s3.igo.organisation', isIgo, isIgo ? 'an Integrale Geboortezorg Organisatie (IGO)' : `registered as ${p.organisation}, not as an IGO`, 'De zorgaanbieders geboortezorg in de regio hebben zich georganiseerd in een nieuwe Integrale Geboortezorg Organisatie (IGO)'),
    rule(
      section,
      'geboortezorg.s4.igo.registered-in-time',
      inTime,
      !submission ? `not registered for integrated funding (by ${deadline ?? 'the deadline'})` : inTime ? `registered on ${submission.receivedOn}, by ${deadline}` : `registered on ${submission.receivedOn}, after ${deadline}`,
      'dan kunt u zich tot uiterlijk 1 oktober 2025 melden',
    ),
    vecozo(p),
    ...fraud(p),
  ];
  if (hard.some((r) => !r.met)) return decide(policy, p.agbCode, kind, 'not-approached', hard);
  return decide(policy, p.agbCode, kind, 'follow', [...hard, ...documentReasons(section, 'geboortezorg.s4.igo', IGO_DOCUMENTS, submission!.documents), rule('3 Integrale geboortezorg - randvoorwaarden', 'geboortezorg.s3.igo.conditions', true, 'the IGO conditions and the quality requirements of the mono-disciplinary contracts are judged with the application; the regional agreements with the preferent insurer are followed on content')]);
}

/**
 * The documents of a registration: one `met: false` reason per missing document (the purchase
 * process waits for it), or one `met: true` reason when the application is complete.
 */
function documentReasons(section: string, prefix: string, required: { id: string; text: string }[], sent: string[]): Reason[] {
  const missing = required.filter((d) => !sent.includes(d.id));
  if (missing.length === 0) return [rule(section, `${prefix}.application-complete`, true, `application complete (${required.map((d) => d.id).join(', ')}): the purchase process starts`, 'Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen')];
  return missing.map((d) => rule(section, `${prefix}.document.${d.id}`, false, `missing: ${d.text}; the purchase process starts once the application is complete`, d.text));
}

/** Toeslag verminderde bereikbaarheid (s3, s4): followed in principle when reported within a month of the preferent agreement. */
function evaluateToeslag(policy: Policy, p: Provider, kind: ContractKind): Decision {
  const section = '4 Toeslag verminderde bereikbaarheid en beschikbaarheid';
  const year = policy.contractYear;
  const submission = p.submissions.find((x) => x.kind === kind.id);
  const midwife = p.organisation === 'midwifery-practice' || (p.organisation === 'practice' && agbKind(p.agbCode) === '08');
  const contract = runningContract(p, KIND.verloskunde, year);
  const hard: Reason[] = [
    rule('3 Toeslag verminderde bereikbaarheid en beschikbaarheid', 'geboortezorg.s3.toeslag.midwifery-practice', midwife, midwife ? 'a midwifery practice' : `registered as ${p.organisation}, not as a midwifery practice`, 'kan het zijn dat een verloskundigenpraktijk hiervoor extra maatregelen moet nemen'),
    rule('3 Toeslag verminderde bereikbaarheid en beschikbaarheid', 'geboortezorg.s3.toeslag.verloskunde-contract', !!contract, contract ? `verloskunde contract ${contract.fromYear}-${contract.toYear} covers ${year}: the toeslag is an addition to it` : `no verloskunde contract for ${year}: the toeslag adds to one`, 'aanvullende afspraken'),
    rule('3 Toeslag verminderde bereikbaarheid en beschikbaarheid', 'geboortezorg.s3.toeslag.preferent-agreement', !!submission?.preferentAgreedOn, submission?.preferentAgreedOn ? `agreed the module with the preferent insurer on ${submission.preferentAgreedOn}` : 'no agreement on the module with the preferent insurer reported', 'Op het moment dat u met uw preferente zorgverzekeraar aanvullende afspraken heeft gemaakt over de module voor verminderde bereikbaarheid en beschikbaarheid'),
  ];
  if (submission?.preferentAgreedOn) {
    const by = plusOneMonth(submission.preferentAgreedOn);
    const inTime = compareDays(submission.receivedOn, by) <= 0;
    hard.push(rule(section, 'geboortezorg.s4.toeslag.reported-within-month', inTime, `reported on ${submission.receivedOn}, ${inTime ? 'within' : 'more than'} one month after the agreement (by ${by})`, 'kunt u zich binnen een maand nadat de afspraken zijn gemaakt met uw preferente zorgverzekeraar, bij ons melden'));
  }
  hard.push(vecozo(p), ...fraud(p));
  if (hard.some((r) => !r.met)) return decide(policy, p.agbCode, kind, 'not-approached', hard);
  return decide(policy, p.agbCode, kind, 'follow', [
    ...hard,
    ...documentReasons(section, 'geboortezorg.s4.toeslag', [TOESLAG_DOCUMENT], submission!.documents),
    rule('3 Toeslag verminderde bereikbaarheid en beschikbaarheid', 'geboortezorg.s3.toeslag.follow', true, `the preferent insurer's agreements are followed in principle for ${year}; the toeslag is taken to be temporary`, 'nemen wij deze afspraken in 2026 in beginsel over. Caresq gaat ervan uit dat deze toeslag van tijdelijke aard is.'),
  ]);
}

/**
 * Decides a provider's tracks under Geboortezorg (004), one per contract kind it is considered
 * for (from its organisation, AGB care-type code, contracts, named kinds, application and
 * submissions). Works for any contract year, so rehearsal editions decide alike.
 */
export function evaluate(policy: Policy, provider: Provider): Decision[] {
  return kindsFor(policy, provider).map((kind) => {
    if (RUNNING_KINDS.includes(kind.id)) return evaluateRunningKind(policy, provider, kind);
    if (KRAAMZORG_KINDS.includes(kind.id)) return evaluateKraamzorg(policy, provider, kind);
    if (kind.id === KIND.igo) return evaluateIgo(policy, provider, kind);
    return evaluateToeslag(policy, provider, kind);
  });
}
