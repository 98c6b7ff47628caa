/**
 * The stand-in for a provider track (runtime/idle-tracks.ts): marks that its worker has run it
 * (ZorgTier 'idle', so that visibility counts the stand-ins past their first task), then waits,
 * and answers no query of the product's.
 */
import { sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { ZorgTier } from '../workflows/search-attributes';

/** Waits a year, doing nothing (a track between its deadlines). */
export async function idleWorkflow(): Promise<void> {
  upsertSearchAttributes([{ key: ZorgTier, value: 'idle' }]);
  await sleep('365 days');
}
