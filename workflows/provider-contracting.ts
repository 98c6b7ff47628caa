/**
 * One provider's contracting track for one policy year and contract kind: a long-running
 * workflow that interprets the provider contract machine (machines/provider-contract.ts).
 *
 * The workflow keeps the machine snapshot, turns updates and timer expiries into machine
 * events, and runs the effects `transition()` returns as activities, one at a time, in order.
 * It owns every timer: which ones run is `pendingTimers(snapshot)`; a moved deadline changes the
 * snapshot, and so the timer, at the next turn of the loop.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { z } from 'zod';
import type { Activities } from '../activities';
import {
  deadlineDay,
  deadlineMoveProblem,
  hasOpenOffer,
  isBetterTier,
  pendingTimers,
  providerContractMachine,
  V1_FINAL_STATES,
  type EffectType,
  type OfferClosedReason,
  type ProviderEvent,
  type ProviderSnapshot,
  type ProviderStateName,
  type Tier,
} from '../machines/provider-contract';
import { publicStatus, statusBeforeSending, statusText } from '../machines/public-status';
import { amsterdamDay, firstOfNextMonth } from '../policies/calendar';
import { describeSigningRule, signingDeadlineFor } from '../policies/signing';
import type { ProviderInput } from '../policies/provider';
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
  statusQuery,
  submitQuestionnaireUpdate,
  withdrawUpdate,
  type ProviderStatusView,
} from './messages';
import { ZorgAgbCode, ZorgContractKind, ZorgNextDeadline, ZorgPolicy, ZorgStatus, ZorgTier } from './search-attributes';

/** What starts a provider's track. */
export interface ProviderContractingInput {
  policyId: string;
  provider: ProviderInput;
  /** The contract kind, where the policy decides more than one for this provider. */
  contractKind?: string;
}

/**
 * Patch id of every track beyond the first (questionnaires, direct offers, applications,
 * reminders, escalations, amendments, withdrawal, open until the contract year ends).
 * Workflows started before it keep the ZG behaviour they started with; `test/replay/` proves it.
 */
export const TRACKS_V2 = 'tracks-v2';

/*
 * Fixes found by a fault probe (docs/decisions.md). Each is asked where its decision is made, so a
 * replay of an older history takes the old way there, and a running track takes the new way from
 * its next step on: the fix reaches every open track, and every history still replays.
 */
/** The search attribute says SENDING while the portal has not taken a message (not OFFERED ahead of it). */
export const SENDING_STATUS = 'sending-status';
/** An offer's signing deadline is never before the offer nor after its contract year. */
export const OFFER_DEADLINE_IN_BOUNDS = 'offer-deadline-in-bounds';
/** A timer due before a command arrived is applied before that command. */
export const EVENTS_IN_TIME_ORDER = 'events-in-time-order';
/** An offer still open when the contract year ends is closed in the portal. */
export const CLOSE_OPEN_OFFER_AT_YEAR_END = 'close-open-offer-at-year-end';

// Portal and finder calls: retried with backoff for as long as it takes (an outage of the
// portal must not lose an offer); idempotency keys make the retries harmless. A business
// refusal is an ApplicationFailure marked non-retryable by the activity and fails the call.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

// Evaluation is pure and fast; a local activity records its result in the history, so a rule
// changed later never changes a running provider's past on replay.
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds' });

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
  EXCEPTION_REQUESTED: 'an exception request (only a practice excluded on its behandelindex may ask)',
  APPLICATION_RECEIVED: 'an application',
  EVIDENCE_CORRECTED: 'corrected evidence for a better tier',
  WITHDRAWN: 'a withdrawal',
  NEW_PRODUCT_REQUESTED: 'a new-product request (only before its offer, never during a contract\'s term)',
  DEADLINE_MOVED: 'a deadline move',
};

/** The provider contracting workflow. */
export async function providerContractingWorkflow(input: ProviderContractingInput): Promise<ProviderStatusView> {
  // The provider record is validated by zod in `evaluateProvider`, the track's first step, not
  // here: see `commandSchemas`. Here only what the track needs before that step.
  if (typeof input?.policyId !== 'string' || !input.policyId) throw ApplicationFailure.nonRetryable('invalid workflow input: policyId: required', 'InvalidInput');
  if (typeof input.provider !== 'object' || input.provider === null) throw ApplicationFailure.nonRetryable('invalid workflow input: provider: required', 'InvalidInput');
  // Changes to running workflows go behind patched(): see TRACKS_V2.
  const v2 = patched(TRACKS_V2);
  let provider = input.provider;
  const { policyId, contractKind } = input;
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString(); // workflow time: deterministic on replay
  const today = () => amsterdamDay(Date.now());

  let [snapshot] = initialTransition(providerContractMachine, {
    policyId,
    agbCode: provider.agbCode,
    providerName: provider.name,
  });
  const inbox: Pending[] = [];
  const state = () => snapshot.value as ProviderStateName;
  const isDone = () => snapshot.status === 'done' || (!v2 && V1_FINAL_STATES.includes(state()));
  const view = (): ProviderStatusView => buildView(snapshot, v2);

  // Rejects an update before it is accepted: no history event, the caller gets the reason.
  const refuse = (message: string, type = 'NotWaiting'): never => {
    throw ApplicationFailure.nonRetryable(`provider ${provider.agbCode} under ${policyId} ${message}`, type);
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

  // An update's handler and validator: zod first, then "is the machine waiting for this?",
  // then the command's own check.
  const command = <C>(schemaOf: (schemas: CommandSchemas) => z.ZodType<C>, toEvent: (command: C) => ProviderEvent, check?: (command: C) => string | undefined) => ({
    handler: (input: unknown) => submit(toEvent(schemaOf(commandSchemas()).parse(input))),
    options: {
      validator: (input: unknown) => {
        const checked = schemaOf(commandSchemas()).safeParse(input);
        if (!checked.success) throw ApplicationFailure.nonRetryable(`invalid command: ${issuesText(checked.error)}`, 'InvalidCommand');
        const problem = check?.(checked.data);
        if (problem) refuse(problem, 'InvalidCommand');
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
          // 001 s2.4.2: the changed contract starts on the first of the month after the month the
          // right evidence arrived; never retroactive.
          return { type: 'EVIDENCE_CORRECTED', at: now(), tier: c.tier, receivedOn, effectiveFrom: firstOfNextMonth(receivedOn), by: c.by, note: c.note };
        },
        (c) => {
          if (c.receivedOn && c.receivedOn > today()) return `cannot have received evidence on ${c.receivedOn}: that is after today (${today()})`;
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
          const step = snapshot.context.decision?.plan.steps?.find((st) => st.step === 'new-product-deadline');
          const last = step?.date.kind === 'by' ? step.date.date : undefined;
          const receivedOn = c.receivedOn ?? today();
          if (!last) return 'cannot request new products: its policy takes no new-product requests';
          if (receivedOn > today()) return `cannot have requested on ${receivedOn}: that is after today (${today()})`;
          if (receivedOn > last) return `cannot request new products after ${last} ("${step!.when}", ${step!.source.file.slice(0, 3)} s${step!.source.section})`;
          return undefined;
        },
      ),
    ],
    [withdrawUpdate, command((s) => s.WithdrawalCommandSchema, (c) => ({ type: 'WITHDRAWN', at: now(), ...c }))],
    [
      moveDeadlineUpdate,
      command((s) => s.DeadlineMoveCommandSchema, (c) => ({ type: 'DEADLINE_MOVED', at: now(), ...c }), (c) => {
        const problem = deadlineMoveProblem(snapshot, c.deadline, c.to, today());
        return problem && `cannot move its ${c.deadline} to ${c.to}: ${problem}`;
      }),
    ],
  ] as const;
  for (const [update, { handler, options }] of commands) setHandler(update as typeof withdrawUpdate, handler, options);

  let indexed: { status?: string; deadline?: number | null; tier?: string } = {};
  // Search attributes and Web UI details follow the public status, the tier and the next deadline.
  const syncSearchAttributes = () => {
    let status = publicStatus(snapshot);
    if (status === 'SENDING' && !patched(SENDING_STATUS)) status = statusBeforeSending(snapshot);
    // v1 workflows indexed the publication day too; v2 only the provider's own deadlines.
    const next = pendingTimers(snapshot, { v2 }).find((t) => t.isDeadline || (!v2 && t.event.type === 'PUBLICATION_DATE_REACHED'));
    const deadline = next?.at.getTime() ?? null;
    const tier = snapshot.context.tier;
    if (status === indexed.status && deadline === indexed.deadline && tier === indexed.tier) return;
    upsertSearchAttributes([
      { key: ZorgPolicy, value: policyId },
      { key: ZorgAgbCode, value: provider.agbCode },
      { key: ZorgContractKind, value: snapshot.context.decision?.contractKind ?? null },
      { key: ZorgStatus, value: status },
      { key: ZorgNextDeadline, value: deadline === null ? null : new Date(deadline) },
      ...(v2 ? [{ key: ZorgTier, value: tier ?? null }] : []),
    ]);
    setCurrentDetails(detailsMarkdown(view()));
    indexed = { status, deadline, tier };
  };

  /** Runs one effect as an activity; returns the event that records its result, if any. */
  const runEffect = async (type: EffectType, params: unknown): Promise<ProviderEvent | undefined> => {
    const { context } = snapshot;
    const decision = context.decision!;
    const common = { policyId, agbCode: provider.agbCode, providerName: provider.name };
    const notice = (kind: Parameters<typeof acts.sendNotice>[0]['kind'], key: string, text: string, details?: Record<string, unknown>) =>
      acts.sendNotice({ ...common, idempotencyKey: `${workflowId}/${key}`, kind, sentAt: now(), text, details });
    switch (type) {
      case 'sendInvitation': {
        const receipt = await acts.sendInvitation({ ...common, idempotencyKey: `${workflowId}/invitation`, sentAt: now(), invitationBy: decision.plan.invitationBy });
        return { type: 'INVITATION_SENT', at: now(), messageId: receipt.messageId };
      }
      case 'sendTariffAnnex': {
        const receipt = await notice('tariff-annex', 'tariff-annex', `new tariff annex for ${decision.plan.contractYear} for your running ${decision.contractKind} contract`);
        return { type: 'TARIFF_ANNEX_SENT', at: now(), messageId: receipt.messageId };
      }
      case 'sendQuestionnaire': {
        const deadline = deadlineDay(context, 'questionnaire-deadline');
        const receipt = await notice('questionnaire', 'questionnaire', `questionnaire for ${decision.contractKind}; submit by ${deadline}`, { deadline });
        return { type: 'QUESTIONNAIRE_SENT', at: now(), messageId: receipt.messageId };
      }
      case 'requestDocuments': {
        const { documents } = params as { documents: string[] };
        await notice('documents-request', `documents-request/${context.history.length}`, `please send: ${documents.join('; ')}`, { documents });
        return undefined;
      }
      case 'sendOffer': {
        const offeredOn = today();
        const policyRule = signingDeadlineFor(decision.plan.signing, offeredOn);
        const moved = context.moved['signing-deadline'];
        let signingDeadline = moved ?? policyRule;
        let movedDeadlineSetAside: string | undefined;
        const yearEnd = decision.plan.contractYear ? `${decision.plan.contractYear}-12-31` : undefined;
        if (((moved && moved < offeredOn) || (yearEnd && signingDeadline > yearEnd)) && patched(OFFER_DEADLINE_IN_BOUNDS)) {
          // A deadline moved while the offer's day was unknown that lies before the offer gives way
          // to the policy's own rule; no deadline lies after the contract year (the track closes then).
          if (moved && moved < offeredOn) movedDeadlineSetAside = moved;
          signingDeadline = movedDeadlineSetAside ? policyRule : signingDeadline;
          if (yearEnd && signingDeadline > yearEnd) signingDeadline = yearEnd < offeredOn ? offeredOn : yearEnd;
        }
        const receipt = await acts.sendOffer({
          ...common,
          idempotencyKey: `${workflowId}/offer`,
          contractKind: decision.contractKind,
          sentAt: now(),
          offeredOn,
          signingDeadline,
          ...(v2 ? { tier: context.tier, term: decision.term, startDate: decision.startDate } : {}),
        });
        return { type: 'OFFER_SENT', at: now(), offerId: receipt.messageId, offeredOn, signingDeadline, ...(movedDeadlineSetAside ? { movedDeadlineSetAside } : {}) };
      }
      case 'closeOffer': {
        const { reason } = params as { reason: OfferClosedReason };
        // Runs from before this fix ended the year with the offer as it was: replay them so.
        if (reason === 'contract-year-ended' && !patched(CLOSE_OPEN_OFFER_AT_YEAR_END)) return { type: 'OFFER_CLOSED', at: now(), reason, skipped: true };
        await acts.closeOffer({ idempotencyKey: `${workflowId}/offer-closed`, agbCode: provider.agbCode, offerId: context.offer!.offerId, reason, closedAt: now() });
        return { type: 'OFFER_CLOSED', at: now(), reason };
      }
      case 'publishInDirectory': {
        const receipt = await acts.publishInDirectory({
          ...common,
          idempotencyKey: `${workflowId}/publication`,
          contractYear: decision.plan.contractYear ?? Number(decision.plan.publicationFrom.slice(0, 4)) + 1,
          contractKind: decision.contractKind,
          locations: provider.locations,
          publishedOn: today(),
        });
        return { type: 'PUBLISHED', at: now(), listingIds: receipt.listingIds };
      }
      case 'sendReminder': {
        const { deadline, day, daysBefore } = params as { deadline: string; day: string; daysBefore: number };
        await notice('reminder', `reminder/${deadline}/${day}/${daysBefore}`, `reminder: your ${deadline.replace('-', ' ')} is ${day}`, { deadline, day, daysBefore });
        return undefined;
      }
      case 'escalateToStaff': {
        const since = context.since ?? now();
        await acts.notifyStaff({
          ...common,
          kind: 'escalation',
          idempotencyKey: `${workflowId}/escalation/${since}`,
          text: `waiting for an assessment since ${since.slice(0, 10)}, past the target of ${decision.plan.assessWithinWorkingDays} working days`,
          sentAt: now(),
          details: { waitingSince: since },
        });
        return undefined;
      }
      case 'forwardNewProductRequest': {
        const { product, receivedOn } = params as { product: string; receivedOn: string };
        await acts.notifyStaff({
          ...common,
          kind: 'new-product-request',
          idempotencyKey: `${workflowId}/new-product/${context.history.length}`,
          text: `asks to add '${product}' to the coming offer (received ${receivedOn})`,
          sentAt: now(),
          details: { product, receivedOn },
        });
        return undefined;
      }
      case 'amendContract': {
        const { tier, effectiveFrom } = params as { tier: Tier; effectiveFrom: string };
        await notice('contract-amendment', `amendment/${tier}`, `your ${decision.contractKind} contract changes to tier ${tier} from ${effectiveFrom}`, { tier, effectiveFrom });
        return undefined;
      }
      case 'processWithdrawal': {
        // Close whatever is open: an offer that can still be signed, and any listing in the finder.
        if (context.offer && hasOpenOffer(context)) {
          await acts.closeOffer({ idempotencyKey: `${workflowId}/offer-closed`, agbCode: provider.agbCode, offerId: context.offer.offerId, reason: 'withdrawn', closedAt: now() });
        }
        if (context.publication) {
          await acts.unpublishFromDirectory({ idempotencyKey: `${workflowId}/unpublication`, agbCode: provider.agbCode, listingIds: context.publication.listingIds, withdrawnOn: today() });
        }
        await notice('withdrawal', 'withdrawal', `withdrawn: ${context.withdrawal?.reason ?? ''}`, { initiatedBy: context.withdrawal?.initiatedBy });
        return { type: 'WITHDRAWAL_PROCESSED', at: now() };
      }
      case 'reevaluate': {
        const { receivedOn, kinds } = params as { receivedOn: string; kinds: string[] };
        provider = { ...provider, application: { receivedOn, kinds: kinds.length ? kinds : [decision.contractKind] } };
        const again = await local.evaluateProvider({ policyId, provider, contractKind: decision.contractKind });
        return { type: 'EVALUATED', at: now(), decision: again };
      }
    }
  };

  /** Feeds one event to the machine and runs the effects it asks for, in order. */
  const apply = async (event: ProviderEvent): Promise<void> => {
    const [next, actions] = transition(providerContractMachine, snapshot, event);
    snapshot = next;
    syncSearchAttributes();
    for (const action of actions) {
      let followUp: ProviderEvent | undefined;
      try {
        followUp = await runEffect(action.type as EffectType, action.params);
      } catch (err) {
        // A business refusal (non-retryable) stops this track until staff act; it shows its reason.
        // Anything else is a bug or an outage: let it fail the workflow task and retry.
        const cause = err instanceof ActivityFailure ? err.cause : undefined;
        if (!v2 || !(cause instanceof ApplicationFailure) || !cause.nonRetryable) throw err;
        followUp = { type: 'EFFECT_REFUSED', at: now(), effect: action.type, reason: cause.message };
      }
      if (followUp) await apply(followUp);
    }
  };

  let decision: Awaited<ReturnType<typeof local.evaluateProvider>>;
  try {
    decision = await local.evaluateProvider({ policyId, provider, ...(contractKind ? { contractKind } : {}) });
  } catch (err) {
    // A local activity's failure arrives as the activity's own ApplicationFailure.
    const cause = err instanceof ActivityFailure ? err.cause : err;
    if (cause instanceof ApplicationFailure && cause.type === 'InvalidProvider') throw ApplicationFailure.nonRetryable(`invalid workflow input: ${cause.message}`, 'InvalidInput');
    throw err;
  }
  await apply({ type: 'EVALUATED', at: now(), decision });

  while (!isDone()) {
    const next = pendingTimers(snapshot, { v2 })[0];
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
    else pending.rejection = `provider ${provider.agbCode} is ${publicStatus(snapshot)}: no longer waiting for ${WAITS_FOR[pending.event.type] ?? pending.event.type}`;
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
    const due = pendingTimers(current, { v2: true })[0];
    if (!due || due.at.getTime() > nowMs) break;
    current = transition(providerContractMachine, current, { ...due.event, at: due.at.toISOString() } as ProviderEvent)[0];
  }
  return current;
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}

/** The tiers the provider's contract kind has, best first. */
function tiersOf(snapshot: ProviderSnapshot): Tier[] {
  return snapshot.context.decision?.tierOptions ?? [];
}

/** The status view of a snapshot: public status, planned dates, reasons and history. */
export function buildView(snapshot: ProviderSnapshot, v2 = true): ProviderStatusView {
  const { context } = snapshot;
  const status = publicStatus(snapshot);
  const decision = context.decision;
  const plan = decision?.plan;
  const next = pendingTimers(snapshot, { v2 }).find((t) => t.isDeadline || (!v2 && t.event.type === 'PUBLICATION_DATE_REACHED'));
  return {
    policyId: context.policyId,
    agbCode: context.agbCode,
    providerName: context.providerName,
    status,
    statusText: statusText(snapshot),
    track: decision?.track,
    contractKind: decision?.contractKind,
    tier: context.tier,
    term: decision?.term,
    startDate: decision?.startDate,
    planned: {
      invitationBy: plan?.invitationBy,
      questionnaireDeadline: decision?.track === 'questionnaire' ? deadlineDay(context, 'questionnaire-deadline') : undefined,
      offerDate: decision?.track === 'direct-offer' || decision?.track === 'questionnaire' ? deadlineDay(context, 'offer') : undefined,
      offeredOn: context.offer?.offeredOn,
      signingDeadline: context.moved['signing-deadline'] ?? context.offer?.signingDeadline,
      signingRule: plan ? describeSigningRule(plan.signing) : 'not decided yet',
      publicationFrom: plan?.publicationFrom,
      publishedOn: context.publication ? amsterdamDay(context.publication.at) : undefined,
    },
    nextDeadline: next ? { event: next.event.type, day: next.day, at: next.at.toISOString() } : undefined,
    moved: context.moved,
    amendments: context.amendments.map(({ tier, effectiveFrom, receivedOn }) => ({ tier, effectiveFrom, receivedOn })),
    documents: context.documents,
    blocked: context.blocked,
    reasons: decision?.reasons ?? [],
    history: context.history,
  };
}

/** The workflow's current details in the Web UI (markdown). */
function detailsMarkdown(v: ProviderStatusView): string {
  const lines = [
    `**${v.providerName}** (AGB ${v.agbCode}), ${v.policyId}${v.contractKind ? `, ${v.contractKind}` : ''}${v.tier ? `, tier ${v.tier}` : ''}`,
    `Status: **${v.status}**: ${v.statusText}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event} on ${v.nextDeadline.day}`);
  const last = v.history[v.history.length - 1];
  if (last) lines.push(`Last: ${last.at.slice(0, 10)} ${last.text}`);
  return lines.join('\n\n');
}
