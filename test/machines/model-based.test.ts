/**
 * Model-based tests: xstate/graph generates paths through the provider contract machine from a
 * sample of every event (each track's decision, every command, every timer), and every path is
 * checked: it ends in a documented public status, a final path ends in a final status, and the
 * publication gate holds (the finder is asked to list a provider only after a signature, never
 * after a refusal, an expiry or a withdrawal). The paths reach every state and fire every event
 * type the machine declares, in every state that declares it; the declared types are read from the
 * machine's state nodes and held to the `ProviderEvent` union, so a transition taken out fails here.
 */
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { initialTransition, transition, type StateValue } from 'xstate';
import { hasOpenOffer, pendingTimers, providerContractMachine, type ProviderEvent, type ProviderSnapshot, type ProviderStateName } from '../../machines/provider-contract';
import { PUBLIC_STATUSES, publicStatus } from '../../machines/public-status';
import { evaluate } from '../../policies';
import type { Decision } from '../../policies/decision';
import { ProviderSchema } from '../../policies/provider';
import { edition } from '../helpers/editions';
import { timersOf } from '../../workflows/legacy';

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

/**
 * Samples of every event the machine knows, by type: the compiler holds the keys to the
 * `ProviderEvent` union (a type without samples does not compile), and a test below holds them to
 * the event types the machine itself declares. The workflow's timers are added per state from
 * `pendingTimers` where the paths must fire every event (`covering`).
 */
type Samples = { [T in ProviderEvent['type']]: Extract<ProviderEvent, { type: T }>[] };
const SAMPLES: Samples = {
  EVALUATED: [...Object.values(decisions), directOffer, application, followMissing].map((decision) => ({ type: 'EVALUATED', at, decision })),
  TARIFF_ANNEX_DATE_REACHED: [{ type: 'TARIFF_ANNEX_DATE_REACHED', at }],
  TARIFF_ANNEX_SENT: [{ type: 'TARIFF_ANNEX_SENT', at, messageId: 'm' }],
  INVITATION_SENT: [{ type: 'INVITATION_SENT', at, messageId: 'm' }],
  CONVERSATION_RECORDED: [
    { type: 'CONVERSATION_RECORDED', at, outcome: 'positive', by },
    { type: 'CONVERSATION_RECORDED', at, outcome: 'negative', by },
  ],
  QUESTIONNAIRE_OPEN_REACHED: [{ type: 'QUESTIONNAIRE_OPEN_REACHED', at }],
  QUESTIONNAIRE_SENT: [{ type: 'QUESTIONNAIRE_SENT', at, messageId: 'm' }],
  QUESTIONNAIRE_SUBMITTED: [{ type: 'QUESTIONNAIRE_SUBMITTED', at, by }],
  QUESTIONNAIRE_DEADLINE_PASSED: [{ type: 'QUESTIONNAIRE_DEADLINE_PASSED', at }],
  // Assessed at a tier that corrected evidence can still raise (signed, contracted).
  ASSESSED: [
    { type: 'ASSESSED', at, outcome: 'positive', tier: 'C', by },
    { type: 'ASSESSED', at, outcome: 'negative', reason: 'no', by },
  ],
  DOCUMENTS_REQUESTED: [{ type: 'DOCUMENTS_REQUESTED', at, documents: ['plan'], by }],
  DOCUMENTS_RECEIVED: [{ type: 'DOCUMENTS_RECEIVED', at, documents: ['plan'], by }],
  EXCEPTION_REQUESTED: [{ type: 'EXCEPTION_REQUESTED', at, reason: 'care grounds', by }],
  APPLICATION_RECEIVED: [{ type: 'APPLICATION_RECEIVED', at, receivedOn: '2026-10-01', kinds: [], by }],
  OFFER_DATE_REACHED: [{ type: 'OFFER_DATE_REACHED', at }],
  OFFER_SENT: [{ type: 'OFFER_SENT', at, offerId: 'o', offeredOn: '2026-10-01', signingDeadline: '2026-11-08' }],
  CONTRACT_SIGNED: [{ type: 'CONTRACT_SIGNED', at, by }],
  OFFER_REFUSED: [{ type: 'OFFER_REFUSED', at, reason: 'no', by }],
  OFFER_CLOSED: [{ type: 'OFFER_CLOSED', at, reason: 'refused' }],
  SIGNING_DEADLINE_PASSED: [{ type: 'SIGNING_DEADLINE_PASSED', at }],
  PUBLICATION_DATE_REACHED: [{ type: 'PUBLICATION_DATE_REACHED', at }],
  PUBLISHED: [{ type: 'PUBLISHED', at, listingIds: ['l'] }],
  EVIDENCE_CORRECTED: [{ type: 'EVIDENCE_CORRECTED', at, tier: 'A', receivedOn: '2026-10-01', effectiveFrom: '2026-11-01', by }],
  DEADLINE_MOVED: [
    { type: 'DEADLINE_MOVED', at, deadline: 'signing-deadline', to: '2026-12-01', reason: 'ziekte', by },
    { type: 'DEADLINE_MOVED', at, deadline: 'questionnaire-deadline', to: '2026-11-15', reason: 'storing portaal', by },
  ],
  REMINDER_DUE: [{ type: 'REMINDER_DUE', at, deadline: 'signing-deadline', day: '2026-11-08', daysBefore: 7 }],
  ESCALATION_DUE: [{ type: 'ESCALATION_DUE', at, waitingSince: at }],
  NEW_PRODUCT_REQUESTED: [{ type: 'NEW_PRODUCT_REQUESTED', at, product: 'echografie', receivedOn: '2026-10-01', by }],
  QUESTION_ASKED: [{ type: 'QUESTION_ASKED', at, subject: 'AGB 01000001 zg: wanneer komt het aanbod?', receivedOn: '2026-10-01', by }],
  QUESTION_ANSWERED: [{ type: 'QUESTION_ANSWERED', at, question: 1, answer: 'in november', by }],
  QUESTION_OVERDUE: [{ type: 'QUESTION_OVERDUE', at, question: 1 }],
  WITHDRAWN: [{ type: 'WITHDRAWN', at, reason: 'opt-out', initiatedBy: 'provider', by }],
  WITHDRAWAL_PROCESSED: [{ type: 'WITHDRAWAL_PROCESSED', at }],
  CONTRACT_YEAR_ENDED: [{ type: 'CONTRACT_YEAR_ENDED', at }],
  EFFECT_REFUSED: [{ type: 'EFFECT_REFUSED', at, effect: 'sendOffer', reason: 'unknown in VECOZO' }],
  RESUMED: [{ type: 'RESUMED', at, by }],
};
const EVENTS: ProviderEvent[] = Object.values(SAMPLES).flat();

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

/** Every state node of the machine, the root first, however deep its states are nested. */
type StateNode = typeof providerContractMachine.root;
const nodesOf = (node: StateNode): StateNode[] => [node, ...Object.values(node.states).flatMap(nodesOf)];
const NODES = nodesOf(providerContractMachine.root);
const pathOf = (node: StateNode) => node.path.join('.');

// The events no transition of the machine leaves its state on (a reminder, a moved deadline, ...)
// lead these paths nowhere new: they are left to the covering paths below, which fire them.
const TRANSITIONS = NODES.flatMap((n) => Object.entries(n.on));
const STAYING = new Set(TRANSITIONS.map(([type]) => type).filter((type) => TRANSITIONS.every(([t, defs]) => t !== type || defs.every((d) => !d.target?.length))));
const MOVING = EVENTS.filter((e) => !STAYING.has(e.type));
const shortest = getShortestPaths(providerContractMachine, { events: MOVING, input, serializeState });
// Simple paths branch at every state on the events every state accepts; the two that only end a
// track (the end of the year, a refusal by the portal) are left to the shortest paths above.
const ENDING: ProviderEvent['type'][] = ['CONTRACT_YEAR_ENDED', 'EFFECT_REFUSED'];
const simple = getSimplePaths(providerContractMachine, { events: MOVING.filter((e) => !ENDING.includes(e.type)), input, serializeState, limit: 20_000 });

/** The states a snapshot is in, by their paths (`a`, `a.b`, ...): generic over compound and parallel states. */
function statePaths(value: StateValue, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  const entries = Object.entries(value);
  if (entries.length === 0) return [prefix.join('.')];
  return entries.flatMap(([key, child]) => [[...prefix, key].join('.'), ...(child === undefined ? [] : statePaths(child, [...prefix, key]))]);
}
/** The states a snapshot is in that have no child: the machine's leaves. */
const LEAVES = NODES.filter((n) => n.type === 'atomic' || n.type === 'final').map(pathOf).sort();
const leavesIn = (s: ProviderSnapshot) => statePaths(s.value).filter((p) => LEAVES.includes(p));

/** The event types the machine declares, from its own state nodes (not a list kept by hand). */
const DECLARED = [...new Set(NODES.flatMap((n) => n.ownEvents))].filter((type) => !type.startsWith('xstate.') && type !== '*').sort();

// Paths that fire every event: the shortest path to every state, then one step more for every
// event that state takes, so that a transition that stays in its state (a reminder, a moved
// deadline, a new product, an escalation) is fired too. Beside the samples, each state gets the
// timers the workflow keeps in it (`pendingTimers`) and the refusal the workflow sends from it.
type Refused = Extract<ProviderEvent, { type: 'EFFECT_REFUSED' }>;
const eventsIn = (s: ProviderSnapshot): ProviderEvent[] => [
  ...EVENTS,
  ...pendingTimers(s).map((t) => t.event),
  { type: 'EFFECT_REFUSED', at, effect: 'sendOffer', reason: 'unknown in VECOZO', from: s.value as Refused['from'] },
];
const covering = getShortestPaths(providerContractMachine, {
  events: eventsIn,
  input,
  // A stopped track is told apart also by where it stopped: where it resumes to; and a track by
  // whether a question of the provider waits for its answer (what an answer or its timer needs).
  serializeState: (s) =>
    JSON.stringify([s.value, s.context.decision?.track, s.context.decision?.contractKind, publicStatus(s) === 'NEEDS_ATTENTION' ? s.context.blocked?.from : undefined, (s.context.questions ?? []).some((q) => !q.answered && !q.overdue)]),
}).flatMap((path) =>
  eventsIn(path.state)
    .filter((event) => path.state.can(event))
    .map((event) => {
      const [state] = transition(providerContractMachine, path.state, event);
      return { ...path, state, steps: [...path.steps, { state, event }] };
    }),
);
/** Every step of the paths once (paths share their first steps): the snapshot before it and the event it sends. */
function stepsOf(paths: typeof covering): { before: ProviderSnapshot; event: ProviderEvent }[] {
  const steps = new Map<object, { before: ProviderSnapshot; event: ProviderEvent }>();
  for (const path of paths) path.steps.slice(1).forEach((step, i) => steps.set(step, { before: path.steps[i]!.state, event: step.event }));
  return [...steps.values()];
}

test('the machine declares exactly the event types of ProviderEvent, and the samples have each', () => {
  expect(DECLARED).toEqual(Object.keys(SAMPLES).sort());
  expect(new Set(EVENTS.map((e) => e.type)).size).toBe(DECLARED.length);
});

test.each([
  ['shortest', shortest],
  ['covering', covering],
])('the %s paths reach every state of the machine', (_name, paths) => {
  const reached = new Set(paths.flatMap((p) => p.steps.flatMap((s) => leavesIn(s.state))));
  expect([...reached].sort()).toEqual(LEAVES);
  expect(simple.length).toBeGreaterThan(shortest.length);
});

test('the paths fire every event type the machine declares, in every state that declares it, the timers included', () => {
  const fired = new Set<string>();
  const firedIn = new Set<string>();
  for (const { before, event } of stepsOf(covering)) {
    // Every step of a shortest path is a transition the machine takes (else it would lead nowhere new).
    expect({ in: before.value, event: event.type, taken: before.can(event) }).toEqual({ in: before.value, event: event.type, taken: true });
    fired.add(event.type);
    // The transition is the deepest state's that declares the event (the machine's own order).
    const declaring = NODES.filter((n) => n.ownEvents.includes(event.type) && (n.path.length === 0 || statePaths(before.value).includes(pathOf(n))));
    firedIn.add(`${pathOf(declaring.sort((a, b) => b.path.length - a.path.length)[0]!)} ${event.type}`);
  }
  expect([...fired].sort()).toEqual(DECLARED);
  const declaredIn = NODES.flatMap((n) => n.ownEvents.filter((type) => DECLARED.includes(type)).map((type) => `${pathOf(n)} ${type}`));
  expect(declaredIn.filter((t) => !firedIn.has(t))).toEqual([]);
});

test('every timer the workflow keeps in a state fires an event that state takes', () => {
  const seen = new Set<ProviderSnapshot>();
  for (const path of [...covering, ...shortest]) for (const step of path.steps) seen.add(step.state);
  const timers = new Set<string>();
  for (const snapshot of seen) {
    for (const v2 of [true, false]) {
      for (const timer of timersOf(snapshot, v2)) {
        timers.add(timer.event.type);
        expect({ in: snapshot.value, timer: timer.event.type, taken: snapshot.can(timer.event) }).toEqual({ in: snapshot.value, timer: timer.event.type, taken: true });
      }
    }
  }
  expect([...timers].sort()).toEqual(
    ['CONTRACT_YEAR_ENDED', 'ESCALATION_DUE', 'OFFER_DATE_REACHED', 'PUBLICATION_DATE_REACHED', 'QUESTIONNAIRE_DEADLINE_PASSED', 'QUESTIONNAIRE_OPEN_REACHED', 'QUESTION_OVERDUE', 'REMINDER_DUE', 'SIGNING_DEADLINE_PASSED', 'TARIFF_ANNEX_DATE_REACHED'],
  );
});

test.each([
  ['shortest', shortest],
  ['simple', simple],
])('every %s path ends in a documented public status; final paths in a final one', (_name, paths) => {
  const finalStatuses = new Set<string>();
  for (const path of paths) {
    const status = publicStatus(path.state);
    expect([...PUBLIC_STATUSES]).toContain(status);
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
  const check = (asked: string[], after: ProviderSnapshot) => {
    const runnable = asked.filter((e) => !['record', 'entered', 'decided', 'conversed', 'assessed', 'reminded', 'corrected', 'yearEnded', 'offerClosed'].includes(e));
    if (runnable.length === 0) return;
    checked++;
    expect(runnable.filter((e) => e !== 'auditCommand' && e !== 'reevaluate').length).toBeLessThanOrEqual(1);
    const target = after.value as ProviderStateName;
    // A command that ends the track asks only its audit entry: a refusal of it fails the run, as before.
    if (providerContractMachine.config.states![target]!.type === 'final') return expect({ runnable, in: target }).toEqual({ runnable: ['auditCommand'], in: target });
    // Refused there, then resumed: back in the same state, the refused effect asked again.
    const effect = runnable.at(-1)!;
    const [stopped] = transition(providerContractMachine, after, { type: 'EFFECT_REFUSED', at, effect, reason: 'refused', from: target, params: undefined });
    const [resumed, again] = transition(providerContractMachine, stopped, { type: 'RESUMED', at, by });
    // Refused while the track already waits for staff: kept with the first refusal, tried after it on resume.
    if (target === 'needsAttention') {
      const retried = again.find((a) => a.type === 'retryEffect')?.params as { rest?: { effect: string }[] } | undefined;
      return expect({ effect, kept: retried?.rest?.some((r) => r.effect === effect) }).toEqual({ effect, kept: true });
    }
    expect({ effect, in: target, resumedTo: resumed.value, retried: again.find((a) => a.type === 'retryEffect')?.params }).toEqual({ effect, in: target, resumedTo: target, retried: { effect, params: undefined } });
  };
  for (const path of [...shortest, ...simple]) {
    const events = path.steps.slice(1).map((st) => st.event);
    const { snapshots, effects } = replay(events);
    effects.forEach((asked, i) => check(asked, snapshots[i + 1]!));
  }
  // The effects of the events the paths above leave out (a reminder, an escalation, a new product, a timer).
  for (const { before, event } of stepsOf(covering)) {
    // An ended track takes no command: the workflow has completed (hasEnded), nothing is fed to it.
    if (before.status === 'done') continue;
    const [after, actions] = transition(providerContractMachine, before, event);
    check(actions.map((a) => a.type), after);
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
