/**
 * The search attributes every provider workflow carries, so that the Temporal Web UI and
 * `temporal workflow list --query` find providers by policy, AGB code, status or deadline.
 * A server must have them registered (`npm start` does so on the dev server; see README).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The policy id, e.g. `zg-2026`. */
export const ZorgPolicy = defineSearchAttributeKey('ZorgPolicy', SearchAttributeType.KEYWORD);
/** The contract kind, e.g. `zg` or `fysiotherapie`. */
export const ZorgContractKind = defineSearchAttributeKey('ZorgContractKind', SearchAttributeType.KEYWORD);
/** The provider's AGB code (8 digits, as text). */
export const ZorgAgbCode = defineSearchAttributeKey('ZorgAgbCode', SearchAttributeType.KEYWORD);
/** The public status (machines/public-status.ts). */
export const ZorgStatus = defineSearchAttributeKey('ZorgStatus', SearchAttributeType.KEYWORD);
/** The contract tier (A-D) where the policy has tiers. */
export const ZorgTier = defineSearchAttributeKey('ZorgTier', SearchAttributeType.KEYWORD);
/** The instant the next deadline passes, if one is running. */
export const ZorgNextDeadline = defineSearchAttributeKey('ZorgNextDeadline', SearchAttributeType.DATETIME);

/** All of them, for registration. */
export const SEARCH_ATTRIBUTES = [ZorgPolicy, ZorgContractKind, ZorgAgbCode, ZorgStatus, ZorgTier, ZorgNextDeadline];
