/**
 * Keeps `npm start`'s processes running, and ends them all, in a bounded time, when asked.
 *
 * - Each child runs in a process group of its own (Ctrl-C in the terminal reaches `npm start`
 *   only, which then stops the children in its own order), and is ended with its group, so a
 *   grandchild (the embedded database's PostgreSQL) never outlives it.
 * - A child that stops unasked is started again after a pause that grows while it keeps
 *   stopping; one that stops `maxRestarts` times within a minute is given up: `onGiveUp` is told
 *   its name and last exit (npm start then stops everything and exits, saying which one).
 * - `stopAll` sends each group its stop signal, then SIGKILL after the child's grace time; it
 *   never waits for an exit that has already happened (what once left Ctrl-C hanging).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

/** One process to keep running. */
export interface ChildSpec {
  /** How messages name it: "the worker", "the console". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /** Signal that asks it to stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  /** How long it may take to stop before its group is killed (default 5 s). */
  graceMs?: number;
}

/** How a child ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const describe = (exit: ChildExit) => (exit.signal ? `killed by ${exit.signal}` : `exit ${exit.code}`);

/** A supervised child: its current process, and whether it runs. */
export class Supervised {
  process!: ChildProcess;
  /** Resolves when the current process has exited (already resolved if it has). */
  exited!: Promise<ChildExit>;
  private stopping = false;
  /** True once it stopped too often and was given up. */
  supervisorGaveUp = false;
  private restarts: number[] = [];
  private restartTimer?: NodeJS.Timeout;

  constructor(
    readonly spec: ChildSpec,
    private readonly supervisor: Supervisor,
  ) {}

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** @internal */
  spawn(): void {
    const child = spawn(this.spec.command, this.spec.args, { cwd: this.spec.cwd, env: this.spec.env ?? process.env, stdio: this.spec.stdio ?? 'inherit', detached: true });
    this.process = child;
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => done({ code, signal }));
      // A program that cannot be started at all ends like one that stopped.
      child.once('error', (err) => {
        this.supervisor.say(`${this.spec.name} could not be started: ${err.message}`);
        done({ code: -1, signal: null });
      });
    });
    void this.exited.then((exit) => this.exitedUnasked(exit));
  }

  private exitedUnasked(exit: ChildExit): void {
    if (this.stopping || this.supervisor.stopping) return;
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= this.supervisor.maxRestarts) {
      this.supervisor.giveUp(this, exit);
      return;
    }
    this.restarts.push(now);
    const pause = Math.min(500 * 2 ** (this.restarts.length - 1), 10_000);
    this.supervisor.say(`${this.spec.name} stopped unexpectedly (${describe(exit)}); starting it again in ${(pause / 1000).toFixed(1)} s`);
    this.restartTimer = setTimeout(() => {
      if (!this.stopping && !this.supervisor.stopping) this.spawn();
    }, pause);
  }

  /** Asks the child to stop; kills its group after its grace time. Resolves when it has exited. */
  async stop(): Promise<ChildExit | undefined> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (!this.running) return undefined;
    const pid = this.process.pid!;
    signalGroup(pid, this.spec.stopSignal ?? 'SIGTERM');
    const grace = this.spec.graceMs ?? 5000;
    const timer = new Promise<'late'>((done) => setTimeout(() => done('late'), grace).unref());
    const first = await Promise.race([this.exited, timer]);
    if (first !== 'late') {
      // The leader exited; anything it left in its group goes too.
      signalGroup(pid, 'SIGKILL');
      return first;
    }
    this.supervisor.say(`${this.spec.name} did not stop within ${grace / 1000} s; killing it`);
    signalGroup(pid, 'SIGKILL');
    return Promise.race([this.exited, new Promise<undefined>((done) => setTimeout(() => done(undefined), 2000).unref())]);
  }

  /** Ends the child's group at once (a second Ctrl-C, or the supervisor's own exit). */
  kill(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (this.process?.pid) signalGroup(this.process.pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** The children of one `npm start`. */
export class Supervisor {
  readonly children: Supervised[] = [];
  stopping = false;

  constructor(
    readonly options: {
      /** Where messages go. */
      say: (line: string) => void;
      /** A child that stops this often within a minute is given up (default 5). */
      maxRestarts?: number;
      /** Told when a child is given up. */
      onGiveUp?: (child: Supervised, exit: ChildExit) => void;
    },
  ) {
    // However this process ends, no child outlives it.
    process.once('exit', () => this.children.forEach((c) => c.kill()));
  }

  get maxRestarts(): number {
    return this.options.maxRestarts ?? 5;
  }

  say(line: string): void {
    this.options.say(line);
  }

  /** Starts a child and keeps it running. */
  start(spec: ChildSpec): Supervised {
    const child = new Supervised(spec, this);
    child.spawn();
    this.children.push(child);
    return child;
  }

  /** @internal */
  giveUp(child: Supervised, exit: ChildExit): void {
    child.supervisorGaveUp = true;
    this.say(`${child.spec.name} keeps stopping (${this.maxRestarts + 1} times within a minute; last: ${describe(exit)}); see its output above`);
    this.options.onGiveUp?.(child, exit);
  }

  /**
   * Stops every child: the groups in order, the children of one group at once; each within its
   * grace time, then killed. Resolves when all have exited.
   */
  async stopAll(groups: Supervised[][] = [this.children]): Promise<void> {
    this.stopping = true;
    const listed = new Set(groups.flat());
    const rest = this.children.filter((c) => !listed.has(c));
    for (const group of [...groups, rest]) await Promise.all(group.map((c) => c.stop()));
  }

  /** Kills every child's group at once. */
  killAll(): void {
    this.stopping = true;
    for (const child of this.children) child.kill();
  }
}
