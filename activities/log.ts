/**
 * The product's own log lines (the worker's start lines, the e-mail relay's and the mailbox
 * filer's once-only lines, the Temporal SDK's log in the worker): readable lines (`text`, the
 * default: `worker: polling task queue ...`), or JSON with pino (`json`, ZORGINKOOP_LOG_FORMAT),
 * one object a line: `level`, `time`, `part` (worker, mail, mailbox ...), `msg`, and where they
 * apply `workflowId`, `agbCode` (from a track's workflow id), `activityType`, `taskQueue`. No
 * e-mail address, provider name or password is put in a field; messages carry URLs redacted
 * (config/config.ts, redactedUrl). The console and the finder log through Fastify's pino
 * (web/http-security.ts), with its `reqId`.
 */
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import pino, { type Logger } from 'pino';

export type LogFormat = 'text' | 'json';
export type LogLevelName = 'info' | 'warn' | 'error';

/** A product log: a message and the fields an operator needs. */
export interface ProductLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * A line as the relay and the filer write it (`mail: ...`, `mailbox: ...`), at `warn`: as it is
   * in text, and in JSON with its prefix as the `part`.
   */
  line(line: string): void;
  /** The pino logger in JSON, for the SDK's log; absent in text. */
  readonly pino?: Logger;
}

/** A track's workflow id, `contracting/<policy>/<AGB>[/<kind>]`: its AGB code. */
export function agbCodeOf(workflowId: unknown): string | undefined {
  return typeof workflowId === 'string' ? /^contracting\/[^/]+\/(\d{8})(\/|$)/.exec(workflowId)?.[1] : undefined;
}

/** The log of one part of the product (`worker`), in `format`; text to stdout (info) and stderr (the rest), JSON to `out` (default stdout). */
export function productLog(part: string, format: LogFormat, out: { write(line: string): void } = process.stdout, err: { write(line: string): void } = process.stderr): ProductLog {
  if (format === 'text') {
    const write = (level: LogLevelName) => (message: string) => (level === 'info' ? out : err).write(`${part}: ${message}\n`);
    return { info: write('info'), warn: write('warn'), error: write('error'), line: (line) => err.write(`${line}\n`) };
  }
  const logger = pino({ level: 'trace', base: { part }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, out === process.stdout ? pino.destination({ dest: 1, sync: true }) : out);
  const write = (level: LogLevelName) => (message: string, fields: Record<string, unknown> = {}) => logger[level](fields, message);
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    line(line) {
      const [, prefix, rest] = /^([a-z-]+): ([\s\S]*)$/.exec(line) ?? [undefined, part, line];
      logger.warn({ part: prefix }, rest);
    },
    pino: logger,
  };
}

/** The SDK's log (Runtime.install): its own lines in text; in JSON through pino, with the workflow id and the track's AGB code where an entry has them. */
export function sdkLogger(level: LogLevel, log: ProductLog): DefaultLogger {
  const json = log.pino;
  if (!json) return new DefaultLogger(level);
  const levels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
  return new DefaultLogger(level, (entry: LogEntry) => {
    // The task token completes an activity: it stays out of the log. An error goes under pino's `err` (its type, message and stack).
    const { taskToken: _token, error, ...meta } = entry.meta ?? {};
    const agbCode = agbCodeOf(meta.workflowId);
    json[levels[entry.level]]({ part: 'temporal', ...meta, ...(agbCode ? { agbCode } : {}), ...(error !== undefined ? { err: error } : {}) }, entry.message);
  });
}
