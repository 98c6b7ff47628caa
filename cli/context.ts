/**
 * What every command group of the CLI shares: the modules loaded when an action needs them, the
 * errors and their exit codes, the connection to Temporal and the database, the typed values
 * (AGB codes, days, years), and the program's context (`CliContext`: printing, the editions,
 * the provider's track).
 */
import type { Client, Connection } from '@temporalio/client';
import { Command, Option } from 'commander';
import { version } from '../package.json';
import type { Config } from '../config/config';
import type { Edition } from '../policies';
import type { EditionStore } from '../activities/edition-store';
import type { Database } from '../db/database';
import { kebab, moment } from './format';
import { closedTrack as findClosedTrack, contractKind, trackOf } from '../operations/tracks';

export { contractKind, trackOf };

/** How a closed track ended, in words ("closed: its final status is PUBLISHED, since ..."); undefined while it runs. */
export async function closedTrack(client: Client, workflowId: string): Promise<{ status: string; execution: string; closedAt?: Date; text: string } | undefined> {
  const closed = await findClosedTrack(client, workflowId);
  return closed && { ...closed, text: `closed: its final status is ${closed.status}${closed.closedAt ? `, since ${moment(closed.closedAt)}` : ''} (workflow ${closed.execution})` };
}

export { kebab };

// Start-up stays fast (`zorginkoop --version`, `--help`, a usage error): the Temporal client, the
// database, the policies and the activities load when a command's action needs them, not before.
/* eslint-disable @typescript-eslint/no-require-imports -- required where an action needs them, for start-up time */
export const load = {
  temporal: () => require('@temporalio/client') as typeof import('@temporalio/client'),
  config: () => require('../config/config') as typeof import('../config/config'),
  database: () => require('../db/database') as typeof import('../db/database'),
  policies: () => require('../policies') as typeof import('../policies'),
  calendar: () => require('../policies/calendar') as typeof import('../policies/calendar'),
  planDate: () => require('../policies/plan-date') as typeof import('../policies/plan-date'),
  editionFile: () => require('../policies/edition-file') as typeof import('../policies/edition-file'),
  editionStore: () => require('../activities/edition-store') as typeof import('../activities/edition-store'),
  editionArchive: () => require('../activities/edition-archive') as typeof import('../activities/edition-archive'),
  directory: () => require('../activities/directory') as typeof import('../activities/directory'),
  portal: () => require('../activities/portal') as typeof import('../activities/portal'),
  staff: () => require('../activities/staff') as typeof import('../activities/staff'),
  audit: () => require('../activities/audit') as typeof import('../activities/audit'),
  mail: () => require('../activities/mail') as typeof import('../activities/mail'),
  contracts: () => require('../activities/contracts') as typeof import('../activities/contracts'),
  providerStore: () => require('../activities/provider-store') as typeof import('../activities/provider-store'),
  messages: () => require('../workflows/messages') as typeof import('../workflows/messages'),
  catalogue: () => require('../workflows/catalogue') as typeof import('../workflows/catalogue'),
  ids: () => require('../policies/ids') as typeof import('../policies/ids'),
  campaign: () => require('../workflows/campaign') as typeof import('../workflows/campaign'),
  searchAttributes: () => require('../workflows/search-attributes') as typeof import('../workflows/search-attributes'),
  campaigns: () => require('../operations/campaigns') as typeof import('../operations/campaigns'),
  deadlines: () => require('../operations/deadlines') as typeof import('../operations/deadlines'),
  questions: () => require('../operations/questions') as typeof import('../operations/questions'),
  editions: () => require('./editions') as typeof import('./editions'),
  providersFile: () => require('../operations/providers-file') as typeof import('../operations/providers-file'),
  pastSteps: () => require('../operations/past-steps') as typeof import('../operations/past-steps'),
  transparency: () => require('../policies/transparency') as typeof import('../policies/transparency'),
  registerSearchAttributes: () => require('../operations/search-attributes') as typeof import('../operations/search-attributes'),
  tracing: () => require('../runtime/tracing') as typeof import('../runtime/tracing'),
  progress: () => require('cli-progress') as typeof import('cli-progress'),
  fs: () => require('node:fs') as typeof import('node:fs'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The care types (policies/policy.ts CareTypeSchema; a test keeps them equal), for `policy draft`'s choices without loading zod. */
export const CARE_TYPES = ['zg', 'paramedisch', 'farmacie', 'hulpmiddelen', 'geboortezorg'] as const;

import { UsageError } from '../operations/errors';

/** Bad input from the user: exit code 2. */
export { UsageError };

/** What a command read had records it could not read: it printed the rest, then exits 1. */
export class IncompleteError extends Error {}

/** Runs `work` with the configured database (up to date), and closes it. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = load.database().databaseFor(config, { poolSize: 2 });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}


export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * A Temporal client for a command; `close()` closes it. Traced where ZORGINKOOP_OTEL_TRACES is on
 * (runtime/tracing.ts, loaded only then): a `campaign start` or an update opens the workflow's
 * trace, and `close()` sends the command's spans before the process exits.
 */
export async function connect(config: Config): Promise<{ client: Client; connection: Connection; close: () => Promise<void> }> {
  const connection = await load.temporal().Connection.connect({ ...load.config().connectionOptions(config), connectTimeout: '5 seconds' }).catch((err: Error) => {
    throw new Error(`cannot reach Temporal at ${config.address}: ${err.message}. Is the server running (npm start)?`);
  });
  const { traces } = config.observability;
  const tracing = traces.to === 'off' ? undefined : load.tracing().startTracing(traces, 'zorginkoop-cli', (line) => process.stderr.write(`zorginkoop: ${line}\n`));
  const client = new (load.temporal().Client)({ connection, namespace: config.namespace, ...(tracing ? { interceptors: tracing.clientInterceptors } : {}) });
  return {
    client,
    connection,
    close: async () => {
      await connection.close();
      await tracing?.shutdown();
    },
  };
}

/** A year as typed after --year: four digits. */
export function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`year '${value}': a year is four digits, e.g. 2028`);
  return Number(value);
}

/** A calendar day as typed: YYYY-MM-DD, and a day that exists (no 2027-02-30). */
export function isoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new UsageError(`date '${value}': a date is YYYY-MM-DD, e.g. 2027-11-08`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw new UsageError(`date '${value}': there is no such day`);
  return value;
}


const AGB = /^\d{8}$/;
export function agb(value: string): string {
  if (!AGB.test(value)) throw new UsageError(`AGB code '${value}': an AGB code is exactly 8 digits, e.g. 01234567`);
  return value;
}


/** What a command group needs of the program it is added to. */
export interface CliContext {
  program: Command;
  io: Io;
  json: () => boolean;
  editions: () => EditionStore;
  editionOf: (value: string) => Edition;
  policyId: (value: string) => string;
  print: (value: unknown, text: () => string) => void;
  config: () => Config;
  withProvider: <T>(policy: string, agbCode: string, kind: string | undefined, fn: (client: Client, workflowId: string) => Promise<T>) => Promise<T>;
  policyOption: () => Option;
  kindOption: () => Option;
}

/** The program and its context; `io` lets tests capture what it prints. */
export function createCli(env: Record<string, string | undefined>, io: Io): CliContext {
  const program = new Command('zorginkoop')
    .description('Operations CLI for the yearly contracting of care providers')
    .version(version, '-V, --version', 'print the version')
    .option('--json', 'print JSON instead of text')
    // Throw instead of exiting, in every subcommand (inherited by those added below).
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`zorginkoop: ${text.replace(/^error: /, '').replace(/\n\(Did you mean/, ' (did you mean')}`) });
  const json = () => Boolean(program.opts().json);
  // The editions: the configured folder (read once, when a command first needs one).
  let store: EditionStore | undefined;
  const editions = () => (store ??= load.editionStore().editionStoreFor(config()));
  /** The edition with this id, or a usage error listing the known ones. */
  const editionOf = (value: string): Edition => {
    try {
      return editions().get(value);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  };
  const policyId = (value: string): string => editionOf(value).id;
  const print = (value: unknown, text: () => string) => io.out(`${json() ? JSON.stringify(value, null, 2) : text()}\n`);
  const config = () => load.config().loadConfig(env);

  const withProvider = async <T>(policy: string, agbCode: string, kind: string | undefined, fn: (client: Client, workflowId: string) => Promise<T>): Promise<T> => {
    // Everything typed is checked before connecting.
    const edition = editionOf(policy);
    agb(agbCode);
    if (kind !== undefined) contractKind(edition, kind);
    const { client, close } = await connect(config());
    let workflowId: string | undefined;
    try {
      workflowId = await trackOf(client, edition, agbCode, kind);
      return await fn(client, workflowId);
    } catch (err) {
      if (err instanceof UsageError || !workflowId) throw err;
      // A track whose workflow has completed takes no updates: say so, with how and when it ended.
      const closed = await closedTrack(client, workflowId).catch(() => undefined);
      if (closed) throw new Error(`the track of AGB ${agbCode} under ${edition.id}${kind ? ` (${kind})` : ''} is ${closed.text}`);
      if (err instanceof load.temporal().WorkflowNotFoundError) throw new Error(`no contracting track for AGB ${agbCode} under ${edition.id}${kind ? ` (${kind})` : ''}`);
      if (err instanceof load.temporal().WorkflowUpdateFailedError) throw new Error(`refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      throw err;
    } finally {
      await close();
    }
  };
  const policyOption = () => new Option('-p, --policy <id>', 'policy edition id, e.g. paramedisch-2027 (`policies` lists them)').makeOptionMandatory();

  const kindOption = () => new Option('-k, --kind <contract kind>', 'the contract kind, where the provider has tracks of several under the policy (e.g. fysiotherapie)');
  return { program, io, json, editions, editionOf, policyId, print, config, withProvider, policyOption, kindOption };
}
