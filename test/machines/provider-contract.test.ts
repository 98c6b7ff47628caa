/**
 * The provider contract machine on its own: pure transitions, effects returned (not run),
 * and the deadline each state asks the workflow to keep.
 */
import { initialTransition, transition } from 'xstate';
import { pendingTimers, providerContractMachine, STATE_NAMES, type ProviderEvent, type ProviderSnapshot } from '../../machines/provider-contract';
import { PUBLIC_STATUSES, publicStatus } from '../../machines/public-status';
import { timersOf } from '../../workflows/legacy';
import { historyEntries } from '../../workflows/texts';
import type { Decision } from '../../policies/decision';
import { trackPlan } from '../../policies/decision';
import { edition } from '../helpers/editions';

const zg2026 = edition('zg-2026');

const decision = (track: Decision['track']): Decision => ({
  policyId: 'zg-2026',
  agbCode: '01234567',
  contractKind: 'zg',
  track,
  reasons: [],
  plan: trackPlan(zg2026, 'negotiation', 'zg'),
});

function run(events: ProviderEvent[]): { snapshot: ProviderSnapshot; effects: string[] } {
  let [snapshot] = initialTransition(providerContractMachine, { policyId: 'zg-2026', agbCode: '01234567', providerName: 'Visio' });
  const effects: string[] = [];
  for (const event of events) {
    const [next, actions] = transition(providerContractMachine, snapshot, event);
    snapshot = next;
    effects.push(...actions.map((a) => (a.params ? `${a.type}(${JSON.stringify(a.params)})` : a.type)));
  }
  return { snapshot, effects };
}

const at = '2025-09-01T08:00:00.000Z';
const toOffer: ProviderEvent[] = [
  { type: 'EVALUATED', at, decision: decision('negotiation') },
  { type: 'INVITATION_SENT', at, messageId: 'm1' },
  { type: 'CONVERSATION_RECORDED', at, outcome: 'positive', by: 'staff' },
  { type: 'OFFER_SENT', at: '2025-10-10T08:00:00.000Z', offerId: 'o1', offeredOn: '2025-10-10', signingDeadline: '2025-11-07' },
];

describe('provider contract machine (000 s4: ZG track)', () => {
  test('000 s4: running contract and not approached send nothing, and wait for the end of the contract year', () => {
    for (const [track, status] of [['running-contract', 'RUNNING_CONTRACT'], ['not-approached', 'NOT_APPROACHED']] as const) {
      const { snapshot, effects } = run([{ type: 'EVALUATED', at, decision: decision(track) }]);
      expect(publicStatus(snapshot)).toBe(status);
      expect(effects).toEqual([]);
      const ended = transition(providerContractMachine, snapshot, { type: 'CONTRACT_YEAR_ENDED', at: '2026-12-31T23:00:00.000Z' })[0];
      expect(ended.status).toBe('done');
      expect(publicStatus(ended)).toBe(status);
    }
  });

  test('000 s4: a positive conversation asks for the offer; the offer waits for a signature until its deadline day is over', () => {
    const { snapshot, effects } = run(toOffer);
    expect(effects).toEqual([
      'sendInvitation',
      'auditCommand({"step":3,"action":"CONVERSATION_RECORDED","at":"2025-09-01T08:00:00.000Z","actor":"staff","details":{"outcome":"positive"}})',
      'sendOffer',
    ]);
    expect(publicStatus(snapshot)).toBe('OFFERED');
    const [deadline, ...rest] = timersOf(snapshot, false);
    expect(rest).toEqual([]);
    expect(deadline).toMatchObject({ event: { type: 'SIGNING_DEADLINE_PASSED' }, day: '2025-11-07', at: new Date('2025-11-07T23:00:00.000Z'), isDeadline: true });
    // Today (a v1 run had the deadline only): reminders 7 days and 1 day before, at 09:00, and the end of the contract year.
    expect(pendingTimers(snapshot).map((t) => [t.event.type, t.at.toISOString()])).toEqual([
      ['REMINDER_DUE', '2025-10-31T08:00:00.000Z'],
      ['REMINDER_DUE', '2025-11-06T08:00:00.000Z'],
      ['SIGNING_DEADLINE_PASSED', '2025-11-07T23:00:00.000Z'],
      ['CONTRACT_YEAR_ENDED', '2026-12-31T23:00:00.000Z'],
    ]);
  });

  test('000 s4/s5: signed, then published from 12 November 2025, not before', () => {
    const signed = run([...toOffer, { type: 'CONTRACT_SIGNED', at: '2025-10-20T09:00:00.000Z', by: 'provider' }]);
    expect(publicStatus(signed.snapshot)).toBe('SIGNED');
    expect(timersOf(signed.snapshot, false)).toEqual([
      { event: { type: 'PUBLICATION_DATE_REACHED', at: '2025-11-11T23:00:00.000Z' }, day: '2025-11-12', at: new Date('2025-11-11T23:00:00.000Z'), isDeadline: false },
    ]);
    const published = run([
      ...toOffer,
      { type: 'CONTRACT_SIGNED', at: '2025-10-20T09:00:00.000Z', by: 'provider' },
      { type: 'PUBLICATION_DATE_REACHED', at: '2025-11-11T23:00:00.000Z' },
      { type: 'PUBLISHED', at: '2025-11-11T23:00:01.000Z', listingIds: ['zg-2026/01234567'] },
    ]);
    // The signature is audited, then written into the contract register, with the day it was signed.
    expect(published.effects.filter((e) => !e.startsWith('auditCommand'))).toEqual([
      'sendInvitation',
      'sendOffer',
      'registerContract({"signedAt":"2025-10-20T09:00:00.000Z","signedBy":"provider"})',
      'publishInDirectory',
    ]);
    expect(published.effects[3]).toBe('auditCommand({"step":5,"action":"CONTRACT_SIGNED","at":"2025-10-20T09:00:00.000Z","actor":"provider","details":{}})');
    expect(publicStatus(published.snapshot)).toBe('PUBLISHED');
    // The contract runs: the track stays open for corrected evidence until the contract year ends.
    expect(published.snapshot.status).toBe('active');
  });

  test('no signature by the deadline, or a refusal: the offer is closed, nothing is published', () => {
    const expired = run([...toOffer, { type: 'SIGNING_DEADLINE_PASSED', at: '2025-11-07T23:00:00.000Z' }]);
    expect(publicStatus(expired.snapshot)).toBe('EXPIRED');
    expect(expired.effects.at(-1)).toBe('closeOffer({"reason":"expired"})');
    const refused = run([...toOffer, { type: 'OFFER_REFUSED', at, by: 'provider', reason: 'tariff' }]);
    expect(publicStatus(refused.snapshot)).toBe('REFUSED');
    expect(refused.effects.at(-1)).toBe('closeOffer({"reason":"refused"})');
    expect(refused.snapshot.context.refusal).toMatchObject({ reason: 'tariff', by: 'provider' });
  });

  test('a negative conversation ends the track without an offer', () => {
    const { snapshot, effects } = run([...toOffer.slice(0, 2), { type: 'CONVERSATION_RECORDED', at, outcome: 'negative', by: 'staff', note: 'PREM missing' }]);
    expect(publicStatus(snapshot)).toBe('CONVERSATION_NEGATIVE');
    expect(effects).toEqual(['sendInvitation', expect.stringMatching(/^auditCommand\(.*"action":"CONVERSATION_RECORDED".*"details":\{"outcome":"negative","note":"PREM missing"\}/)]);
    expect(historyEntries(snapshot.context.history).at(-1)).toEqual({ at, event: 'CONVERSATION_RECORDED', by: 'staff', text: 'purchase conversation recorded as negative: PREM missing' });
  });

  test('an event the state does not wait for changes nothing (what update validators check)', () => {
    const { snapshot } = run(toOffer.slice(0, 2));
    const signature: ProviderEvent = { type: 'CONTRACT_SIGNED', at, by: 'provider' };
    expect(snapshot.can(signature)).toBe(false);
    const [next, actions] = transition(providerContractMachine, snapshot, signature);
    expect(next.value).toBe(snapshot.value);
    expect(next.context).toEqual(snapshot.context);
    expect(actions).toEqual([]);
  });

  test('every state maps to a documented public status', () => {
    expect([...STATE_NAMES].sort()).toEqual(Object.keys(providerContractMachine.config.states!).sort());
    for (const state of STATE_NAMES) {
      const snapshot = providerContractMachine.resolveState({
        value: state,
        context: { policyId: 'p', agbCode: 'a', providerName: 'n', history: [], amendments: [], moved: {}, remindersSent: [], escalated: [] },
      });
      expect([...PUBLIC_STATUSES]).toContain(publicStatus(snapshot));
    }
  });
});
