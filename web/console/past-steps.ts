/**
 * The steps of an edition's planning calendar whose latest day lies before `today`: a campaign
 * started now would send such a step late (a questionnaire after its own deadline expires in
 * the minute it is sent). Staff see them before they start.
 */
import type { Edition } from '../../policies';
import { compareDays, type IsoDate } from '../../policies/calendar';
import { latestDay } from '../../policies/plan-date';

export interface PastStep {
  step: string;
  label: string;
  when: string;
  day: IsoDate;
}

export function pastSteps(edition: Edition, today: IsoDate): PastStep[] {
  const out: PastStep[] = [];
  for (const s of edition.calendar) {
    const day = s.date && latestDay(s.date);
    if (day && compareDays(day, today) < 0) out.push({ step: s.step, label: s.label, when: s.when, day });
  }
  return out;
}
