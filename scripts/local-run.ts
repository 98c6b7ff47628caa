/**
 * What the fault runs and the benchmarks share: the staff CLI in this process, the product's
 * worker as a process of its own, waiting and memory figures. Their Temporal dev server is
 * runtime/dev-server.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main as cli } from '../cli';
import type { Database } from '../db/database';
import type { CaughtMail } from '../runtime/mail-catcher';

const ROOT = resolve(__dirname, '..');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The staff CLI in this process, with its output captured. */
export async function runCli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cli(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Reads a count until it reaches `target`, or has not changed for `quietMs` (what is still on
 * its way has stopped coming); returns the last count.
 */
export async function untilSettled(read: () => Promise<number>, target: number, quietMs: number, everyMs = 1000): Promise<number> {
  let value = -1;
  for (let changed = Date.now(); Date.now() - changed < quietMs; await sleep(everyMs)) {
    const now = await read();
    if (now !== value) changed = Date.now();
    value = now;
    if (value >= target) break;
  }
  return value;
}

/** Runs a script's main: a failure prints its stack and exits 1. */
export function runScript(main: () => Promise<void>): void {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}

/** The product's own worker (`worker.ts`), configured by `env`, in its own process group. */
export function startWorkerProcess(env: Record<string, string>, log: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => log(`[worker ${child.pid}] ${d.toString().trim()}`));
  child.stderr!.on('data', () => {}); // the SDK's warnings under load; the figures say what happened
  return child;
}

/** Signals a worker's whole process group; a group that is gone is fine. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Stops workers (TERM, then KILL half a second later). */
export async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  for (const w of workers) killGroup(w, 'SIGTERM');
  await sleep(500);
  for (const w of workers) killGroup(w, 'SIGKILL');
}

/** A process's resident memory now and at its peak, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** How many of each a fault run's providers got: offers, offer e-mails, contracts, listings (per AGB code, per address). */
export interface OneOfEach {
  offers: Map<string, number>;
  mails: Map<string, number>;
  contracts: Map<string, number>;
  listings: Map<string, number>;
  /** Per provider with other than exactly one of each: what it has. */
  faults: string[];
}

/** Counts, from the record and the mail catcher, what each provider got; a fault per provider without exactly one of each. */
export async function oneOfEach(database: Database, received: CaughtMail[], providers: { agbCode: string; email: string }[]): Promise<OneOfEach> {
  const per = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const codes = async (query: Promise<{ agb_code: string }[]>) => per((await query).map((r) => r.agb_code));
  const offers = await codes(database.db.selectFrom('portal_messages').select('agb_code').where('kind', '=', 'offer').execute());
  const contracts = await codes(database.db.selectFrom('contracts').select('agb_code').execute());
  const listings = await codes(database.db.selectFrom('finder_listings').select('agb_code').where('withdrawn_on', 'is', null).execute());
  const mails = per(received.filter((m) => m.key?.endsWith('/offer')).map((m) => m.to[0]!));
  const faults: string[] = [];
  for (const [i, p] of providers.entries()) {
    const wrong = [
      offers.get(p.agbCode) !== 1 && `${offers.get(p.agbCode) ?? 0} offers`,
      mails.get(p.email) !== 1 && `${mails.get(p.email) ?? 0} offer e-mails`,
      contracts.get(p.agbCode) !== 1 && `${contracts.get(p.agbCode) ?? 0} contracts`,
      listings.get(p.agbCode) !== 1 && `${listings.get(p.agbCode) ?? 0} listings`,
    ].filter(Boolean);
    if (wrong.length) faults.push(`provider ${i} (AGB ${p.agbCode}): ${wrong.join(', ')}`);
  }
  return { offers, mails, contracts, listings, faults };
}
