/**
 * The settings of metrics, logs and traces (docs/operations.md, "Metrics and logs"), part of the
 * one configuration (config/config.ts): where each process serves its Prometheus metrics, where
 * the Temporal SDK's exporter listens, whether log lines are JSON, and where OpenTelemetry spans go.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** An address to listen on: host:port, the host a name, an IPv4 address or [an IPv6 one] (an IP address only where `ipOnly`: the SDK's exporter takes no name). */
const listenAddress = (example: string, ipOnly = false) =>
  z
    .string()
    .trim()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, `expected host:port to serve metrics on, e.g. ${example} (127.0.0.1: this machine only; 0.0.0.0: every interface)`)
    .refine((a) => {
      const port = Number(a.slice(a.lastIndexOf(':') + 1));
      return port > 0 && port < 65536;
    }, 'the port must be 1-65535')
    .refine((a) => !ipOnly || isIP(a.slice(0, a.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1')) > 0, `the Temporal SDK's exporter listens on an IP address, not a name: e.g. ${example}`)
    .optional();

export const ObservabilityEnv = {
  /** The worker's product metrics (prom-client), GET /metrics; unset: none served. */
  ZORGINKOOP_WORKER_METRICS: listenAddress('127.0.0.1:9464'),
  /** The Temporal SDK's own metrics (task slots, latencies), the runtime's Prometheus exporter; unset: none. */
  ZORGINKOOP_SDK_METRICS: listenAddress('127.0.0.1:9465', true),
  /** The console's metrics, on a port of their own (never the console's): unset, none. */
  ZORGINKOOP_CONSOLE_METRICS: listenAddress('127.0.0.1:9466'),
  /** The finder's metrics, on a port of their own (never the public one): unset, none. */
  ZORGINKOOP_FINDER_METRICS: listenAddress('127.0.0.1:9467'),
  /** The product's log lines: `text` (one readable line each, the default) or `json` (pino, one object a line). */
  ZORGINKOOP_LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  /** OpenTelemetry spans through Temporal's interceptors (runtime/tracing.ts): `off` (the default), `console`, or an OTLP/HTTP traces URL. */
  ZORGINKOOP_OTEL_TRACES: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || v === 'off' || v === 'console' || isHttpUrl(v),
      "expected off, console, or the OTLP/HTTP traces URL of a collector, e.g. http://127.0.0.1:4318/v1/traces",
    )
    .optional(),
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Where the spans go: nowhere (nothing of OpenTelemetry is loaded), printed on stdout, or POSTed to a collector's OTLP/HTTP endpoint. */
export type TracesTarget = { to: 'off' } | { to: 'console' } | { to: 'otlp'; url: string };

/** host:port as the HTTP server and the SDK take it. */
export interface ListenAddress {
  host: string;
  port: number;
  /** As given: host:port. */
  address: string;
}

function parsed(address: string | undefined): ListenAddress | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)), address };
}

/** What the configuration says about metrics and logs. */
export interface ObservabilityConfig {
  metrics: { worker?: ListenAddress; sdk?: ListenAddress; console?: ListenAddress; finder?: ListenAddress };
  logFormat: 'text' | 'json';
  traces: TracesTarget;
}

export function observabilityConfig(e: z.output<z.ZodObject<typeof ObservabilityEnv>>): ObservabilityConfig {
  const metrics = { worker: parsed(e.ZORGINKOOP_WORKER_METRICS), sdk: parsed(e.ZORGINKOOP_SDK_METRICS), console: parsed(e.ZORGINKOOP_CONSOLE_METRICS), finder: parsed(e.ZORGINKOOP_FINDER_METRICS) };
  const traces = e.ZORGINKOOP_OTEL_TRACES;
  return {
    metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => v)),
    logFormat: e.ZORGINKOOP_LOG_FORMAT,
    traces: !traces || traces === 'off' ? { to: 'off' } : traces === 'console' ? { to: 'console' } : { to: 'otlp', url: traces },
  };
}
