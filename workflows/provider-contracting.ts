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
import type { z } from 'zod';
import {
  deadlineMoveRefusal,
  isBetterTier,
  pendingTimers,
  providerContractMachine,
  type AskedEffect,
  type EffectType,
  type RetriedEffects,
  type ProviderEvent,
  type ProviderSnapshot,
  type ProviderStateName,
} from '../machines/provider-contract';
import { publicStatus, statusBeforeSending, statusText } from '../machines/public-status';
import { amsterdamDay } from '../policies/calendar';
import { correctedEvidenceEffectiveFrom, sourceLabel } from '../policies/offer-terms';
import type { ProviderInput } from '../policies/provider';
import { EffectRunner } from './effects';
import { hasEnded, nextDeadlineOf, timersOf, TRACKS_V2 } from './legacy';
import { DEADLINE_REFUSALS_EN } from './texts';
import {
  moveDeadlineUpdate,
  recordApplicationUpdate,
  recordAssessmentUpdate,
  recordConversationOutcomeUpdate,
  recordCorrectedEvidenceUpdate,
  recordDocumentsReceivedUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  requestDocumentsUpdate,
  requestExceptionUpdate,
  requestNewProductUpdate,
  resumeUpdate,
  statusQuery,
  submitQuestionnaireUpdate,
  withdrawUpdate,
  type ProviderStatusView,
} from './messages';
import { ZorgAgbCode, ZorgContractKind, ZorgNextDeadline, ZorgPolicy, ZorgStatus, ZorgTier } from './search-attributes';
import { buildView, detailsMarkdown, tiersOf } from './status-view';


/** What starts a provider's track. */
export interface ProviderContractingInput {
  policyId: string;
  /** The edition's revision the track decides with (absent: the edition as it is when the track starts). */
  revision?: string;
  provider: ProviderInput;
  /** The contract kind, where the policy decides more than one for this provider. */
  contractKind?: string;
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

type CommandSchemas = typeof import('./commands');

/**
 * The zod schemas of the commands, loaded when this workflow first sees a command rather than when
 * it starts. A worker evaluates every module a workflow imports once for each workflow it holds
 * (the SDK keeps a module cache per workflow), and zod with its schemas cost about 1.4 MB a track:
 * most tracks wait for weeks without a command, and a worker holds thousands of them.
 * docs/architecture.md, "What a worker costs", has the figures. `test/workflows/lazy-zod.test.ts`
 * fails if workflow code starts importing zod again.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
const commandSchemas = (): CommandSchemas => require('./commands') as CommandSchemas;

/** A command from an update, queued for the main loop. */
interface Pending {
  event: ProviderEvent;
  done: boolean;
  rejection?: string;
}

/** Human words for what an event waits for, in rejection messages. */
const WAITS_FOR: Partial<Record<ProviderEvent['type'], string>> = {
  CONVERSATION_RECORDED: 'a purchase-conversation outcome',
  CONTRACT_SIGNED: 'a signature',
  OFFER_REFUSED: 'a refusal',
  QUESTIONNAIRE_SUBMITTED: 'a questionnaire',
  ASSESSED: 'an assessment',
  DOCUMENTS_REQUESTED: 'a request for documents',
  DOCUMENTS_RECEIVED: 'documents',
  EXCEPTION_REQUESTED: 'an exception request (only where its decision allows one)',
  APPLICATION_RECEIVED: 'an application',
  EVIDENCE_CORRECTED: 'corrected evidence for a better tier (only where its contract kind takes it)',
  WITHDRAWN: 'a withdrawal',
  NEW_PRODUCT_REQUESTED: 'a new-product request (only before its offer, never during a contract\'s term)',
  DEADLINE_MOVED: 'a deadline move',
  RESUMED: 'a resume (only a track stopped by a business refusal)',
};

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
  const view = (): ProviderStatusView => buildView(snapshot, nextDeadlineOf(snapshot, v2));

  // Rejects an update before it is accepted: no history event, the caller gets the reason.
  const refuse = (message: string, type = 'NotWaiting', details?: unknown): never => {
    throw ApplicationFailure.nonRetryable(`provider ${agbCode} under ${policyId} ${message}`, type, ...(details === undefined ? [] : [details]));
  };
  const requireWaiting = (event: ProviderEvent) => {
    if (inbox.length > 0) refuse('is processing another command; try again', 'Busy');
    // A command counts at the moment the workflow receives it: a timer that was due before then
    // (a deadline passed while no worker ran) is judged first (probe defect 8).
    const judged = v2 ? afterDueTimers(snapshot, Date.now()) : snapshot;
    if (isDone() || judged.status === 'done' || !judged.can(event)) {
      const status = publicStatus(judged);
      refuse(`is ${status} (${statusText(judged)}), not waiting for ${WAITS_FOR[event.type] ?? event.type}`);
    }
  };

  // Queues the event for the main loop and answers once it (and its effects) ran.
  const submit = async (event: ProviderEvent): Promise<ProviderStatusView> => {
    const pending: Pending = { event, done: false };
    inbox.push(pending);
    await condition(() => pending.done);
    if (pending.rejection) throw ApplicationFailure.nonRetryable(pending.rejection, 'NotWaiting');
    return view();
  };

  // An update's handler and validator: zod first, then the command's own check (why not, in
  // English, and where it has them the same as data, for staff in their language), then "is the
  // machine waiting for this?".
  const command = <C>(schemaOf: (schemas: CommandSchemas) => z.ZodType<C>, toEvent: (command: C) => ProviderEvent, check?: (command: C) => string | { text: string; details?: unknown } | undefined) => ({
    handler: (input: unknown) => submit(toEvent(schemaOf(commandSchemas()).parse(input))),
    options: {
      validator: (input: unknown) => {
        const checked = schemaOf(commandSchemas()).safeParse(input);
        if (!checked.success) throw ApplicationFailure.nonRetryable(`invalid command: ${issuesText(checked.error)}`, 'InvalidCommand');
        const problem = check?.(checked.data);
        if (typeof problem === 'string') refuse(problem, 'InvalidCommand');
        else if (problem) refuse(problem.text, 'InvalidCommand', problem.details);
        requireWaiting(toEvent(checked.data));
      },
    },
  });

  setHandler(statusQuery, view);
  const commands = [
    [recordConversationOutcomeUpdate, command((s) => s.ConversationOutcomeCommandSchema, (c) => ({ type: 'CONVERSATION_RECORDED', at: now(), ...c }))],
    [recordSignatureUpdate, command((s) => s.SignatureCommandSchema, (c) => ({ type: 'CONTRACT_SIGNED', at: now(), ...c }))],
    [recordRefusalUpdate, command((s) => s.RefusalCommandSchema, (c) => ({ type: 'OFFER_REFUSED', at: now(), ...c }))],
    [submitQuestionnaireUpdate, command((s) => s.QuestionnaireSubmittedCommandSchema, (c) => ({ type: 'QUESTIONNAIRE_SUBMITTED', at: now(), ...c }))],
    [
      recordAssessmentUpdate,
      command((s) => s.AssessmentCommandSchema, (c) => ({ type: 'ASSESSED', at: now(), ...c }), (c) => {
        const tiers = snapshot.context.decision ? tiersOf(snapshot) : [];
        if (c.tier && !tiers.includes(c.tier)) return `cannot get tier ${c.tier}: its contract kind has ${tiers.length ? `tiers ${tiers.join(', ')}` : 'no tiers'}`;
        return undefined;
      }),
    ],
    [requestDocumentsUpdate, command((s) => s.DocumentsRequestCommandSchema, (c) => ({ type: 'DOCUMENTS_REQUESTED', at: now(), ...c }))],
    [recordDocumentsReceivedUpdate, command((s) => s.DocumentsReceivedCommandSchema, (c) => ({ type: 'DOCUMENTS_RECEIVED', at: now(), ...c }))],
    [requestExceptionUpdate, command((s) => s.ExceptionRequestCommandSchema, (c) => ({ type: 'EXCEPTION_REQUESTED', at: now(), ...c }))],
    [
      recordApplicationUpdate,
      command((s) => s.ApplicationCommandSchema, (c) => ({ type: 'APPLICATION_RECEIVED', at: now(), ...c }), (c) =>
        c.receivedOn > today() ? `cannot have applied on ${c.receivedOn}: that is after today (${today()})` : undefined,
      ),
    ],
    [
      recordCorrectedEvidenceUpdate,
      command((s) => s.CorrectedEvidenceCommandSchema,
        (c) => {
          const receivedOn = c.receivedOn ?? today();
          // The decision says how corrected evidence takes effect; without a rule there is no event to take.
          const rule = snapshot.context.decision?.correctedEvidence;
          const effectiveFrom = rule ? correctedEvidenceEffectiveFrom(rule, receivedOn) : receivedOn;
          return { type: 'EVIDENCE_CORRECTED', at: now(), tier: c.tier, receivedOn, effectiveFrom, by: c.by, note: c.note };
        },
        (c) => {
          if (c.receivedOn && c.receivedOn > today()) return `cannot have received evidence on ${c.receivedOn}: that is after today (${today()})`;
          if (snapshot.context.decision && !snapshot.context.decision.correctedEvidence) return `cannot take corrected evidence: its contract kind (${snapshot.context.decision.contractKind}) has no rule for it`;
          if (!isBetterTier(c.tier, snapshot.context.tier)) return `tier ${c.tier} is not better than its tier ${snapshot.context.tier ?? '(none)'}`;
          return undefined;
        },
      ),
    ],
    [
      requestNewProductUpdate,
      command((s) => s.NewProductCommandSchema,
        (c) => ({ type: 'NEW_PRODUCT_REQUESTED', at: now(), product: c.product, receivedOn: c.receivedOn ?? today(), by: c.by, note: c.note }),
        (c) => {
          const rule = snapshot.context.decision?.plan.newProducts;
          const receivedOn = c.receivedOn ?? today();
          if (!rule) return 'cannot request new products: its policy takes no new-product requests';
          if (receivedOn > today()) return `cannot have requested on ${receivedOn}: that is after today (${today()})`;
          if (receivedOn > rule.lastDay) return `cannot request new products after ${rule.lastDay} ("${rule.when}", ${sourceLabel(rule.source)})`;
          return undefined;
        },
      ),
    ],
    [withdrawUpdate, command((s) => s.WithdrawalCommandSchema, (c) => ({ type: 'WITHDRAWN', at: now(), ...c }))],
    [
      moveDeadlineUpdate,
      command((s) => s.DeadlineMoveCommandSchema, (c) => ({ type: 'DEADLINE_MOVED', at: now(), ...c }), (c) => {
        const refusal = deadlineMoveRefusal(snapshot, c.deadline, c.to, today());
        return refusal && { text: `cannot move its ${c.deadline} to ${c.to}: ${DEADLINE_REFUSALS_EN[refusal.code](refusal.values)}`, details: { ...refusal, deadline: c.deadline, to: c.to } };
      }),
    ],
    [resumeUpdate, command((s) => s.ResumeCommandSchema, (c) => ({ type: 'RESUMED', at: now(), ...c }))],
  ] as const;
  for (const [update, { handler, options }] of commands) setHandler(update as typeof withdrawUpdate, handler, options);

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
    setCurrentDetails(detailsMarkdown(view()));
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
  try {
    evaluated = await effects.evaluate(contractKind);
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
    else pending.rejection = `provider ${agbCode} is ${publicStatus(snapshot)}: no longer waiting for ${WAITS_FOR[pending.event.type] ?? pending.event.type}`;
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

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}
