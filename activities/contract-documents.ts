/**
 * The contract documents (docs/contract-document.md): made inside the activity that sends them,
 * from its inputs and the edition (never from the clock), rendered as PDF and kept in the one
 * database by SHA-256, once per idempotency key. A retried activity makes the same bytes again and
 * keeps the first; the hash goes with the portal message, the e-mail (which attaches the PDF), and
 * the contract register.
 */
import type { Database } from '../db/database';
import { previousEdition } from '../policies/contract-changes';
import { contractDocument, type ContractDocumentInput, type ContractDocumentKind } from '../policies/contract-document';
import type { Edition } from '../policies';
import { renderContractPdf } from './contract-pdf';
import type { DocumentRef } from './portal-messages';

export { documentFileName, type DocumentRef } from './portal-messages';

/** A kept document. */
export interface StoredDocument extends DocumentRef {
  bytes: Buffer;
  policyId: string;
  agbCode: string;
  idempotencyKey: string;
  createdAt: Date;
}

/** The facts of a contract a document is made from, beside the edition (the activity's inputs). */
export interface DocumentFacts extends Pick<ContractDocumentInput, 'contractKind' | 'issuedOn' | 'tier' | 'term' | 'startDate' | 'signingDeadline' | 'amendment'> {
  kind: ContractDocumentKind;
  idempotencyKey: string;
  policyId: string;
  agbCode: string;
  providerName: string;
  locations?: ContractDocumentInput['provider']['locations'];
}

export class ContractDocumentStore {
  constructor(readonly database: Database) {}

  /**
   * Makes the document from the edition (and the edition before it, for what changed) and keeps it;
   * returns the one kept under its idempotency key (the first, where a retry made it again).
   */
  async make(facts: DocumentFacts, edition: Edition, editions: Edition[]): Promise<DocumentRef> {
    const previous = facts.kind === 'offer' ? previousEdition(editions, edition) : undefined;
    const model = contractDocument({
      kind: facts.kind,
      reference: facts.idempotencyKey,
      edition,
      ...(previous ? { previous } : {}),
      provider: { agbCode: facts.agbCode, name: facts.providerName, locations: facts.locations ?? [] },
      contractKind: facts.contractKind,
      issuedOn: facts.issuedOn,
      ...(facts.tier ? { tier: facts.tier } : {}),
      ...(facts.term ? { term: facts.term } : {}),
      ...(facts.startDate ? { startDate: facts.startDate } : {}),
      ...(facts.signingDeadline ? { signingDeadline: facts.signingDeadline } : {}),
      ...(facts.amendment ? { amendment: facts.amendment } : {}),
    });
    const { bytes, sha256 } = await renderContractPdf(model);
    return this.keep({ sha256, bytes, kind: facts.kind, policyId: facts.policyId, agbCode: facts.agbCode, idempotencyKey: facts.idempotencyKey });
  }

  /** Keeps a document once per idempotency key; returns the one kept under the key. */
  async keep(doc: Omit<StoredDocument, 'createdAt'>): Promise<DocumentRef> {
    try {
      await this.database.db
        .insertInto('contract_documents')
        .values({ sha256: doc.sha256, bytes: doc.bytes, kind: doc.kind, policy_id: doc.policyId, agb_code: doc.agbCode, idempotency_key: doc.idempotencyKey })
        .onConflict((c) => c.doNothing())
        .execute();
      const kept = await this.database.db.selectFrom('contract_documents').select(['sha256', 'kind']).where('idempotency_key', '=', doc.idempotencyKey).executeTakeFirst();
      if (!kept) throw new Error(`a document with SHA-256 ${doc.sha256} is kept under another key`);
      return { sha256: kept.sha256, kind: kept.kind as ContractDocumentKind };
    } catch (err) {
      throw this.database.failure(`keep the contract document ${doc.idempotencyKey}`, err);
    }
  }

  /** A document by its SHA-256 (hex, lower case), or undefined. */
  async get(sha256: string): Promise<StoredDocument | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    try {
      const row = await this.database.db.selectFrom('contract_documents').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return row && { sha256: row.sha256, bytes: row.bytes, kind: row.kind as ContractDocumentKind, policyId: row.policy_id, agbCode: row.agb_code, idempotencyKey: row.idempotency_key, createdAt: row.created_at };
    } catch (err) {
      throw this.database.failure(`read the contract document ${sha256}`, err);
    }
  }

  /** A provider's documents, oldest first, without their bytes. */
  async list(agbCode: string): Promise<Omit<StoredDocument, 'bytes'>[]> {
    try {
      const rows = await this.database.db.selectFrom('contract_documents').select(['sha256', 'kind', 'policy_id', 'agb_code', 'idempotency_key', 'created_at']).where('agb_code', '=', agbCode).orderBy('created_at').orderBy('idempotency_key').execute();
      return rows.map((r) => ({ sha256: r.sha256, kind: r.kind as ContractDocumentKind, policyId: r.policy_id, agbCode: r.agb_code, idempotencyKey: r.idempotency_key, createdAt: r.created_at }));
    } catch (err) {
      throw this.database.failure(`read the contract documents of ${agbCode}`, err);
    }
  }
}
