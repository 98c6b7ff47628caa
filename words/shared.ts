/**
 * What both dictionaries share: the shape of a day renderer and the arithmetic of an age, so that
 * Dutch and English say the same number.
 */

/** Renders a day (YYYY-MM-DD) the one way the product writes days: "maandag 8 november 2027" (policies/calendar.ts `formatDay`). */
export type Day = (iso: string) => string;

/** An age as people say it, the same in every language: minutes under an hour, hours under two days, then days. */
export function ageOf(seconds: number): { n: number; unit: 'minutes' | 'hours' | 'days' } {
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours < 1) return { n: minutes, unit: 'minutes' };
  if (hours < 48) return { n: hours, unit: 'hours' };
  return { n: Math.floor(hours / 24), unit: 'days' };
}
