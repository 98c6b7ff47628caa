/**
 * What staff see of one provider's track: the answer of the status query, of every command,
 * and of the workflow when it ends.
 */
import type { HistoryEntry } from './texts';
import type { PublicStatus } from '../machines/public-status';
import type { IsoDate } from '../policies/calendar';
import type { Decision, OfferTerms } from '../policies/decision';
import type { CommandName } from './command-names';

/** What staff see of one provider's track. */
export interface ProviderStatusView {
  policyId: string;
  agbCode: string;
  providerName: string;
  status: PublicStatus;
  statusText: string;
  track?: Decision['track'];
  /** Dates planned or fixed so far. */
  planned: {
    invitationBy?: IsoDate;
    offeredOn?: IsoDate;
    signingDeadline?: IsoDate;
    /** "4 weeks after the offer" until the offer is out (English, for engineers). */
    signingRule: string;
    /** The same rule as data, for staff in their language (words/ `signingRule`). */
    signing?: { kind: 'fixed'; date: IsoDate } | { kind: 'weeks-after-offer'; weeks: number };
    publicationFrom?: IsoDate;
    publishedOn?: IsoDate;
    questionnaireDeadline?: IsoDate;
    offerDate?: IsoDate;
  };
  contractKind?: string;
  tier?: string;
  term?: { fromYear: number; toYear: number };
  startDate?: IsoDate;
  /** The offer's terms: as sent, or as an offer on this track would carry them. */
  offer?: OfferTerms;
  /** The edition and revision the track runs under. */
  edition?: { id: string; revision: string };
  /** An exception the provider may ask for, with the rule. */
  exception?: Decision['exception'];
  /** Deadlines staff moved for this provider. */
  moved: Record<string, IsoDate>;
  amendments: { tier: string; effectiveFrom: IsoDate; receivedOn: IsoDate }[];
  /** The provider's questions, numbered from 1 (what `answerQuestion` names), with their answer or when they went past the answer target. */
  questions?: { number: number; subject: string; receivedOn: IsoDate; answered?: { at: string; by: string; answer: string }; overdue?: string }[];
  documents?: { requested: string[]; received: string[] };
  /** A business refusal that stopped the track until staff act. */
  blocked?: { at: string; effect: string; reason: string };
  nextDeadline?: { event: string; day: IsoDate; at: string };
  reasons: Decision['reasons'];
  /** The commands the track takes now (the command catalogue, asked with `snapshot.can()`). */
  accepts: CommandName[];
  history: HistoryEntry[];
}
