/**
 * Zintuiglijk gehandicaptenzorg (ZG, sensory-disability care) 2026.
 * Seed: ../shared/seeds/000_4af25b5be7b4daf8.txt (sections 3 conditions, 4 procedure, 5 planning).
 */
import type { Decision, Reason } from './decision';
import { definePolicy, type Policy, type Source } from './policy';
import type { Provider } from './provider';

const file = '000_4af25b5be7b4daf8.txt';
const s = (section: string, quote?: string): Source => ({ file, section, quote });

/** The ZG 2026 policy as data. */
export const zg2026: Policy = definePolicy({
  id: 'zg-2026',
  title: 'Zintuiglijk gehandicaptenzorg 2026',
  careType: 'zg',
  contractYear: 2026,
  seedFile: file,
  calendar: {
    // "uiterlijk half september" read as 15 September (docs/decisions.md, "mid-September").
    invitationBy: {
      date: '2025-09-15',
      text: 'Caresq benadert uiterlijk half september 2025 de betreffende zorgaanbieders voor individuele inkoopgesprekken',
      source: s('5 Planning', 'Uitnodiging voor inkoopgesprek'),
    },
    applicationBy: {
      date: '2025-09-01',
      text: 'tot uiterlijk 1 september 2025 kenbaar maken via ons aanvraagformulier',
      source: s('4 Geen aanbod ontvangen'),
    },
    signing: {
      kind: 'weeks-after-offer',
      weeks: 4,
      text: '4 weken na aanbieding zorgovereenkomst 2026',
      source: s('5 Planning', 'Uiterste tekendatum zorgovereenkomst'),
    },
    publicationFrom: {
      date: '2025-11-12',
      text: 'Vanaf 12 november 2025',
      source: s('5 Planning', 'Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website'),
    },
  },
});

/**
 * Decides a provider's ZG track (000 s4): a running multi-year contract gets nothing; a provider
 * contracted the year before, registered at Vektis and holding a VECOZO certificate is invited to
 * the individual purchase conversation; anyone else is not approached (and may apply, 000 s4
 * "Geen aanbod ontvangen").
 *
 * Works for any contract year, so that rehearsal editions of the policy decide alike.
 */
export function evaluateZg(policy: Policy, provider: Provider): Decision {
  const year = policy.contractYear;
  const zgContracts = provider.contracts.filter((c) => c.careType === 'zg');
  const covers = (y: number) => zgContracts.find((c) => c.fromYear <= y && y <= c.toYear);
  const reasons: Reason[] = [];
  const plan = {
    invitationBy: policy.calendar.invitationBy?.date,
    signing: policy.calendar.signing,
    publicationFrom: policy.calendar.publicationFrom.date,
  };
  const decide = (track: Decision['track']): Decision => ({
    policyId: policy.id,
    agbCode: provider.agbCode,
    contractKind: 'zg',
    track,
    reasons,
    plan,
  });

  const running = covers(year);
  if (running) {
    reasons.push({
      ruleId: 'zg.s4.running-contract',
      met: false,
      text: `ZG contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`,
      source: s('4 Doorlopende zorgovereenkomst', 'U ontvangt in dat geval voor 2026 geen nieuw contractaanbod voor ZG.'),
    });
    return decide('running-contract');
  }

  const previous = covers(year - 1);
  reasons.push({
    ruleId: 'zg.s4.contract-previous-year',
    met: Boolean(previous),
    text: previous
      ? `had a ZG contract in ${year - 1} (${previous.fromYear}-${previous.toYear})`
      : `no ZG contract in ${year - 1}: not approached; may apply by ${policy.calendar.applicationBy?.date ?? 'the application date'} through the application form`,
    source: s('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'Wij benaderen alle zorgaanbieders met wie we in 2025 een zorgovereenkomst Zintuiglijk gehandicaptenzorg hebben gesloten'),
  });
  reasons.push({
    ruleId: 'zg.s4.vektis-registration',
    met: provider.vektisRegistered,
    text: provider.vektisRegistered ? 'registered at Vektis' : 'no valid Vektis registration: not approached',
    source: s('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'die beschikken over de juiste Vektis-registratie'),
  });
  reasons.push({
    ruleId: 'zg.s4.vecozo-certificate',
    met: provider.vecozoCertificate,
    text: provider.vecozoCertificate ? 'holds a VECOZO certificate' : 'no VECOZO certificate: no offer can be sent, not approached',
    source: s('4 ZG-instellingen (zonder doorlopende zorgovereenkomst)', 'de juiste VECOZO-certificaten'),
  });
  if (reasons.some((r) => !r.met)) return decide('not-approached');

  reasons.push({
    ruleId: 'zg.s3.conditions',
    met: true,
    text: 'the chapter-3 conditions (standards, qualified staff, waiting times, treatment plan, VECOZO claims, digital care, client satisfaction) are judged in the purchase conversation',
    source: s('3 Voorwaarden zorgovereenkomst'),
  });
  return decide('negotiation');
}
