/**
 * Zintuiglijk gehandicaptenzorg (ZG, sensory-disability care) 2026.
 * Seed: ../shared/seeds/000_4af25b5be7b4daf8.txt (sections 3 conditions, 4 procedure, 5 planning).
 */
import { compareDays } from './calendar';
import { decide, ruleFor, type Decision } from './decision';
import { definePolicy, type Policy, type Source } from './policy';
import type { Provider } from './provider';

const file = '000_4af25b5be7b4daf8.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });
const rule = ruleFor(file);

/** The ZG 2026 policy as data. */
export const policy: Policy = definePolicy({
  id: 'zg-2026',
  title: 'Zintuiglijk gehandicaptenzorg 2026',
  careType: 'zg',
  contractYear: 2026,
  seedFile: file,
  contractKinds: [
    {
      id: 'zg',
      name: 'Zintuiglijk gehandicaptenzorg',
      // No fixed term: "Ook voor 2026 kijken wij naar de mogelijkheden om een meerjarige
      // zorgovereenkomst te sluiten" (s4): the term is agreed in the purchase conversation.
      tracks: ['running-contract', 'negotiation', 'application', 'not-approached'],
      source: s('4 Inkoopprocedure'),
    },
  ],
  calendar: [
    {
      step: 'application-deadline',
      label: 'apply without a 2025 contract',
      when: 'uiterlijk 1 september 2025',
      tracks: ['application'],
      source: s('4 Geen aanbod ontvangen', 'Dan kunt u dit tot uiterlijk 1 september 2025 kenbaar maken via ons aanvraagformulier'),
    },
    {
      step: 'invitation',
      label: 'invitation to the individual purchase conversation',
      // "half september" read as the 15th (docs/decisions.md, "mid-September").
      when: 'uiterlijk half september 2025',
      tracks: ['negotiation', 'application'],
      source: s('5 Planning', 'Caresq benadert uiterlijk half september 2025 de betreffende zorgaanbieders voor individuele inkoopgesprekken'),
    },
    {
      step: 'offer',
      label: 'offer in VECOZO',
      when: 'na positieve afronding van het inkoopgesprek',
      tracks: ['negotiation', 'application'],
      source: s('5 Planning', 'Aanbieding zorgovereenkomst via VECOZO: Na positieve afronding van het inkoopgesprek'),
    },
    {
      step: 'signing-deadline',
      label: 'signing deadline',
      when: '4 weken na aanbieding zorgovereenkomst 2026',
      source: s('5 Planning', 'Uiterste tekendatum zorgovereenkomst'),
    },
    {
      step: 'publication',
      label: 'contracted providers in the provider finder',
      when: 'vanaf 12 november 2025',
      source: s('5 Planning', 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website'),
    },
  ],
  conditions: [
    { id: 'zg.s3.standards', text: 'care meets the profession\'s standards, IGJ requirements and Zorginstituut positions', source: s('3') },
    { id: 'zg.s3.staff', text: 'demonstrably competent and qualified staff, indication included', source: s('3') },
    { id: 'zg.s3.waiting-times', text: 'waiting times published on the website', source: s('3') },
    { id: 'zg.s3.treatment-plan', text: 'a treatment plan agreed with the insured', source: s('3') },
    { id: 'zg.s3.claims', text: 'claims digitally through VECOZO in the Vektis standard', source: s('3') },
    { id: 'zg.s3.digitalisation', text: 'effort toward the ZN digitalisation goals; digital care for the named goals', source: s('3') },
    { id: 'zg.s3.client-satisfaction', text: 'client satisfaction monitored and used in the improvement cycle (PREM, s2.2)', source: s('3') },
  ],
  lateApplication: {
    startRule: 'no-contracts-during-year',
    text: 'Wij sluiten gedurende het inkoopjaar geen nieuwe zorgovereenkomsten met ZG-instellingen; aanvragen tot uiterlijk 1 september 2025',
    source: s('4 Geen aanbod ontvangen'),
  },
});

/**
 * Decides a provider's ZG track (000 s4): a running multi-year contract gets nothing; a provider
 * contracted the year before, registered at Vektis and holding a VECOZO certificate is invited to
 * the individual purchase conversation; one without a contract that applied in time is assessed
 * (application track); anyone else is not approached.
 *
 * Works for any contract year, so that rehearsal editions of the policy decide alike.
 */
export function evaluate(policy: Policy, provider: Provider): Decision[] {
  const year = policy.contractYear;
  const kind = policy.contractKinds[0]!;
  const zgContracts = provider.contracts.filter((c) => c.careType === 'zg');
  const covers = (y: number) => zgContracts.find((c) => c.fromYear <= y && y <= c.toYear);
  const one = (track: Decision['track'], reasons: Decision['reasons']) => [decide(policy, provider.agbCode, kind, track, reasons)];

  const running = covers(year);
  if (running) {
    return one('running-contract', [
      rule('4 Doorlopende zorgovereenkomst', 'zg.s4.running-contract', false, `ZG contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`, 'U ontvangt in dat geval voor 2026 geen nieuw contractaanbod voor ZG.'),
    ]);
  }

  const reasons = [
    rule('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'zg.s4.vektis-registration', provider.vektisRegistered, provider.vektisRegistered ? 'registered at Vektis' : 'no valid Vektis registration', 'die beschikken over de juiste Vektis-registratie'),
    rule('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'zg.s4.vecozo-certificate', provider.vecozoCertificate, provider.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no offer can be sent', 'de juiste VECOZO-certificaten'),
  ];
  const previous = covers(year - 1);
  const deadline = policy.calendar.find((st) => st.step === 'application-deadline');
  const appliedBy = deadline && deadline.date.kind === 'by' ? deadline.date.date : undefined;

  if (previous) {
    reasons.unshift(rule('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'zg.s4.contract-previous-year', true, `had a ZG contract in ${year - 1} (${previous.fromYear}-${previous.toYear})`, 'Wij benaderen alle zorgaanbieders met wie we in 2025 een zorgovereenkomst Zintuiglijk gehandicaptenzorg hebben gesloten'));
  } else if (provider.application && appliedBy && compareDays(provider.application.receivedOn, appliedBy) <= 0) {
    reasons.unshift(rule('4 Geen aanbod ontvangen', 'zg.s4.application-in-time', true, `no ZG contract in ${year - 1}; applied on ${provider.application.receivedOn}, by ${appliedBy}: assessed, documents may be asked`, 'Dan kunt u dit tot uiterlijk 1 september 2025 kenbaar maken via ons aanvraagformulier'));
    if (reasons.some((r) => !r.met)) return one('not-approached', reasons);
    return one('application', reasons);
  } else if (provider.application) {
    reasons.unshift(rule('4 Geen aanbod ontvangen', 'zg.s4.application-in-time', false, `applied on ${provider.application.receivedOn}, after ${appliedBy}: no new ZG contracts during the contract year`, 'Wij sluiten gedurende het inkoopjaar geen nieuwe zorgovereenkomsten met ZG-instellingen.'));
  } else {
    reasons.unshift(rule('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'zg.s4.contract-previous-year', false, `no ZG contract in ${year - 1}: not approached; may apply by ${appliedBy ?? 'the application date'} through the application form`, 'Wij benaderen alle zorgaanbieders met wie we in 2025 een zorgovereenkomst Zintuiglijk gehandicaptenzorg hebben gesloten'));
  }
  if (reasons.some((r) => !r.met)) return one('not-approached', reasons);

  reasons.push(rule('3 Voorwaarden zorgovereenkomst', 'zg.s3.conditions', true, 'the chapter-3 conditions (standards, qualified staff, waiting times, treatment plan, VECOZO claims, digital care, client satisfaction) are judged in the purchase conversation'));
  return one('negotiation', reasons);
}
