/**
 * What a track says, in Dutch (part of the Dutch dictionary, words/nl.ts): the commands
 * (`action`) with their fields and choices, the portal messages' kinds, the public statuses and
 * the sentence under each, the history's events, the planning steps, the tracks, the signing rule
 * and why a deadline did not move. The English (en-tracks.ts) has this part's type.
 */
import type { ProviderEvent } from '../machines/provider-contract';
import type { DeadlineRefusal, DeadlineRefusalCode } from '../policies/deadline-moves';
import type { PublicStatus } from '../machines/public-status';
import type { StepId, Track } from '../policies/policy';
import type { CommandName } from '../workflows/command-names';
import type { Day } from './shared';

/** A signing rule, as much of it as the words need (policies/signing.ts `SigningRule`). */
export type SigningRuleWords = { kind: 'fixed'; date: string } | { kind: 'weeks-after-offer'; weeks: number };

const STEPS: Record<StepId, string> = {
  'member-list-deadline': 'ledenlijst van de gemandateerde vertegenwoordigers',
  'new-product-deadline': 'aanvraag om nieuwe producten toe te voegen',
  'application-deadline': 'aanmelding',
  invitation: 'uitnodiging voor het inkoopgesprek',
  'questionnaire-open': 'vragenlijst in VECOZO',
  'questionnaire-deadline': 'uiterste datum van de vragenlijst',
  offer: 'aanbod in VECOZO',
  'signing-deadline': 'uiterste tekendatum',
  publication: 'publicatie in de zorgzoeker',
  'tariff-annex': 'nieuwe tariefbijlage',
};

const REFUSALS: Record<DeadlineRefusalCode, (v: Record<string, string>, day: Day) => string> = {
  'track-ended': () => 'het traject is afgelopen',
  'before-today': (v, day) => `${day(v.to!)} ligt vóór vandaag (${day(v.today!)})`,
  'after-contract-year': (v, day) => `${day(v.to!)} ligt na het einde van contractjaar ${v.contractYear}`,
  'no-such-deadline': (v) => `dit traject heeft geen ${STEPS[v.deadline as StepId] ?? v.deadline} (traject ${v.track})`,
  'offer-sent': (v, day) => `het aanbod is al uitgebracht, op ${day(v.offeredOn!)}`,
  'offer-not-planned': (v) => `het aanbod heeft geen geplande datum (traject ${v.track})`,
  'no-questionnaire': (v) => `dit traject heeft geen vragenlijst (traject ${v.track})`,
  'questionnaire-submitted': () => 'de vragenlijst is al ingediend',
  'before-questionnaire': (v, day) => `${day(v.to!)} ligt vóór het versturen van de vragenlijst (${day(v.opens!)})`,
  signed: () => 'de zorgaanbieder heeft al getekend',
  'before-offer': (v, day) => `${day(v.to!)} ligt vóór het aanbod van ${day(v.offeredOn!)}`,
  'before-planned-offer': (v, day) => `${day(v.to!)} ligt vóór het aanbod, gepland op ${day(v.plannedOffer!)}`,
};

export const nlTracks = {
  action: {
    outcome: 'Uitkomst van het inkoopgesprek',
    assess: 'Beoordeling',
    sign: 'Ondertekening van het aanbod',
    refuse: 'Weigering van het aanbod',
    requestDocuments: 'Documenten opvragen',
    documentsReceived: 'Documenten ontvangen',
    submitQuestionnaire: 'Vragenlijst ingediend',
    resume: 'Traject hervatten',
    withdraw: 'Terugtrekken',
    moveDeadline: 'Termijn verzetten',
    requestException: 'Uitzondering aangevraagd',
    apply: 'Aanmelding ontvangen',
    correctedEvidence: 'Verbeterd bewijs ontvangen',
    newProduct: 'Nieuw product aangevraagd',
    question: 'Vraag van de zorgaanbieder',
    answerQuestion: 'Vraag beantwoorden',
  } satisfies Record<CommandName, string>,
  /** A command's fields, by the command catalogue's field names (workflows/catalogue.ts). */
  field: {
    outcome: 'Uitkomst',
    tier: 'Niveau',
    reason: 'Reden',
    note: 'Toelichting',
    documents: 'Documenten (gescheiden door ;)',
    initiatedBy: 'Op initiatief van',
    deadline: 'Termijn',
    to: 'Nieuwe datum',
    product: 'Product',
    receivedOn: 'Ontvangen op',
    kinds: 'Contractsoorten (gescheiden door ;)',
    subject: 'Onderwerp of vraag',
    number: 'Vraag nummer',
    answer: 'Antwoord',
  } as Record<string, string>,
  /** The choices of a command's fields. */
  choice: {
    positive: 'Positief',
    negative: 'Negatief',
    provider: 'de zorgaanbieder',
    staff: 'de zorgverzekeraar',
    'signing-deadline': 'Uiterste ondertekendatum',
    'questionnaire-deadline': 'Uiterste datum vragenlijst',
    offer: 'Datum aanbod',
  } as Record<string, string>,
  deadlineRefusal: (r: DeadlineRefusal, day: Day) =>
    `${r.deadline ? `${STEPS[r.deadline as StepId] ?? r.deadline} niet verzet${r.to ? ` naar ${day(r.to)}` : ''}: ` : ''}${REFUSALS[r.code]?.(r.values, day) ?? r.code}`,
  messageKinds: { invitation: 'Uitnodiging inkoopgesprek', offer: 'Aanbod', 'offer-closed': 'Aanbod gesloten', 'tariff-annex': 'Tariefbijlage', questionnaire: 'Vragenlijst', 'documents-request': 'Verzoek om documenten', reminder: 'Herinnering', 'contract-amendment': 'Contractwijziging', withdrawal: 'Beëindiging', 'deadline-moved': 'Termijn verzet' } satisfies Record<string, string>,
  statuses: {
    EVALUATING: 'Route wordt bepaald',
    SENDING: 'Wordt verzonden',
    RUNNING_CONTRACT: 'Lopend contract',
    NOT_APPROACHED: 'Niet benaderd',
    IN_CONVERSATION: 'In gesprek',
    QUESTIONNAIRE_PLANNED: 'Vragenlijst gepland',
    QUESTIONNAIRE_OPEN: 'Vragenlijst open',
    DOCUMENTS_REQUESTED: 'Documenten opgevraagd',
    UNDER_ASSESSMENT: 'In beoordeling',
    OFFER_PLANNED: 'Aanbod gepland',
    OFFERED: 'Aanbod uitgebracht',
    SIGNED: 'Ondertekend',
    PUBLISHED: 'Gepubliceerd',
    CONVERSATION_NEGATIVE: 'Gesprek zonder overeenstemming',
    QUESTIONNAIRE_EXPIRED: 'Vragenlijst niet ingediend',
    ASSESSED_NEGATIVE: 'Negatief beoordeeld',
    REFUSED: 'Aanbod geweigerd',
    EXPIRED: 'Niet op tijd ondertekend',
    WITHDRAWN: 'Teruggetrokken',
    NOT_CONTRACTED: 'Niet gecontracteerd',
    NEEDS_ATTENTION: 'Actie nodig',
  } satisfies Record<PublicStatus, string>,
  /** What happened in a track, by the machine's event: every event has its words (a new event without them is a type error). */
  events: {
    ASSESSED: 'Beoordeeld',
    EVALUATED: 'Route bepaald',
    INVITATION_SENT: 'Uitgenodigd voor het inkoopgesprek',
    CONVERSATION_RECORDED: 'Uitkomst van het inkoopgesprek vastgelegd',
    QUESTIONNAIRE_SENT: 'Vragenlijst verstuurd',
    QUESTIONNAIRE_DEADLINE_PASSED: 'Termijn van de vragenlijst verstreken',
    TARIFF_ANNEX_SENT: 'Tariefbijlage verstuurd',
    SIGNING_DEADLINE_PASSED: 'Ondertekentermijn verstreken',
    REMINDER_DUE: 'Herinnering verstuurd',
    ESCALATION_DUE: 'Geëscaleerd: antwoordtermijn verstreken',
    EVIDENCE_CORRECTED: 'Gecorrigeerd bewijs vastgelegd',
    EFFECT_REFUSED: 'Stap geweigerd: actie nodig',
    RESUMED: 'Traject hervat',
    CONTRACT_YEAR_ENDED: 'Contractjaar afgelopen',
    APPLICATION_RECEIVED: 'Aanmelding ontvangen',
    EXCEPTION_REQUESTED: 'Uitzondering aangevraagd',
    CONTRACT_SIGNED: 'Aanbod ondertekend',
    OFFER_REFUSED: 'Aanbod geweigerd',
    OFFER_SENT: 'Aanbod verstuurd',
    OFFER_CLOSED: 'Aanbod gesloten',
    DEADLINE_MOVED: 'Termijn verzet',
    WITHDRAWN: 'Teruggetrokken',
    PUBLISHED: 'Gepubliceerd in de zorgzoeker',
    QUESTIONNAIRE_SUBMITTED: 'Vragenlijst ingediend',
    DOCUMENTS_REQUESTED: 'Documenten opgevraagd',
    DOCUMENTS_RECEIVED: 'Documenten ontvangen',
    NEW_PRODUCT_REQUESTED: 'Nieuw product aangevraagd',
    QUESTION_ASKED: 'Vraag van de zorgaanbieder',
    QUESTION_ANSWERED: 'Vraag beantwoord',
    QUESTION_OVERDUE: 'Vraag niet op tijd beantwoord',
    OFFER_DATE_REACHED: 'Datum van het aanbod bereikt',
    PUBLICATION_DATE_REACHED: 'Publicatiedatum bereikt',
    QUESTIONNAIRE_OPEN_REACHED: 'Datum van de vragenlijst bereikt',
    TARIFF_ANNEX_DATE_REACHED: 'Datum van de tariefbijlage bereikt',
    WITHDRAWAL_PROCESSED: 'Terugtrekking verwerkt',
  } satisfies Record<ProviderEvent['type'], string>,
  /** The sentence under a status: what the track waits for (machines/public-status.ts keeps the English, for engineers). */
  statusTexts: {
    EVALUATING: 'de route wordt bepaald',
    SENDING: 'een bericht gaat naar het portaal',
    RUNNING_CONTRACT: 'een meerjarig contract loopt door',
    NOT_APPROACHED: 'niet benaderd onder dit beleid',
    IN_CONVERSATION: 'uitgenodigd voor het inkoopgesprek; wacht op de uitkomst',
    QUESTIONNAIRE_PLANNED: 'de vragenlijst gaat op de geplande datum uit',
    QUESTIONNAIRE_OPEN: 'de vragenlijst staat in het portaal; wacht op de zorgaanbieder',
    DOCUMENTS_REQUESTED: 'documenten opgevraagd; wacht daarop',
    UNDER_ASSESSMENT: 'wacht op beoordeling',
    OFFER_PLANNED: 'het aanbod gaat op de geplande datum uit',
    OFFERED: 'aanbod in het portaal; wacht op ondertekening',
    SIGNED: 'ondertekend; wacht op de publicatiedatum',
    PUBLISHED: 'ondertekend en gepubliceerd in de zorgzoeker',
    CONVERSATION_NEGATIVE: 'inkoopgesprek zonder overeenstemming: geen aanbod',
    QUESTIONNAIRE_EXPIRED: 'vragenlijst niet op tijd ingediend: geen aanbod',
    ASSESSED_NEGATIVE: 'negatief beoordeeld: geen aanbod',
    REFUSED: 'de zorgaanbieder weigerde het aanbod',
    EXPIRED: 'niet op tijd ondertekend',
    WITHDRAWN: 'teruggetrokken',
    NOT_CONTRACTED: 'het contractjaar eindigde zonder contract',
    NEEDS_ATTENTION: 'een stap werd geweigerd: een medewerker moet kijken',
  } satisfies Record<PublicStatus, string>,
  /** The planning steps of an edition (an edition's own `label` is English, for engineers; its `when` the policy's Dutch words). */
  steps: STEPS,
  /** The tracks a decision gives. */
  tracks: {
    'running-contract': 'lopend contract',
    'direct-offer': 'direct aanbod',
    questionnaire: 'vragenlijst',
    negotiation: 'inkoopgesprek',
    application: 'aanmelding',
    follow: 'volgbeleid (de afspraak van een andere zorgverzekeraar volgen)',
    'not-approached': 'niet benaderd',
  } satisfies Record<Track, string>,
  /** The signing rule before the offer is out. */
  signingRule: (rule: SigningRuleWords, day: Day) => (rule.kind === 'fixed' ? `uiterlijk ${day(rule.date)} ondertekenen` : `binnen ${rule.weeks} weken na het aanbod ondertekenen`),
  /** Why a deadline did not move, by the refusal's code (the workflow keeps its English sentence, for engineers). */
  deadlineRefusals: REFUSALS,
};

/** The track's words' one shape: the Dutch ones'. */
export type TrackWords = typeof nlTracks;
