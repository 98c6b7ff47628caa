/**
 * A background loop of a worker process: do one round, wait the poll interval (or less, when poked),
 * again until stopped. The e-mail relay (mail.ts), the mailbox's filer and its IMAP reader
 * (mailbox/) each run one. A round handles its own failures: the loop never stops on one.
 */
export class PollLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly pollMs: number,
  ) {}

  /** Starts the rounds (once; a second start does nothing). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.round();
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    })();
  }

  /** Ends the wait: the next round starts now. */
  poke(): void {
    this.wake?.();
  }

  /** Stops after the round in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
