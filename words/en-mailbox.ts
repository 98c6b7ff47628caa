/** What the purchasing mailbox says to staff, in English (words/nl-mailbox.ts has the Dutch and the shape). */
import type { UnplacedReason } from '../db/schema';
import type { nlMailbox } from './nl-mailbox';

const reason = (r: UnplacedReason): string => {
  switch (r.code) {
    case 'no-agb':
      return 'The subject names no AGB code.';
    case 'several-agb':
      return `The subject names more than one AGB code (${r.agbCodes.join(', ')}).`;
    case 'no-care-type':
      return `The subject names AGB code ${r.agbCode} but no care type.`;
    case 'no-track':
      return `There is no running track for AGB code ${r.agbCode}${r.careTypes.length ? ` (${r.careTypes.join(', ')})` : ''}.`;
    case 'several-tracks':
      return `AGB code ${r.agbCode} has several running tracks: ${r.tracks.join(', ')}. Choose one.`;
    case 'refused':
      return `Track ${r.workflowId} did not take the question: ${r.detail}`;
  }
};

export const enMailbox: typeof nlMailbox = {
  mailbox: {
    nav: 'Unassigned',
    title: 'Unassigned e-mail',
    intro: (address: string) => `E-mail to ${address} that did not reach a track by itself. Assign each to the provider's track: it becomes a question on that track, with its five working days counted from the day the e-mail came. Or set it aside when it is not a question for a track.`,
    none: 'No e-mail waits.',
    received: 'Received',
    from: 'From',
    subject: 'Subject',
    why: 'Why not assigned',
    text: 'The e-mail',
    attachments: 'Attachments',
    reason,
    place: 'Assign',
    placeTo: "Assign to the track of",
    kind: 'Contract kind (where the policy has several)',
    setAside: 'Set aside',
    placed: (question: number, track: string) => `Assigned: question ${question} on ${track}.`,
    setAsideDone: 'Set aside.',
    notPlaced: 'Not assigned',
    gone: 'This e-mail no longer waits (assigned or set aside already).',
  },
};
