/**
 * What the purchasing mailbox says to staff, in Dutch: the worklist "Niet toegewezen" (e-mail to
 * the purchasing address that the filer could not place on a track, mailbox/filer.ts), and why.
 */
import type { UnplacedReason } from '../db/schema';

const reason = (r: UnplacedReason): string => {
  switch (r.code) {
    case 'no-agb':
      return 'Het onderwerp noemt geen AGB-code.';
    case 'several-agb':
      return `Het onderwerp noemt meer dan één AGB-code (${r.agbCodes.join(', ')}).`;
    case 'no-care-type':
      return `Het onderwerp noemt AGB-code ${r.agbCode}, maar geen zorgsoort.`;
    case 'no-track':
      return `Er is geen lopend traject voor AGB-code ${r.agbCode}${r.careTypes.length ? ` (${r.careTypes.join(', ')})` : ''}.`;
    case 'several-tracks':
      return `AGB-code ${r.agbCode} heeft meerdere lopende trajecten: ${r.tracks.join(', ')}. Kies er een.`;
    case 'refused':
      return `Het traject ${r.workflowId} nam de vraag niet aan: ${r.detail}`;
  }
};

export const nlMailbox = {
  mailbox: {
    nav: 'Niet toegewezen',
    title: 'Niet toegewezen',
    intro: (address: string) => `E-mail aan ${address} die niet vanzelf bij een traject terechtkwam. Wijs elke e-mail toe aan het traject van de zorgaanbieder: dan is het een vraag op dat traject, met de termijn van vijf werkdagen vanaf de dag dat de e-mail binnenkwam. Of leg hem terzijde als het geen vraag voor een traject is.`,
    none: 'Er wacht geen e-mail.',
    received: 'Ontvangen',
    from: 'Van',
    subject: 'Onderwerp',
    why: 'Waarom niet toegewezen',
    text: 'Tekst van de e-mail',
    attachments: 'Bijlagen',
    reason,
    place: 'Toewijzen',
    placeTo: 'Toewijzen aan het traject van',
    kind: 'Contractsoort (als het beleid er meer heeft)',
    setAside: 'Terzijde leggen',
    placed: (question: number, track: string) => `Toegewezen: vraag ${question} op ${track}.`,
    setAsideDone: 'Terzijde gelegd.',
    notPlaced: 'Niet toegewezen',
    gone: 'Deze e-mail wacht niet meer (al toegewezen of terzijde gelegd).',
  },
};
