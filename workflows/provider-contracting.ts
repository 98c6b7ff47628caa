/**
 * One provider's contracting track for one policy edition and contract kind: a long-running
 * workflow that interprets the provider contract machine (machines/provider-contract.ts).
 *
 * The workflow keeps the machine snapshot, turns updates and timer expiries into machine
 * events, and runs the effects `transition()` returns through the effect runner (effects.ts), one
 * at a time, in order. It owns every timer: which ones run is `pendingTimers(snapshot)`; a moved
 * deadline changes the snapshot, and so the timer, at the next turn of the loop. What staff see is
 * the status view (status-view.ts). The machine branches only on the decision's typed fields; no
 * policy rule lives here.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import {
  pendingTimers,
  providerContractMachine,
  type AskedEffect,
  type EffectType,
  type RetriedEffects,
  type ProviderEvent,
  type ProviderSnapshot,
  type ProviderStateName,
} from '../machines/provider-contract';
import { publicStatus } from '../machines/public-status';
import { statusText } from './status-texts';
import { amsterdamDay } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import type { ProviderInput } from '../policies/provider';
import { EffectRunner } from './effects';
import { hasEnded, nextDeadlineOf, statusBeforeSending, timersOf, TRACKS_V2 } from './legacy';
import { acceptedCommands, COMMAND_LIST, type Track } from './catalogue';
import { statusQuery, type ProviderStatusView } from './messages';
import { ZorgAgbCode, ZorgContractKind, ZorgNextDeadline, ZorgPolicy, ZorgStatus, ZorgTier } from './search-attributes';
import { buildView, detailsMarkdown } from './status-view';


/** What starts a provider's track. */
export interface ProviderContractingInput {
  policyId: string;
  /** The edition's revision the track decides with (absent: the edition as it is when the track starts). */
  revision?: string;
  provider: ProviderInput;
  /** The contract kind, where the policy decides more than one for this provider. */
  contractKind?: string;
  /**
   * The track's decision, made by the campaign's page when it started the track (the same
   * function, edition revision and validated provider record as `evaluateProvider`): the track
   * takes it instead of evaluating again. Absent (`track start`, older campaigns): it evaluates.
   */
  decision?: Decision;
}


/*
 * Fixes found by a fault probe (docs/decisions.md). Each is asked where its decision is made, so a
 * replay of an older history takes the old way there, and a running track takes the new way from
 * its next step on: the fix reaches every open track, and every history still replays. Two more
 * are asked in the effect runner (effects.ts).
 */
/** The search attribute says SENDING while the portal has not taken a message (not OFFERED ahead of it). */
export const SENDING_STATUS = 'sending-status';
/** A timer due before a command arrived is applied before that command. */
export const EVENTS_IN_TIME_ORDER = 'events-in-time-order';
/**
 * A decision the campaign passed in is taken, not evaluated again. A patch, not only the input's
 * field: a track that a worker without this code began (it evaluated) replays its evaluation here.
 */
export const DECISION_FROM_CAMPAIGN = 'decision-from-campaign';

/**
 * The decision a track was started with, where it is this track's: its contract kind and edition
 * revision are the ones the track names. Otherwise (none, or not this track's) the track evaluates.
 * Plain checks: the decision was made from a provider record zod validated, by the page activity.
 */
function passedDecision(input: ProviderContractingInput): Decision | undefined {
  const d = input.decision;
  if (typeof d !== 'object' || d === null || typeof d.contractKind !== 'string' || d.agbCode !== input.provider.agbCode || d.policyId !== input.policyId) return undefined;
  if (input.contractKind && d.contractKind !== input.contractKind) return undefined;
  if (input.revision && d.edition?.revision !== input.revision) return undefined;
  return d;
}

/** A command from an update, queued for the main loop. */
interface Pending {
  event: ProviderEvent;
  /** What the track waits for, in words for engineers ("a signature"): the refusal's. */
  waitsFor: string;
  done: boolean;
  rejection?: string;
}

/** The provider contracting workflow. */
export async function providerContractingWorkflow(input: ProviderContractingInput): Promise<ProviderStatusView> {
  // The provider record is validated by zod in `evaluateProvider`, the track's first step, not
  // here: see `commandSchemas`. Here only what the track needs before that step.
  if (typeof input?.policyId !== 'string' || !input.policyId) throw ApplicationFailure.nonRetryable('invalid workflow input: policyId: required', 'InvalidInput');
  if (typeof input.provider !== 'object' || input.provider === null) throw ApplicationFailure.nonRetryable('invalid workflow input: provider: required', 'InvalidInput');
  // Changes to running workflows go behind patched(): see TRACKS_V2 (legacy.ts).
  const v2 = patched(TRACKS_V2);
  const { policyId, contractKind } = input;
  const now = () => new Date().toISOString(); // workflow time: deterministic on replay
  const today = () => amsterdamDay(Date.now());
  const effects = new EffectRunner({ workflowId: workflowInfo().workflowId, policyId, revision: input.revision, v2, now, today }, input.provider);
  const agbCode = input.provider.agbCode;

  let [snapshot] = initialTransition(providerContractMachine, {
    policyId,
    agbCode,
    providerName: input.provider.name,
  });
  const inbox: Pending[] = [];
  const state = () => snapshot.value as ProviderStateName;
  const isDone = () => hasEnded(snapshot, v2);
  const view = (): ProviderStatusView => ({ ...buildView(snapshot, nextDeadlineOf(snapshot, v2)), accepts: isDone() ? [] : acceptedCommands(snapshot, { now, today }) });

  // Rejects an update before it is accepted: no history event, the caller gets the reason.
  const refuse = (message: string, type = 'NotWaiting', details?: unknown): never => {
    throw ApplicationFailure.nonRetryable(`provider ${agbCode} under ${policyId} ${message}`, type, ...(details === undefined ? [] : [details]));
  };
  const requireWaiting = (event: ProviderEvent, waitsFor: string) => {
    if (inbox.length > 0) refuse('is processing another command; try again', 'Busy');
    // A command counts at the moment the workflow receives it: a timer that was due before then
    // (a deadline passed while no worker ran) is judged first (probe defect 8).
    const judged = v2 ? afterDueTimers(snapshot, Date.now()) : snapshot;
    if (isDone() || judged.status === 'done' || !judged.can(event)) {
      const status = publicStatus(judged);
      refuse(`is ${status} (${statusText(judged)}), not waiting for ${waitsFor}`);
    }
  };

  // Queues the event for the main loop and answers once it (and its effects) ran.
  const submit = async (event: ProviderEvent, waitsFor: string): Promise<ProviderStatusView> => {
    const pending: Pending = { event, waitsFor, done: false };
    inbox.push(pending);
    await condition(() => pending.done);
    if (pending.rejection) throw ApplicationFailure.nonRetryable(pending.rejection, 'NotWaiting');
    return view();
  };

  // Every command of the catalogue: its update's handler and validator (catalogue.ts).
  setHandler(statusQuery, view);
  const track: Track = { snapshot: () => snapshot, now, today, submit, refuse, requireWaiting };
  for (const command of COMMAND_LIST) command.register(track);

  let indexed: { status?: string; deadline?: number | null; tier?: string } = {};
  // Search attributes and Web UI details follow the public status, the tier and the next deadline.
  const syncSearchAttributes = () => {
    let status = publicStatus(snapshot);
    if (status === 'SENDING' && !patched(SENDING_STATUS)) status = statusBeforeSending(snapshot);
    const next = nextDeadlineOf(snapshot, v2);
    const deadline = next?.at.getTime() ?? null;
    const tier = snapshot.context.tier;
    if (status === indexed.status && deadline === indexed.deadline && tier === indexed.tier) return;
    upsertSearchAttributes([
      { key: ZorgPolicy, value: policyId },
      { key: ZorgAgbCode, value: agbCode },
      { key: ZorgContractKind, value: snapshot.context.decision?.contractKind ?? null },
      { key: ZorgStatus, value: status },
      { key: ZorgNextDeadline, value: deadline === null ? null : new Date(deadline) },
      ...(v2 ? [{ key: ZorgTier, value: tier ?? null }] : []),
    ]);
    // The Web UI's details need no `accepts`: not asked of the machine on every step.
    setCurrentDetails(detailsMarkdown(buildView(snapshot, next)));
    indexed = { status, deadline, tier };
  };

  /**
   * Feeds one event to the machine and runs the effects it asks for, in order. A business refusal
   * (non-retryable) stops the track until staff act: the effects after it wait, with it, for
   * `RESUMED`. Anything else is a bug or an outage: it fails the workflow task, which is retried.
   */
  const apply = async (event: ProviderEvent): Promise<void> => {
    const [next, actions] = transition(providerContractMachine, snapshot, event);
    snapshot = next;
    syncSearchAttributes();
    // A resume asks for the refused effect and the ones after it: run each as itself.
    const asked = actions.flatMap(({ type, params }): AskedEffect[] => {
      if (type !== 'retryEffect') return [{ effect: type, params }];
      const retry = params as RetriedEffects;
      return [{ effect: retry.effect, params: retry.params }, ...(retry.rest ?? [])];
    });
    for (const [i, { effect, params }] of asked.entries()) {
      let followUp: ProviderEvent | undefined;
      try {
        followUp = await effects.run(effect as Exclude<EffectType, 'retryEffect'>, params, snapshot);
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : undefined;
        // A track that ended with this step (an audit entry of its last command) has nobody to stop for.
        if (!v2 || !(cause instanceof ApplicationFailure) || !cause.nonRetryable || snapshot.status === 'done') throw err;
        // It shows its reason and keeps where it stopped, so that staff can resume it.
        const rest = asked.slice(i + 1);
        await apply({ type: 'EFFECT_REFUSED', at: now(), effect, reason: cause.message, from: state(), params, ...(rest.length ? { rest } : {}) });
        return;
      }
      if (followUp) await apply(followUp);
    }
  };

  let evaluated: ProviderEvent;
  const passed = passedDecision(input);
  try {
    evaluated = passed && patched(DECISION_FROM_CAMPAIGN) ? effects.decided(passed) : await effects.evaluate(contractKind);
  } catch (err) {
    // A local activity's failure arrives as the activity's own ApplicationFailure.
    const cause = err instanceof ActivityFailure ? err.cause : err;
    if (cause instanceof ApplicationFailure && cause.type === 'InvalidProvider') throw ApplicationFailure.nonRetryable(`invalid workflow input: ${cause.message}`, 'InvalidInput');
    throw err;
  }
  await apply(evaluated);

  while (!isDone()) {
    const next = timersOf(snapshot, v2)[0];
    if (next) {
      const wait = next.at.getTime() - Date.now();
      const arrived = wait > 0 ? await condition(() => inbox.length > 0, wait) : inbox.length > 0;
      if (!arrived) {
        // The timer's own instant; a date already past before we waited (a late start) counts from now.
        await apply({ ...next.event, at: wait > 0 ? next.at.toISOString() : now() } as ProviderEvent);
        continue;
      }
    } else {
      await condition(() => inbox.length > 0);
    }
    // A timer that was due before the command arrived goes first: the command is judged against
    // the state at its own moment, not against the order the worker happened to read them in.
    if (next && next.at.getTime() <= Date.parse(inbox[0]!.event.at) && patched(EVENTS_IN_TIME_ORDER)) {
      await apply({ ...next.event, at: next.at.toISOString() } as ProviderEvent);
      continue;
    }
    const pending = inbox.shift()!;
    // The state may have moved since the update was validated (a timer fired in between).
    if (!isDone() && snapshot.can(pending.event)) await apply(pending.event);
    else pending.rejection = `provider ${agbCode} is ${publicStatus(snapshot)}: no longer waiting for ${pending.waitsFor}`;
    pending.done = true;
  }

  // Let update handlers return their answers before the workflow completes.
  await condition(allHandlersFinished);
  return view();
}

/**
 * The snapshot as it is once the timers due by `nowMs` have fired (pure: effects are not run).
 * An update's validator judges a command against this, so a command that reaches the workflow
 * after a deadline passed is refused, whatever order the worker reads them in.
 */
function afterDueTimers(snapshot: ProviderSnapshot, nowMs: number): ProviderSnapshot {
  let current = snapshot;
  for (let i = 0; i < 10 && current.status !== 'done'; i++) {
    const due = pendingTimers(current)[0];
    if (!due || due.at.getTime() > nowMs) break;
    current = transition(providerContractMachine, current, { ...due.event, at: due.at.toISOString() } as ProviderEvent)[0];
  }
  return current;
}
