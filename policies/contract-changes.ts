/**
 * "What changed since last year": the clauses of an edition's contract template against the
 * previous edition's of the same care type, by clause id. A clause is changed where its title or
 * its text (what the provider signs) differs; a different quote alone is the same clause. Pure.
 */
import type { ContractClause, ContractTemplate } from './policy';

/** A clause whose words changed: before and after. */
export interface ChangedClause {
  id: string;
  before: Pick<ContractClause, 'title' | 'text'>;
  after: Pick<ContractClause, 'title' | 'text'>;
}

/** The clauses added, removed and changed from one template to the next, each in the order of its template. */
export interface ClauseChanges {
  added: ContractClause[];
  removed: ContractClause[];
  changed: ChangedClause[];
}

/** The clauses of a template that apply to a contract kind (all of them where no kind is named). */
export function clausesFor(template: ContractTemplate | undefined, contractKind?: string): ContractClause[] {
  return (template?.clauses ?? []).filter((c) => !contractKind || !c.kinds || c.kinds.includes(contractKind));
}

/** Compares two templates' clauses by id (optionally only those of one contract kind). */
export function clauseChanges(previous: ContractTemplate | undefined, current: ContractTemplate | undefined, contractKind?: string): ClauseChanges {
  const before = clausesFor(previous, contractKind);
  const after = clausesFor(current, contractKind);
  const byId = new Map(before.map((c) => [c.id, c]));
  const ids = new Set(after.map((c) => c.id));
  return {
    added: after.filter((c) => !byId.has(c.id)),
    removed: before.filter((c) => !ids.has(c.id)),
    changed: after.flatMap((c) => {
      const old = byId.get(c.id);
      return old && (old.title !== c.title || old.text !== c.text) ? [{ id: c.id, before: { title: old.title, text: old.text }, after: { title: c.title, text: c.text } }] : [];
    }),
  };
}

/** True where nothing was added, removed or changed. */
export const noClauseChanges = (c: ClauseChanges) => c.added.length + c.removed.length + c.changed.length === 0;

/**
 * The previous edition of the same care type: the one for the contract year before, where the
 * list has one (a published one before a draft or a rehearsal).
 */
export function previousEdition<E extends { id: string; careType: string; contractYear: number; status?: string }>(editions: E[], edition: Pick<E, 'careType' | 'contractYear'>): E | undefined {
  const rank = (e: E) => (e.status === 'published' ? 0 : e.status === 'draft' ? 1 : 2);
  return editions.filter((e) => e.careType === edition.careType && e.contractYear === edition.contractYear - 1).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))[0];
}
