/**
 * What staff see of a track: the public status view of a machine snapshot (the `status` query,
 * the CLI, the staff console) and the current details shown in the Web UI. Pure: the workflow
 * calls it, and so can a test.
 */
import { deadlineDay, pendingTimers, type PendingTimer, type ProviderSnapshot } from '../machines/provider-contract';
import { publicStatus } from '../machines/public-status';
import { statusText } from './status-texts';
import { amsterdamDay } from '../policies/calendar';
import { offerTermsAt } from '../policies/offer-terms';
import type { Tier } from '../policies/decision';
import { describeSigningRule } from '../policies/signing';
import type { ProviderStatusView } from './view';
import { historyEntries } from './texts';

/** The tiers the provider's contract kind has, best first. */
export function tiersOf(snapshot: ProviderSnapshot): Tier[] {
  return snapshot.context.decision?.tierOptions ?? [];
}

/**
 * The status view of a snapshot: public status, planned dates, the decision's terms, reasons and
 * history. `next` is the next deadline shown (the workflow's, where its run counts them otherwise).
 */
export function buildView(snapshot: ProviderSnapshot, next: PendingTimer | undefined = pendingTimers(snapshot).find((t) => t.isDeadline)): Omit<ProviderStatusView, 'accepts'> {
  const { context } = snapshot;
  const status = publicStatus(snapshot);
  const decision = context.decision;
  const plan = decision?.plan;
  const offer = context.offer?.terms ?? (decision?.offer ? offerTermsAt(decision, { tier: context.tier, requestedOn: context.exception && amsterdamDay(context.exception.at) }) : undefined);
  return {
    policyId: context.policyId,
    agbCode: context.agbCode,
    providerName: context.providerName,
    status,
    statusText: statusText(snapshot),
    track: decision?.track,
    contractKind: decision?.contractKind,
    tier: context.tier,
    term: offer?.term ?? decision?.term,
    startDate: offer?.startDate ?? decision?.startDate,
    ...(offer ? { offer } : {}),
    ...(decision?.edition ? { edition: decision.edition } : {}),
    ...(decision?.exception ? { exception: decision.exception } : {}),
    planned: {
      invitationBy: plan?.invitationBy,
      questionnaireDeadline: decision?.track === 'questionnaire' ? deadlineDay(context, 'questionnaire-deadline') : undefined,
      offerDate: decision?.track === 'direct-offer' || decision?.track === 'questionnaire' ? deadlineDay(context, 'offer') : undefined,
      offeredOn: context.offer?.offeredOn,
      signingDeadline: context.moved['signing-deadline'] ?? context.offer?.signingDeadline,
      signingRule: plan ? describeSigningRule(plan.signing) : 'not decided yet',
      ...(plan ? { signing: plan.signing.kind === 'fixed' ? { kind: 'fixed' as const, date: plan.signing.date } : { kind: 'weeks-after-offer' as const, weeks: plan.signing.weeks } } : {}),
      publicationFrom: plan?.publicationFrom,
      publishedOn: context.publication ? amsterdamDay(context.publication.at) : undefined,
    },
    nextDeadline: next ? { event: next.event.type, day: next.day, at: next.at.toISOString() } : undefined,
    moved: context.moved,
    amendments: context.amendments.map(({ tier, effectiveFrom, receivedOn }) => ({ tier, effectiveFrom, receivedOn })),
    documents: context.documents,
    ...(context.questions?.length ? { questions: context.questions.map((q, i) => ({ number: i + 1, subject: q.subject, receivedOn: q.receivedOn, ...(q.answered ? { answered: q.answered } : {}), ...(q.overdue ? { overdue: q.overdue } : {}) })) } : {}),
    blocked: context.blocked && { at: context.blocked.at, effect: context.blocked.effect, reason: context.blocked.reason },
    reasons: decision?.reasons ?? [],
    history: historyEntries(context.history),
  };
}

/** The workflow's current details in the Web UI (markdown). */
export function detailsMarkdown(v: Omit<ProviderStatusView, 'accepts'>): string {
  const lines = [
    `**${v.providerName}** (AGB ${v.agbCode}), ${v.policyId}${v.contractKind ? `, ${v.contractKind}` : ''}${v.tier ? `, tier ${v.tier}` : ''}`,
    `Status: **${v.status}**: ${v.statusText}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event} on ${v.nextDeadline.day}`);
  const last = v.history[v.history.length - 1];
  if (last) lines.push(`Last: ${last.at.slice(0, 10)} ${last.text}`);
  return lines.join('\n\n');
}
