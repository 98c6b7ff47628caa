/**
 * What a season rehearsal is given (its options) and what it records (its run: the messages the
 * workflows sent, what people did, how every track ended), and where it is while it runs. The
 * rehearsal itself: rehearsal/run.ts, one part of it rehearsal/part.ts.
 */
import type { Database } from '../db/database';
import type { Edition } from '../policies';
import type { IsoDate } from '../policies/calendar';
import type { Provider } from '../policies/provider';
import type { ProviderStatusView } from '../workflows/messages';
import type { Behaviour } from './behaviour';

/** What people do in a rehearsal. */
export type ActionKind = 'conversation-positive' | 'conversation-negative' | 'questionnaire-submitted' | 'documents-received' | 'assessed-positive' | 'assessed-negative' | 'signed' | 'refused';

export interface Action {
  day: IsoDate;
  kind: ActionKind;
  workflowId: string;
  agbCode: string;
  /** False where the workflow refused it (too late: the questionnaire had expired ...), with its reason. */
  accepted: boolean;
  refusal?: string;
  documents?: string[];
}

/** A message the workflows put in the portal, as the rehearsal read it. */
export interface SentMessage {
  day: IsoDate;
  kind: string;
  agbCode: string;
  /** The track it belongs to, where the message names it. */
  workflowId?: string;
  contractKind?: string;
  /** The questionnaire's deadline, the offer's signing deadline, why an offer closed ... */
  deadline?: IsoDate;
  reason?: string;
}

export interface TrackOutcome {
  workflowId: string;
  agbCode: string;
  providerName: string;
  track?: string;
  contractKind?: string;
  tier?: string;
  status: ProviderStatusView['status'];
  /** Events of the track's history by kind, with their day (the rehearsal's expiries come from here). */
  events: { day: IsoDate; event: string }[];
  reasons: { met: boolean; text: string; ruleId: string }[];
}

/** A provider's question in a rehearsal: the day it came, and the day staff answered it (if they did). Days, not instants: the same inputs give the same record. */
export interface RehearsedQuestion {
  workflowId: string;
  agbCode: string;
  /** 1 for the track's first. */
  number: number;
  receivedOn: IsoDate;
  answeredOn?: IsoDate;
}

export interface RehearsalRun {
  edition: { id: string; title: string; contractYear: number; revision?: string; status: string };
  behaviour: Behaviour;
  providers: number;
  start: IsoDate;
  end: IsoDate;
  messages: SentMessage[];
  escalations: { day: IsoDate; agbCode: string }[];
  actions: Action[];
  tracks: TrackOutcome[];
  /** The providers' questions the tracks took (absent in a run recorded before questions were rehearsed). */
  questions?: RehearsedQuestion[];
  /** How long it took, in seconds of wall time: not part of the report (the same inputs, another machine). */
  wallSeconds: number;
  /** Of which: until every track was started (the campaign's fan-out). */
  fanOutSeconds: number;
}

/** The phases of a rehearsal, in order. */
export const REHEARSAL_PHASES = ['starting', 'campaign', 'season', 'outcomes'] as const;

/** Where a running rehearsal is: its phase, the simulated day and the answers so far, and how long nothing has moved. */
export interface RehearsalStatus {
  phase: (typeof REHEARSAL_PHASES)[number];
  day?: IsoDate;
  actions?: number;
  stalledSeconds?: number;
  /** Where the providers are rehearsed in parts: how many, and how many of them are done (the phase and day are those of the first part still running; the answers are all parts'). */
  parts?: number;
  partsDone?: number;
}

export interface RehearsalOptions {
  edition: Edition;
  providers: Provider[];
  behaviour: Behaviour;
  /** The day the campaign starts (default: 1 January of the campaign year, or tomorrow where that has passed). */
  start?: IsoDate;
  onProgress?: (line: string) => void;
  /** Where the rehearsal is, as data (the console shows it in the staff's language). */
  onStatus?: (status: RehearsalStatus) => void;
  /** Stop at every day instead of only where something can happen (tests: the two give one report). */
  everyDay?: boolean;
  /** How many tracks the rehearsal's worker keeps in memory (default: the SDK's, from the heap size). */
  maxCachedWorkflows?: number;
  /** Empty databases of the rehearsal's own, one for each part (tests: schemas in jest's database); default private embedded ones, each removed at the end of its part. */
  database?: () => Promise<Database>;
  /** At most this many providers on one private server (default `PART_SIZE`). */
  partSize?: number;
  /** How many parts run at the same time (default `PARALLEL_PARTS`). */
  parallel?: number;
}
