/**
 * The audit log: every update a person made to a track (who, what, when, on which provider), in
 * the one database, once per track step. The workflow writes it after it accepted the update, so
 * a refused update leaves no entry, and an entry never exists without its event in the history.
 */
import type { Database } from '../db/database';

export interface AuditEntry {
  idempotencyKey: string;
  /** When it was done (the workflow's time of the event). */
  at: string;
  /** Who did it: the `by` of the update. */
  actor: string;
  /** The event the update was (CONTRACT_SIGNED, DEADLINE_MOVED ...). */
  action: string;
  workflowId: string;
  policyId: string;
  agbCode: string;
  /** The update's own fields (outcome, tier, reason, note ...). */
  details: Record<string, unknown>;
}

export class AuditLog {
  constructor(readonly database: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.database.db
        .insertInto('audit_log')
        .values({ idempotency_key: entry.idempotencyKey, at: entry.at, actor: entry.actor, action: entry.action, workflow_id: entry.workflowId, policy_id: entry.policyId, agb_code: entry.agbCode, details: JSON.stringify(entry.details) })
        .onConflict((c) => c.column('idempotency_key').doNothing())
        .execute();
    } catch (err) {
      throw this.database.failure(`record the audit entry ${entry.idempotencyKey}`, err);
    }
  }

  /** The entries, oldest first, narrowed by provider, policy or person. */
  async entries(query: { agbCode?: string; policyId?: string; actor?: string } = {}): Promise<AuditEntry[]> {
    let select = this.database.db.selectFrom('audit_log').selectAll();
    if (query.agbCode) select = select.where('agb_code', '=', query.agbCode);
    if (query.policyId) select = select.where('policy_id', '=', query.policyId);
    if (query.actor) select = select.where('actor', '=', query.actor);
    try {
      const rows = await select.orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({ idempotencyKey: r.idempotency_key, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, workflowId: r.workflow_id, policyId: r.policy_id, agbCode: r.agb_code, details: r.details }));
    } catch (err) {
      throw this.database.failure('read the audit log', err);
    }
  }
}
