/**
 * The public status of a snapshot (the list of them is machines/statuses.ts; their sentences are
 * workflow-side for engineers, workflows/status-texts.ts, and in words/ for staff).
 */
import { statusOf, type ProviderSnapshot } from './provider-contract';
import { PUBLIC_STATUSES, type PublicStatus } from './statuses';

export { PUBLIC_STATUSES, type PublicStatus };

/** The public status of a machine snapshot: each state names its own (`meta.status` in the machine). */
export function publicStatus(snapshot: ProviderSnapshot): PublicStatus {
  return statusOf(snapshot);
}
