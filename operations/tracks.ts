/**
 * Finding a provider's track: the workflow id of a provider under an edition and contract kind,
 * found in visibility where the person named no kind, and how a closed track ended. For the CLI
 * (every track command) and whatever else names a track by AGB code.
 */
import type { Client } from '@temporalio/client';
import type { Edition } from '../policies';
import { providerWorkflowId } from '../policies/ids';
import { UsageError } from './errors';
import { equals } from './visibility';

// Loaded when a track is looked up, not when the CLI starts (its start-up time: test/cli/startup.test.ts).
/* eslint-disable @typescript-eslint/no-require-imports */
const searchAttributes = () => require('../workflows/search-attributes') as typeof import('../workflows/search-attributes');
const temporal = () => require('@temporalio/client') as typeof import('@temporalio/client');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A contract kind of the edition, or a usage error naming the kinds it has. */
export function contractKind(edition: Edition, kind: string): string {
  const policy = edition.id;
  const kinds = edition.contractKinds.map((k) => k.id);
  if (!kinds.includes(kind)) throw new UsageError(`contract kind '${kind}' is not a contract kind of ${policy} (known: ${kinds.join(', ')})`);
  return kind;
}

/** The workflow id of a provider's track: with the contract kind where the edition has several. */
export function workflowIdFor(p: Edition, agbCode: string, kind?: string): string {
  const policy = p.id;
  if (kind !== undefined) contractKind(p, kind);
  if (p.contractKinds.length > 1 && !kind) throw new UsageError(`${policy} has several contract kinds: name one with --kind (${p.contractKinds.map((k) => k.id).join(', ')})`);
  return providerWorkflowId(policy, agbCode, p.contractKinds.length > 1 ? kind : undefined);
}

/**
 * The provider's track: by its contract kind where one is named or the edition has one kind; else
 * the one track the provider has under the policy (found in visibility by ZorgPolicy and
 * ZorgAgbCode), or a usage error naming the kinds it has tracks of.
 */
export async function trackOf(client: Client, edition: Edition, agbCode: string, kind?: string): Promise<string> {
  if (kind !== undefined || edition.contractKinds.length <= 1) return workflowIdFor(edition, agbCode, kind);
  const { ZorgContractKind } = searchAttributes();
  const tracks = new Map<string, string>();
  for await (const wf of client.workflow.list({ query: `${equals('ZorgPolicy', edition.id)} AND ${equals('ZorgAgbCode', agbCode)}` })) {
    tracks.set(wf.typedSearchAttributes.get(ZorgContractKind) ?? wf.workflowId, wf.workflowId);
  }
  if (tracks.size === 1) return [...tracks.values()][0]!;
  if (!tracks.size) throw new Error(`no contracting track for AGB ${agbCode} under ${edition.id} (of any of its contract kinds: ${edition.contractKinds.map((k) => k.id).join(', ')})`);
  throw new UsageError(`AGB ${agbCode} has ${tracks.size} tracks under ${edition.id}: name one with --kind (${[...tracks.keys()].sort().join(', ')})`);
}

/** A track whose workflow has completed: its final public status, how the workflow ended, and when. */
export interface ClosedTrack {
  status: string;
  execution: string;
  closedAt?: Date;
}

/** How a closed track ended, in words ("closed: PUBLISHED, since ..."); undefined while it runs or where there is none. */
export async function closedTrack(client: Client, workflowId: string): Promise<ClosedTrack | undefined> {
  let d;
  try {
    d = await client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof temporal().WorkflowNotFoundError) return undefined;
    throw err;
  }
  if (d.status.name === 'RUNNING') return undefined;
  const status = d.typedSearchAttributes.get(searchAttributes().ZorgStatus) ?? d.status.name;
  const execution = d.status.name.toLowerCase();
  return { status, execution, closedAt: d.closeTime };
}

