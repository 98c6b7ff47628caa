/**
 * A provider's questions on its track, with the policies' promise: "Wij streven ernaar binnen 5
 * werkdagen een reactie op uw e-mail te geven" (000 s5, 001 s2.7, 002-004 s5; the edition's
 * `answerWithinWorkingDays`). A question that waits longer is told to staff; an answer stops its
 * clock. Working days skip weekends and the Dutch public holidays.
 */
import { LocalStaffInbox } from '../../activities/staff';
import { COMMANDS } from '../../workflows/catalogue';
import { statusQuery } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { createWorld, zgInstitution, type ProviderHandle, type World } from '../helpers/world';

const rehearsal = rehearsalOf('zg-2026', 2056);
let world: World;

beforeAll(async () => {
  world = await createWorld('provider-questions', [rehearsal]);
});
afterAll(() => world?.close());

/** A ZG institution invited to the purchase conversation: a track that waits, with nothing due but the year's end. */
async function startInConversation(agbCode: string): Promise<ProviderHandle> {
  const handle = await world.start(rehearsal, zgInstitution(agbCode));
  await world.settle(handle, (v) => v.history.some((h) => h.event === 'INVITATION_SENT'));
  return handle;
}

const overdue = async (agbCode: string) => (await new LocalStaffInbox(world.database).messages()).filter((m) => m.kind === 'question-overdue' && m.agbCode === agbCode);

test('000 s5 "binnen 5 werkdagen": a question of the Thursday before Ascension Day (4 May 2056) is told to staff after the fifth working day (Friday 12 May: Ascension Day does not count), not before; an answered one never', async () => {
  await world.sleepUntil('2056-05-04T09:00');
  const asked = await startInConversation('02100001');
  const answered = await startInConversation('02100002');
  for (const handle of [asked, answered]) {
    await handle.executeUpdate(COMMANDS.question.update, { args: [{ subject: 'AGB 0210000x ZG: wanneer is het gesprek?', receivedOn: '2056-05-04', by: 'inkoper' }] });
  }
  const view = await answered.executeUpdate(COMMANDS.answerQuestion.update, { args: [{ number: 1, answer: 'Wij nemen deze week contact op.', by: 'inkoper' }] });
  expect(view.history.at(-1)).toMatchObject({ event: 'QUESTION_ANSWERED', text: 'question 1 answered: Wij nemen deze week contact op.' });
  expect(view.accepts).not.toContain('answerQuestion');

  // Fri 5, Mon 8, Tue 9, Wed 10 May, (Thu 11 May: Ascension Day), Fri 12 May: the fifth working day ends at midnight.
  await world.sleepUntil('2056-05-12T23:30');
  expect(await overdue('02100001')).toEqual([]);
  expect((await asked.query(statusQuery)).accepts).toContain('answerQuestion');
  await world.sleepUntil('2056-05-13T00:30');
  await world.settle(asked, (v) => v.history.some((h) => h.event === 'QUESTION_OVERDUE'));
  expect(await overdue('02100001')).toMatchObject([{ text: expect.stringContaining('question 1 ("AGB 0210000x ZG: wanneer is het gesprek?", received 2056-05-04) has no answer after 5 working days') }]);
  expect(await overdue('02100002')).toEqual([]);
  // The track's own state does not change for a question, answered or not.
  expect((await asked.query(statusQuery)).status).toBe('IN_CONVERSATION');
});

test('an answer to a question the track does not have, or has answered, is refused with why', async () => {
  const handle = await startInConversation('02100003');
  await expect(handle.executeUpdate(COMMANDS.answerQuestion.update, { args: [{ number: 1, answer: 'ja', by: 'inkoper' }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/has no question 1 \(it has 0\)/) } });
});
