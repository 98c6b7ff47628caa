/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly, from npm) served over the
 * PostgreSQL wire protocol on a local port, so that every process of one machine (workers, the
 * CLI, the finder, tests) reaches it with the same `pg` driver and the same queries as a
 * PostgreSQL server.
 *
 * PGlite is one PostgreSQL session. Clients therefore take turns at the level where the protocol
 * allows it:
 *   - a client's messages run as one unit up to its Sync or simple Query, never interleaved with
 *     another client's (the extended protocol's unnamed statement and portal live in the session:
 *     an interleaved Parse would replace them; @electric-sql/pglite-socket 0.2.17 queues single
 *     messages and fails with "unnamed prepared statement does not exist" under 20 concurrent
 *     clients, see docs/database.md);
 *   - a client inside a transaction keeps the session until the transaction ends, so transactions
 *     run one after another (serialisable by construction);
 *   - a client that holds a transaction open without sending anything for `idleInTransactionMs`,
 *     or disconnects, is rolled back and dropped, so one stuck process cannot stop the others.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

export interface EmbeddedServerOptions {
  host?: string;
  /** 0: any free port (see `port` after `start`). */
  port?: number;
  /** A client holding a transaction open this long without a message is rolled back and dropped (default 30 s). */
  idleInTransactionMs?: number;
}

interface Client {
  id: number;
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  /** Complete units (up to Sync, Query or Flush) waiting for the session, oldest first. */
  units: { bytes: Buffer; ends: 'sync' | 'flush' }[];
  /** Messages of a unit not yet complete. */
  partial: Buffer[];
  closed: boolean;
}

export class EmbeddedPostgresServer {
  private server?: Server;
  private readonly clients = new Set<Client>();
  /** The client that holds the session: inside a transaction, or between Flush and Sync. */
  private owner?: Client;
  private ready: Client[] = [];
  private running = false;
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  port = 0;
  readonly host: string;

  constructor(
    readonly db: PGlite,
    private readonly options: EmbeddedServerOptions = {},
  ) {
    this.host = options.host ?? '127.0.0.1';
  }

  async start(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.host, () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** postgres://... for the `pg` driver. */
  get url(): string {
    return `postgres://postgres@${this.host}:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.destroy();
    await new Promise<void>((resolvePromise) => (this.server ? this.server.close(() => resolvePromise()) : resolvePromise()));
    clearTimeout(this.idleTimer);
  }

  private accept(socket: Socket) {
    const client: Client = { id: this.nextId++, socket, buffer: Buffer.alloc(0), started: false, units: [], partial: [], closed: false };
    this.clients.add(client);
    socket.setNoDelay(true);
    socket.on('data', (data) => this.receive(client, data));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.drop(client));
  }

  private receive(client: Client, data: Buffer) {
    client.buffer = client.buffer.length ? Buffer.concat([client.buffer, data]) : data;
    for (;;) {
      if (!client.started) {
        if (client.buffer.length < 8) return;
        const length = client.buffer.readInt32BE(0);
        if (client.buffer.length < length) return;
        const code = client.buffer.readInt32BE(4);
        const message = client.buffer.subarray(0, length);
        client.buffer = client.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.socket.write('N'); // no encryption on a loopback port
          continue;
        }
        if (code === CANCEL_REQUEST) {
          client.socket.destroy(); // cancelling a running query is not supported; the query finishes
          return;
        }
        if (code !== PROTOCOL_3) {
          client.socket.destroy();
          return;
        }
        client.started = true;
        client.units.push({ bytes: Buffer.from(message), ends: 'sync' });
        this.enqueue(client);
        continue;
      }
      if (client.buffer.length < 5) return;
      const length = 1 + client.buffer.readInt32BE(1);
      if (client.buffer.length < length) return;
      const type = String.fromCharCode(client.buffer[0]!);
      const message = Buffer.from(client.buffer.subarray(0, length));
      client.buffer = client.buffer.subarray(length);
      if (type === 'X') {
        client.socket.end();
        return;
      }
      client.partial.push(message);
      if (type === 'S' || type === 'Q' || type === 'H') {
        client.units.push({ bytes: Buffer.concat(client.partial), ends: type === 'H' ? 'flush' : 'sync' });
        client.partial = [];
        this.enqueue(client);
      }
    }
  }

  private enqueue(client: Client) {
    if (this.owner === client) clearTimeout(this.idleTimer);
    if (!this.ready.includes(client)) this.ready.push(client);
    void this.pump();
  }

  /** Runs units one at a time: the owner's while it holds the session, else the oldest waiting client's. */
  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const client = this.owner ?? this.ready[0];
        if (!client || client.units.length === 0) break;
        const unit = client.units.shift()!;
        if (client.units.length === 0) this.ready = this.ready.filter((c) => c !== client);
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(unit.bytes, {
              onRawData: (chunk) => {
                if (!client.closed) client.socket.write(Buffer.from(chunk));
              },
            }),
          );
        } catch {
          client.socket.destroy();
        }
        const holds = !client.closed && (unit.ends === 'flush' || this.db.isInTransaction());
        if (holds) {
          this.owner = client;
          if (client.units.length === 0) this.armIdleTimer(client);
        } else {
          this.owner = undefined;
          if (this.db.isInTransaction()) await this.rollBack();
        }
      }
    } finally {
      this.running = false;
    }
  }

  private armIdleTimer(client: Client) {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => client.socket.destroy(), this.options.idleInTransactionMs ?? 30_000);
    this.idleTimer.unref();
  }

  private async rollBack() {
    // Not inside runExclusive: exec takes PGlite's query lock itself, and the lock does not nest
    // (wrapping it deadlocked the whole database the first time a killed client held a transaction).
    await this.db.exec('ROLLBACK').catch(() => undefined);
  }

  private async drop(client: Client) {
    client.closed = true;
    this.clients.delete(client);
    this.ready = this.ready.filter((c) => c !== client);
    client.units = [];
    if (this.owner === client) {
      clearTimeout(this.idleTimer);
      this.owner = undefined;
      if (!this.running) {
        this.running = true;
        try {
          if (this.db.isInTransaction()) await this.rollBack();
        } finally {
          this.running = false;
        }
      }
      void this.pump();
    }
  }
}
