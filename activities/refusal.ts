/**
 * A business refusal: the outside world (the portal, the provider finder, the staff inbox) said no
 * for a reason that no retry can change (the provider is unknown to it, an offer is locked, a
 * listing lacks an address ...). Activities turn it into a non-retryable failure with its reason;
 * the workflow stops the track for staff (NEEDS_ATTENTION) instead of retrying forever, and keeps
 * everything done so far. Anything else (an outage, a timeout) is retried.
 */
export class BusinessRefusal extends Error {
  override name = 'BusinessRefusal';
}
