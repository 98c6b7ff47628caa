/**
 * Paramedische zorg 2027 (physiotherapy, exercise therapy, speech therapy, dietetics, occupational
 * therapy, skin therapy, preventive foot care, GLI, fall prevention, institutions, hospitals).
 * Seed: ../shared/seeds/001_c09c8bb5b9df1701.txt (sections 2.3 behandelindex, 2.4 contract kinds,
 * 2.4.1 conditions, 2.4.2 tiers, 2.5 selective purchasing, 2.6 procedure, 2.7 planning).
 * Ambiguities and the choices made: docs/policies/paramedisch-2027.md.
 */
import { compareDays } from './calendar';
import { decide, tierFor, lateApplicationStart, ruleFor, type Decision, type DecisionExtras, type Reason } from './decision';
import { definePolicy, type ContractKind, type Policy, type Source, type Track } from './policy';
import { agbKind, type Practitioner, type Provider } from './provider';

const file = '001_c09c8bb5b9df1701.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });
const rule = ruleFor(file);

/** The Vektis practice codes most kinds share (s2.6 table). */
const WIDE = ['04', '05', '07', '24', '37', '88', '90'];

const TERM = s('2.6 Nieuwe zorgovereenkomst vrijevestigden', 'Zorgovereenkomst / Looptijd');
/** Kinds whose offers go out without a questionnaire by 30 September (s2.7). */
const DIRECT_OFFER_KINDS = ['dietetiek', 'ergotherapie', 'huidtherapie', 'gli', 'valpreventie', 'instellingen'];
/** Free-standing practice kinds (vrijgevestigden): the Vektis table and the exclusions of s2.6 apply. */
const PRACTICE_KINDS = ['fysiotherapie', 'oefentherapie', 'logopedie', 'dietetiek', 'ergotherapie', 'huidtherapie', 'preventieve-voetzorg', 'gli', 'valpreventie'];
/** Kinds considered only where the record names them (every fysio or oefen practice could do valpreventie). */
const NAMED_ONLY = ['valpreventie'];

/** The Paramedische zorg 2027 policy as data. */
export const policy: Policy = definePolicy({
  id: 'paramedisch-2027',
  title: 'Paramedische zorg 2027',
  careType: 'paramedisch',
  contractYear: 2027,
  seedFile: file,
  contractKinds: [
    {
      id: 'fysiotherapie',
      name: 'Fysiotherapie',
      // A 2026-2027 contract runs on; a provider that did not accept it in 2026 may apply (s2.6).
      tracks: ['running-contract', 'application', 'not-approached'],
      term: { fromYear: 2026, toYear: 2027 },
      runsOn: { fromYear: 2026, toYear: 2027 },
      tariffAnnex: true,
      vektis: { practiceCodes: WIDE, practitioner: { codes: ['04'], roles: ['fysiotherapeut'], label: 'Fysiotherapeut (04)' } },
      tiers: {
        factors: [
          {
            id: 'fysio-specialisation',
            text: 'at least 30% of the practice\'s fysiotherapeuten offer a recognised specialisation registered in Vektis and work at least 24 hours a week there',
            source: s('2.4.2 Fysiotherapie', 'ten minste 30% van het totaal aantal fysiotherapeuten verbijzonderde fysiotherapie aan'),
          },
          {
            id: 'kngf-basisregister',
            text: 'practice registration in the KNGF Basisregister (Kwaliteitshuis Fysiotherapie); an SKF Keurmerk registration also meets this factor',
            source: s('2.4.2 Fysiotherapie', 'praktijkregistratie in het Basisregister binnen het Kwaliteitshuis Fysiotherapie van het KNGF'),
          },
          {
            id: 'skf-keurmerk',
            text: 'practice registration in the SKF quality register (label Keurmerk)',
            source: s('2.4.2 Fysiotherapie', 'praktijkregistratie in het kwaliteitsregister van SKF (label Keurmerk)'),
          },
        ],
        tiers: [
          { tier: 'A', minFactors: 3, text: 'general conditions and three differentiation factors' },
          { tier: 'B', minFactors: 2, text: 'general conditions and two differentiation factors' },
          { tier: 'C', minFactors: 1, text: 'general conditions and one differentiation factor' },
          { tier: 'D', minFactors: 0, text: 'general conditions' },
        ],
        source: s('2.4.2 Fysiotherapie', 'Wij hanteren voor fysiotherapie vier zorgovereenkomsten.'),
      },
      source: s('2.6 Doorlopende zorgovereenkomst vrijevestigden', 'U ontvangt voor de overeenkomst Fysiotherapie wel een nieuwe versie van de tariefbijlage in VECOZO'),
    },
    {
      id: 'oefentherapie',
      name: 'Oefentherapie',
      tracks: ['questionnaire', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2029 },
      vektis: { practiceCodes: WIDE, practitioner: { codes: ['07'], roles: ['oefentherapeut'], label: 'Oefentherapeut (07)' } },
      tiers: {
        factors: [
          {
            id: 'vvocm-top',
            text: 'passed the TOP oefentherapie audit and is in the VvOCM practice quality register',
            source: s('2.4.2 Oefentherapie', 'De zorgaanbieder heeft de audit TOP – oefentherapie doorlopen'),
          },
        ],
        tiers: [
          { tier: 'A', minFactors: 1, text: 'general conditions and the differentiation factor' },
          { tier: 'B', minFactors: 0, text: 'general conditions' },
        ],
        source: s('2.4.2 Oefentherapie', 'Wij hanteren voor oefentherapie twee zorgovereenkomsten.'),
      },
      source: TERM,
    },
    {
      id: 'logopedie',
      name: 'Logopedie',
      tracks: ['questionnaire', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2028 },
      vektis: { practiceCodes: WIDE, practitioner: { codes: ['05'], roles: ['logopedist'], label: 'Logopedist (05)' } },
      tiers: {
        factors: [
          {
            id: 'kwaliteitscyclus-logopedie',
            text: 'holds a valid Kwaliteitscyclus Logopedie certificate',
            source: s('2.4.2 Logopedie', 'De zorgaanbieder beschikt over een geldig certificaat van de Kwaliteitscyclus Logopedie.'),
          },
        ],
        tiers: [
          { tier: 'A', minFactors: 1, text: 'general conditions and the differentiation factor' },
          { tier: 'B', minFactors: 0, text: 'general conditions' },
        ],
        source: s('2.4.2 Logopedie', 'Wij hanteren voor logopedie twee zorgovereenkomsten.'),
      },
      source: TERM,
    },
    {
      id: 'dietetiek',
      name: 'Diëtetiek',
      tracks: ['direct-offer', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2028 },
      vektis: { practiceCodes: WIDE, practitioner: { codes: ['24'], roles: ['dietist'], label: 'Diëtist (24)' } },
      source: TERM,
    },
    {
      id: 'ergotherapie',
      name: 'Ergotherapie',
      tracks: ['direct-offer', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2028 },
      vektis: { practiceCodes: WIDE, practitioner: { codes: ['88'], roles: ['ergotherapeut'], label: 'Ergotherapeut (88)' } },
      source: TERM,
    },
    {
      id: 'huidtherapie',
      name: 'Huidtherapie',
      tracks: ['direct-offer', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2029 },
      // The seed names no AGB care-type code for huidtherapeuten: matched by role.
      vektis: { practiceCodes: ['04', '37', '90'], practitioner: { codes: [], roles: ['huidtherapeut'], label: 'Huidtherapeut' } },
      source: TERM,
    },
    {
      id: 'preventieve-voetzorg',
      name: 'Preventieve voetzorg',
      tracks: ['running-contract', 'application', 'not-approached'],
      term: { fromYear: 2026, toYear: 2027 },
      runsOn: { fromYear: 2026, toYear: 2027 },
      vektis: { practiceCodes: ['26', '90'], practitioner: { codes: ['26'], roles: ['podotherapeut'], label: 'Podotherapeut' } },
      source: s('2.6 Doorlopende zorgovereenkomst vrijevestigden', 'Voor fysiotherapie en preventieve voetzorg heeft Caresq een meerjarige zorgovereenkomst gesloten die doorloopt in 2027.'),
    },
    {
      id: 'gli',
      name: 'Gecombineerde Leefstijl Interventie vrijgevestigden (GLI, ook GLI voor kinderen)',
      tracks: ['direct-offer', 'follow', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2028 },
      vektis: { practiceCodes: ['04', '07', '24', '37', '90'], practitioner: { codes: [], roles: ['leefstijlcoach'], label: 'Leefstijlcoach' } },
      source: TERM,
    },
    {
      id: 'valpreventie',
      name: 'Valpreventie',
      tracks: ['direct-offer', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2027 },
      vektis: { practiceCodes: ['04', '07', '37'], practitioner: { codes: ['04', '07'], roles: [], label: 'Gediplomeerd fysiotherapeut (04) of oefentherapeut (07)' } },
      source: TERM,
    },
    {
      id: 'instellingen',
      name: 'Paramedische zorg in instellingen (m.u.v. ziekenhuizen)',
      tracks: ['direct-offer', 'application', 'not-approached', 'running-contract'],
      term: { fromYear: 2027, toYear: 2028 },
      source: s('2.6 Instellingen (m.u.v. ziekenhuizen)', 'ontvangen ons contractaanbod 2027-2028 via het Zorginkoopportaal van VECOZO'),
    },
    {
      id: 'ziekenhuizen',
      name: 'Paramedische zorg in ziekenhuizen',
      tracks: ['direct-offer', 'running-contract', 'not-approached'],
      term: { fromYear: 2027, toYear: 2027 },
      source: s('2.6 Ziekenhuizen', 'Alle ziekenhuizen die geen doorlopend contract in 2027 hebben, ontvangen van ons een nieuw contractaanbod 2027.'),
    },
  ],
  calendar: [
    {
      step: 'offer',
      label: 'offer without questionnaire (vrijgevestigden) and for institutions, in VECOZO',
      when: 'Uiterlijk 30 september 2026',
      tracks: ['direct-offer'],
      kinds: DIRECT_OFFER_KINDS,
      source: s('2.7 Planning', 'Aanbieding zorgovereenkomst vrijevestigden zonder vragenlijst en paramedische zorg in instellingen via VECOZO: Uiterlijk 30 september 2026'),
    },
    {
      step: 'questionnaire-open',
      label: 'questionnaire logopedie and oefentherapie in VECOZO',
      when: 'Uiterlijk 30 september 2026',
      tracks: ['questionnaire'],
      kinds: ['logopedie', 'oefentherapie'],
      source: s('2.7 Planning', 'Aanbieding vragenlijst logopedie en oefentherapie via VECOZO: Uiterlijk 30 september 2026'),
    },
    {
      step: 'questionnaire-deadline',
      label: 'questionnaire deadline',
      when: '21 oktober 2026',
      tracks: ['questionnaire'],
      kinds: ['logopedie', 'oefentherapie'],
      source: s('2.7 Planning', 'Deadline vragenlijst oefentherapie en logopedie via VECOZO: 21 oktober 2026'),
    },
    {
      step: 'offer',
      label: 'offer logopedie and oefentherapie after a positive questionnaire',
      when: 'Na bevestiging van de vragenlijst',
      tracks: ['questionnaire'],
      kinds: ['logopedie', 'oefentherapie'],
      source: s('2.7 Planning', 'Na bevestiging van de vragenlijst (indien voldaan wordt aan de voorwaarden)'),
    },
    {
      step: 'offer',
      label: 'offer after the application or follow request has been assessed',
      // The seed has no date here; nearest readable phrase (docs/policies/paramedisch-2027.md).
      when: 'nadat wij uw complete aanvraag hebben beoordeeld',
      tracks: ['application', 'follow'],
      source: s('2.6 Geen aanbod ontvangen', 'Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen het zorgaanbod in de regio'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline',
      // A Sunday: kept as written; the deadline passes at 00:00 on Monday 9 November 2026.
      when: '8 november 2026',
      source: s('2.7 Planning', 'Uiterste tekendatum zorgovereenkomst: 8 november 2026'),
    },
    {
      step: 'publication',
      label: 'contracted providers in the provider finder and on the website',
      when: 'Vanaf 12 november 2026',
      source: s('2.7 Planning', 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website: Vanaf 12 november 2026'),
    },
  ],
  conditions: [
    { id: 'paramedisch.s2.4.1.guidelines', text: 'acts by the guidelines, professional standards and protocols of the profession', source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.claims', text: 'claims digitally through VECOZO in the Vektis standard', source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.registers', text: 'registered in the Kwaliteitsregister Paramedici, the KNGF IRF, or the SKF register / KFIR; and in the (sub)registers for specialised care', source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.client-experience', text: 'structural client-experience research', kinds: ['logopedie', 'oefentherapie'], source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.prem', text: 'PREM through an external measuring bureau', kinds: ['fysiotherapie'], source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.reachability', text: 'by phone on working days 09:00-17:00; the first appointment planned within five working days', source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.digital', text: 'effort toward the ZN digitalisation goals; digital care for the named goals', source: s('2.4.1') },
    { id: 'paramedisch.s2.4.1.ra', text: 'long-term therapy for rheumatoid arthritis needs the annotation Ernstige functionele beperkingen bij RA', kinds: ['fysiotherapie', 'oefentherapie'], source: s('2.4.1 Langdurige fysio – en oefentherapie bij Reumatoïde Artritis (RA)') },
    { id: 'paramedisch.s2.4.1.voetzorg', text: 'Zorgmodule Preventie Voetulcera; podotherapeut in the Kwaliteitsregister Paramedici; pedicure registered as medical pedicure or with the diabetes/reuma specialisation, or in KMV (KABIZ) or RPV (Stipezo)', kinds: ['preventieve-voetzorg'], source: s('2.4.1 Preventieve voetzorg - randvoorwaarden') },
    { id: 'paramedisch.s2.4.1.gli', text: 'a recognised GLI intervention by a fysiotherapeut, oefentherapeut, diëtist (annotation leefstijlcoaching) or leefstijlcoach (KABIZ); licence agreement; start instruction followed; for children Your Coach Next Door with CZV and KLSC and written chain agreements with the municipality', kinds: ['gli'], source: s('2.4.1 Gecombineerde leefstijlinterventie (GLI)') },
    { id: 'paramedisch.s2.4.1.valpreventie-interventions', text: 'Otago individueel, Otago groep and In Balans by an adequately trained fysio- or oefentherapeut', kinds: ['valpreventie'], source: s('2.4.1 Valpreventie') },
  ],
  exclusions: [
    { id: 'paramedisch.s2.6.contract-last-3-years', text: 'no contract with the insurer in the last 3 years', source: s('2.6 VECOZO Zorginkoopportaal') },
    { id: 'paramedisch.s2.6.opt-out', text: 'the provider said it wants no contract offer', source: s('2.6 VECOZO Zorginkoopportaal') },
    { id: 'paramedisch.s2.3.behandelindex', text: 'a national behandelindex higher than 150', kinds: ['fysiotherapie'], source: s('2.3 Behandelindex') },
    { id: 'paramedisch.s2.4.1.valpreventie-chain', text: 'the regional valpreventie chain is not complete', kinds: ['valpreventie'], source: s('2.6 VECOZO Zorginkoopportaal') },
    { id: 'paramedisch.s2.6.vektis-registration', text: 'no Vektis registration as the table asks', source: s('2.6 Vektis registratie') },
    { id: 'paramedisch.s2.6.vektis-practitioner', text: 'no practitioner of the kind attached', source: s('2.6 Vektis registratie') },
    { id: 'paramedisch.s2.6.vecozo-certificate', text: 'no VECOZO certificate', source: s('2.6 VECOZO Zorginkoopportaal') },
    { id: 'paramedisch.s2.6.fraud-suspicion', text: 'doubt about integrity based on suspected fraud', source: s('2.6 Geen aanbod ontvangen') },
  ],
  lateApplication: {
    startRule: 'first-of-next-month',
    text: 'Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na 1 januari 2027 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.',
    source: s('2.6 Geen aanbod ontvangen'),
  },
});

/** The recognised specialisations (verbijzonderingen) of s2.4.2, lower case, with spelling variants. */
const SPECIALISATIONS = new Set([
  'kinderfysiotherapie',
  'geriatriefysiotherapie',
  'manuele therapie',
  'sportfysiotherapie',
  'oedeemtherapie',
  'oncologiefysiotherapie',
  'bekkenfysiotherapie',
  'orofaciaal fysiotherapie',
  'orofaciale fysiotherapie',
  'psychosomatische fysiotherapie',
  'arbeidsfysiotherapie',
]);

/** Behandelindex limits: fysiotherapie "hoger dan 150" excludes; logopedie/oefentherapie "150 of hoger" leads to a conversation. */
export const BEHANDELINDEX_LIMIT = 150;

const paramedischContracts = (p: Provider) => p.contracts.filter((c) => c.careType === 'paramedisch');
const covering = (p: Provider, year: number, kind?: string) =>
  paramedischContracts(p).find((c) => c.fromYear <= year && year <= c.toYear && (kind === undefined || c.kind === kind));
const names = (list: string[] | undefined, kind: string) => list !== undefined && (list.length === 0 || list.includes(kind));

/** Does this practitioner count for the kind's Vektis row (by AGB care-type code or by role)? */
function practitionerFits(kind: ContractKind, p: Practitioner): boolean {
  const req = kind.vektis?.practitioner;
  if (!req) return false;
  return req.codes.includes(agbKind(p.agbCode)) || (p.role !== undefined && req.roles.includes(p.role.toLowerCase()));
}

/**
 * The contract kinds a provider is considered for: hospitals for `ziekenhuizen`, institutions
 * for `instellingen`; a practice for every kind its record names (contractKinds, paramedical
 * contracts, application, follow request) and every single-discipline kind whose practitioner
 * is attached (valpreventie only where named).
 */
export function kindsFor(policy: Policy, provider: Provider): ContractKind[] {
  const named = new Set<string>([
    ...provider.contractKinds,
    ...paramedischContracts(provider).map((c) => c.kind),
    ...(provider.application?.kinds ?? []),
    ...(provider.followAgreement?.kinds ?? []),
  ]);
  return policy.contractKinds.filter((k) => {
    if (provider.organisation === 'hospital') return k.id === 'ziekenhuizen';
    if (provider.organisation === 'institution') return k.id === 'instellingen';
    if (!PRACTICE_KINDS.includes(k.id)) return false;
    if (named.has(k.id)) return true;
    return !NAMED_ONLY.includes(k.id) && provider.practitioners.some((p) => practitionerFits(k, p));
  });
}

/**
 * The behandelindex a fysiotherapie decision uses (s2.3): existing parties (a fysiotherapie
 * contract in the year before the contract year) the index over contractYear-2; new parties
 * the index Vektis publishes in the contract year (over contractYear-1), or, while that is not
 * yet on the record, the latest earlier one.
 */
export function fysioIndex(policy: Policy, provider: Provider): { existing: boolean; year: number; value?: number; fallback: boolean } {
  const y = policy.contractYear;
  const existing = covering(provider, y - 1, 'fysiotherapie') !== undefined;
  const find = (year: number) => provider.behandelindex.find((b) => b.year === year)?.value;
  if (existing) return { existing, year: y - 2, value: find(y - 2), fallback: false };
  const current = find(y - 1);
  if (current !== undefined) return { existing, year: y - 1, value: current, fallback: false };
  const earlier = provider.behandelindex.filter((b) => b.year < y - 1).sort((a, b) => b.year - a.year)[0];
  return earlier ? { existing, year: earlier.year, value: earlier.value, fallback: true } : { existing, year: y - 1, fallback: false };
}

/** The fysio specialisation factor: share of fysiotherapeuten with a recognised specialisation and >= 24 h/week. */
export function specialisationShare(provider: Provider): { qualifying: number; total: number; met: boolean } {
  const fysios = provider.practitioners.filter((p) => agbKind(p.agbCode) === '04');
  const qualifying = fysios.filter((p) => (p.hoursPerWeek ?? 0) >= 24 && p.specialisations.some((sp) => SPECIALISATIONS.has(sp.trim().toLowerCase()))).length;
  // "ten minste 30%": integer arithmetic, so exactly 30% counts.
  return { qualifying, total: fysios.length, met: fysios.length > 0 && qualifying * 10 >= fysios.length * 3 };
}

/** The tier of a kind with tiers, with every factor as a Reason (met or not). */
function tierOf(kind: ContractKind, provider: Provider): Decision['tier'] {
  const scheme = kind.tiers;
  if (!scheme) return undefined;
  const marks = provider.qualityMarks;
  const factors: Reason[] = scheme.factors.map((f) => {
    const id = `paramedisch.s2.4.2.${f.id}`;
    const section = f.source.section;
    switch (f.id) {
      case 'fysio-specialisation': {
        const sh = specialisationShare(provider);
        return rule(section, id, sh.met, `${sh.qualifying} of ${sh.total} fysiotherapeuten offer a recognised specialisation and work at least 24 hours a week (${sh.met ? 'at least' : 'less than'} 30%)`, f.source.quote);
      }
      case 'kngf-basisregister': {
        const kngf = marks.includes('KNGF Basisregister');
        const skf = marks.includes('SKF Keurmerk');
        return rule(section, id, kngf || skf, kngf ? 'practice registered in the KNGF Basisregister' : skf ? 'met through the SKF Keurmerk registration (N.B. in s2.4.2)' : 'no KNGF Basisregister or SKF Keurmerk practice registration', skf && !kngf ? 'Zorgaanbieders die een praktijkregistratie in het kwaliteitsregister van SKF (label Keurmerk) hebben, voldoen hiermee ook aan de eisen' : f.source.quote);
      }
      case 'skf-keurmerk':
        return rule(section, id, marks.includes('SKF Keurmerk'), marks.includes('SKF Keurmerk') ? 'practice registered in the SKF register (label Keurmerk)' : 'no SKF Keurmerk practice registration', f.source.quote);
      case 'vvocm-top':
        return rule(section, id, marks.includes('VvOCM TOP'), marks.includes('VvOCM TOP') ? 'TOP audit passed, in the VvOCM practice register' : 'no TOP audit / VvOCM practice registration', f.source.quote);
      case 'kwaliteitscyclus-logopedie':
        return rule(section, id, marks.includes('Kwaliteitscyclus Logopedie'), marks.includes('Kwaliteitscyclus Logopedie') ? 'valid Kwaliteitscyclus Logopedie certificate' : 'no Kwaliteitscyclus Logopedie certificate', f.source.quote);
      default:
        return rule(section, id, false, `factor '${f.id}' has no rule in this module`);
    }
  });
  const count = factors.filter((f) => f.met).length;
  const tier = tierFor(scheme, count);
  return { tier: tier.tier, factors };
}

/** Selective purchasing (s2.5), recorded where the record marks the network. */
function selective(kind: ContractKind, provider: Provider): Reason[] {
  const out: Reason[] = [];
  if (provider.qualityMarks.includes('ParkinsonNet') && ['fysiotherapie', 'oefentherapie', 'logopedie', 'ergotherapie', 'dietetiek'].includes(kind.id)) {
    out.push(rule('2.5 Paramedische zorg bij de ziekte van Parkinson', 'paramedisch.s2.5.parkinson', true, 'member of ParkinsonNet: may give paramedical Parkinson care (purchased selectively)', 'kopen wij deze paramedische zorg selectief in bij zorgaanbieders die zijn aangesloten bij ParkinsonNet'));
  }
  if (provider.qualityMarks.includes('Chronisch ZorgNet') && ['fysiotherapie', 'oefentherapie'].includes(kind.id)) {
    out.push(rule('2.5 Gesuperviseerde oefentherapie bij Claudicatio Intermittens', 'paramedisch.s2.5.claudicatio', true, 'member of Chronisch ZorgNet: may give supervised exercise therapy for claudicatio intermittens (purchased selectively)', 'selectief in bij zorgaanbieders die zijn aangesloten bij Chronisch ZorgNet'));
  }
  return out;
}

/** The fysiotherapie behandelindex rule (s2.3) and, above 150, the exception route. */
function behandelindexReasons(policy: Policy, provider: Provider): Reason[] {
  const ix = fysioIndex(policy, provider);
  const who = ix.existing
    ? `existing party (fysiotherapie contract in ${policy.contractYear - 1}): index over ${ix.year}`
    : `new party: index over ${ix.year}${ix.fallback ? ` (the index over ${policy.contractYear - 1} is not on record yet; latest published used)` : ''}`;
  if (ix.value === undefined) {
    return [rule('2.3 Behandelindex', 'paramedisch.s2.3.behandelindex', true, `${who}: no behandelindex on record, nothing to exclude on`)];
  }
  if (ix.value <= BEHANDELINDEX_LIMIT) {
    return [rule('2.3 Behandelindex', 'paramedisch.s2.3.behandelindex', true, `${who} is ${ix.value}, not higher than ${BEHANDELINDEX_LIMIT}`, 'een landelijke behandelindex hoger dan 150')];
  }
  return [
    rule('2.3 Behandelindex', 'paramedisch.s2.3.behandelindex', false, `${who} is ${ix.value}, higher than ${BEHANDELINDEX_LIMIT}: no contract offered`, 'Indien de zorgaanbieder een landelijke behandelindex hoger dan 150 heeft, bieden wij geen zorgovereenkomst aan.'),
    rule('2.3 Behandelindex', 'paramedisch.s2.3.behandelindex-exception', false, 'no exception granted: the provider may ask for an exception on care grounds by e-mail to zorginkoop@caresq.nl; the request is assessed', 'dan kan dit per mail via zorginkoop@caresq.nl aangevraagd worden. Wij beoordelen vervolgens de aanvraag.'),
  ];
}

/** Logopedie and oefentherapie (s2.3): an index of 150 or more only leads to a conversation. */
function monitoringReasons(policy: Policy, provider: Provider): Reason[] {
  const year = policy.contractYear - 2;
  const value = provider.behandelindex.find((b) => b.year === year)?.value;
  if (value === undefined) return [];
  const talk = value >= BEHANDELINDEX_LIMIT;
  return [
    rule(
      '2.3 Behandelindex',
      'paramedisch.s2.3.behandelindex-monitoring',
      true,
      talk
        ? `behandelindex over ${year} is ${value} (150 or higher): Caresq will talk with the provider; the index is a monitoring tool and does not decide the contract`
        : `behandelindex over ${year} is ${value}, below 150: monitoring only`,
      'Indien de behandelindex 150 of hoger is, dan zal Caresq in gesprek gaan met de zorgaanbieder.',
    ),
  ];
}

/** The Vektis table (s2.6): practice/location code and the practitioner attached. */
function vektisReasons(kind: ContractKind, provider: Provider): Reason[] {
  const req = kind.vektis;
  if (!req) return [];
  const codes = [provider.agbCode, ...provider.locations.map((l) => l.agbCode)];
  const codeOk = codes.some((c) => req.practiceCodes.includes(agbKind(c)));
  const registered = provider.vektisRegistered && codeOk;
  const attached = provider.practitioners.filter((p) => practitionerFits(kind, p));
  return [
    rule(
      '2.6 Vektis registratie',
      'paramedisch.s2.6.vektis-registration',
      registered,
      !provider.vektisRegistered
        ? 'no valid Vektis registration'
        : codeOk
          ? `Vektis registration with a practice/location AGB code starting ${codes.map(agbKind).find((c) => req.practiceCodes.includes(c))}`
          : `no practice/location AGB code starting ${req.practiceCodes.join(', ')} (has ${[...new Set(codes.map(agbKind))].join(', ')})`,
      'Wij benaderen alle zorgaanbieders op praktijkniveau die beschikken over de juiste Vektis registratie',
    ),
    rule(
      '2.6 Vektis registratie',
      'paramedisch.s2.6.vektis-practitioner',
      attached.length > 0,
      attached.length > 0 ? `${attached.length} × ${req.practitioner.label} attached` : `no ${req.practitioner.label} attached to the practice`,
      'Indien aan de onderneming/ vestiging is verbonden',
    ),
  ];
}

const vecozo = (p: Provider) =>
  rule('2.6 VECOZO Zorginkoopportaal', 'paramedisch.s2.6.vecozo-certificate', p.vecozoCertificate, p.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no questionnaire or offer can be sent', 'die beschikken over de juiste Vektis registratie (zie schema) en VECOZO-certificaten');
const fraud = (p: Provider) =>
  rule('2.6 Geen aanbod ontvangen', 'paramedisch.s2.6.fraud-suspicion', !p.fraudSuspicion, p.fraudSuspicion ? 'doubt about the integrity of care based on suspected fraud: no contract offered' : 'no integrity doubt on record', 'Indien er twijfel bestaat over de integriteit van de zorgverlening ... is dit een reden om geen zorgovereenkomst aan te bieden.');
const optOut = (p: Provider) =>
  rule('2.6 VECOZO Zorginkoopportaal', 'paramedisch.s2.6.opt-out', !p.optOut, p.optOut ? `said it wants no contract offer${p.optOut.on ? ` (${p.optOut.on})` : ''}` : 'has not declined an offer', 'Zorgaanbieders die hebben aangegeven geen contractaanbod te willen ontvangen');
const conditions = (kind: ContractKind, track: Track) =>
  rule('2.4.1 Voorwaarden basis zorgovereenkomst', 'paramedisch.s2.4.1.conditions', true, `the general conditions of ${kind.name} are part of the contract${track === 'questionnaire' ? ' and are asked in the questionnaire' : ''} (registers, guidelines, VECOZO claims, reachability, digital care)`);

/**
 * Decides a provider's tracks under the paramedical policy: one decision per contract kind it is
 * considered for (see `kindsFor`). Works for any contract year (rehearsal editions decide alike).
 */
export function evaluate(policy: Policy, provider: Provider): Decision[] {
  return kindsFor(policy, provider).map((kind) => evaluateKind(policy, provider, kind));
}

/** 001 s2.4.2: corrected SKF/KNGF evidence changes a fysiotherapie contract from the first of the next month. */
const CORRECTED_EVIDENCE = {
  effectiveFrom: 'first-of-next-month' as const,
  source: s('2.4.2 Fysiotherapie', 'dan wordt deze wijziging in gang gezet vanaf de eerste van de maand volgend op de maand waarin u het juiste bewijsstuk heeft aangeleverd'),
};

function evaluateKind(policy: Policy, provider: Provider, kind: ContractKind): Decision {
  const y = policy.contractYear;
  const extras = (reasons: Reason[]): DecisionExtras => {
    // 001 s2.3: a practice excluded on its behandelindex may ask for an exception on care grounds.
    const exception = reasons.find((r) => r.ruleId === 'paramedisch.s2.3.behandelindex-exception');
    return {
      ...(kind.tariffAnnex ? { tariffAnnex: true } : {}),
      ...(kind.id === 'fysiotherapie' ? { correctedEvidence: CORRECTED_EVIDENCE } : {}),
      ...(exception ? { exception: { text: exception.text, source: exception.source }, offerTier: tierOf(kind, provider) } : {}),
    };
  };
  const make = (track: Track, reasons: Reason[], extra: Pick<Decision, 'tier' | 'startDate'> = {}) => decide(policy, provider.agbCode, kind, track, reasons, { ...extras(reasons), ...extra });

  // A contract of this kind that covers the contract year runs on (s2.6).
  const running = covering(provider, y, kind.id);
  if (running) {
    const reasons = [
      rule('2.6 Doorlopende zorgovereenkomst vrijevestigden', 'paramedisch.s2.6.running-contract', false, `${kind.name} contract ${running.fromYear}-${running.toYear} runs on in ${y}: no new offer for ${y}`, 'U ontvangt voor 2027 geen nieuw contractaanbod voor deze zorgsoorten.'),
    ];
    if (kind.tariffAnnex) {
      reasons.push(rule('2.6 Doorlopende zorgovereenkomst vrijevestigden', 'paramedisch.s2.6.tariff-annex', true, `a new tariff annex with the ${y} tariffs is published in VECOZO`, 'U ontvangt voor de overeenkomst Fysiotherapie wel een nieuwe versie van de tariefbijlage in VECOZO met daarin de tarieven 2027.'));
    }
    if (kind.id === 'fysiotherapie') reasons.push(...behandelindexReasons(policy, provider));
    reasons.push(...selective(kind, provider));
    const tier = tierOf(kind, provider);
    if (tier && running.tier && running.tier !== tier.tier) {
      reasons.push(rule('2.4.2 Fysiotherapie', 'paramedisch.s2.4.2.tier-change', true, `contract tier ${running.tier}, ${y} factors give tier ${tier.tier}: a changed contract starts on the first of the month after the month the right evidence arrived, never retroactively`, 'Dit betekent dat de gewijzigde zorgovereenkomst niet met terugwerkende kracht in gaat.'));
    }
    return make('running-contract', reasons, tier ? { tier } : {});
  }

  if (kind.id === 'ziekenhuizen') {
    const reasons = [
      rule('2.6 Ziekenhuizen', 'paramedisch.s2.6.hospital-offer', true, `no running contract in ${y}: the ${y} offer goes out together with hospital care (hospital purchasing policy)`, 'Dit contractaanbod wordt in combinatie met ziekenhuiszorg aangeboden'),
      optOut(provider),
      vecozo(provider),
      fraud(provider),
    ];
    return make(reasons.every((r) => r.met) ? 'direct-offer' : 'not-approached', reasons);
  }

  // Rules that decide whether the insurer approaches the provider by itself.
  const approach: Reason[] = [];
  if (kind.id === 'instellingen') {
    const last = covering(provider, y - 1);
    approach.push(
      rule('2.6 Instellingen (m.u.v. ziekenhuizen)', 'paramedisch.s2.6.institution-previous-year', last !== undefined, last ? `paramedical contract in ${y - 1} (${last.kind} ${last.fromYear}-${last.toYear}): offer ${kind.term?.fromYear}-${kind.term?.toYear}` : `no paramedical contract in ${y - 1}: no offer; may apply ('Geen aanbod ontvangen')`, 'De instellingen die afgelopen inkoopjaar een zorgovereenkomst Paramedische zorg met Caresq hebben gesloten'),
    );
  } else if (kind.runsOn) {
    approach.push(
      rule('2.6 Doorlopende zorgovereenkomst vrijevestigden', 'paramedisch.s2.6.no-running-contract', false, `no running ${kind.name} contract ${kind.runsOn.fromYear}-${kind.runsOn.toYear} (the ${kind.runsOn.fromYear} offer was not accepted): no new offer for ${y}; may apply ('Geen aanbod ontvangen')`, 'Heeft u in 2026 het aanbod niet geaccepteerd, maar bent u voor 2027 alsnog geïnteresseerd in een zorgovereenkomst'),
    );
  } else {
    const recent = paramedischContracts(provider).find((c) => c.fromYear <= y - 1 && c.toYear >= y - 3);
    approach.push(
      rule('2.6 VECOZO Zorginkoopportaal', 'paramedisch.s2.6.contract-last-3-years', recent !== undefined, recent ? `paramedical contract ${recent.kind} ${recent.fromYear}-${recent.toYear} within ${y - 3}-${y - 1}` : `no paramedical contract with Caresq in ${y - 3}-${y - 1}: not approached; may apply ('Geen aanbod ontvangen')`, 'Zorgaanbieders die in de afgelopen 3 jaar geen zorgovereenkomst met ons hebben gesloten'),
    );
  }
  approach.push(optOut(provider));

  // Rules that hold whatever the route: the Vektis table, VECOZO, fraud, behandelindex, chain.
  const eligible: Reason[] = [...vektisReasons(kind, provider), vecozo(provider), fraud(provider)];
  if (kind.id === 'fysiotherapie') eligible.push(...behandelindexReasons(policy, provider));
  if (kind.id === 'valpreventie') {
    eligible.push(
      rule('2.4.1 Valpreventie', 'paramedisch.s2.4.1.valpreventie-chain', provider.valpreventieChainComplete, provider.valpreventieChainComplete ? 'the preferent insurer reported the regional chain (risk assessment to intervention) complete' : 'the regional valpreventie chain is not reported complete by the preferent insurer: no offer', 'Zorgaanbieders waarbij de ketenafspraken niet volledig zijn afgerond zoals benoemd in 2.4.1 (valpreventie).'),
    );
  }
  const info: Reason[] = [...(kind.id === 'logopedie' || kind.id === 'oefentherapie' ? monitoringReasons(policy, provider) : []), ...selective(kind, provider)];
  const eligibleOk = eligible.every((r) => r.met);
  const tiered = (track: Track): Pick<Decision, 'tier'> => {
    const tier = track === 'not-approached' ? undefined : tierOf(kind, provider);
    return tier ? { tier } : {};
  };

  // Volgbeleid GLI (s2.6): the provider asks to follow another insurer's GLI agreement.
  const follow = provider.followAgreement;
  if (kind.tracks.includes('follow') && follow && names(follow.kinds, kind.id)) {
    const track: Track = eligibleOk ? 'follow' : 'not-approached';
    const reasons = [
      rule('2.6 Volgbeleid GLI/Kinder-GLI', 'paramedisch.s2.6.gli-follow', true, `asks to follow its GLI agreement with ${follow.insurer}${follow.receivedOn ? ` (received ${follow.receivedOn})` : ''}: assessed on the conditions of this policy`, 'dan kunt u bij Caresq een verzoek indienen deze afspraken over te nemen (volgbeleid)'),
      ...eligible,
      ...info,
      ...(eligibleOk ? [conditions(kind, track)] : []),
    ];
    const startDate = eligibleOk && follow.receivedOn ? lateApplicationStart(y, follow.receivedOn) : undefined;
    return make(track, reasons, { ...tiered(track), ...(startDate ? { startDate } : {}) });
  }

  if (approach.every((r) => r.met) && eligibleOk) {
    const track: Track = kind.tracks.includes('questionnaire') ? 'questionnaire' : 'direct-offer';
    const how =
      track === 'questionnaire'
        ? rule('2.6 Vragenlijst', 'paramedisch.s2.6.questionnaire', true, 'questionnaire first in VECOZO; the offer follows after a positive assessment', 'Voor logopedie en oefentherapie hanteren wij een vragenlijst voorafgaand aan ons contractaanbod.')
        : rule(kind.id === 'instellingen' ? '2.6 Instellingen (m.u.v. ziekenhuizen)' : '2.6 Contractaanbod', 'paramedisch.s2.6.direct-offer', true, 'contract offer in the VECOZO Zorginkoopportaal without a questionnaire', 'Wanneer ons contractaanbod voor u klaarstaat, ontvangt u een e-mail van VECOZO');
    return make(track, [...approach, ...eligible, how, ...info, conditions(kind, track)], tiered(track));
  }

  // "Geen aanbod ontvangen" (s2.6): an application is assessed; the approach rules do not apply to it.
  const app = provider.application;
  if (app && kind.tracks.includes('application') && names(app.kinds, kind.id)) {
    const track: Track = eligibleOk ? 'application' : 'not-approached';
    const startDate = lateApplicationStart(y, app.receivedOn);
    const notApproached = approach.filter((r) => !r.met).map((r) => r.text);
    const reasons = [
      rule(
        '2.6 Geen aanbod ontvangen',
        'paramedisch.s2.6.application',
        true,
        `applied on ${app.receivedOn}${notApproached.length ? ` (not approached: ${notApproached.join('; ')})` : ''}: assessed for added value in the region, documents may be asked; ${compareDays(app.receivedOn, `${y}-01-01`) < 0 ? `an offer starts on ${startDate}` : `an offer starts on ${startDate}, the first of the month after the application, never retroactive`}`,
        'Contractaanbiedingen na 1 januari 2027 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van aanvraag.',
      ),
      ...eligible,
      ...info,
      ...(eligibleOk ? [conditions(kind, track)] : []),
    ];
    return make(track, reasons, { ...tiered(track), ...(eligibleOk ? { startDate } : {}) });
  }

  return make('not-approached', [...approach, ...eligible, ...info]);
}
