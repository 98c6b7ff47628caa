/**
 * Model-based tests: xstate/graph generates paths through the provider contract machine from a
 * sample of every event (each track's decision, every command, every timer), and every path is
 * checked: it ends in a documented public status, a final path ends in a final status, and the
 * publication gate holds (the finder is asked to list a provider only after a signature, never
 * after a refusal, an expiry or a withdrawal).
 */
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { initialTransition, transition } from 'xstate';
import { hasOpenOffer, providerContractMachine, type ProviderEvent, type ProviderSnapshot, type ProviderStateName } from '../../machines/provider-contract';
import { PUBLIC_STATUSES, publicStatus } from '../../machines/public-status';
import { evaluate } from '../../policies';
import type { Decision } from '../../policies/decision';
import { ProviderSchema } from '../../policies/provider';
import { edition } from '../helpers/editions';

const zg = edition('zg-2026');
const paramedisch = edition('paramedisch-2027');

const at = '2026-10-01T08:00:00.000Z';
const by = 'staff';

// One real decision per track and variant, from the policies themselves.
const base = {
  name: 'Praktijk',
  vektisRegistered: true,
  vecozoCertificate: true,
};
const zgDecision = (contracts: { fromYear: number; toYear: number }[]) =>
  evaluate(zg, ProviderSchema.parse({ ...base, agbCode: '01000001', locations: [{ agbCode: '01000001', name: 'X', city: 'Y' }], contracts: contracts.map((c) => ({ careType: 'zg', kind: 'zg', ...c })) }))[0]!;
const fysio = (extra: object) =>
  evaluate(
    paramedisch,
    ProviderSchema.parse({
      ...base,
      agbCode: '04000001',
      locations: [{ agbCode: '04000001', name: 'X', city: 'Y' }],
      practitioners: [{ agbCode: '04000002', specialisations: [], hoursPerWeek: 32 }],
      contractKinds: ['fysiotherapie'],
      ...extra,
    }),
  ).find((d) => d.contractKind === 'fysiotherapie')!;
const logopedie = evaluate(
  paramedisch,
  ProviderSchema.parse({
    ...base,
    agbCode: '05000001',
    locations: [{ agbCode: '05000001', name: 'X', city: 'Y' }],
    practitioners: [{ agbCode: '05000002' }],
    contracts: [{ careType: 'paramedisch', kind: 'logopedie', fromYear: 2025, toYear: 2026 }],
  }),
).find((d) => d.contractKind === 'logopedie')!;

const decisions: Record<string, Decision> = {
  negotiation: zgDecision([{ fromYear: 2025, toYear: 2025 }]),
  running: zgDecision([{ fromYear: 2025, toYear: 2027 }]),
  notApproached: zgDecision([]),
  questionnaire: logopedie,
  runningWithAnnex: fysio({ contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2026, toYear: 2027 }], behandelindex: [{ year: 2025, value: 120 }] }),
  behandelindexExcluded: fysio({ contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2024, toYear: 2025 }], behandelindex: [{ year: 2025, value: 170 }] }),
};

test('the sample decisions cover the tracks they are named for', () => {
  expect(Object.fromEntries(Object.entries(decisions).map(([k, d]) => [k, d.track]))).toEqual({
    negotiation: 'negotiation',
    running: 'running-contract',
    notApproached: 'not-approached',
    questionnaire: 'questionnaire',
    runningWithAnnex: 'running-contract',
    behandelindexExcluded: 'not-approached',
  });
});

const directOffer: Decision = { ...decisions.questionnaire!, track: 'direct-offer' };
const application: Decision = { ...decisions.notApproached!, track: 'application', reasons: [{ ...decisions.notApproached!.reasons[0]!, met: true }] };
const followMissing: Decision = { ...decisions.notApproached!, track: 'follow', reasons: [{ ruleId: 'x.s4.document.plan', met: false, text: 'quality plan missing', source: { file: '004_77e6806496974b03.txt', section: '4' } }] };

const EVENTS: ProviderEvent[] = [
  ...[...Object.values(decisions), directOffer, application, followMissing].map((decision): ProviderEvent => ({ type: 'EVALUATED', at, decision })),
  { type: 'TARIFF_ANNEX_DATE_REACHED', at },
  { type: 'TARIFF_ANNEX_SENT', at, messageId: 'm' },
  { type: 'INVITATION_SENT', at, messageId: 'm' },
  { type: 'CONVERSATION_RECORDED', at, outcome: 'positive', by },
  { type: 'CONVERSATION_RECORDED', at, outcome: 'negative', by },
  { type: 'QUESTIONNAIRE_OPEN_REACHED', at },
  { type: 'QUESTIONNAIRE_SENT', at, messageId: 'm' },
  { type: 'QUESTIONNAIRE_SUBMITTED', at, by },
  { type: 'QUESTIONNAIRE_DEADLINE_PASSED', at },
  { type: 'ASSESSED', at, outcome: 'positive', tier: 'A', by },
  { type: 'ASSESSED', at, outcome: 'negative', reason: 'no', by },
  { type: 'DOCUMENTS_REQUESTED', at, documents: ['plan'], by },
  { type: 'DOCUMENTS_RECEIVED', at, documents: ['plan'], by },
  { type: 'EXCEPTION_REQUESTED', at, reason: 'care grounds', by },
  { type: 'APPLICATION_RECEIVED', at, receivedOn: '2026-10-01', kinds: [], by },
  { type: 'OFFER_DATE_REACHED', at },
  { type: 'OFFER_SENT', at, offerId: 'o', offeredOn: '2026-10-01', signingDeadline: '2026-11-08' },
  { type: 'CONTRACT_SIGNED', at, by },
  { type: 'OFFER_REFUSED', at, reason: 'no', by },
  { type: 'OFFER_CLOSED', at, reason: 'refused' },
  { type: 'SIGNING_DEADLINE_PASSED', at },
  { type: 'PUBLICATION_DATE_REACHED', at },
  { type: 'PUBLISHED', at, listingIds: ['l'] },
  { type: 'EVIDENCE_CORRECTED', at, tier: 'A', receivedOn: '2026-10-01', effectiveFrom: '2026-11-01', by },
  { type: 'WITHDRAWN', at, reason: 'opt-out', initiatedBy: 'provider', by },
  { type: 'WITHDRAWAL_PROCESSED', at },
  { type: 'CONTRACT_YEAR_ENDED', at },
  { type: 'EFFECT_REFUSED', at, effect: 'sendOffer', reason: 'unknown in VECOZO' },
  { type: 'RESUMED', at, by },
];

// States are told apart by name and the few facts that change the way on; the growing history does not count.
const serializeState = (s: ProviderSnapshot) => JSON.stringify([s.value, s.context.decision?.track, s.context.decision?.contractKind]);
const input = { policyId: 'p', agbCode: '00000001', providerName: 'Praktijk' };

function replay(events: ProviderEvent[]): { snapshots: ProviderSnapshot[]; effects: string[][] } {
  let [snapshot] = initialTransition(providerContractMachine, input);
  const snapshots = [snapshot];
  const effects: string[][] = [];
  for (const event of events) {
    const [next, actions] = transition(providerContractMachine, snapshot, event);
    snapshot = next;
    snapshots.push(snapshot);
    effects.push(actions.map((a) => a.type));
  }
  return { snapshots, effects };
}

const shortest = getShortestPaths(providerContractMachine, { events: EVENTS, input, serializeState });
// Simple paths branch at every state on the events every state accepts; the two that only end a
// track (the end of the year, a refusal by the portal) are left to the shortest paths above.
const ENDING: ProviderEvent['type'][] = ['CONTRACT_YEAR_ENDED', 'EFFECT_REFUSED'];
const simple = getSimplePaths(providerContractMachine, { events: EVENTS.filter((e) => !ENDING.includes(e.type)), input, serializeState, limit: 20_000 });

test('the generated paths reach every state of the machine', () => {
  const reached = new Set(shortest.map((p) => p.state.value as string));
  expect([...reached].sort()).toEqual(Object.keys(providerContractMachine.config.states!).sort());
  expect(simple.length).toBeGreaterThan(shortest.length);
});

test.each([
  ['shortest', shortest],
  ['simple', simple],
])('every %s path ends in a documented public status; final paths in a final one', (_name, paths) => {
  const finalStatuses = new Set<string>();
  for (const path of paths) {
    const status = publicStatus(path.state);
    expect(Object.keys(PUBLIC_STATUSES)).toContain(status);
    if (path.state.status === 'done') finalStatuses.add(status);
  }
  expect(finalStatuses.has('EVALUATING')).toBe(false);
  expect(finalStatuses.has('OFFERED')).toBe(false);
});

test('001/000 publication gate: the finder is asked to list a provider only after its signature, never after a refusal, expiry or withdrawal', () => {
  let checked = 0;
  for (const path of simple) {
    const events = path.steps.slice(1).map((s) => s.event);
    const { effects } = replay(events);
    events.forEach((event, i) => {
      if (!effects[i]!.includes('publishInDirectory')) return;
      checked++;
      const before = events.slice(0, i).map((e) => e.type);
      expect(before).toContain('CONTRACT_SIGNED');
      expect(before).not.toEqual(expect.arrayContaining(['OFFER_REFUSED']));
      expect(before).not.toEqual(expect.arrayContaining(['SIGNING_DEADLINE_PASSED']));
      expect(before).not.toEqual(expect.arrayContaining(['WITHDRAWN']));
      expect(event.type).toBe('PUBLICATION_DATE_REACHED');
    });
  }
  expect(checked).toBeGreaterThan(0);
});

test('an offer goes out only after a positive conversation, a positive assessment or its offer date', () => {
  for (const path of simple) {
    const events = path.steps.slice(1).map((s) => s.event);
    const { effects } = replay(events);
    events.forEach((event, i) => {
      if (effects[i]!.includes('sendOffer')) {
        expect(['CONVERSATION_RECORDED', 'OFFER_DATE_REACHED']).toContain(event.type);
      }
    });
  }
});

test('defect 7: no track ends with an offer that can still be signed: the year end, a refusal and every closing close it first', () => {
  // Every state the simple paths reach, then the two events that end a track from anywhere (the
  // end of the year; a portal refusal, then the end of the year), with the results the workflow
  // feeds back for the effects asked (an offer closed, a withdrawal processed).
  const feedBack: Partial<Record<string, ProviderEvent>> = { closeOffer: { type: 'OFFER_CLOSED', at, reason: 'contract-year-ended' }, processWithdrawal: { type: 'WITHDRAWAL_PROCESSED', at } };
  const yearEnd: ProviderEvent = { type: 'CONTRACT_YEAR_ENDED', at };
  const refused: ProviderEvent = { type: 'EFFECT_REFUSED', at, effect: 'sendReminder', reason: 'certificate withdrawn' };
  const states = new Map<string, ProviderSnapshot>();
  for (const path of [...shortest, ...simple]) for (const step of path.steps) states.set(serializeState(step.state) + JSON.stringify(step.state.context.offer ?? null), step.state);
  let ended = 0;
  let hadOffer = 0;
  for (const start of states.values()) {
    if (start.status === 'done') {
      expect(hasOpenOffer(start.context)).toBe(false);
      continue;
    }
    for (const events of [[yearEnd], [refused, yearEnd]]) {
      let snapshot: ProviderSnapshot = start;
      const queue: ProviderEvent[] = [...events];
      while (queue.length) {
        const [next, actions]: [ProviderSnapshot, { type: string }[]] = transition(providerContractMachine, snapshot, queue.shift()!);
        snapshot = next;
        for (const a of actions) if (feedBack[a.type]) queue.push(feedBack[a.type]!);
      }
      expect(snapshot.status).toBe('done');
      ended++;
      if (start.context.offer) hadOffer++;
      expect({ from: start.value, openOffer: hasOpenOffer(snapshot.context) }).toEqual({ from: start.value, openOffer: false });
    }
  }
  expect(hadOffer).toBeGreaterThan(0);
  expect(ended).toBeGreaterThan(states.size);
});

test('every state an effect is asked in can be resumed to, so a refused effect can always be tried again; one effect a transition besides its audit entry', () => {
  let checked = 0;
  for (const path of [...shortest, ...simple]) {
    const events = path.steps.slice(1).map((st) => st.event);
    const { snapshots, effects } = replay(events);
    effects.forEach((asked, i) => {
      const runnable = asked.filter((e) => !['record', 'entered', 'decided', 'conversed', 'assessed', 'reminded', 'corrected', 'yearEnded', 'offerClosed'].includes(e));
      if (runnable.length === 0) return;
      checked++;
      expect(runnable.filter((e) => e !== 'auditCommand' && e !== 'reevaluate').length).toBeLessThanOrEqual(1);
      const target = snapshots[i + 1]!.value as ProviderStateName;
      // A command that ends the track asks only its audit entry: a refusal of it fails the run, as before.
      if (providerContractMachine.config.states![target]!.type === 'final') return expect({ runnable, in: target }).toEqual({ runnable: ['auditCommand'], in: target });
      // Refused there, then resumed: back in the same state, the refused effect asked again.
      const effect = runnable.at(-1)!;
      const [stopped] = transition(providerContractMachine, snapshots[i + 1]!, { type: 'EFFECT_REFUSED', at, effect, reason: 'refused', from: target, params: undefined });
      const [resumed, again] = transition(providerContractMachine, stopped, { type: 'RESUMED', at, by });
      expect({ effect, in: target, resumedTo: resumed.value, retried: again.find((a) => a.type === 'retryEffect')?.params }).toEqual({ effect, in: target, resumedTo: target, retried: { effect, params: undefined } });
    });
  }
  expect(checked).toBeGreaterThan(100);
});

test('every command a person gives is audited, before anything else its step asks; nothing else is', () => {
  let audited = 0;
  for (const path of simple) {
    const events = path.steps.slice(1).map((st) => st.event);
    const { snapshots, effects } = replay(events);
    events.forEach((event, i) => {
      const taken = snapshots[i + 1]!.context.history.length > snapshots[i]!.context.history.length;
      const expected = taken && 'by' in event;
      expect({ event: event.type, audited: effects[i]![0] === 'auditCommand' }).toEqual({ event: event.type, audited: expected });
      expect(effects[i]!.filter((e) => e === 'auditCommand').length).toBe(expected ? 1 : 0);
      if (expected) audited++;
    });
  }
  expect(audited).toBeGreaterThan(100);
});

test('a refused effect, resumed, goes back to the state it stopped in and asks the same effect again', () => {
  const offering = shortest.find((p) => p.state.value === 'offering')!;
  const events = offering.steps.slice(1).map((st) => st.event);
  const { snapshots } = replay(events);
  const before = snapshots.at(-1)!;
  const [stopped] = transition(providerContractMachine, before, { type: 'EFFECT_REFUSED', at, effect: 'sendOffer', reason: 'unknown in VECOZO', from: 'offering', params: undefined });
  expect(publicStatus(stopped)).toBe('NEEDS_ATTENTION');
  const [resumed, actions] = transition(providerContractMachine, stopped, { type: 'RESUMED', at, by });
  expect(resumed.value).toBe('offering');
  expect(actions.filter((a) => a.type === 'retryEffect').map((a) => a.params)).toEqual([{ effect: 'sendOffer', params: undefined }]);
});
