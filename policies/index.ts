/**
 * The policy editions and their rules: `evaluate(edition, provider)` decides a provider's tracks
 * under an edition (policies/edition.ts); the editions themselves are data (editions/, read by the
 * edition store in activities/edition-store.ts).
 */
export { decisionOfTrack, evaluate, kindsFor, rehearse, trackKinds, type Edition } from './edition';
