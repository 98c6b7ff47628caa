/**
 * One provider's contracting track for one policy year: a long-running workflow that
 * interprets the provider contract machine.
 *
 * The workflow keeps the machine snapshot, turns updates and timer expiries into machine
 * events, and runs the effects `transition()` returns as activities, one at a time, in order.
 * It owns every timer: which deadline runs is `pendingDeadline(snapshot)`.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
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
  pendingDeadline,
  providerContractMachine,
  type EffectType,
  type ProviderEvent,
  type ProviderSnapshot,
} from '../machines/provider-contract';
import { PUBLIC_STATUSES, publicStatus } from '../machines/public-status';
import { amsterdamDay } from '../policies/calendar';
import { describeSigningRule, signingDeadlineFor } from '../policies/policy';
import { ProviderSchema, type ProviderInput } from '../policies/provider';
import {
  ConversationOutcomeCommandSchema,
  RefusalCommandSchema,
  SignatureCommandSchema,
  recordConversationOutcomeUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
  type ProviderStatusView,
} from './messages';
import { ZorgAgbCode, ZorgContractKind, ZorgNextDeadline, ZorgPolicy, ZorgStatus } from './search-attributes';

/** What starts a provider's track. */
export interface ProviderContractingInput {
  policyId: string;
  provider: ProviderInput;
}

// Portal and finder calls: retried with backoff for as long as it takes (an outage of the
// portal must not lose an offer); idempotency keys make the retries harmless.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

// Evaluation is pure and fast; a local activity records its result in the history, so a rule
// changed later never changes a running provider's past on replay.
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds' });

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
};

/** The provider contracting workflow. */
export async function providerContractingWorkflow(input: ProviderContractingInput): Promise<ProviderStatusView> {
  const parsed = ProviderSchema.safeParse(input?.provider);
  if (!parsed.success || typeof input.policyId !== 'string' || !input.policyId) {
    const where = parsed.success ? 'policyId: required' : issuesText(parsed.error);
    throw ApplicationFailure.nonRetryable(`invalid workflow input: ${where}`, 'InvalidInput');
  }
  const provider = parsed.data;
  const { policyId } = input;
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString(); // workflow time: deterministic on replay

  let [snapshot] = initialTransition(providerContractMachine, {
    policyId,
    agbCode: provider.agbCode,
    providerName: provider.name,
  });
  const inbox: Pending[] = [];

  const view = (): ProviderStatusView => buildView(snapshot);

  // Rejects an update before it is accepted: no history event, the caller gets the reason.
  const requireWaiting = (event: ProviderEvent) => {
    if (inbox.length > 0) {
      throw ApplicationFailure.nonRetryable(
        `provider ${provider.agbCode} under ${policyId} is processing another command; try again`,
        'Busy',
      );
    }
    if (snapshot.status === 'done' || !snapshot.can(event)) {
      const status = publicStatus(snapshot);
      throw ApplicationFailure.nonRetryable(
        `provider ${provider.agbCode} under ${policyId} is ${status} (${PUBLIC_STATUSES[status]}), ` +
          `not waiting for ${WAITS_FOR[event.type] ?? event.type}`,
        'NotWaiting',
      );
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

  // An update's handler and validator: zod first, then "is the machine waiting for this?".
  const command = <C>(schema: z.ZodType<C>, toEvent: (command: C) => ProviderEvent) => ({
    handler: (input: C) => submit(toEvent(schema.parse(input))),
    options: {
      validator: (input: C) => {
        const checked = schema.safeParse(input);
        if (!checked.success) {
          throw ApplicationFailure.nonRetryable(`invalid command: ${issuesText(checked.error)}`, 'InvalidCommand');
        }
        requireWaiting(toEvent(checked.data));
      },
    },
  });
  const outcome = command(ConversationOutcomeCommandSchema, (c) => ({ type: 'CONVERSATION_RECORDED', at: now(), ...c }));
  const signature = command(SignatureCommandSchema, (c) => ({ type: 'CONTRACT_SIGNED', at: now(), ...c }));
  const refusal = command(RefusalCommandSchema, (c) => ({ type: 'OFFER_REFUSED', at: now(), ...c }));

  setHandler(statusQuery, view);
  setHandler(recordConversationOutcomeUpdate, outcome.handler, outcome.options);
  setHandler(recordSignatureUpdate, signature.handler, signature.options);
  setHandler(recordRefusalUpdate, refusal.handler, refusal.options);

  let indexed: { status?: string; deadline?: number | null } = {};
  // Search attributes and Web UI details follow the public status and the running deadline.
  const syncSearchAttributes = () => {
    const status = publicStatus(snapshot);
    const deadline = pendingDeadline(snapshot)?.at.getTime() ?? null;
    if (status === indexed.status && deadline === indexed.deadline) return;
    upsertSearchAttributes([
      { key: ZorgPolicy, value: policyId },
      { key: ZorgAgbCode, value: provider.agbCode },
      { key: ZorgContractKind, value: snapshot.context.decision?.contractKind ?? null },
      { key: ZorgStatus, value: status },
      { key: ZorgNextDeadline, value: deadline === null ? null : new Date(deadline) },
    ]);
    setCurrentDetails(detailsMarkdown(view()));
    indexed = { status, deadline };
  };

  /** Runs one effect as an activity; returns the event that records its result, if any. */
  const runEffect = async (type: EffectType, params: unknown): Promise<ProviderEvent | undefined> => {
    const { context } = snapshot;
    const decision = context.decision!;
    const common = { policyId, agbCode: provider.agbCode, providerName: provider.name };
    switch (type) {
      case 'sendInvitation': {
        const receipt = await acts.sendInvitation({
          ...common,
          idempotencyKey: `${workflowId}/invitation`,
          sentAt: now(),
          invitationBy: decision.plan.invitationBy,
        });
        return { type: 'INVITATION_SENT', at: now(), messageId: receipt.messageId };
      }
      case 'sendOffer': {
        const offeredOn = amsterdamDay(Date.now());
        const signingDeadline = signingDeadlineFor(decision.plan.signing, offeredOn);
        const receipt = await acts.sendOffer({
          ...common,
          idempotencyKey: `${workflowId}/offer`,
          contractKind: decision.contractKind,
          sentAt: now(),
          offeredOn,
          signingDeadline,
        });
        return { type: 'OFFER_SENT', at: now(), offerId: receipt.messageId, offeredOn, signingDeadline };
      }
      case 'closeOffer': {
        const { reason } = params as { reason: 'refused' | 'expired' };
        await acts.closeOffer({
          idempotencyKey: `${workflowId}/offer-closed`,
          agbCode: provider.agbCode,
          offerId: context.offer!.offerId,
          reason,
          closedAt: now(),
        });
        return undefined;
      }
      case 'publishInDirectory': {
        const receipt = await acts.publishInDirectory({
          ...common,
          idempotencyKey: `${workflowId}/publication`,
          contractYear: Number(decision.plan.publicationFrom.slice(0, 4)) + 1,
          contractKind: decision.contractKind,
          locations: provider.locations,
          publishedOn: amsterdamDay(Date.now()),
        });
        return { type: 'PUBLISHED', at: now(), listingIds: receipt.listingIds };
      }
    }
  };

  /** Feeds one event to the machine and runs the effects it asks for, in order. */
  const apply = async (event: ProviderEvent): Promise<void> => {
    const [next, actions] = transition(providerContractMachine, snapshot, event);
    snapshot = next;
    syncSearchAttributes();
    for (const action of actions) {
      const followUp = await runEffect(action.type as EffectType, action.params);
      if (followUp) await apply(followUp);
    }
  };

  const decision = await local.evaluateProvider({ policyId, provider });
  await apply({ type: 'EVALUATED', at: now(), decision });

  while (snapshot.status !== 'done') {
    const deadline = pendingDeadline(snapshot);
    if (deadline) {
      const wait = deadline.at.getTime() - Date.now();
      const arrived = wait > 0 ? await condition(() => inbox.length > 0, wait) : inbox.length > 0;
      if (!arrived) {
        // The timer's own instant; a date already past before we waited (a late campaign) counts from now.
        const at = wait > 0 ? deadline.at.toISOString() : now();
        await apply({ type: deadline.event, at } as ProviderEvent);
        continue;
      }
    } else {
      await condition(() => inbox.length > 0);
    }
    const pending = inbox.shift()!;
    // The state may have moved since the update was validated (a timer fired in between).
    if (snapshot.can(pending.event)) await apply(pending.event);
    else pending.rejection = `provider ${provider.agbCode} is ${publicStatus(snapshot)}: no longer waiting for ${WAITS_FOR[pending.event.type]}`;
    pending.done = true;
  }

  // Let update handlers return their answers before the workflow completes.
  await condition(allHandlersFinished);
  return view();
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}

/** The status view of a snapshot: public status, planned dates, reasons and history. */
export function buildView(snapshot: ProviderSnapshot): ProviderStatusView {
  const { context } = snapshot;
  const status = publicStatus(snapshot);
  const plan = context.decision?.plan;
  const deadline = pendingDeadline(snapshot);
  return {
    policyId: context.policyId,
    agbCode: context.agbCode,
    providerName: context.providerName,
    status,
    statusText: PUBLIC_STATUSES[status],
    track: context.decision?.track,
    planned: {
      invitationBy: plan?.invitationBy,
      offeredOn: context.offer?.offeredOn,
      signingDeadline: context.offer?.signingDeadline,
      signingRule: plan ? describeSigningRule(plan.signing) : 'not decided yet',
      publicationFrom: plan?.publicationFrom,
      publishedOn: context.publication ? amsterdamDay(context.publication.at) : undefined,
    },
    nextDeadline: deadline ? { event: deadline.event, day: deadline.day, at: deadline.at.toISOString() } : undefined,
    reasons: context.decision?.reasons ?? [],
    history: context.history,
  };
}

/** The workflow's current details in the Web UI (markdown). */
function detailsMarkdown(v: ProviderStatusView): string {
  const lines = [
    `**${v.providerName}** (AGB ${v.agbCode}), ${v.policyId}`,
    `Status: **${v.status}**: ${v.statusText}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event} on ${v.nextDeadline.day}`);
  const last = v.history[v.history.length - 1];
  if (last) lines.push(`Last: ${last.at.slice(0, 10)} ${last.text}`);
  return lines.join('\n\n');
}
