/**
 * Hulpmiddelen (medical aids) 2026.
 * Seed: ../shared/seeds/003_1593987db3a2b065.txt (sections 3 conditions and the certificate table,
 * 4 procedure, 5 planning). Decisions on ambiguous text: docs/policies/hulpmiddelen-2026.md.
 */
import { compareDays, type IsoDate } from './calendar';
import { decide, lateApplicationStart, ruleFor, type Decision, type Reason } from './decision';
import { definePolicy, type ContractKind, type Policy, type Source, type Track } from './policy';
import type { Provider } from './provider';

const file = '003_1593987db3a2b065.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });
const rule = ruleFor(file);

const S3_TABLE = '3 Hulpmiddelen - Randvoorwaarden (schema certificaten)';
const S3_DISV = '3 Verbruiksartikelen (DISV) en dieetpreparaten';
const S4_RUNNING = '4 Doorlopende zorgovereenkomst';
const S4_NEW = '4 Nieuwe zorgovereenkomsten';
const S4_DIRECT = '4 Zorgaanbieders zonder onderhandeling';
const S4_NEGOTIATION = '4 Zorgaanbieders met onderhandeling';
const S4_PRODUCTS = '4 Nieuwe producten';
const S4_APPLICATION = '4 Geen aanbod ontvangen';
const S5 = '5 Planning en bereikbaarheid';

/** "ISO-certificaat": one group, one name. */
const ISO = [['ISO']];
/** "ISO, HKZ, SEMH of vergelijkbaar certificaat" (DISV and dieetpreparaten): one group of alternatives. */
const DISV_CERTIFICATES = [['ISO', 'HKZ', 'SEMH']];
/** Prothesen: "minimaal in het bezit van diploma" one of these (003 s3 table). */
export const PROSTHESIS_DIPLOMAS = [
  'Bemetel primair orthopedisch instrumentenmaker',
  'SOM voortgezet orthopedisch instrumentenmaker',
  'SVGB orthopedisch instrumentmaker',
  'SVGB paskamermedewerker orthopedisch instrumentmaker',
  'Adviseur Gezondheidstechnische Voorzieningen',
];

/** The product groups whose 2025-2026 contracts run on (003 s4 "Doorlopende zorgovereenkomst"), with the s3 certificates. */
const RUNNING: [id: string, name: string, certificates: string[][]][] = [
  ['audiologische-hulpmiddelen', 'Audiologische hulpmiddelen', [['SEMH AUD', 'StAr']]],
  ['baha', 'BAHA', ISO],
  ['communicatiehulpmiddelen', 'Communicatiehulpmiddelen', ISO],
  ['compensatie-arm-hand-vingerfunctie', 'Compensatie arm, hand en vingerfunctie', ISO],
  ['compressietherapie', 'Compressietherapie', ISO],
  ['low-vision', 'Low Vision', [['NUVO kwaliteitsgroep Low Vision']]],
  ['mammaprothesen', 'Mammaprothesen', [['SEMH MMC']]],
  ['oogprothesen', 'Oogprothesen', []],
  ['orthesen', 'Orthesen', [['SEMH OIM']]],
  ['personenalarmering', 'Personenalarmering', [['ISO'], ['WDTM Ketenkeurmerk']]],
  ['prothesen', 'Prothesen', [['SEMH OIM'], PROSTHESIS_DIPLOMAS]],
  ['soloapparatuur', 'Soloapparatuur', ISO],
  ['tens', 'TENS', ISO],
  ['visuele-hulpmiddelen', 'Visuele hulpmiddelen', ISO],
];

/**
 * The new 2026 contracts (003 s4 "Nieuwe zorgovereenkomsten"; DISV from s3 and s5), with the s3
 * certificates and the term in years after the contract year ("multi": two years, "one": the
 * contract year only; see the docs for why).
 */
const NEW: [id: string, name: string, certificates: string[][], term: 'multi' | 'one'][] = [
  ['aangepaste-stoel', 'Aangepaste stoel', [], 'multi'],
  ['continentiezorg', 'Continentiezorg', [], 'one'],
  ['cgm', 'CGM', [], 'one'],
  ['cpap', 'CPAP', ISO, 'one'],
  ['diabeteshulpmiddelen', 'Diabeteshulpmiddelen', [], 'one'],
  ['dieetpreparaten', 'Dieetpreparaten', DISV_CERTIFICATES, 'multi'],
  ['disv', 'Verbruiksartikelen (DISV)', DISV_CERTIFICATES, 'multi'],
  ['fgm', 'FGM', [], 'one'],
  ['haarwerken', 'Haarwerken', [['SEMH HWK', 'ANKO']], 'multi'],
  ['hulp-en-geleidehonden', 'Hulp- en geleidehonden', [], 'multi'],
  ['infuustherapie', 'Infuustherapie', ISO, 'multi'],
  ['insulinepompen', 'Insulinepompen', ISO, 'one'],
  ['kinderrevalidatie', 'Kinderrevalidatie', ISO, 'multi'],
  ['medische-lenzen', 'Medische lenzen', [['ANVC']], 'multi'],
  ['ligorthesen', 'Ligorthesen', ISO, 'multi'],
  ['medicijnvernevelaars', 'Medicijnvernevelaars', ISO, 'multi'],
  ['mra', 'MRA', ISO, 'multi'],
  ['orthopedische-schoenen', 'Orthopedische schoenen', [['SEMH OSB']], 'multi'],
  ['revalidatiehulpmiddelen', 'Revalidatiehulpmiddelen', ISO, 'multi'],
  ['slaappositietrainer', 'Slaappositietrainer', ISO, 'multi'],
  ['slijmuitzuigapparatuur', 'Slijmuitzuigapparatuur', ISO, 'multi'],
  ['stomazorg', 'Stomazorg', [], 'multi'],
  ['therapeutisch-elastische-kousen', 'Therapeutisch elastische kousen', [['SEMH TEK']], 'multi'],
  ['tracheostoma', 'Tracheostoma', ISO, 'multi'],
  ['verbandmiddelen', 'Verbandmiddelen', [], 'multi'],
  ['sondevoedingszorg', 'Sondevoedingszorg', ISO, 'multi'],
  ['wek-en-waarschuwingssystemen', 'Wek- en waarschuwingssystemen', ISO, 'multi'],
  ['zuurstof', 'Zuurstof', ISO, 'multi'],
];

/** DISV and dieetpreparaten: through medical shops under this policy, digital and not negotiable (003 s3). */
export const DIGITAL_ONLY = ['disv', 'dieetpreparaten'];
const AUGUST_GROUPS = ['haarwerken', 'therapeutisch-elastische-kousen', 'orthopedische-schoenen'];
const SEPTEMBER_SECOND_HALF_GROUPS = ['cgm', 'dieetpreparaten', 'disv', 'fgm'];
const YEAR = 2026;

/** The Hulpmiddelen 2026 policy as data. */
export const policy: Policy = definePolicy({
  id: 'hulpmiddelen-2026',
  title: 'Hulpmiddelen 2026',
  careType: 'hulpmiddelen',
  contractYear: YEAR,
  seedFile: file,
  contractKinds: [
    ...RUNNING.map(([id, name, certificates]) => ({
      id,
      name,
      tracks: ['running-contract', 'application', 'not-approached'] as Track[],
      runsOn: { fromYear: YEAR - 1, toYear: YEAR },
      certificates,
      source: s(S4_RUNNING, `${name} 2025-2026`),
    })),
    ...NEW.map(([id, name, certificates, term]) => ({
      id,
      name,
      tracks: (DIGITAL_ONLY.includes(id)
        ? ['running-contract', 'direct-offer', 'application', 'not-approached']
        : ['running-contract', 'direct-offer', 'negotiation', 'application', 'not-approached']) as Track[],
      term: { fromYear: YEAR, toYear: term === 'multi' ? YEAR + 1 : YEAR },
      certificates,
      source: id === 'disv' ? s(S3_DISV, 'De overeenkomst DISV en dieetpreparaten vallen voor medisch speciaalzaken wel onder het inkoopbeleid Hulpmiddelen.') : s(S4_NEW, name),
    })),
  ],
  calendar: [
    {
      step: 'new-product-deadline',
      label: 'request to add new products to the 2026 offer',
      when: 'voor 1 augustus 2025',
      tracks: ['direct-offer', 'negotiation'],
      kinds: NEW.map(([id]) => id),
      source: s(S4_PRODUCTS, 'De aanvraag kunt u voor 1 augustus 2025 indienen via zorginkoop@caresq.nl.'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO: haarwerken, therapeutisch elastische kousen, orthopedische schoenen',
      when: '2e helft augustus 2025',
      tracks: ['direct-offer'],
      kinds: AUGUST_GROUPS,
      source: s(S5, 'Aanbieding zorgovereenkomst Haarwerken, Therapeutisch Elastische kousen, Orthopedische schoenen via VECOZO: 2e helft augustus 2025'),
    },
    {
      step: 'invitation',
      label: 'selected providers approached for negotiation',
      when: 'uiterlijk 1 september 2025',
      tracks: ['negotiation'],
      source: s(S5, 'Benaderen geselecteerde zorgaanbieders met onderhandeling: Uiterlijk 1 september 2025'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO after the negotiation',
      // The seed gives no date: "Wanneer ons contractaanbod voor u klaarstaat" (s4). Nearest readable form.
      when: 'na positieve afronding van het inkoopgesprek',
      tracks: ['negotiation'],
      source: s(S4_NEGOTIATION, 'Wanneer ons contractaanbod voor u klaarstaat, ontvangt u een e-mail van VECOZO'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO: CGM, dieetpreparaten, DISV, FGM',
      when: '2e helft september 2025',
      tracks: ['direct-offer'],
      kinds: SEPTEMBER_SECOND_HALF_GROUPS,
      source: s(S5, 'Aanbieding zorgovereenkomst CGM, Dieetpreparaten, DISV en FGM via VECOZO: 2e helft september 2025'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO: other aids',
      when: 'september 2025',
      tracks: ['direct-offer'],
      source: s(S5, 'Aanbieding zorgovereenkomst overige hulpmiddelen via VECOZO: September 2025'),
    },
    {
      step: 'offer',
      label: 'offer after a positive assessment of the application',
      // "Wanneer wij besluiten u een zorgovereenkomst aan te bieden" (s4): nearest readable form.
      when: 'nadat wij uw complete aanvraag hebben beoordeeld',
      tracks: ['application'],
      source: s(S4_APPLICATION, 'Wanneer wij besluiten u een zorgovereenkomst aan te bieden'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline',
      when: '7 november 2025',
      source: s(S5, 'Uiterste tekendatum zorgovereenkomst: 7 november 2025'),
    },
    {
      step: 'publication',
      label: 'contracted providers in the provider finder',
      when: 'vanaf 12 november 2025',
      source: s(S5, 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website: Vanaf 12 november 2025'),
    },
  ],
  conditions: [
    { id: 'hulpmiddelen.s3.protocols', text: 'acts by the profession\'s protocols, quality requirements, certifications, guidelines and standards', source: s('3 Hulpmiddelen - Randvoorwaarden') },
    { id: 'hulpmiddelen.s3.national-standards', text: 'acts by the national protocols and quality standards of Zorginstituut Nederland or Zorgverzekeraars Nederland', source: s('3 Hulpmiddelen - Randvoorwaarden') },
    { id: 'hulpmiddelen.s3.complaints', text: 'a complaints procedure and a register of complaints of insured persons', source: s('3 Hulpmiddelen - Randvoorwaarden') },
    { id: 'hulpmiddelen.s3.claims', text: 'claims digitally through VECOZO in the Vektis standard', source: s('3 Hulpmiddelen - Randvoorwaarden') },
    { id: 'hulpmiddelen.s3.digitalisation', text: 'effort toward the ZN digitalisation goals; digital care for more labour potential, lower costs, access or quality', source: s('3 Hulpmiddelen - Randvoorwaarden') },
    { id: 'hulpmiddelen.s3.certificates', text: 'the certificate, quality mark or registration of the product group (table): every group met by one of its alternatives, valid on the contract\'s first day', source: s(S3_TABLE, 'Bij een aantal inhoudelijke standaardzorgovereenkomsten is de zorgaanbieder in het bezit van een in de branche geldend certificaat, keurmerk of registratie.') },
    { id: 'hulpmiddelen.s3.kabiz-preferred', text: 'therapeutisch elastische kousen: preferably registered in the KABIZ register (not required)', kinds: ['therapeutisch-elastische-kousen'], source: s(S3_TABLE, 'Bij voorkeur ingeschreven in het KABIZ - register') },
    { id: 'hulpmiddelen.s3.disv-conditions', text: 'DISV and dieetpreparaten: ISO, HKZ, SEMH or comparable certificate; complaints register; VECOZO claims; Generiek Kwaliteitskader Hulpmiddelenzorg; national coverage; digitalisation', kinds: DIGITAL_ONLY, source: s(S3_DISV) },
    { id: 'hulpmiddelen.s3.disv-not-negotiable', text: 'DISV and dieetpreparaten are contracted digitally: no negotiation on conditions and tariffs', kinds: DIGITAL_ONLY, source: s(S3_DISV, 'wij gaan dan ook niet in onderhandeling over de voorwaarden en tarieven van deze zorg') },
    { id: 'hulpmiddelen.s4.new-products', text: 'new products for the 2026 offer: request before 1 August 2025 with description, quote, quantities, AIP price, replaced product, target group, national delivery and proof of added value; no products are added during a contract\'s term', kinds: NEW.map(([id]) => id), source: s(S4_PRODUCTS, 'Gedurende de looptijd van de zorgovereenkomst worden geen producten aan de zorgovereenkomst toegevoegd.') },
  ],
  exclusions: [
    { id: 'hulpmiddelen.s4.running-product-group', text: 'product groups contracted 2025-2026 run on: no new contract offered in 2026', kinds: RUNNING.map(([id]) => id), source: s(S4_RUNNING, 'U ontvangt voor 2026 geen nieuwe zorgovereenkomst voor deze hulpmiddelen.') },
    { id: 'hulpmiddelen.s3.disv-pharmacy', text: 'pharmacies get DISV and dieetpreparaten under the pharmacy policy (002), not under this one', kinds: DIGITAL_ONLY, source: s(S3_DISV, 'Als u apotheekhoudende bent, vindt u het inkoopbeleid voor verbruiksartikelen (DISV) en dieetpreparaten in het inkoopbeleid Farmaceutische zorg') },
    { id: 'hulpmiddelen.s4.fraud-suspicion', text: 'doubt about the integrity of care on suspicion of fraud: no contract offered', source: s(S4_APPLICATION, 'Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op basis van vermoeden van fraude, is dit een reden om geen zorgovereenkomst aan te bieden.') },
  ],
  lateApplication: {
    startRule: 'first-of-next-month',
    text: 'Wanneer wij besluiten u een zorgovereenkomst aan te bieden dan krijgt deze een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag. Wij sluiten geen zorgovereenkomsten met terugwerkende kracht.',
    source: s(S4_APPLICATION),
  },
});

/** A certificate name compared loosely: case, dashes and the words "certificaat"/"registratie" do not count. */
function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/\b(certificaat|registratie)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Does a held name satisfy a required one: the same, or the required name followed by more ("ISO 9001" for "ISO"). */
function satisfies(held: string, required: string): boolean {
  const h = normalise(held);
  const r = normalise(required);
  return h === r || h.startsWith(`${r} `);
}

/**
 * The certificate check of 003 s3 for one kind: every group must be met by a certificate that is
 * valid on `validOn` (no `validUntil`, or `validUntil` on or after that day). Diplomas (prothesen)
 * also count when a practitioner holds them as a registration. Names every group that is missing,
 * and says where only an expired certificate was found.
 */
export function certificateCheck(kind: ContractKind, provider: Provider, validOn: IsoDate): Reason {
  const missing: string[] = [];
  for (const group of kind.certificates) {
    const valid = provider.certificates.some((c) => group.some((g) => satisfies(c.name, g)) && (!c.validUntil || compareDays(c.validUntil, validOn) >= 0));
    const byPractitioner = provider.practitioners.some((p) => p.registrations.some((r) => group.some((g) => satisfies(r, g))));
    if (valid || byPractitioner) continue;
    const expired = provider.certificates.filter((c) => group.some((g) => satisfies(c.name, g)) && c.validUntil);
    const label = group.join(' or ');
    missing.push(expired.length ? `${label} (expired: ${expired.map((c) => `${c.name} until ${c.validUntil}`).join(', ')})` : label);
  }
  const quote = 'Bij een aantal inhoudelijke standaardzorgovereenkomsten is de zorgaanbieder in het bezit van een in de branche geldend certificaat, keurmerk of registratie.';
  if (!kind.certificates.length) return rule(S3_TABLE, 'hulpmiddelen.s3.certificates', true, `${kind.name}: the table asks no certificate`, quote);
  const required = kind.certificates.map((g) => g.join(' or ')).join(' and ');
  return missing.length
    ? rule(S3_TABLE, 'hulpmiddelen.s3.certificates', false, `${kind.name}: missing, or not valid on ${validOn}: ${missing.join('; ')}`, quote)
    : rule(S3_TABLE, 'hulpmiddelen.s3.certificates', true, `${kind.name}: holds ${required}, valid on ${validOn}`, quote);
}

/**
 * The product groups a supplier is considered for (003 s4): those it says it supplies
 * (`contractKinds`), those of its hulpmiddelen contracts of the previous or this contract year,
 * and those it applied for; only ids of this policy, in the policy's order.
 */
export function productGroupsOf(policy: Policy, provider: Provider): ContractKind[] {
  const year = policy.contractYear;
  const ids = new Set<string>(provider.contractKinds);
  for (const c of provider.contracts) {
    if (c.careType === 'hulpmiddelen' && c.fromYear <= year && c.toYear >= year - 1) ids.add(c.kind);
  }
  for (const k of provider.application?.kinds ?? []) ids.add(k);
  return policy.contractKinds.filter((k) => ids.has(k.id));
}

/**
 * Decides a supplier's track per product group (003 s3, s4, s5):
 * - a hulpmiddelen contract of the group that covers the contract year runs on: nothing to offer;
 * - pharmacies get DISV and dieetpreparaten under the pharmacy policy (002): not approached here;
 * - a group whose contracts run on (2025-2026) gets no new contract: only an application is assessed;
 * - a supplier selected on benchmarks, data analysis and market position negotiates (not for DISV
 *   and dieetpreparaten, which are not negotiable);
 * - a supplier contracted for the group in the previous year gets the offer in VECOZO in the
 *   group's window (direct offer);
 * - a supplier that applied ("geen aanbod ontvangen") is assessed, its contract starting on the
 *   first of the month after the application month, never before 1 January;
 * and every offer needs the Vektis registration, the VECOZO certificate, the s3 certificates of
 * the group, national coverage (DISV, dieetpreparaten) and no suspicion of fraud. Every unmet rule
 * is listed. Works for any contract year (rehearsal editions decide alike).
 */
export function evaluate(policy: Policy, provider: Provider): Decision[] {
  return productGroupsOf(policy, provider).map((kind) => evaluateKind(policy, provider, kind));
}

function evaluateKind(policy: Policy, provider: Provider, kind: ContractKind): Decision {
  const year = policy.contractYear;
  const own = provider.contracts.filter((c) => c.careType === 'hulpmiddelen' && c.kind === kind.id);
  const covers = (y: number) => own.find((c) => c.fromYear <= y && y <= c.toYear);
  const one = (track: Track, reasons: Reason[], startDate?: IsoDate) => decide(policy, provider.agbCode, kind, track, reasons, startDate ? { startDate } : {});
  const digitalOnly = DIGITAL_ONLY.includes(kind.id);

  const running = covers(year);
  if (running) {
    return one('running-contract', [
      rule(S4_RUNNING, 'hulpmiddelen.s4.running-contract', false, `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`, 'Deze zorgovereenkomsten lopen door in 2026. U ontvangt voor 2026 geen nieuwe zorgovereenkomst voor deze hulpmiddelen.'),
    ]);
  }

  if (digitalOnly && (provider.organisation === 'pharmacy' || provider.organisation === 'emergency-pharmacy')) {
    return one('not-approached', [
      rule(S3_DISV, 'hulpmiddelen.s3.disv-pharmacy', false, `${kind.name} for a pharmacy is purchased under the pharmacy policy (Farmaceutische zorg, DISV en dieetpreparaten), not under ${policy.id}`, 'Als u apotheekhoudende bent, vindt u het inkoopbeleid voor verbruiksartikelen (DISV) en dieetpreparaten in het inkoopbeleid Farmaceutische zorg'),
    ]);
  }

  const application = provider.application;
  const applied = application && (application.kinds.length === 0 || application.kinds.includes(kind.id)) ? application : undefined;
  const previous = covers(year - 1);
  const reasons: Reason[] = [];
  let track: Track;
  let startDate: IsoDate | undefined;

  if (kind.runsOn && !applied) {
    track = 'not-approached';
    reasons.push(rule(S4_RUNNING, 'hulpmiddelen.s4.running-product-group', false, `${kind.name} is contracted ${kind.runsOn.fromYear}-${kind.runsOn.toYear} and no contract of this supplier runs on: no new contract offered in ${year}; may apply through the application form`, 'U ontvangt voor 2026 geen nieuwe zorgovereenkomst voor deze hulpmiddelen.'));
  } else if (!kind.runsOn && provider.selectedForNegotiation && !digitalOnly) {
    track = 'negotiation';
    reasons.push(rule(S4_NEGOTIATION, 'hulpmiddelen.s4.selected-for-negotiation', true, `selected for negotiation on benchmarks, data analysis and market position: approached for ${kind.name}`, 'De selectie vindt plaats op basis van benchmarks, data – analyse en marktpositie.'));
  } else if (!kind.runsOn && previous) {
    track = 'direct-offer';
    if (provider.selectedForNegotiation) {
      reasons.push(rule(S3_DISV, 'hulpmiddelen.s3.disv-not-negotiable', true, `${kind.name} is contracted digitally and not negotiated: offered without negotiation although the supplier is selected for negotiation`, 'wij gaan dan ook niet in onderhandeling over de voorwaarden en tarieven van deze zorg'));
    }
    reasons.push(rule(S4_DIRECT, 'hulpmiddelen.s4.contract-previous-year', true, `contracted for ${kind.name} in ${year - 1} (${previous.fromYear}-${previous.toYear})`, 'Wij benaderen alle zorgaanbieders die wij in 2025 hebben gecontracteerd'));
  } else if (applied) {
    track = 'application';
    startDate = lateApplicationStart(year, applied.receivedOn);
    reasons.push(rule(S4_APPLICATION, 'hulpmiddelen.s4.application', true, `applied on ${applied.receivedOn} for ${kind.name}: added value to the contracted supply is assessed; a contract offered starts on ${startDate}, never retroactively`, 'Wanneer wij besluiten u een zorgovereenkomst aan te bieden dan krijgt deze een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.'));
  } else {
    track = 'not-approached';
    reasons.push(rule(S4_DIRECT, 'hulpmiddelen.s4.contract-previous-year', false, `not contracted for ${kind.name} in ${year - 1}: not approached; may apply through the application form`, 'Wij benaderen alle zorgaanbieders die wij in 2025 hebben gecontracteerd'));
  }

  // Every rule an offer needs, listed whether it holds or not.
  reasons.push(
    rule(S4_DIRECT, 'hulpmiddelen.s4.vektis-registration', provider.vektisRegistered, provider.vektisRegistered ? 'registered at Vektis' : 'no valid Vektis registration', 'die beschikken over de juiste Vektis registratie'),
    rule(S4_DIRECT, 'hulpmiddelen.s4.vecozo-certificate', provider.vecozoCertificate, provider.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no offer can be sent', 'de juiste VECOZO certificaten'),
    certificateCheck(kind, provider, startDate ?? `${year}-01-01`),
  );
  if (kind.id === 'therapeutisch-elastische-kousen') {
    const kabiz = provider.practitioners.some((p) => p.registrations.some((r) => normalise(r).startsWith('kabiz')));
    reasons.push(rule(S3_TABLE, 'hulpmiddelen.s3.kabiz-preferred', true, kabiz ? 'registered in the KABIZ register (preferred)' : 'not registered in the KABIZ register: preferred, not required, so it does not stop the offer', 'Bij voorkeur ingeschreven in het KABIZ - register'));
  }
  if (digitalOnly) {
    const coverage = provider.nationalCoverage;
    reasons.push(rule(S3_DISV, 'hulpmiddelen.s3.national-coverage', coverage !== false, coverage === true ? 'delivers nationwide' : coverage === false ? 'does not deliver nationwide: the condition "Landelijke dekking" is not met' : 'national coverage not recorded: a condition of the contract, accepted by signing', 'Landelijke dekking'));
  }
  if (provider.fraudSuspicion) {
    reasons.push(rule(S4_APPLICATION, 'hulpmiddelen.s4.fraud-suspicion', false, 'doubt about the integrity of care on suspicion of fraud: no contract offered', 'Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op basis van vermoeden van fraude, is dit een reden om geen zorgovereenkomst aan te bieden.'));
  }
  if (track === 'not-approached' || reasons.some((r) => !r.met)) return one('not-approached', reasons);

  reasons.push(rule('3 Voorwaarden zorgovereenkomst', 'hulpmiddelen.s3.conditions', true, 'the other chapter-3 conditions (protocols, national standards, complaints register, VECOZO claims, digitalisation) are part of the contract and accepted by signing it'));
  return one(track, reasons, startDate);
}
