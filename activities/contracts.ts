/**
 * The contract register: every signed contract, and its amendments, in the one database. The
 * finder, an auditor and next year's campaign read it (`contracts list|export`, `campaign start`).
 *
 * A contract is written once, when the provider signs (idempotent on its id: policy, contract kind,
 * provider); an amendment once per idempotency key. An amendment finds its contract by provider,
 * kind and day (the contract whose term holds its effective day), so a running contract's
 * corrected evidence in a later year amends the contract signed before; one that finds none (a
 * contract signed before the register existed) is kept without a contract.
 */
import type { Database } from '../db/database';
import type { IsoDate } from '../policies/calendar';
import type { Contract } from '../policies/provider';

/** What the workflow registers when the provider signs. */
export interface ContractRegistration {
  policyId: string;
  revision?: string;
  careType: string;
  contractKind: string;
  agbCode: string;
  providerName: string;
  locations: { agbCode: string; name: string; city: string }[];
  tier?: string;
  term: { fromYear: number; toYear: number };
  startDate: IsoDate;
  endDate: IsoDate;
  signedOn: IsoDate;
  signedBy?: string;
  offerId: string;
}

export type AmendmentKind = 'evidence-corrected' | 'withdrawn';

/** What the workflow registers when corrected evidence changes a tier, or a provider is withdrawn. */
export interface AmendmentRequest {
  idempotencyKey: string;
  policyId: string;
  contractKind: string;
  agbCode: string;
  kind: AmendmentKind;
  effectiveDate: IsoDate;
  details: Record<string, unknown>;
}

export interface Amendment {
  kind: AmendmentKind;
  effectiveDate: IsoDate;
  details: Record<string, unknown>;
  /** The SHA-256 of the amendment's document (corrected evidence), where it has one. */
  documentSha256?: string | null;
  policyId: string;
}

/** A contract as the register shows it: as signed, with its amendments and what they make of it. */
export interface RegisteredContract extends Omit<ContractRegistration, 'revision' | 'tier' | 'signedBy'> {
  contractId: string;
  revision: string | null;
  /** The tier as signed. */
  tier: string | null;
  /** The tier today's amendments give (a corrected tier), or the signed one. */
  currentTier: string | null;
  signedBy: string | null;
  /** The day a withdrawal ended it, if one did. */
  withdrawnOn: IsoDate | null;
  /** The SHA-256 of the offer's document the provider signed (null: signed before documents existed). */
  documentSha256?: string | null;
  amendments: Amendment[];
}

/** The id of a contract: the edition that made it, the kind, the provider. */
export const contractIdOf = (r: Pick<ContractRegistration, 'policyId' | 'contractKind' | 'agbCode'>) => `${r.policyId}/${r.contractKind}/${r.agbCode}`;

export interface ContractQuery {
  policyId?: string;
  agbCode?: string;
  careType?: string;
  /** Contracts whose term includes this year. */
  year?: number;
}

export class ContractRegister {
  constructor(readonly database: Database) {}

  /**
   * Registers a signed contract; the same contract again keeps the first. The signed contract keeps
   * the offer's document: the one kept under the offer's key (the offer id is its idempotency key).
   */
  async register(contract: ContractRegistration): Promise<{ contractId: string; documentSha256: string | null }> {
    const contractId = contractIdOf(contract);
    let documentSha256: string | null = null;
    try {
      documentSha256 = (await this.database.db.selectFrom('contract_documents').select('sha256').where('idempotency_key', '=', contract.offerId).executeTakeFirst())?.sha256 ?? null;
      await this.database.db
        .insertInto('contracts')
        .values({
          contract_id: contractId,
          policy_id: contract.policyId,
          revision: contract.revision ?? null,
          care_type: contract.careType,
          contract_kind: contract.contractKind,
          agb_code: contract.agbCode,
          provider_name: contract.providerName,
          locations: JSON.stringify(contract.locations),
          tier: contract.tier ?? null,
          term_from: contract.term.fromYear,
          term_to: contract.term.toYear,
          start_date: contract.startDate,
          end_date: contract.endDate,
          signed_on: contract.signedOn,
          signed_by: contract.signedBy ?? null,
          offer_id: contract.offerId,
          document_sha256: documentSha256,
        })
        .onConflict((c) => c.column('contract_id').doNothing())
        .execute();
    } catch (err) {
      throw this.database.failure(`register contract ${contractId}`, err);
    }
    return { contractId, documentSha256 };
  }

  /** Records an amendment once per key, on the contract of that provider and kind whose term holds its day. */
  async amend(request: AmendmentRequest): Promise<{ contractId: string | null }> {
    try {
      const contract = await this.database.db
        .selectFrom('contracts')
        .select('contract_id')
        .where('agb_code', '=', request.agbCode)
        .where('contract_kind', '=', request.contractKind)
        .where('start_date', '<=', request.effectiveDate)
        .where('end_date', '>=', request.effectiveDate)
        .orderBy('start_date', 'desc')
        .executeTakeFirst();
      // A withdrawal before the contract starts still ends it: the contract the track signed.
      const own = contract ?? (await this.database.db.selectFrom('contracts').select('contract_id').where('contract_id', '=', contractIdOf(request)).executeTakeFirst());
      const contractId = own?.contract_id ?? null;
      // Corrected evidence's document was made with its notice, under the same key.
      const document = await this.database.db.selectFrom('contract_documents').select('sha256').where('idempotency_key', '=', request.idempotencyKey).executeTakeFirst();
      await this.database.db
        .insertInto('contract_amendments')
        .values({ idempotency_key: request.idempotencyKey, contract_id: contractId, policy_id: request.policyId, contract_kind: request.contractKind, agb_code: request.agbCode, kind: request.kind, effective_date: request.effectiveDate, details: JSON.stringify(request.details), document_sha256: document?.sha256 ?? null })
        .onConflict((c) => c.column('idempotency_key').doNothing())
        .execute();
      return { contractId };
    } catch (err) {
      throw this.database.failure(`record the ${request.kind} amendment ${request.idempotencyKey}`, err);
    }
  }

  /** The register, oldest signature first, each contract with its amendments. */
  async list(query: ContractQuery = {}): Promise<RegisteredContract[]> {
    try {
      let select = this.database.db.selectFrom('contracts').selectAll();
      if (query.policyId) select = select.where('policy_id', '=', query.policyId);
      if (query.agbCode) select = select.where('agb_code', '=', query.agbCode);
      if (query.careType) select = select.where('care_type', '=', query.careType);
      if (query.year !== undefined) select = select.where('term_from', '<=', query.year).where('term_to', '>=', query.year);
      const rows = await select.orderBy('signed_on').orderBy('contract_id').execute();
      const ids = rows.map((r) => r.contract_id);
      const amendments = ids.length
        ? await this.database.db.selectFrom('contract_amendments').selectAll().where('contract_id', 'in', ids).orderBy('effective_date').orderBy('id').execute()
        : [];
      return rows.map((r) => {
        const own = amendments.filter((a) => a.contract_id === r.contract_id).map((a) => ({ kind: a.kind as AmendmentKind, effectiveDate: a.effective_date, details: a.details, documentSha256: a.document_sha256, policyId: a.policy_id }));
        const corrected = own.filter((a) => a.kind === 'evidence-corrected').at(-1);
        return {
          contractId: r.contract_id,
          policyId: r.policy_id,
          revision: r.revision,
          careType: r.care_type,
          contractKind: r.contract_kind,
          agbCode: r.agb_code,
          providerName: r.provider_name,
          locations: r.locations,
          tier: r.tier,
          currentTier: (corrected?.details.tier as string | undefined) ?? r.tier,
          term: { fromYear: r.term_from, toYear: r.term_to },
          startDate: r.start_date,
          endDate: r.end_date,
          signedOn: r.signed_on,
          signedBy: r.signed_by,
          offerId: r.offer_id,
          withdrawnOn: own.find((a) => a.kind === 'withdrawn')?.effectiveDate ?? null,
          documentSha256: r.document_sha256,
          amendments: own,
        };
      });
    } catch (err) {
      throw this.database.failure('read the contract register', err);
    }
  }

  /** Amendments of contracts the register does not hold (signed before it existed), oldest first. */
  async amendmentsWithoutContract(query: { agbCode?: string } = {}): Promise<(Amendment & { agbCode: string; contractKind: string })[]> {
    try {
      let select = this.database.db.selectFrom('contract_amendments').selectAll().where('contract_id', 'is', null);
      if (query.agbCode) select = select.where('agb_code', '=', query.agbCode);
      return (await select.orderBy('effective_date').orderBy('id').execute()).map((a) => ({ kind: a.kind as AmendmentKind, effectiveDate: a.effective_date, details: a.details, documentSha256: a.document_sha256, policyId: a.policy_id, agbCode: a.agb_code, contractKind: a.contract_kind }));
    } catch (err) {
      throw this.database.failure('read the contract amendments', err);
    }
  }

}

/** Where a provider file and the register disagree about a provider's contracts, and what was used. */
export interface RegisterNote {
  agbCode: string;
  text: string;
}

const describe = (c: Contract) => `${c.kind} ${c.fromYear}-${c.toYear}${c.tier ? ` tier ${c.tier}` : ''}`;
const same = (a: Contract, b: Contract) => a.kind === b.kind && a.fromYear === b.fromYear && a.toYear === b.toYear && (a.tier ?? null) === (b.tier ?? null);

/**
 * The yearly loop: a campaign for `contractYear` takes each provider's contracts of its care type
 * from the register (those that run into the year before or later, a withdrawn one ending in the
 * year of its withdrawal), and keeps the provider file's own only where the register has none of
 * that kind (contracts signed before the register existed). Every difference is a note for staff.
 */
export async function withRegisteredContracts<P extends { agbCode: string; contracts: Contract[] }>(
  register: ContractRegister,
  careType: string,
  contractYear: number,
  providers: P[],
): Promise<{ providers: P[]; notes: RegisterNote[]; fromRegister: number }> {
  const registered = new Map<string, (Contract & { contractId: string })[]>();
  for (const c of await register.list({ careType })) {
    const withdrawnYear = c.withdrawnOn ? Number(c.withdrawnOn.slice(0, 4)) : undefined;
    if (c.withdrawnOn && c.withdrawnOn <= c.startDate) continue; // withdrawn before it began: no contract
    const toYear = withdrawnYear !== undefined && withdrawnYear < c.term.toYear ? withdrawnYear : c.term.toYear;
    if (toYear < contractYear - 1) continue;
    const contract = { contractId: c.contractId, careType: c.careType as Contract['careType'], kind: c.contractKind, fromYear: c.term.fromYear, toYear, ...(c.currentTier ? { tier: c.currentTier as Contract['tier'] } : {}) };
    registered.set(c.agbCode, [...(registered.get(c.agbCode) ?? []), contract]);
  }
  const notes: RegisterNote[] = [];
  let fromRegister = 0;
  const merged = providers.map((provider) => {
    const fromFile = provider.contracts.filter((c) => c.careType === careType);
    const others = provider.contracts.filter((c) => c.careType !== careType);
    const ours = registered.get(provider.agbCode) ?? [];
    if (ours.length === 0) return provider;
    fromRegister++;
    for (const r of ours) {
      const inFile = fromFile.filter((f) => f.kind === r.kind);
      const { contractId, ...contract } = r;
      if (inFile.length === 0) notes.push({ agbCode: provider.agbCode, text: `the register has a ${describe(contract)} contract (${contractId}) that the provider file does not list: taken from the register` });
      else if (!inFile.some((f) => same(f, contract))) notes.push({ agbCode: provider.agbCode, text: `the provider file says ${inFile.map(describe).join(', ')}, the register ${describe(contract)} (${contractId}): the register is used` });
    }
    const kept = fromFile.filter((f) => !ours.some((r) => r.kind === f.kind));
    for (const f of kept) notes.push({ agbCode: provider.agbCode, text: `the provider file lists a ${describe(f)} contract that the register does not have (signed before the register?): kept from the file` });
    return { ...provider, contracts: [...others, ...ours.map(({ contractId: _, ...c }) => c), ...kept] };
  });
  return { providers: merged, notes, fromRegister };
}
