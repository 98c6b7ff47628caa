/**
 * A track keeps the edition revision it started with (issue 11, "running tracks are safe"): the
 * edition file amended after a campaign started (here the signing deadline moved two days) decides
 * for tracks started after it, never for the open ones; an application to a track started before
 * the amendment is re-evaluated under the track's own revision. The store holds both, as a worker
 * does with the folder (the amended file) and the archive (the revision the campaign started with).
 */
import { revisionOf } from '../../activities/edition-store';
import { type Edition } from '../../policies';
import { parseEdition } from '../../policies/edition';
import { recordApplicationUpdate, recordAssessmentUpdate, statusQuery } from '../../workflows/messages';
import { rehearsal } from '../helpers/editions';
import { createWorld, sampleProvider, type ProviderHandle, type World } from '../helpers/world';

const started = rehearsal('paramedisch-2027', 2057);
/** The same edition with its signing deadline moved from 8 to 10 November 2056: another revision. */
function amended(edition: Edition): Edition {
  const { revision: _revision, ...data } = edition;
  const raw = { ...data, calendar: data.calendar.map(({ date: _date, ...s }) => (s.step === 'signing-deadline' ? { ...s, when: '10 november 2056' } : s)) };
  const parsed = parseEdition(raw, 'amended', 'unrevised');
  return { ...parsed, revision: revisionOf(parsed) };
}
const now = amended(started);

let world: World;
beforeAll(async () => {
  world = await createWorld('edition-revision', [started, now]);
});
afterAll(() => world?.close());

const sample = (agb: string) => sampleProvider('paramedisch-2027', agb, 30);
const before = sample('04045678'); // dietetiek direct offer, started with the first revision
const after = sample('90012345'); // huidtherapie direct offer, started with the amended file
const applicant = sample('24012345'); // dietetiek, not approached: applies later
const h: Record<string, ProviderHandle> = {};
const offer = async (agb: string) => (await world.deps.portal.messages(agb)).find((m) => m.kind === 'offer');

test('the two revisions differ only in the signing deadline', () => {
  expect(now.revision).not.toBe(started.revision);
  const deadline = (e: Edition) => e.calendar.find((s) => s.step === 'signing-deadline')?.date;
  expect([deadline(started), deadline(now)]).toEqual([{ kind: 'on', date: '2056-11-08' }, { kind: 'on', date: '2056-11-10' }]);
});

test('a track started with a revision decides with it; a track started without one decides with the file as it is', async () => {
  await world.sleepUntil('2056-09-01T09:00');
  h.before = await world.start(started, before, 'dietetiek', { revision: started.revision });
  h.applicant = await world.start(started, applicant, 'dietetiek', { revision: started.revision });
  h.after = await world.start(now, after, 'huidtherapie');
  await world.settle(h.before, (v) => v.status === 'OFFERED');
  await world.settle(h.after, (v) => v.status === 'OFFERED');
  expect(await h.before.query(statusQuery)).toMatchObject({ edition: { id: started.id, revision: started.revision }, planned: { signingDeadline: '2056-11-08' } });
  expect(await offer(before.agbCode)).toMatchObject({ signingDeadline: '2056-11-08' });
  expect(await h.after.query(statusQuery)).toMatchObject({ edition: { id: now.id, revision: now.revision }, planned: { signingDeadline: '2056-11-10' } });
  expect(await offer(after.agbCode)).toMatchObject({ signingDeadline: '2056-11-10' });
});

test('an application to a track started before the amendment is decided under the track\'s revision', async () => {
  await world.settle(h.applicant!, (v) => v.status === 'NOT_APPROACHED');
  await world.sleepUntil('2056-09-20T10:00');
  const applied = await h.applicant!.executeUpdate(recordApplicationUpdate, { args: [{ receivedOn: '2056-09-18', kinds: ['dietetiek'], by: 'zorginkoop mailbox' }] });
  expect(applied).toMatchObject({ track: 'application', edition: { revision: started.revision } });
  await world.sleepUntil('2056-10-02T10:00');
  await h.applicant!.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  await world.settle(h.applicant!, (v) => v.planned.offeredOn !== undefined);
  expect(await offer(applicant.agbCode)).toMatchObject({ offeredOn: '2056-10-02', signingDeadline: '2056-11-08' });
});
