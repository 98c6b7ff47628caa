/**
 * The effect runner of a provider's track: every effect the contract machine asks for, run as an
 * activity with an idempotency key from the workflow id and the step, and the event that records
 * its result. Workflow code (deterministic, replayed): the dates it sends are workflow time, and
 * the patches of changes to running tracks are asked here, where their decisions are made.
 */
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineDay, hasOpenOffer, type AnswerParams, type AuditEntry, type EffectType, type OfferClosedReason, type ProviderEvent, type ProviderSnapshot, type Tier } from '../machines/provider-contract';
import { amsterdamDay } from '../policies/calendar';
import { offerTermsAt } from '../policies/offer-terms';
import type { Decision } from '../policies/decision';
import type { ProviderInput } from '../policies/provider';
import { typedDecision } from '../policies/recorded-decision';
import { offerSigningDeadline } from '../policies/signing';

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

/** An offer's signing deadline is never before the offer nor after its contract year (probe defect 3, 7). */
export const OFFER_DEADLINE_IN_BOUNDS = 'offer-deadline-in-bounds';
/** An offer still open when the contract year ends is closed in the portal (probe defect 7). */
export const CLOSE_OPEN_OFFER_AT_YEAR_END = 'close-open-offer-at-year-end';

/** A signed offer is written into the contract register; corrected evidence and withdrawals as amendments. */
export const CONTRACT_REGISTER = 'contract-register';

/** A deadline staff moved is told to the provider (portal and e-mail). */
export const DEADLINE_MOVE_ANNOUNCED = 'deadline-move-announced';

/** Staff's answer to a provider's question is e-mailed to the provider, threaded to the question (issue 24). */
export const QUESTION_ANSWER_EMAIL = 'question-answer-email';

/** Every update a person made is written to the audit log (who, what, when). */
export const AUDIT_TRAIL = 'audit-trail';

/** The contract year a decision is for: the plan's, else the year after its publication day's. */
function contractYearOf(decision: { plan: { contractYear?: number; publicationFrom: string } }): number {
  return decision.plan.contractYear ?? Number(decision.plan.publicationFrom.slice(0, 4)) + 1;
}

/** Who the track is for, and its clock. */
export interface TrackIdentity {
  workflowId: string;
  policyId: string;
  /** The edition revision the track started with, where its start named one. */
  revision?: string;
  /** Runs started before tracks-v2 keep the effects they had. */
  v2: boolean;
  /** Workflow time, as an instant. */
  now: () => string;
  /** Workflow time, as the Amsterdam day. */
  today: () => string;
}

/** Runs the effects of one track; keeps the provider record, which an application changes. */
export class EffectRunner {
  constructor(
    private readonly track: TrackIdentity,
    public provider: ProviderInput,
  ) {}

  /**
   * Decides the provider's track (the first step, and again after an application), under the
   * edition revision it started with: an edition file changed since never changes an open track.
   */
  async evaluate(contractKind?: string, revision = this.track.revision): Promise<ProviderEvent> {
    const decision = await local.evaluateProvider({ policyId: this.track.policyId, ...(revision ? { revision } : {}), provider: this.provider, ...(contractKind ? { contractKind } : {}) });
    return this.decided(decision);
  }

  /** The event of a decision made already: evaluated here, or by the campaign that started the track. */
  decided(decision: Decision): ProviderEvent {
    return { type: 'EVALUATED', at: this.track.now(), decision: typedDecision(decision) };
  }

  /**
   * Writes the contract the provider just signed into the register: the offer's terms (tier, term,
   * start), the end of its last year, the edition. Tracks that signed before the register existed
   * replay without it.
   */
  private async registerContract(snapshot: ProviderSnapshot, { signedAt, signedBy }: { signedAt: string; signedBy?: string }): Promise<void> {
    const { context } = snapshot;
    const decision = context.decision;
    if (!decision || !context.offer || !patched(CONTRACT_REGISTER)) return;
    const terms = context.offer.terms ?? offerTermsAt(decision, { tier: context.tier });
    const year = contractYearOf(decision);
    const term = terms.term ?? { fromYear: year, toYear: year };
    await acts.registerContract({
      policyId: this.track.policyId,
      ...(decision.edition ? { revision: decision.edition.revision } : {}),
      careType: this.track.policyId.split('-')[0]!,
      contractKind: decision.contractKind,
      agbCode: this.provider.agbCode,
      providerName: this.provider.name,
      locations: this.provider.locations,
      ...(terms.tier ? { tier: terms.tier } : {}),
      term,
      startDate: terms.startDate ?? `${term.fromYear}-01-01`,
      endDate: `${term.toYear}-12-31`,
      // The day it was signed, also when a refused write is tried again later.
      signedOn: amsterdamDay(Date.parse(signedAt)),
      ...(signedBy ? { signedBy } : {}),
      offerId: context.offer.offerId,
    });
  }

  /**
   * Tells the provider that staff moved one of its deadlines, with the new day. Tracks whose
   * deadline moved before this existed replay without it.
   */
  private async announceDeadlineMove(snapshot: ProviderSnapshot, move: { deadline: string; to: string; reason: string; step: number }): Promise<void> {
    if (!snapshot.context.decision || !patched(DEADLINE_MOVE_ANNOUNCED)) return;
    const { workflowId, now } = this.track;
    await acts.sendNotice({
      ...this.addressee(),
      idempotencyKey: `${workflowId}/deadline-moved/${move.step}`,
      kind: 'deadline-moved',
      sentAt: now(),
      text: `your ${move.deadline.replace('-', ' ')} moved to ${move.to}`,
      details: { deadline: move.deadline, to: move.to, reason: move.reason },
    });
  }

  /** Writes an accepted command a person gave to the audit log. Older runs replay without it. */
  private async audit({ step, action, at, actor, details }: AuditEntry): Promise<void> {
    if (!patched(AUDIT_TRAIL)) return;
    await acts.recordAudit({ idempotencyKey: `${this.track.workflowId}/audit/${step}/${action}`, at, actor, action, workflowId: this.track.workflowId, policyId: this.track.policyId, agbCode: this.provider.agbCode, details });
  }

  /** Who a message to the provider goes to: policy, AGB code, name, and e-mail address where the record has one. */
  private addressee() {
    const { agbCode, name, email } = this.provider;
    return { policyId: this.track.policyId, agbCode, providerName: name, ...(email ? { email } : {}) };
  }

  /** Runs one effect as an activity; returns the event that records its result, if any. */
  async run(type: Exclude<EffectType, 'retryEffect'>, params: unknown, snapshot: ProviderSnapshot): Promise<ProviderEvent | undefined> {
    const { workflowId, policyId, v2, now, today } = this.track;
    const provider = this.provider;
    const { context } = snapshot;
    const decision = context.decision!;
    const common = this.addressee();
    const notice = (kind: Parameters<typeof acts.sendNotice>[0]['kind'], key: string, text: string, details?: Record<string, unknown>, contract?: Parameters<typeof acts.sendNotice>[0]['contract']) =>
      acts.sendNotice({ ...common, idempotencyKey: `${workflowId}/${key}`, kind, sentAt: now(), text, details, ...(contract ? { contract } : {}) });
    // What a contract document is made from, beside the edition (the activity makes it): more
    // input to the same activity, so older histories replay as they ran.
    const revision = decision.edition?.revision ?? this.track.revision;
    const contractFacts = (tier?: string) => ({ kind: decision.contractKind, ...(revision ? { revision } : {}), locations: provider.locations, ...(tier ? { tier } : {}), ...(decision.term ? { term: decision.term } : {}) });
    switch (type) {
      case 'sendInvitation': {
        const receipt = await acts.sendInvitation({ ...common, idempotencyKey: `${workflowId}/invitation`, sentAt: now(), invitationBy: decision.plan.invitationBy });
        return { type: 'INVITATION_SENT', at: now(), messageId: receipt.messageId };
      }
      case 'sendTariffAnnex': {
        const receipt = await notice('tariff-annex', 'tariff-annex', `new tariff annex for ${decision.plan.contractYear} for your running ${decision.contractKind} contract`, undefined, contractFacts(context.tier ?? decision.tier?.tier));
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
        const deadline = offerSigningDeadline(decision.plan.signing, offeredOn, context.moved['signing-deadline'], decision.plan.contractYear);
        // Runs from before the bounds replay with the deadline they sent (the patch is asked only where a bound applies).
        const { signingDeadline, movedDeadlineSetAside } = deadline.inBounds && patched(OFFER_DEADLINE_IN_BOUNDS) ? deadline.inBounds : { signingDeadline: deadline.asked, movedDeadlineSetAside: undefined };
        // The offer's terms from the decision, on every path: the tier staff assessed (or the one the
        // facts gave), the term, and the start (fixed, or from an exception's request day).
        const terms = offerTermsAt(decision, { tier: context.tier, requestedOn: context.exception && amsterdamDay(context.exception.at) });
        const receipt = await acts.sendOffer({
          ...common,
          idempotencyKey: `${workflowId}/offer`,
          contractKind: decision.contractKind,
          sentAt: now(),
          offeredOn,
          signingDeadline,
          ...(v2 ? terms : {}),
          ...(revision ? { revision } : {}),
          locations: provider.locations,
        });
        return { type: 'OFFER_SENT', at: now(), offerId: receipt.messageId, offeredOn, signingDeadline, ...(movedDeadlineSetAside ? { movedDeadlineSetAside } : {}), ...(v2 ? { terms } : {}) };
      }
      case 'closeOffer': {
        const { reason } = params as { reason: OfferClosedReason };
        // Runs from before this fix ended the year with the offer as it was: replay them so.
        if (reason === 'contract-year-ended' && !patched(CLOSE_OPEN_OFFER_AT_YEAR_END)) return { type: 'OFFER_CLOSED', at: now(), reason, skipped: true };
        await acts.closeOffer({ ...common, idempotencyKey: `${workflowId}/offer-closed`, offerId: context.offer!.offerId, reason, closedAt: now() });
        return { type: 'OFFER_CLOSED', at: now(), reason };
      }
      case 'publishInDirectory': {
        const receipt = await acts.publishInDirectory({
          ...common,
          idempotencyKey: `${workflowId}/publication`,
          contractYear: contractYearOf(decision),
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
      case 'escalateQuestion': {
        const { question, subject, receivedOn } = params as { question: number; subject: string; receivedOn: string };
        await acts.notifyStaff({
          ...common,
          kind: 'question-overdue',
          idempotencyKey: `${workflowId}/question/${question}/overdue`,
          text: `question ${question} ("${subject}", received ${receivedOn}) has no answer after ${decision.plan.assessWithinWorkingDays} working days`,
          sentAt: now(),
          details: { question, subject, receivedOn },
        });
        return undefined;
      }
      case 'answerProvider': {
        // An answer recorded before answers were e-mailed replays as it ran: without one.
        if (!patched(QUESTION_ANSWER_EMAIL)) return undefined;
        const { question, answer, subject, receivedOn, messageId, replyTo } = params as AnswerParams;
        // Back to who asked where the question came by e-mail, else to the provider record's address.
        const to = replyTo ?? common.email;
        await acts.sendAnswer({ ...common, ...(to ? { email: to } : {}), idempotencyKey: `${workflowId}/question/${question}/answer`, sentAt: now(), subject, receivedOn, answer, ...(messageId ? { inReplyTo: messageId } : {}) });
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
        await notice('contract-amendment', `amendment/${tier}`, `your ${decision.contractKind} contract changes to tier ${tier} from ${effectiveFrom}`, { tier, effectiveFrom }, contractFacts(tier));
        if (patched(CONTRACT_REGISTER)) {
          await acts.recordAmendment({ idempotencyKey: `${workflowId}/amendment/${tier}`, policyId, contractKind: decision.contractKind, agbCode: provider.agbCode, kind: 'evidence-corrected', effectiveDate: effectiveFrom, details: { tier } });
        }
        return undefined;
      }
      case 'processWithdrawal': {
        // Close whatever is open: an offer that can still be signed, and any listing in the finder.
        if (context.offer && hasOpenOffer(context)) {
          await acts.closeOffer({ ...common, idempotencyKey: `${workflowId}/offer-closed`, offerId: context.offer.offerId, reason: 'withdrawn', closedAt: now() });
        }
        if (context.publication) {
          await acts.unpublishFromDirectory({ idempotencyKey: `${workflowId}/unpublication`, agbCode: provider.agbCode, listingIds: context.publication.listingIds, withdrawnOn: today() });
        }
        await notice('withdrawal', 'withdrawal', `withdrawn: ${context.withdrawal?.reason ?? ''}`, { initiatedBy: context.withdrawal?.initiatedBy });
        if ((context.signature || decision.track === 'running-contract') && patched(CONTRACT_REGISTER)) {
          await acts.recordAmendment({ idempotencyKey: `${workflowId}/withdrawal`, policyId, contractKind: decision.contractKind, agbCode: provider.agbCode, kind: 'withdrawn', effectiveDate: today(), details: { reason: context.withdrawal?.reason ?? '', initiatedBy: context.withdrawal?.initiatedBy } });
        }
        return { type: 'WITHDRAWAL_PROCESSED', at: now() };
      }
      case 'reevaluate': {
        const { receivedOn, kinds } = params as { receivedOn: string; kinds: string[] };
        this.provider = { ...provider, application: { receivedOn, kinds: kinds.length ? kinds : [decision.contractKind] } };
        return this.evaluate(decision.contractKind, decision.edition?.revision ?? this.track.revision);
      }
      case 'auditCommand':
        await this.audit(params as AuditEntry);
        return undefined;
      case 'registerContract':
        await this.registerContract(snapshot, params as { signedAt: string; signedBy?: string });
        return undefined;
      case 'announceDeadlineMove':
        await this.announceDeadlineMove(snapshot, params as { deadline: string; to: string; reason: string; step: number });
        return undefined;

    }
  }
}
