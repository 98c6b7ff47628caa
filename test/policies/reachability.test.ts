/**
 * The reachability figure (policies/reachability.ts): per week of receipt, the providers' questions
 * answered within the edition's answer target (every policy, s5: "Wij streven ernaar binnen 5
 * werkdagen een reactie op uw e-mail te geven"), late, and still open. The due day is the
 * workflow's own rule: ZG 2026 rehearsed for 2056, a question of Thursday 4 May 2056 (the Thursday
 * before Ascension Day) is due on Friday 12 May, as in test/workflows/provider-questions.test.ts.
 */
import { answerTargetOf, reachability, reachabilityTotal, standingOf, weekOf } from '../../policies/reachability';
import { escalationDueAt } from '../../policies/reminders';
import { deadlinePassesAt } from '../../policies/calendar';
import { rehearsal } from '../helpers/editions';

const zg = rehearsal('zg-2026', 2056);
const target = answerTargetOf(zg);

test("the target is the edition's: 5 working days, the Dutch public holidays of the contract year and the year before", () => {
  expect(target.workingDays).toBe(5);
  expect(target.holidays).toContain('2056-05-11'); // Ascension Day 2056: Thursday 11 May
  expect(target.holidays).toContain('2055-12-25');
});

test('000 s5: a question of Thursday 4 May 2056 is due Friday 12 May (Ascension Day does not count), the day the workflow escalates it after', () => {
  const q = { receivedOn: '2056-05-04' };
  expect(standingOf(q, target, '2056-05-12')).toEqual({ due: '2056-05-12', standing: 'not-yet-due' });
  expect(standingOf(q, target, '2056-05-13')).toEqual({ due: '2056-05-12', standing: 'overdue' });
  // The same rule as the track's QUESTION_OVERDUE timer: it fires when the due day is over.
  expect(escalationDueAt(q.receivedOn, target.workingDays, target.holidays)).toEqual(deadlinePassesAt('2056-05-12'));
});

test('an answer on the due day is in time until midnight Amsterdam time; 00:30 the next day (still the 12th in UTC) is late', () => {
  const q = (answeredAt: string) => standingOf({ receivedOn: '2056-05-04', answeredAt }, target, '2056-06-01').standing;
  expect(q('2056-05-05T08:00:00.000Z')).toBe('in-time');
  expect(q('2056-05-12T21:59:00.000Z')).toBe('in-time'); // 23:59 summer time
  expect(q('2056-05-12T22:30:00.000Z')).toBe('late'); // 00:30 on 13 May in Amsterdam
});

test('weeks run Monday to Sunday in Amsterdam, across the change to summer time (26 March 2056)', () => {
  expect(weekOf('2056-05-07')).toBe('2056-05-01'); // a Sunday: the week of Monday 1 May
  expect(weekOf('2056-05-08')).toBe('2056-05-08');
  expect(weekOf('2056-03-26')).toBe('2056-03-20');
  expect(weekOf('2056-03-27')).toBe('2056-03-27');
});

test('per week of receipt: received, in time, late, overdue, not yet due, and the share answered in time of those that count', () => {
  const questions = [
    // Week of 1 May: two in time (one on its due day), one late, one still open past its due day.
    { receivedOn: '2056-05-04', answeredAt: '2056-05-08T09:00:00.000Z' },
    { receivedOn: '2056-05-04', answeredAt: '2056-05-12T15:00:00.000Z' },
    { receivedOn: '2056-05-05', answeredAt: '2056-05-16T09:00:00.000Z' },
    { receivedOn: '2056-05-07' },
    // Week of 22 May (nothing in the two weeks between): one in time, one open and not yet due on 26 May.
    { receivedOn: '2056-05-22', answeredAt: '2056-05-23T09:00:00.000Z' },
    { receivedOn: '2056-05-26' },
  ];
  const weeks = reachability(questions, target, '2056-05-26');
  expect(weeks).toEqual([
    { week: '2056-05-01', received: 4, inTime: 2, late: 1, overdue: 1, notYetDue: 0, share: 0.5 },
    { week: '2056-05-08', received: 0, inTime: 0, late: 0, overdue: 0, notYetDue: 0 },
    { week: '2056-05-15', received: 0, inTime: 0, late: 0, overdue: 0, notYetDue: 0 },
    { week: '2056-05-22', received: 2, inTime: 1, late: 0, overdue: 0, notYetDue: 1, share: 1 },
  ]);
  expect(reachabilityTotal(weeks)).toEqual({ received: 6, inTime: 3, late: 1, overdue: 1, notYetDue: 1, share: 0.6 });
  // Only questions not yet due: no share, not 0 %.
  expect(reachability([{ receivedOn: '2056-05-26' }], target, '2056-05-26')).toEqual([{ week: '2056-05-22', received: 1, inTime: 0, late: 0, overdue: 0, notYetDue: 1 }]);
  expect(reachability([], target, '2056-05-26')).toEqual([]);
});
