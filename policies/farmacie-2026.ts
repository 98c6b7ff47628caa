/**
 * Farmaceutische zorg, verbruiksartikelen (DISV) en dieetpreparaten 2026.
 * Seed: ../shared/seeds/002_6d18a9335088982c.txt (sections 3 conditions, 4 procedure, 5 planning).
 * Decisions on the ambiguous parts: docs/policies/farmacie-2026.md.
 */
import { compareDays } from './calendar';
import { decide, lateApplicationStart, ruleFor, type Decision, type Reason } from './decision';
import { latestDay } from './plan-date';
import { definePolicy, type ContractKind, type Policy, type Source, type Track } from './policy';
import { agbKind, type Provider } from './provider';

const file = '002_6d18a9335088982c.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });
const rule = ruleFor(file);

const S3_FARMA = '3 Farmaceutische zorg - randvoorwaarden';
const S3_DISV = '3 Verbruiksartikelen (DISV) en dieetpreparaten - randvoorwaarden';
const S3_SPOED = '3 Spoedeisende farmaceutische zorg';
const S4_RUNNING = '4 Doorlopende zorgovereenkomst';
const S4_FARMA = '4 Farmaceutische zorg (zonder doorlopende zorgovereenkomst)';
const S4_NEGOTIATION = '4 Zorgaanbieders met onderhandeling';
const S4_DISV = '4 Verbruiksartikelen (DISV) en dieetpreparaten';
const S4_NO_OFFER = '4 Geen aanbod ontvangen';
const S5 = '5 Planning';

/** The contract kinds of this policy, by id. */
export const KIND = {
  farma: 'farmaceutische-zorg',
  spoed: 'dienstapotheek',
  disv: 'disv',
  dieet: 'dieetpreparaten',
} as const;
const FARMA_KINDS: string[] = [KIND.farma, KIND.spoed];
const DISV_KINDS: string[] = [KIND.disv, KIND.dieet];
const ALL_KINDS: string[] = [...FARMA_KINDS, ...DISV_KINDS];

/** The pharmacy's Vektis registration (s4 "de juiste Vektis registratie"): AGB 02 with an apotheker (02) attached. */
const pharmacyVektis = { practiceCodes: ['02'], practitioner: { codes: ['02'], label: 'apotheker' } };

/** The Farmacie 2026 policy as data. */
export const policy: Policy = definePolicy({
  id: 'farmacie-2026',
  title: 'Farmaceutische zorg, verbruiksartikelen (DISV) en dieetpreparaten 2026',
  careType: 'farmacie',
  contractYear: 2026,
  seedFile: file,
  contractKinds: [
    {
      id: KIND.farma,
      name: 'Farmaceutische zorg (basisovereenkomst, met of zonder aanvullende afspraken)',
      // No fixed term: "Ook voor 2026 kijken wij naar de mogelijkheden om een meerjarige
      // zorgovereenkomst te sluiten" (s4): the term comes with the offer.
      tracks: ['running-contract', 'direct-offer', 'negotiation', 'application', 'not-approached'],
      vektis: pharmacyVektis,
      source: s(S3_FARMA, 'Wij bieden alle apotheekhoudenden een basisovereenkomst Farmaceutische zorg aan.'),
    },
    {
      id: KIND.spoed,
      name: 'Basisovereenkomst Farmaceutische zorg voor dienstapotheken (spoedeisende farmaceutische zorg)',
      // Emergency care is bought in a national non-competitive model: never negotiated (s3).
      tracks: ['running-contract', 'direct-offer', 'application', 'not-approached'],
      vektis: pharmacyVektis,
      source: s(S3_SPOED, 'Hiervoor krijgen de uitvoerders van spoedeisende farmaceutische zorg de basisovereenkomst Farmaceutische Zorg.'),
    },
    {
      id: KIND.disv,
      name: 'Verbruiksartikelen (DISV)',
      // Digital contracting, not negotiable (s3); offered in VECOZO under the dossier 'Hulpmiddelen' (s4).
      tracks: ['running-contract', 'direct-offer', 'application', 'not-approached'],
      vektis: pharmacyVektis,
      certificates: [['ISO', 'HKZ', 'SEMH']],
      source: s(S4_DISV, "De zorgovereenkomsten voor verbruiksartikelen (DISV) en dieetpreparaten worden in VECOZO aangeboden onder het dossier 'Hulpmiddelen'."),
    },
    {
      id: KIND.dieet,
      name: 'Dieetpreparaten',
      tracks: ['running-contract', 'direct-offer', 'application', 'not-approached'],
      vektis: pharmacyVektis,
      certificates: [['ISO', 'HKZ', 'SEMH']],
      source: s(S4_DISV, "De zorgovereenkomsten voor verbruiksartikelen (DISV) en dieetpreparaten worden in VECOZO aangeboden onder het dossier 'Hulpmiddelen'."),
    },
  ],
  calendar: [
    {
      step: 'member-list-deadline',
      label: 'member list from the mandated representatives of pharmacy groups',
      when: '1 juli 2025',
      tracks: ['negotiation'],
      kinds: [KIND.farma],
      source: s(S5, 'Deadline aanleveren ledenlijst door gemandateerde vertegenwoordigers van apotheekhoudenden: 1 juli 2025'),
    },
    {
      step: 'invitation',
      label: 'invitation of the representatives to the individual purchase conversation',
      when: 'uiterlijk eind augustus 2025',
      tracks: ['negotiation'],
      kinds: [KIND.farma],
      source: s(S5, 'Caresq benadert uiterlijk eind augustus 2025 de betreffende vertegenwoordigers voor individuele inkoopgesprekken'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO after the purchase conversation',
      when: 'na positieve afronding van het individuele inkoopgesprek',
      tracks: ['negotiation'],
      kinds: [KIND.farma],
      source: s(S5, 'Zorgaanbieders met onderhandeling: Na positieve afronding van het individuele inkoopgesprek'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO (pharmacies without negotiation and dienstapotheken)',
      when: '2e helft september 2025',
      tracks: ['direct-offer'],
      kinds: [KIND.farma, KIND.spoed],
      source: s(S5, 'Zorgaanbieders zonder onderhandeling + Dienstapotheken: 2e helft september 2025'),
    },
    {
      step: 'offer',
      label: "offer in VECOZO, dossier 'Hulpmiddelen' (DISV and dieetpreparaten)",
      when: '2e helft september 2025',
      tracks: ['direct-offer'],
      kinds: DISV_KINDS,
      source: s(S5, 'Aanbieding zorgovereenkomst Dieetpreparaten en Verbruiksartikelen (DISV) via VECOZO: 2e helft september 2025'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline farmaceutische zorg (without negotiation)',
      when: '7 november 2025',
      kinds: [KIND.farma, KIND.spoed],
      source: s(S5, 'Uiterste tekendatum zorgovereenkomst Farmaceutische zorg: Zorgaanbieders zonder onderhandeling: 7 november 2025'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline farmaceutische zorg (with negotiation)',
      when: '4 weken na aanbieding zorgovereenkomst',
      tracks: ['negotiation'],
      kinds: [KIND.farma],
      source: s(S5, 'Zorgaanbieders met onderhandeling: 4 weken na aanbieding zorgovereenkomst'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline DISV and dieetpreparaten',
      when: '7 november 2025',
      kinds: DISV_KINDS,
      source: s(S5, 'Uiterste tekendatum zorgovereenkomst Dieetpreparaten en Verbruiksartikelen (DISV): 7 november 2025'),
    },
    {
      step: 'offer',
      label: 'offer after the application is assessed (geen aanbod ontvangen)',
      // The seed gives no date: "Wij beoordelen of uw aanvraag van toegevoegde waarde is".
      when: 'nadat wij uw complete aanvraag hebben beoordeeld',
      tracks: ['application'],
      kinds: ALL_KINDS,
      source: s(S4_NO_OFFER, 'Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen het zorgaanbod in de regio'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline of an offer after an application (not in the seed: 4 weeks, as with negotiation)',
      when: '4 weken na aanbieding zorgovereenkomst',
      tracks: ['application'],
      kinds: ALL_KINDS,
      source: s(S4_NO_OFFER, 'Contractaanbiedingen na 1 januari 2026 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.'),
    },
    {
      step: 'publication',
      label: 'contracted providers in the provider finder and on the website',
      when: 'vanaf 12 november 2025',
      source: s(S5, 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website: Vanaf 12 november 2025'),
    },
  ],
  conditions: [
    { id: 'farmacie.s3.professional-standard', text: 'care according to the Professionele Standaard Farmaceutische Zorg, the Professioneel Statuut and the Handvest van de apotheker', kinds: FARMA_KINDS, source: s(S3_FARMA) },
    { id: 'farmacie.s3.knmp-profile', text: 'meets the KNMP Kwaliteitsprofiel (including the 8 kenmerken)', kinds: FARMA_KINDS, source: s(S3_FARMA) },
    { id: 'farmacie.s3.outpatient-pharmacy', text: 'outpatient (poliklinische) pharmacies: Beroepsnormen Ziekenhuisapothekers, NVZA register, the hospital certification (ISO or JCI) covering the pharmacy processes', kinds: FARMA_KINDS, source: s(S3_FARMA) },
    { id: 'farmacie.s3.claims', text: 'claims digitally through VECOZO in the Vektis standard', source: s(S3_FARMA) },
    { id: 'farmacie.s3.digitalisation', text: 'effort toward the ZN digitalisation goals; digital care for the named goals', source: s(S3_FARMA) },
    { id: 'farmacie.s3.extra.business-case', text: 'extra agreements: a closing business case aimed at demonstrably efficient care', kinds: [KIND.farma], source: s(S3_FARMA, 'Er is een sluitende businesscase gericht op aantoonbaar doelmatige zorg') },
    { id: 'farmacie.s3.extra.mandated-group', text: 'extra agreements: a group of pharmacies with one mandated representative', kinds: [KIND.farma], source: s(S3_FARMA, 'Het betreft een groep apotheekhoudenden met één gemandateerd vertegenwoordiger') },
    { id: 'farmacie.s3.extra.policy-fit', text: 'extra agreements: the proposal fits this purchasing policy', kinds: [KIND.farma], source: s(S3_FARMA) },
    { id: 'farmacie.s3.disv.certificate', text: 'an ISO, HKZ, SEMH or comparable certificate usual in the trade', kinds: DISV_KINDS, source: s(S3_DISV) },
    { id: 'farmacie.s3.disv.complaints-register', text: 'a complaints procedure and the insured\'s complaints kept in a complaints register', kinds: DISV_KINDS, source: s(S3_DISV) },
    { id: 'farmacie.s3.disv.quality-framework', text: 'acts according to the Generiek Kwaliteitskader Hulpmiddelenzorg', kinds: DISV_KINDS, source: s(S3_DISV) },
  ],
  exclusions: [
    { id: 'farmacie.s3.data-analysis', text: 'data analysis and benchmarking may give reason to offer no contract', kinds: FARMA_KINDS, source: s(S3_FARMA, 'Aanvullend kan het ook zijn dat data – analyse en benchmarking reden geven tot het niet aanbieden van een zorgovereenkomst.') },
    { id: 'farmacie.s4.fraud-suspicion', text: 'doubt about the integrity of care based on suspected fraud: no contract offered', source: s(S4_NO_OFFER) },
    { id: 'farmacie.s3.disv.pharmacy-only', text: 'DISV and dieetpreparaten under this policy are for pharmacies only; other (non-pharmacy) suppliers fall under the Hulpmiddelen policy', kinds: DISV_KINDS, source: s(S3_DISV) },
  ],
  lateApplication: {
    startRule: 'first-of-next-month',
    text: 'Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na 1 januari 2026 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.',
    source: s(S4_NO_OFFER),
  },
});

const PHARMACIES: Provider['organisation'][] = ['pharmacy', 'emergency-pharmacy'];

/**
 * The kinds a provider is considered for (docs/policies/farmacie-2026.md, "which kinds"):
 * a pharmacy for farmaceutische zorg, a dienstapotheek for its basisovereenkomst; DISV and
 * dieetpreparaten where the record names them (contractKinds, an earlier contract of that kind,
 * or an application for it); a non-pharmacy supplier only where it names DISV or
 * dieetpreparaten, to be told it falls under the Hulpmiddelen policy.
 */
function kindsFor(policy: Policy, p: Provider): ContractKind[] {
  const named = (id: string) =>
    p.contractKinds.includes(id) || p.contracts.some((c) => c.careType === policy.careType && c.kind === id) || (p.application?.kinds.includes(id) ?? false);
  const ids: string[] = [];
  if (p.organisation === 'pharmacy') ids.push(KIND.farma);
  if (p.organisation === 'emergency-pharmacy') ids.push(KIND.spoed);
  for (const id of DISV_KINDS) if (named(id)) ids.push(id);
  return ids.map((id) => policy.contractKinds.find((k) => k.id === id)).filter((k): k is ContractKind => !!k);
}

/** Contracts that count for a kind: a dienstapotheek's basisovereenkomst may be filed as farmaceutische zorg. */
function countsFor(kind: string, contractKind: string): boolean {
  return contractKind === kind || (kind === KIND.spoed && contractKind === KIND.farma);
}

/**
 * Decides a provider's tracks under the Farmacie policy, one decision per contract kind it is
 * considered for (002 s3, s4, s5):
 * - a running multi-year contract of the kind: nothing to offer;
 * - a non-pharmacy supplier of DISV or dieetpreparaten: not approached, referred to Hulpmiddelen;
 * - fraud suspicion, a data-analysis finding (farmaceutische zorg), no Vektis registration or no
 *   VECOZO certificate, and for DISV/dieetpreparaten the certificate and complaints register:
 *   not approached, every reason listed;
 * - a late application ("geen aanbod ontvangen"): the application track, starting on the first of
 *   the month after the application month (never before 1 January);
 * - farmaceutische zorg for a pharmacy in a group with one mandated representative whose member
 *   list arrived by the deadline: negotiation; otherwise the basisovereenkomst as a direct offer;
 * - dienstapotheken, DISV and dieetpreparaten: a direct offer, never negotiated.
 *
 * Works for any contract year, so that rehearsal editions of the policy decide alike.
 */
export function evaluate(policy: Policy, provider: Provider): Decision[] {
  return kindsFor(policy, provider).map((kind) => evaluateKind(policy, provider, kind));
}

function evaluateKind(policy: Policy, p: Provider, kind: ContractKind): Decision {
  const year = policy.contractYear;
  const one = (track: Track, reasons: Reason[], extra: Parameters<typeof decide>[5] = {}) => decide(policy, p.agbCode, kind, track, reasons, extra);
  const isDisv = DISV_KINDS.includes(kind.id);

  const running = p.contracts.find((c) => c.careType === policy.careType && countsFor(kind.id, c.kind) && c.fromYear <= year && year <= c.toYear);
  if (running) {
    return one('running-contract', [
      rule(isDisv ? S4_DISV : S4_RUNNING, 'farmacie.s4.running-contract', false, `${kind.name}: contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`, 'U ontvangt in dat geval voor 2026 geen nieuw contractaanbod voor farmaceutische zorg.'),
    ]);
  }

  const reasons: Reason[] = [];
  const pharmacy = PHARMACIES.includes(p.organisation);
  if (isDisv && !pharmacy) {
    reasons.push(rule(S3_DISV, 'farmacie.s3.disv.pharmacy-only', false, `${p.organisation} is not a pharmacy: ${kind.name} from non-pharmacy suppliers falls under the Hulpmiddelen policy, not this one`, 'In onze zorgovereenkomst krijgt de apotheek de mogelijkheid om verbruiksartikelen en dieetpreparaten te leveren.'));
  }
  if (p.fraudSuspicion) {
    reasons.push(rule(S4_NO_OFFER, 'farmacie.s4.fraud-suspicion', false, 'doubt about the integrity of care based on suspected fraud: no contract offered', 'Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op basis van vermoeden van fraude, is dit ook een reden om geen zorgovereenkomst aan te bieden.'));
  }
  // Out of this policy's scope: the Vektis and certificate rules of a pharmacy do not apply.
  if (isDisv && !pharmacy) return one('not-approached', reasons);
  const concern = p.pharmacy?.dataAnalysisConcern;
  if (!isDisv && concern) {
    reasons.push(rule(S3_FARMA, 'farmacie.s3.data-analysis', false, `data analysis and benchmarking give reason to offer no contract: ${concern}`, 'data – analyse en benchmarking reden geven tot het niet aanbieden van een zorgovereenkomst'));
  }

  const section4 = isDisv ? S4_DISV : S4_FARMA;
  const vektis = kind.vektis;
  const codeOk = !vektis || vektis.practiceCodes.includes(agbKind(p.agbCode));
  const practitionerOk = !vektis || vektis.practitioner.codes.length === 0 || p.practitioners.some((pr) => vektis.practitioner.codes.includes(agbKind(pr.agbCode)));
  const vektisOk = p.vektisRegistered && codeOk && practitionerOk;
  const vektisText = vektisOk
    ? `registered at Vektis as a pharmacy (AGB ${p.agbCode}) with an ${vektis?.practitioner.label ?? 'practitioner'} attached`
    : [
        !p.vektisRegistered && 'no valid Vektis registration',
        !codeOk && `AGB ${p.agbCode} is not a pharmacy code (${vektis?.practiceCodes.join(', ')})`,
        !practitionerOk && `no ${vektis?.practitioner.label} (AGB ${vektis?.practitioner.codes.join(', ')}) attached`,
      ]
        .filter(Boolean)
        .join('; ');
  reasons.push(rule(section4, 'farmacie.s4.vektis-registration', vektisOk, vektisText, 'die beschikken over de juiste Vektis registratie'));
  reasons.push(rule(section4, 'farmacie.s4.vecozo-certificate', p.vecozoCertificate, p.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no offer can be sent', 'de juiste VECOZO-certificaten'));

  if (isDisv) reasons.push(...disvConditions(policy, p, kind));

  if (reasons.some((r) => !r.met)) return one('not-approached', reasons);

  // "Geen aanbod ontvangen": a late application for this kind (or for every kind when it names none).
  const app = p.application;
  if (app && (app.kinds.length === 0 || app.kinds.includes(kind.id))) {
    const startDate = lateApplicationStart(year, app.receivedOn);
    reasons.push(
      rule(S4_NO_OFFER, 'farmacie.s4.late-application', true, `applied on ${app.receivedOn}: assessed for added value in the region, documents may be asked; an offer starts on ${startDate}, never retroactively`, 'Contractaanbiedingen na 1 januari 2026 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.'),
    );
    reasons.push(conditionsAccepted(kind));
    return one('application', reasons, { startDate });
  }

  if (kind.id === KIND.farma) return farmaTrack(policy, p, kind, reasons);

  if (p.negotiationGroup) {
    reasons.push(
      kind.id === KIND.spoed
        ? rule(S3_SPOED, 'farmacie.s3.emergency-not-negotiated', false, `member of ${p.negotiationGroup.name}, but emergency pharmaceutical care is not negotiated: the basisovereenkomst is offered directly`, 'Farmaceutische spoedzorg is daarmee geen onderdeel van de onderhandelingen over de tarieven en condities van de reguliere farmaceutische zorg.')
        : rule(S3_DISV, 'farmacie.s3.disv.not-negotiable', false, `member of ${p.negotiationGroup.name}, but ${kind.name} is digital contracting and not negotiable: offered directly in VECOZO under the dossier 'Hulpmiddelen'`, 'wij gaan dan ook niet in onderhandeling over de voorwaarden en tarieven van deze zorg'),
    );
  }
  reasons.push(conditionsAccepted(kind));
  return one('direct-offer', reasons);
}

/** Farmaceutische zorg for a pharmacy: negotiation through its group, or the basisovereenkomst directly. */
function farmaTrack(policy: Policy, p: Provider, kind: ContractKind, reasons: Reason[]): Decision {
  const group = p.negotiationGroup;
  const direct = () => {
    reasons.push(conditionsAccepted(kind));
    return decide(policy, p.agbCode, kind, 'direct-offer', reasons);
  };
  if (!group) return direct();

  const hasRepresentative = !!group.representativeAgbCode;
  reasons.push(
    rule(S3_FARMA, 'farmacie.s3.extra.mandated-group', hasRepresentative, hasRepresentative ? `member of ${group.name}, represented by mandated representative AGB ${group.representativeAgbCode}` : `member of ${group.name}, but the group has no mandated representative: no extra agreements, the basisovereenkomst is offered directly`, 'Het betreft een groep apotheekhoudenden met één gemandateerd vertegenwoordiger'),
  );
  const deadlineStep = policy.calendar.find((st) => st.step === 'member-list-deadline');
  const deadline = deadlineStep && latestDay(deadlineStep.date);
  const listedOn = p.pharmacy?.memberListReceivedOn;
  const listInTime = !!listedOn && !!deadline && compareDays(listedOn, deadline) <= 0;
  reasons.push(
    rule(S5, 'farmacie.s5.member-list-deadline', listInTime, listInTime ? `on the member list of ${group.name}, received ${listedOn} (deadline ${deadline})` : listedOn ? `on the member list of ${group.name} received ${listedOn}, after the deadline ${deadline}: not in the negotiation, the basisovereenkomst is offered directly` : `on no member list of ${group.name} received by ${deadline}: not in the negotiation, the basisovereenkomst is offered directly`, 'Deadline aanleveren ledenlijst door gemandateerde vertegenwoordigers van apotheekhoudenden: 1 juli 2025'),
  );
  if (!hasRepresentative || !listInTime) return direct();

  reasons.push(
    rule(S3_FARMA, 'farmacie.s3.extra.business-case', true, 'a closing business case aimed at demonstrably efficient care: judged in the purchase conversation', 'Er is een sluitende businesscase gericht op aantoonbaar doelmatige zorg'),
    rule(S3_FARMA, 'farmacie.s3.extra.policy-fit', true, 'the proposal fits the purchasing policy: judged in the purchase conversation', 'Het voorstel sluit aan bij het inkoopbeleid Farmaceutische zorg, verbruiksartikelen (DISV) en dieetpreparaten 2026.'),
    rule(S4_NEGOTIATION, 'farmacie.s4.negotiation', true, `the representative of ${group.name} is invited to the individual purchase conversation; after a positive conversation the offer follows in VECOZO, to be signed within 4 weeks`, 'Met gemandateerde vertegenwoordigers van apotheekhoudenden worden individuele inkoopgesprekken gevoerd.'),
  );
  reasons.push(conditionsAccepted(kind));
  return decide(policy, p.agbCode, kind, 'negotiation', reasons);
}

/** The DISV/dieetpreparaten conditions checked from the record: the certificate and the complaints register (s3). */
function disvConditions(policy: Policy, p: Provider, kind: ContractKind): Reason[] {
  const start = `${policy.contractYear}-01-01`;
  const valid = p.certificates.filter((c) => !c.validUntil || compareDays(c.validUntil, start) >= 0);
  const out: Reason[] = kind.certificates.map((group) => {
    const held = valid.find((c) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase())));
    const expired = p.certificates.find((c) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase())) && !valid.includes(c));
    return rule(
      S3_DISV,
      'farmacie.s3.disv.certificate',
      !!held,
      held
        ? `holds ${held.name}${held.validUntil ? ` (valid until ${held.validUntil})` : ''}`
        : expired
          ? `${expired.name} expired on ${expired.validUntil}, before ${start}`
          : `no ${group.join(', ')} certificate on record; a comparable certificate is judged by staff on request`,
      'In het bezit zijn van een in de branche gebruikelijk ISO, HKZ, SEMH of vergelijkbaar certificaat',
    );
  });
  const register = p.pharmacy?.complaintsRegister === true;
  out.push(
    rule(S3_DISV, 'farmacie.s3.disv.complaints-register', register, register ? 'keeps a complaints procedure and a complaints register' : 'no complaints procedure with a complaints register on record', 'Het hebben van een klachtenregeling en registratie van klachten van verzekerden in een klachtenregister'),
  );
  return out;
}

/** The conditions accepted by signing the contract, not checked from the record (s3). */
function conditionsAccepted(kind: ContractKind): Reason {
  return DISV_KINDS.includes(kind.id)
    ? rule(S3_DISV, 'farmacie.s3.disv.conditions', true, 'claims through VECOZO in the Vektis standard, the Generiek Kwaliteitskader Hulpmiddelenzorg, digitalisation: accepted by signing the non-negotiable contract')
    : rule(S3_FARMA, 'farmacie.s3.conditions', true, 'Professionele Standaard, KNMP Kwaliteitsprofiel, NVZA for outpatient pharmacies, claims through VECOZO, digitalisation: accepted by signing the landelijk uniforme overeenkomst');
}
