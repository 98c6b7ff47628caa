/**
 * Hulpmiddelen 2026 (003_1593987db3a2b065.txt) direct offers on the time-skipping server, on the
 * rehearsal edition for 2057 (every date thirty-one years on): the haarwerken offer in its window
 * (second half of August), new-product requests before 1 August, a signing deadline moved for
 * forty open providers at once (the running timers follow it, the reminders too), publication from
 * 12 November, and a withdrawal after publication that takes the listing out of the finder.
 */
import { rehearsal as rehearsalOf } from '../helpers/editions';
import type { ProviderInput } from '../../policies/provider';
import { moveDeadlines } from '../../operations/deadlines';
import { moveDeadlineUpdate, recordSignatureUpdate, requestNewProductUpdate, statusQuery, withdrawUpdate } from '../../workflows/messages';
import { ams, createWorld, recordHistory, sampleProvider, type ProviderHandle, type World } from '../helpers/world';
import { WorkflowUpdateFailedError } from '@temporalio/client';

const rehearsal = rehearsalOf('hulpmiddelen-2026', 2057);
let world: World;
beforeAll(async () => {
  world = await createWorld('direct-offer-track', [rehearsal]);
});
afterAll(() => world?.close());

const haarwerken = sampleProvider('hulpmiddelen-2026', '76005678', 31);
const others: ProviderInput[] = Array.from({ length: 40 }, (_, i) => {
  const agbCode = String(76100000 + i).padStart(8, '0');
  return { ...haarwerken, agbCode, name: `Haarwerkspecialist ${i + 1}`, locations: [{ agbCode, name: `Haarwerkspecialist ${i + 1}`, city: 'Arnhem' }] };
});
let main: ProviderHandle;
const handles: ProviderHandle[] = [];
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: WorkflowUpdateFailedError) => (e.cause as Error).message);

test('003 s5: the haarwerken offer goes out on the first day of its window, 16 August, signing deadline 7 November', async () => {
  await world.sleepUntil('2056-07-20T09:00');
  main = await world.start(rehearsal, haarwerken, 'haarwerken');
  for (const p of others) handles.push(await world.start(rehearsal, p, 'haarwerken'));
  await world.settle(main, (v) => v.status === 'OFFER_PLANNED');
  expect((await main.query(statusQuery)).planned.offerDate).toBe('2056-08-16');

  // 003 s4 Nieuwe producten: requests before 1 August reach staff; later ones are refused.
  await world.sleepUntil('2056-07-25T10:00');
  await main.executeUpdate(requestNewProductUpdate, { args: [{ product: 'haarwerk met medische kleefstrip', by: 'leverancier' }] });
  expect((await world.deps.staff.messages()).map((m) => [m.kind, m.details])).toEqual([['new-product-request', { product: 'haarwerk met medische kleefstrip', receivedOn: '2056-07-25' }]]);
  await world.sleepUntil('2056-08-02T10:00');
  expect(await refusal(main.executeUpdate(requestNewProductUpdate, { args: [{ product: 'pruik', by: 'leverancier' }] }))).toMatch(
    /cannot request new products after 2056-07-31 \("voor 1 augustus 2056", 003 s/,
  );

  await world.sleepUntil('2056-08-16T08:00');
  await world.settle(main, (v) => v.planned.offeredOn !== undefined);
  expect((await main.query(statusQuery)).planned).toMatchObject({ offeredOn: '2056-08-16', signingDeadline: '2056-11-07' });
  const offers = (await world.deps.portal.messages()).filter((m) => m.kind === 'offer');
  expect(offers).toHaveLength(41);
  expect(new Set(offers.map((o) => (o.kind === 'offer' ? o.offeredOn : '')))).toEqual(new Set(['2056-08-16']));
});

test('a signing deadline moved for forty providers at once moves their timers and reminders; refusals say why', async () => {
  await world.sleepUntil('2056-10-01T10:00');
  await main.executeUpdate(recordSignatureUpdate, { args: [{ by: 'eigenaar' }] });
  const move = { deadline: 'signing-deadline' as const, to: '2056-11-21', reason: 'VECOZO-storing in november', by: 'teamleider inkoop' };
  const report = await moveDeadlines(world.env.client, [main, ...handles].map((h) => h.workflowId), move);
  expect(report.moved).toHaveLength(40);
  expect(report.refused).toEqual([
    {
      workflowId: main.workflowId,
      reason: `provider ${haarwerken.agbCode} under ${rehearsal.id} cannot move its signing-deadline to 2056-11-21: it has already signed`,
      refusal: { code: 'signed', values: {}, deadline: 'signing-deadline', to: '2056-11-21' },
    },
  ]);
  expect(await refusal(handles[0]!.executeUpdate(moveDeadlineUpdate, { args: [{ ...move, to: '2056-09-30' }] }))).toMatch(/cannot move its signing-deadline to 2056-09-30: 2056-09-30 is before today \(2056-10-01\)/);

  // The old deadline (7 November) passes without effect; the new one (21 November) holds.
  await world.sleepUntil('2056-11-08T08:00');
  for (const h of handles) expect((await h.query(statusQuery)).status).toBe('OFFERED');
  const view = await handles[0]!.query(statusQuery);
  expect(view.planned.signingDeadline).toBe('2056-11-21');
  expect(view.history.find((e) => e.event === 'DEADLINE_MOVED')).toMatchObject({ by: 'teamleider inkoop', text: 'signing-deadline moved to 2056-11-21: VECOZO-storing in november' });
  await world.sleepUntil('2056-11-22T08:00');
  for (const h of handles) expect((await world.finalView(h)).status).toBe('EXPIRED');
  const expiredAt = (await handles[0]!.query(statusQuery)).history.find((e) => e.event === 'SIGNING_DEADLINE_PASSED');
  expect(expiredAt).toMatchObject({ event: 'SIGNING_DEADLINE_PASSED', at: ams('2056-11-22T00:00').toISOString() });
  // Reminders followed the move: 7 days and 1 day before 21 November, none for 7 November after the move.
  const reminders = (await world.deps.portal.messages(others[0]!.agbCode)).filter((m) => m.kind === 'reminder');
  expect(reminders.map((m) => (m.kind === 'reminder' ? `${m.details?.day}-${m.details?.daysBefore}` : ''))).toEqual(['2056-11-21-7', '2056-11-21-1']);
  await recordHistory(handles[0]!, 'hulpmiddelen-2026-deadline-moved-expired');
});

test('003 s5: published from 12 November; a withdrawal after publication takes the listing out of the finder', async () => {
  await world.settle(main, (v) => v.status === 'PUBLISHED');
  expect((await world.deps.directory.listings()).map((l) => [l.agbCode, l.publishedOn])).toEqual([[haarwerken.agbCode, '2056-11-12']]);
  await world.sleepUntil('2057-02-01T10:00');
  const v = await main.executeUpdate(withdrawUpdate, { args: [{ reason: 'bedrijf beëindigd', initiatedBy: 'provider', by: 'curator' }] });
  expect(v.status).toBe('WITHDRAWN');
  expect(await world.deps.directory.listings()).toEqual([]);
  await recordHistory(main, 'hulpmiddelen-2026-direct-offer-published-withdrawn');
});
