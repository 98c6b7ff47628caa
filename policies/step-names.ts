/**
 * The planning steps of an edition in Dutch, for what staff read (the console, the rehearsal
 * report). An edition's own `label` is English, for engineers; its `when` is the policy's own
 * Dutch words ("2e helft augustus 2027"), moved with the edition's year.
 */
import type { PlanStep, StepId } from './policy';

export const STEP_NAMES_NL: Record<StepId, string> = {
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

/** A step as staff read it: its Dutch name, the contract kinds it is for, and the policy's words, e.g. "aanbod in VECOZO (haarwerken), 2e helft augustus 2027". */
export function stepTextNl(step: Pick<PlanStep, 'step' | 'when' | 'kinds'>): string {
  return `${STEP_NAMES_NL[step.step]}${step.kinds?.length ? ` (${step.kinds.join(', ')})` : ''}, ${step.when}`;
}
