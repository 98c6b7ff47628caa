/**
 * Which deadline moves staff may make (docs/decisions.md, "Moving a deadline"; "A moved deadline
 * never lies before what it governs"), as data: a code and its values.
 */
import { refuseDeadlineMove, type DeadlineMoveFacts } from '../../policies/deadline-moves';

const offered: DeadlineMoveFacts = { ended: false, track: 'negotiation', notApproached: false, contractYear: 2026, offeredOn: '2025-10-10', questionnaireSent: false, questionnaireSubmitted: false, signed: false };
const questionnaire: DeadlineMoveFacts = { ended: false, track: 'questionnaire', notApproached: false, contractYear: 2026, plannedOffer: '2025-08-16', questionnaireOpens: '2025-05-15', questionnaireSent: false, questionnaireSubmitted: false, signed: false };
const today = '2025-10-15';

describe('moving a deadline', () => {
  test('only a deadline still ahead: not on an ended track, not to a day before today, not past the contract year', () => {
    expect(refuseDeadlineMove({ ...offered, ended: true }, 'signing-deadline', '2025-11-20', today)).toEqual({ code: 'track-ended', values: {} });
    expect(refuseDeadlineMove(offered, 'signing-deadline', '2025-10-14', today)).toEqual({ code: 'before-today', values: { to: '2025-10-14', today } });
    expect(refuseDeadlineMove(offered, 'signing-deadline', '2027-01-01', today)).toEqual({ code: 'after-contract-year', values: { to: '2027-01-01', contractYear: '2026' } });
    expect(refuseDeadlineMove(offered, 'signing-deadline', '2026-12-31', today)).toBeUndefined();
  });

  test('a track without the deadline: not decided, a running contract, not approached', () => {
    expect(refuseDeadlineMove({ ...offered, track: undefined }, 'offer', '2025-11-20', today)).toEqual({ code: 'no-such-deadline', values: { deadline: 'offer', track: 'not decided yet' } });
    expect(refuseDeadlineMove({ ...offered, track: 'running-contract' }, 'signing-deadline', '2025-11-20', today)?.code).toBe('no-such-deadline');
    expect(refuseDeadlineMove({ ...offered, notApproached: true }, 'signing-deadline', '2025-11-20', today)?.code).toBe('no-such-deadline');
  });

  test('the offer date: only a planned offer not yet sent', () => {
    expect(refuseDeadlineMove(offered, 'offer', '2025-11-20', today)).toEqual({ code: 'offer-sent', values: { offeredOn: '2025-10-10' } });
    expect(refuseDeadlineMove({ ...offered, offeredOn: undefined }, 'offer', '2025-11-20', today)).toEqual({ code: 'offer-not-planned', values: { track: 'negotiation' } });
    expect(refuseDeadlineMove(questionnaire, 'offer', '2025-11-20', today)).toBeUndefined();
  });

  test('004 s5: a questionnaire deadline: only on the questionnaire track, not after submission, not before the questionnaire goes out', () => {
    const early = '2025-05-01';
    expect(refuseDeadlineMove(offered, 'questionnaire-deadline', '2025-11-20', today)).toEqual({ code: 'no-questionnaire', values: { track: 'negotiation' } });
    expect(refuseDeadlineMove({ ...questionnaire, questionnaireSubmitted: true }, 'questionnaire-deadline', '2025-11-20', early)).toEqual({ code: 'questionnaire-submitted', values: {} });
    expect(refuseDeadlineMove(questionnaire, 'questionnaire-deadline', '2025-05-10', early)).toEqual({ code: 'before-questionnaire', values: { to: '2025-05-10', opens: '2025-05-15' } });
    // Once it went out, its opening day no longer bounds the move.
    expect(refuseDeadlineMove({ ...questionnaire, questionnaireSent: true }, 'questionnaire-deadline', '2025-05-10', early)).toBeUndefined();
  });

  test('defect 3: a signing deadline: not once signed, never before its offer, sent or planned', () => {
    expect(refuseDeadlineMove({ ...offered, signed: true }, 'signing-deadline', '2025-11-20', today)).toEqual({ code: 'signed', values: {} });
    expect(refuseDeadlineMove({ ...offered, offeredOn: '2025-10-20' }, 'signing-deadline', '2025-10-16', today)).toEqual({ code: 'before-offer', values: { to: '2025-10-16', offeredOn: '2025-10-20' } });
    expect(refuseDeadlineMove({ ...questionnaire, plannedOffer: '2025-10-30' }, 'signing-deadline', '2025-10-20', today)).toEqual({ code: 'before-planned-offer', values: { to: '2025-10-20', plannedOffer: '2025-10-30' } });
    // An offer whose day is not known yet (after a conversation): the move is taken, set aside later if it lies before the offer.
    expect(refuseDeadlineMove({ ...offered, offeredOn: undefined }, 'signing-deadline', '2025-10-20', today)).toBeUndefined();
  });
});
