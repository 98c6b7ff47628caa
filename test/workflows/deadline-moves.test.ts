/**
 * Deadline moves against the offers and the contract year they govern (probe defects 3 and 7),
 * and a committed history of a questionnaire-deadline and an offer-date move, on the time-skipping
 * server with rehearsal editions (ZG 2026 rules on the 2056 calendar, Geboortezorg and
 * Hulpmiddelen 2026 two and three years on).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { LocalContractPortal, PortalRefusal, type NoticeRequest } from '../../activities/portal';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { moveDeadlineUpdate, recordConversationOutcomeUpdate, resumeUpdate, statusQuery } from '../../workflows/messages';
import { createWorld, recordHistory, sampleProvider, zgInstitution, type World } from '../helpers/world';

const zgRehearsal = rehearsalOf('zg-2026', 2056);
const geboorte = rehearsalOf('geboortezorg-2026', 2056);
const hulp = rehearsalOf('hulpmiddelen-2026', 2056);
const noReminderFor = '01000703';

const noMoveNoticeFor = '01000704';

/**
 * The local portal, except that one provider's reminders are refused (its VECOZO certificate was
 * withdrawn after the offer), and another's deadline-move notices until `moveNoticesBack`.
 */
class PortalRefusingReminders extends LocalContractPortal {
  moveNoticesBack = false;
  override sendNotice(request: NoticeRequest) {
    if (request.kind === 'reminder' && request.agbCode === noReminderFor) return Promise.reject(new PortalRefusal(`AGB ${request.agbCode} has no valid VECOZO certificate any more`));
    if (request.kind === 'deadline-moved' && request.agbCode === noMoveNoticeFor && !this.moveNoticesBack) return Promise.reject(new PortalRefusal(`AGB ${request.agbCode} has its mailbox closed in VECOZO`));
    return super.sendNotice(request);
  }
}

let world: World;
let portal: PortalRefusingReminders;
beforeAll(async () => {
  world = await createWorld('deadline-moves', [zgRehearsal, geboorte, hulp], (database) => ({ portal: (portal = new PortalRefusingReminders(database)) }));
});
afterAll(() => world?.close());

const zgProvider = zgInstitution;
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: WorkflowUpdateFailedError) => (e.cause as Error).message);
const move = (deadline: 'signing-deadline' | 'questionnaire-deadline' | 'offer', to: string) => ({ args: [{ deadline, to, reason: 'VECOZO-storing', by: 'teamleider' }] as [never] });

test('004 s5: a questionnaire deadline moved by staff: the questionnaire closes on the new day; never before it opens', async () => {
  await world.sleepUntil('2055-05-01T09:00');
  const h = await world.start(geboorte, sampleProvider('geboortezorg-2026', '33012345', 30), 'kraamzorg');
  await world.settle(h, (v) => v.status === 'QUESTIONNAIRE_PLANNED');
  // Defect 3's kin: a questionnaire deadline before the questionnaire opens (15 May) would close it as it opens.
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('questionnaire-deadline', '2055-05-10')))).toMatch(/2055-05-10 is before its questionnaire goes out \(2055-05-15\)/);
  // The same refusal as data, for staff in their language (words/).
  const details = await h.executeUpdate(moveDeadlineUpdate, move('questionnaire-deadline', '2055-05-10')).then(
    () => undefined,
    (e: WorkflowUpdateFailedError) => (e.cause as ApplicationFailure).details,
  );
  expect(details).toEqual([{ code: 'before-questionnaire', values: { to: '2055-05-10', opens: '2055-05-15' }, deadline: 'questionnaire-deadline', to: '2055-05-10' }]);
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('questionnaire-deadline', '2055-07-08')))).toBe('accepted');
  await world.sleepUntil('2055-07-02T10:00');
  expect((await h.query(statusQuery)).status).toBe('QUESTIONNAIRE_OPEN');
  await world.sleepUntil('2055-07-09T10:00');
  const view = await world.finalView(h);
  expect(view.status).toBe('QUESTIONNAIRE_EXPIRED');
  expect(view.history.find((e) => e.event === 'QUESTIONNAIRE_DEADLINE_PASSED')?.at).toBe(new Date('2055-07-08T22:00:00.000Z').toISOString());
  await recordHistory(h, 'geboortezorg-2026-questionnaire-deadline-moved');
});

test('003 s5: an offer date moved by staff: the offer goes out on the new day; a signing deadline cannot move before the planned offer', async () => {
  const h = await world.start(hulp, sampleProvider('hulpmiddelen-2026', '76005678', 30), 'haarwerken');
  await world.settle(h, (v) => v.status === 'OFFER_PLANNED');
  expect((await h.query(statusQuery)).planned.offerDate).toBe('2055-08-16');
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('signing-deadline', '2055-08-10')))).toMatch(/2055-08-10 is before its offer, planned on 2055-08-16/);
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('offer', '2055-08-25')))).toBe('accepted');
  await world.sleepUntil('2055-08-20T10:00');
  expect((await h.query(statusQuery)).status).toBe('OFFER_PLANNED');
  await world.sleepUntil('2055-08-25T10:00');
  await world.settle(h, (v) => v.status === 'OFFERED');
  expect((await h.query(statusQuery)).planned).toMatchObject({ offeredOn: '2055-08-25', signingDeadline: '2055-11-07' });
  await recordHistory(h, 'hulpmiddelen-2026-offer-moved');
});

test('defect 3: a signing deadline moved before the offer went out never makes the offer expire on the day it is sent: the offer gets the policy\'s own rule', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const h = await world.start(zgRehearsal, zgProvider('01000701'));
  await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
  await world.sleepUntil('2055-09-02T10:00');
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('signing-deadline', '2055-09-10')))).toBe('accepted');

  await world.sleepUntil('2055-09-20T10:00');
  const offered = await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  // 000 s5 "4 weken na aanbieding": 18 October, not the moved 10 September that lies before the offer.
  expect(offered.planned).toMatchObject({ offeredOn: '2055-09-20', signingDeadline: '2055-10-18' });
  expect(offered.history.find((e) => e.event === 'OFFER_SENT')?.text).toMatch(/the moved signing deadline 2055-09-10 lies before this offer/);
  await world.sleepUntil('2055-09-21T10:00');
  expect((await h.query(statusQuery)).status).toBe('OFFERED');
  const offers = (await world.deps.portal.messages('01000701')).filter((m) => m.kind === 'offer');
  expect(offers).toMatchObject([{ signingDeadline: '2055-10-18' }]);
});

test('defect 7: a deadline cannot move past the end of its contract year', async () => {
  const h = await world.start(zgRehearsal, zgProvider('01000702'));
  await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
  await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('signing-deadline', '2057-03-01')))).toMatch(
    /cannot move its signing-deadline to 2057-03-01: 2057-03-01 is after its contract year 2056 ends \(2056-12-31\)/,
  );
  expect(await refusal(h.executeUpdate(moveDeadlineUpdate, move('signing-deadline', '2056-12-31')))).toBe('accepted');
});

test('a deadline move whose notice the portal refuses stops the track for staff with the reason; resumed, the notice goes out and the track goes on', async () => {
  const h = await world.start(zgRehearsal, zgProvider(noMoveNoticeFor));
  await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
  await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  const moved = await h.executeUpdate(moveDeadlineUpdate, move('signing-deadline', '2055-11-20'));
  // The move holds (it is in the snapshot); the provider has not been told: staff must look.
  expect(moved).toMatchObject({
    status: 'NEEDS_ATTENTION',
    moved: { 'signing-deadline': '2055-11-20' },
    blocked: { effect: 'announceDeadlineMove', reason: `AGB ${noMoveNoticeFor} has its mailbox closed in VECOZO` },
  });
  expect(moved.history.map((e) => e.event).slice(-2)).toEqual(['DEADLINE_MOVED', 'EFFECT_REFUSED']);
  expect((await world.deps.portal.messages(noMoveNoticeFor)).map((m) => m.kind)).toEqual(['invitation', 'offer']);

  portal.moveNoticesBack = true;
  const resumed = await h.executeUpdate(resumeUpdate, { args: [{ by: 'inkoper', note: 'mailbox open again' }] });
  expect(resumed).toMatchObject({ status: 'OFFERED', planned: { signingDeadline: '2055-11-20' } });
  const notices = (await world.deps.portal.messages(noMoveNoticeFor)).filter((m) => m.kind === 'deadline-moved');
  expect(notices).toHaveLength(1);
});

test('defect 7: a track that ends with its offer still open closes the offer in the portal', async () => {
  const h = await world.start(zgRehearsal, zgProvider(noReminderFor));
  await world.settle(h, (v) => v.status === 'IN_CONVERSATION');
  await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  // The first reminder is refused by the portal: the track stops for staff with its offer open.
  await world.sleepUntil('2055-10-15T10:00');
  const stopped = await h.query(statusQuery);
  expect(stopped).toMatchObject({ status: 'NEEDS_ATTENTION', blocked: { effect: 'sendReminder' } });
  // Nobody acts; the contract year ends, and the offer can no longer be signed.
  await world.sleepUntil('2057-01-01T10:00');
  const view = await world.finalView(h);
  expect(view.status).toBe('NOT_CONTRACTED');
  const messages = await world.deps.portal.messages(noReminderFor);
  expect(messages.map((m) => m.kind)).toEqual(['invitation', 'offer', 'offer-closed']);
  expect(messages.at(-1)).toMatchObject({ kind: 'offer-closed', reason: 'contract-year-ended' });
  await recordHistory(h, 'zg-2026-year-ended-offer-open');
});
