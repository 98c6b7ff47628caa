/**
 * Planning dates as the policies write them (the planning tables: 000 s5, 001 s2.7, 002 s5,
 * 003 s5, 004 s5), read into days. The readings of vague words are decisions (docs/decisions.md).
 */
import { describePlanDate, parsePlanDate } from '../../policies/plan-date';

describe('Dutch planning phrases', () => {
  test.each([
    ['7 november 2025', { kind: 'on', date: '2025-11-07' }],
    ['Uiterlijk 30 september 2026', { kind: 'by', date: '2026-09-30' }],
    ['Vanaf 12 november 2025', { kind: 'from', date: '2025-11-12' }],
    ['voor 1 augustus 2025', { kind: 'by', date: '2025-07-31' }],
    ['2e helft september 2025', { kind: 'window', from: '2025-09-16', to: '2025-09-30' }],
    ['2e helft augustus 2025', { kind: 'window', from: '2025-08-16', to: '2025-08-31' }],
    ['Begin september 2025', { kind: 'window', from: '2025-09-01', to: '2025-09-10' }],
    ['Half mei 2025', { kind: 'on', date: '2025-05-15' }],
    ['September 2025', { kind: 'window', from: '2025-09-01', to: '2025-09-30' }],
    ['uiterlijk half september 2025', { kind: 'by', date: '2025-09-15' }],
    ['uiterlijk eind augustus 2025', { kind: 'by', date: '2025-08-31' }],
    ['4 weken na aanbieding zorgovereenkomst 2026', { kind: 'after', weeks: 4, event: 'offer' }],
    ['Na positieve afronding van het individuele inkoopgesprek', { kind: 'upon', event: 'conversation-positive' }],
    ['Na bevestiging van de vragenlijst', { kind: 'upon', event: 'questionnaire-approved' }],
    ['Inkoopproces start nadat wij uw complete aanvraag hebben ontvangen', { kind: 'upon', event: 'application-complete' }],
  ])('"%s"', (text, expected) => {
    expect(parsePlanDate(text)).toEqual(expected);
  });

  test('February windows end on the right day, leap years included', () => {
    expect(parsePlanDate('2e helft februari 2028')).toEqual({ kind: 'window', from: '2028-02-16', to: '2028-02-29' });
    expect(parsePlanDate('februari 2027')).toEqual({ kind: 'window', from: '2027-02-01', to: '2027-02-28' });
  });

  test('a phrase that is not a date, or a day that does not exist, is refused with the phrase', () => {
    expect(() => parsePlanDate('binnenkort')).toThrow("cannot read the planning date 'binnenkort'");
    expect(() => parsePlanDate('31 september 2026')).toThrow("cannot read the planning date '31 september 2026': no such day: 31-9-2026");
  });

  test('staff read each kind of date in English', () => {
    expect(describePlanDate(parsePlanDate('2e helft september 2025'))).toBe('2025-09-16 to 2025-09-30');
    expect(describePlanDate(parsePlanDate('na positieve afronding van het inkoopgesprek'))).toBe('after a positive purchase conversation');
  });
});
