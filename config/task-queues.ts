/**
 * The task queues, all named from the one setting (TEMPORAL_TASK_QUEUE, the tracks' queue).
 *
 * Campaigns and their page activities poll a queue of their own, so that a campaign's next page
 * never waits behind the workflow tasks and activities of the tracks it has just started (the
 * fan-out, docs/architecture.md). Every worker polls both; every campaign start names this one.
 * Derived, not a setting: two settings could disagree between a worker and a CLI.
 */
export function campaignTaskQueue(tracksTaskQueue: string): string {
  return `${tracksTaskQueue}-campaigns`;
}
