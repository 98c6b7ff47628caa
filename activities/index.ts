/**
 * Every side effect of a provider's track, as Temporal activities built from their dependencies
 * (`createActivities(deps)`): tests hand in fakes or local stores, the worker the real ones.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { TrackStarter } from './track-starter';
import { decisionOfTrack, evaluate, trackKinds, type Edition } from '../policies';
import { amsterdamDay } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import { ProviderSchema, type Provider, type ProviderInput } from '../policies/provider';
import { EditionStore, UnknownEditionError } from './edition-store';
import type { Database } from '../db/database';
import { AuditLog, type AuditEntry } from './audit';
import { ContractDocumentStore, type DocumentFacts } from './contract-documents';
import { ContractRegister, type AmendmentRequest, type ContractRegistration } from './contracts';
import { DatabaseProviderListStore, type ProviderListStore } from './provider-store';
import { isPermanentStartFailure } from './track-starter';
import { LocalProviderDirectory, type ProviderDirectory, type PublicationRequest } from './directory';
import { BusinessRefusal } from './refusal';
import { LocalContractPortal, type CloseOfferRequest, type ContractPortal, type InvitationRequest, type NoticeRequest, type OfferRequest } from './portal';
import { LocalStaffInbox, type StaffInbox, type StaffMessage } from './staff';
import { queueAnswer, type AnswerRequest } from './mail';
import type { ProductMetrics } from './metrics';

/** What the activities need from the outside world. */
export interface ActivityDeps {
  portal: ContractPortal;
  directory: ProviderDirectory;
  staff: StaffInbox;
  providerLists: ProviderListStore;
  /** The contract register (signed contracts and their amendments). */
  contracts: ContractRegister;
  /** Who did what and when. */
  audit: AuditLog;
  /** Answers to providers' questions, by e-mail (the outbox). */
  answers: { queue(request: AnswerRequest): Promise<void> };
  /** Starts provider tracks for campaigns; absent where no campaign runs (some tests). */
  starter?: TrackStarter;
  /** The policy editions (current and archived revisions); tests add rehearsal editions. Default: the repository's editions. */
  editions?: EditionStore;
  /** The contract documents; absent (some tests' fakes): offers go without one. */
  documents?: ContractDocumentStore;
  /** The product's metrics (tracks started, effects and refusals); absent: none counted. */
  metrics?: ProductMetrics;
}

/** A provider's decisions, or none where evaluating it fails (the track's own evaluation then fails, visibly). */
function decisionsOrNone(edition: Edition, provider: Provider): Decision[] {
  try {
    return evaluate(edition, provider);
  } catch {
    return [];
  }
}

/** Builds the activities object the worker registers. */
export function createActivities({ portal, directory, staff, providerLists, contracts, audit, answers, starter, editions = new EditionStore(), documents, metrics }: ActivityDeps) {
  /**
   * Runs an effect, counted by its outcome. A business refusal (by the portal, the finder or the
   * staff inbox) is final: retrying cannot change it, so it fails the activity at once
   * (non-retryable) with its reason, and the workflow puts the provider before staff. Everything
   * else (a network error, an outage) is retried with backoff.
   */
  async function effect<T>(name: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      metrics?.effects.inc({ effect: name, outcome: 'done' });
      return result;
    } catch (err) {
      const refused = err instanceof BusinessRefusal;
      metrics?.effects.inc({ effect: name, outcome: refused ? 'refused' : 'error' });
      if (!refused) throw err;
      metrics?.refusals.inc({ effect: name });
      throw ApplicationFailure.nonRetryable(err.message, err.name);
    }
  }

  /**
   * The edition (the revision a campaign or track started with, where it names one). An unknown id
   * is final; an edition this worker cannot read (a broken file, a revision missing from its folder
   * and archive) is retried, so the track waits until operations fix the worker's folders.
   */
  async function editionOf(policyId: string, revision?: string): Promise<Edition> {
    try {
      return await editions.load(policyId, revision);
    } catch (err) {
      if (err instanceof UnknownEditionError && err.fixable) throw ApplicationFailure.retryable(err.message, 'EditionUnreadable');
      throw ApplicationFailure.nonRetryable((err as Error).message, 'UnknownPolicy');
    }
  }

  /**
   * The contract document of an offer, a tariff annex or an amendment, made from the activity's
   * inputs and the edition the track started with, and kept; none without a document store.
   */
  async function documentOf(facts: DocumentFacts, revision?: string) {
    if (!documents) return undefined;
    const edition = await editionOf(facts.policyId, revision);
    return documents.make(facts, edition, editions.list());
  }

  /**
   * Starts the tracks of `providers`, `window` at once; a permanent refusal of one start goes to
   * `onFailed`. With `decide`, each track gets its decision in its input (made here, once per
   * provider, under the same edition revision the track names), so that it does not evaluate again:
   * only for providers the schema has validated (the store's `read`), as `evaluateProvider` does.
   */
  async function startTracks(policyId: string, revision: string | undefined, taskQueue: string, providers: Provider[], window: number, onFailed: (provider: Provider, err: unknown) => void, decide = false) {
    if (!starter) throw ApplicationFailure.nonRetryable('this worker has no Temporal client to start provider tracks with', 'NoStarter');
    const edition = await editionOf(policyId, revision);
    const starts = providers.flatMap((provider) => {
      // Where a kind has not exactly one decision (or evaluating fails), the track decides itself
      // and says why it cannot, as it did: one provider never holds up its page.
      const decisions = decide ? decisionsOrNone(edition, provider) : [];
      return trackKinds(edition, provider).map((contractKind) => ({ provider, contractKind, decision: decide ? decisionOfTrack(decisions, contractKind) : undefined }));
    });
    const counts = { started: 0, alreadyStarted: 0 };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(window, starts.length) }, async () => {
        while (next < starts.length) {
          const { provider, contractKind, decision } = starts[next++]!;
          try {
            const started = await starter.start({ policyId, ...(revision ? { revision } : {}), taskQueue, provider, contractKind, ...(decision ? { decision } : {}) });
            counts[started ? 'started' : 'alreadyStarted']++;
            if (started) metrics?.tracksStarted.inc({ policy: policyId });
          } catch (err) {
            if (!isPermanentStartFailure(err)) throw err;
            onFailed(provider, err);
          }
          heartbeat();
        }
      }),
    );
    return counts;
  }

  return {
    /**
     * Decides the provider's track under the policy. Run as a local activity so that the
     * decision is recorded in the history: a later change of a rule never changes a running
     * provider's past on replay.
     */
    async evaluateProvider(input: { policyId: string; revision?: string; provider: ProviderInput; contractKind?: string }): Promise<Decision> {
      const edition = await editionOf(input.policyId, input.revision);
      const parsed = ProviderSchema.safeParse(input.provider);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw ApplicationFailure.nonRetryable(`provider record is invalid: ${where}`, 'InvalidProvider');
      }
      const decisions = evaluate(edition, parsed.data);
      const decision = decisionOfTrack(decisions, input.contractKind);
      if (!decision) {
        const kinds = decisions.map((d) => d.contractKind).join(', ') || 'none';
        throw ApplicationFailure.nonRetryable(
          `provider ${parsed.data.agbCode} under ${input.policyId}: ${input.contractKind ? `no decision for contract kind '${input.contractKind}'` : 'name the contract kind'} (kinds: ${kinds})`,
          'AmbiguousContractKind',
        );
      }
      return decision;
    },

    /**
     * One page of a campaign's provider list, for campaign runs started before
     * `campaign-pages-read-by-activity` (kept so that their in-flight pages finish).
     */
    async loadProviderPage(input: { campaignId: string; offset: number; limit: number }): Promise<Provider[]> {
      return providerLists.page(input.campaignId, input.offset, input.limit);
    },

    /**
     * Reads one page of a campaign's provider list and starts its tracks (campaign workflow). The
     * providers never travel through the campaign's history: the workflow passes an offset and
     * gets counts back. The page is bounded by count and by bytes. An entry that cannot be read,
     * or a provider the server refuses to start (a payload over its limit), is reported with
     * where and why and skipped; the other providers start. Anything else (the store or the server
     * unreachable) fails the page, which is retried: a start that exists is counted, never repeated.
     */
    async startProviderPage(input: { listId: string; policyId: string; revision?: string; taskQueue: string; offset: number; limit: number; maxBytes: number; window: number }): Promise<ProviderPageResult> {
      const page = await providerLists.read(input.listId, input.offset, input.limit, input.maxBytes);
      const failed: CampaignProblem[] = page.problems.map((p) => ({ where: p.where, problem: p.problem }));
      const counts = await startTracks(
        input.policyId,
        input.revision,
        input.taskQueue,
        page.providers,
        input.window,
        (provider, err) => failed.push({ where: `AGB ${provider.agbCode}`, agbCode: provider.agbCode, problem: (err as Error).message }),
        true,
      );
      return { read: page.read, ...counts, failed };
    },

    /**
     * Starts one page's provider tracks (campaign workflow), many at once, each idempotent on its
     * workflow id: a track that exists is counted, never started twice, so a retried page is harmless.
     */
    async startProviderTracks(input: { policyId: string; taskQueue: string; providers: Provider[]; window: number }): Promise<{ started: number; alreadyStarted: number }> {
      return startTracks(input.policyId, undefined, input.taskQueue, input.providers, input.window, (_, err) => {
        throw err;
      });
    },

    /** The contract kinds each provider gets a track for: one per decision, or none where the policy has one kind. */
    async contractKindsFor(input: { policyId: string; providers: Provider[] }): Promise<(string | null)[][]> {
      const edition = await editionOf(input.policyId);
      return input.providers.map((p) => trackKinds(edition, p).map((kind) => kind ?? null));
    },

    /** Sends the invitation to the purchase conversation; the same key twice sends one. */
    async sendInvitation(request: InvitationRequest) {
      return effect('sendInvitation', () => portal.sendInvitation(request));
    },

    /** Makes the offer's contract document and puts the offer, with the document's hash, in the portal; the same key twice is one offer. */
    async sendOffer(request: OfferRequest) {
      const { revision, locations, ...offer } = request;
      const document = await documentOf({ kind: 'offer', ...offer, ...(locations ? { locations } : {}), issuedOn: offer.offeredOn }, revision);
      return effect('sendOffer', () => portal.sendOffer({ ...offer, ...(document ? { document } : {}) }));
    },

    /** Closes an offer that was refused or passed its deadline. */
    async closeOffer(request: CloseOfferRequest) {
      return effect('closeOffer', () => portal.closeOffer(request));
    },

    /** Lists a signed provider's locations in the provider finder. */
    async publishInDirectory(request: PublicationRequest) {
      return effect('publishInDirectory', () => directory.publish(request));
    },

    /** Questionnaires, reminders, document requests, tariff annexes, amendments, withdrawals; a tariff annex and an amendment with their document. */
    async sendNotice(request: NoticeRequest) {
      const { contract, ...notice } = request;
      const kind = notice.kind === 'tariff-annex' ? 'tariff-annex' : notice.kind === 'contract-amendment' ? 'amendment' : undefined;
      const details = notice.details ?? {};
      const document =
        kind && contract
          ? await documentOf(
              {
                kind,
                idempotencyKey: notice.idempotencyKey,
                policyId: notice.policyId,
                agbCode: notice.agbCode,
                providerName: notice.providerName,
                locations: contract.locations,
                contractKind: contract.kind,
                issuedOn: amsterdamDay(notice.sentAt),
                ...(contract.tier ? { tier: contract.tier } : {}),
                ...(contract.term ? { term: contract.term } : {}),
                ...(kind === 'amendment' ? { amendment: { tier: String(details.tier), effectiveFrom: String(details.effectiveFrom) } } : {}),
              },
              contract.revision,
            )
          : undefined;
      return effect('sendNotice', () => portal.sendNotice({ ...notice, ...(document ? { document } : {}) }));
    },

    /** E-mails staff's answer to a provider's question, threaded to it (once per key). */
    async sendAnswer(request: AnswerRequest) {
      await effect('sendAnswer', () => answers.queue(request));
    },

    /** Takes a withdrawn provider out of the provider finder. */
    async unpublishFromDirectory(request: { idempotencyKey: string; agbCode: string; listingIds: string[]; withdrawnOn: string }) {
      await effect('unpublishFromDirectory', () => directory.unpublish(request));
    },

    /** Writes a signed contract into the register (once per contract). */
    async registerContract(request: ContractRegistration) {
      return effect('registerContract', () => contracts.register(request));
    },

    /** Writes an amendment (corrected evidence, a withdrawal) into the register (once per key). */
    async recordAmendment(request: AmendmentRequest) {
      return effect('recordAmendment', () => contracts.amend(request));
    },

    /** Writes who did what and when (once per track step). */
    async recordAudit(entry: AuditEntry) {
      await effect('recordAudit', () => audit.record(entry));
    },

    /** Tells staff something waits for them (an escalation, a new-product request). */
    async notifyStaff(message: StaffMessage) {
      await effect('notifyStaff', () => staff.notify(message));
    },
  };
}

/**
 * The portal stand-in, provider finder, staff inbox, contract register and campaign provider lists, all in one
 * database (`db/`): the embedded one on one machine, PostgreSQL for many.
 */
export function localDeps(database: Database) {
  return {
    portal: new LocalContractPortal(database),
    directory: new LocalProviderDirectory(database),
    staff: new LocalStaffInbox(database),
    providerLists: new DatabaseProviderListStore(database),
    contracts: new ContractRegister(database),
    audit: new AuditLog(database),
    answers: {
      async queue(request: AnswerRequest) {
        try {
          await queueAnswer(database, request);
        } catch (err) {
          throw database.failure(`queue the answer ${request.idempotencyKey}`, err);
        }
      },
    },
    documents: new ContractDocumentStore(database),
  };
}

/** A provider list entry or a provider a campaign could not start, and why. */
export interface CampaignProblem {
  /** File and line, database position, or the provider's AGB code. */
  where: string;
  agbCode?: string;
  problem: string;
}

/** What one page of a campaign did. */
export interface ProviderPageResult {
  /** List entries covered (0: the list has ended). */
  read: number;
  started: number;
  alreadyStarted: number;
  failed: CampaignProblem[];
}

/** The activities' type, for `proxyActivities<Activities>()` in workflows. */
export type Activities = ReturnType<typeof createActivities>;
