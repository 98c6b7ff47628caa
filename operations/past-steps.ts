/**
 * Steps of an edition's plan whose day lies before today, for `campaign start`: a track started
 * now meets such a step at once (a questionnaire sent after its own deadline expires the minute it
 * is sent), so staff are warned before they start, and told which deadlines they can move.
 */
import type { Edition } from '../policies';
import { compareDays, formatDay, type IsoDate } from '../policies/calendar';
import { earliestDay, latestDay } from '../policies/plan-date';
import type { PlanStep } from '../policies/policy';
import { stepText } from '../words';

/** The deadline-move command that applies a moved step to open tracks, where staff can move it. */
export const MOVABLE: Partial<Record<PlanStep['step'], string>> = { 'signing-deadline': 'signing-deadline', 'questionnaire-deadline': 'questionnaire-deadline', offer: 'offer' };

export interface PastStep {
  step: PlanStep['step'];
  /** English, for engineers (the edition's label). */
  label: string;
  /** Dutch, for staff: the step's name, its kinds and the policy's words (words/, `stepText`). */
  text: string;
  /** The step's day that has passed: its last day (a deadline, a window's end) or its first (from). */
  day: IsoDate;
  kinds?: string[];
  tracks?: string[];
}

/** Every dated step of the edition whose day lies before `today`. */
export function pastSteps(edition: Edition, today: IsoDate): PastStep[] {
  const past: PastStep[] = [];
  for (const s of edition.calendar) {
    const day = latestDay(s.date) ?? earliestDay(s.date);
    if (day && compareDays(day, today) < 0) past.push({ step: s.step, label: s.label, text: stepText('nl', s), day, ...(s.kinds ? { kinds: s.kinds } : {}), ...(s.tracks ? { tracks: s.tracks } : {}) });
  }
  return past;
}

/** One warning line per past step, for stderr. */
export function pastStepWarnings(edition: Edition, today: IsoDate): string[] {
  return pastSteps(edition, today).map((p) => {
    const scope = [p.tracks?.join('/'), p.kinds?.join(', ')].filter(Boolean).join('; ');
    const apply = MOVABLE[p.step];
    return (
      `warning: ${p.label}${scope ? ` [${scope}]` : ''}: ${formatDay(p.day)} has passed (today is ${formatDay(today)}); tracks started now meet it at once` +
      (apply ? `; to give providers time, move it after the start: zorginkoop deadline move ${apply} --policy ${edition.id} --all --to YYYY-MM-DD --reason "..." --by NAME` : '')
    );
  });
}
