/** The stand-in for a provider track (runtime/idle-tracks.ts): waits, and answers no query of the product's. */
import { sleep } from '@temporalio/workflow';

/** Waits a year, doing nothing (a track between its deadlines). */
export async function idleWorkflow(): Promise<void> {
  await sleep('365 days');
}
