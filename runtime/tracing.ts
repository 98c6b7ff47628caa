/**
 * OpenTelemetry tracing through Temporal's interceptors (ZORGINKOOP_OTEL_TRACES; docs/operations.md,
 * "Traces"). Off by default, and then nothing of OpenTelemetry is loaded: this file imports types
 * only, and requires the packages in `startTracing`, which callers reach only where the setting is on.
 *
 * What is traced, one trace from the caller to the last activity:
 * - a Temporal client (the console, the CLI, the worker's own client that campaigns start tracks
 *   with): starting a workflow, signals, queries and updates, with the caller's span put into the
 *   call's headers (`clientInterceptors`);
 * - in the workflow sandbox: running the workflow, its signals, the activities and workflows it
 *   starts (queries, updates and timers too where the SDK's flag for them is in the history); the
 *   interceptors are in the traced workflow bundle (runtime/workflow-bundle.ts), and their spans
 *   leave the sandbox through a sink (`workerOptions.sinks`), on the worker's thread;
 * - in the worker: running each activity (`workerOptions.interceptors.activity`).
 *
 * Spans go out in batches (the SDK's BatchSpanProcessor: every 5 s, or 512 at a time; its
 * OTEL_BSP_* variables apply), to the collector's OTLP/HTTP endpoint (JSON bodies) or, with
 * `console`, one JSON line a span on stderr (stdout is the CLI's output and the worker's log).
 * `shutdown()` sends what is still buffered.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { TracesTarget } from '../config/observability';

/** The process's tracing: what its Temporal clients and its worker take, and how it stops. */
export interface Tracing {
  /** For every Temporal `Client` of the process. */
  clientInterceptors: ClientInterceptors;
  /** For `Worker.create`: the activity interceptors, and the sink the workflow interceptors export through. */
  workerOptions: Required<Pick<WorkerOptions, 'interceptors' | 'sinks'>>;
  /** Sends the spans still buffered, and stops; later spans are dropped. Safe to call twice. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process where `target` says so (undefined where it is off): the SDK's
 * tracer provider, registered as the global one (with W3C trace-context propagation and an
 * AsyncLocalStorage context), spans named by `serviceName` (`zorginkoop-worker`, `-console`, `-cli`).
 * `warn`: where the exporter's failures go (a collector that cannot be reached), instead of nowhere.
 */
export function startTracing(target: TracesTarget, serviceName: string, warn: (line: string) => void): Tracing | undefined {
  if (target.to === 'off') return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only where tracing is on */
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const otel = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry');
  /* eslint-enable @typescript-eslint/no-require-imports */

  // The SDK's complaints (an export that failed: every batch while a collector is down), at most once a minute.
  let quietUntil = 0;
  const failed = (message: string) => {
    if (Date.now() < quietUntil) return;
    quietUntil = Date.now() + 60_000;
    warn(`tracing: ${readable(message)} (spans are dropped while this lasts; said at most once a minute)`);
  };
  api.diag.setLogger({ error: failed, warn: failed, info: () => {}, debug: () => {}, verbose: () => {} }, api.DiagLogLevel.WARN);
  const resource = Resource.default().merge(new Resource({ 'service.name': serviceName }));
  const exporter =
    target.to === 'console'
      ? stderrExporter(serviceName)
      : // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where spans go to a collector
        new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: target.url });
  const processor = new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();

  let stopped: Promise<void> | undefined;
  return {
    clientInterceptors: { workflow: [new otel.OpenTelemetryWorkflowClientInterceptor()] },
    workerOptions: {
      interceptors: {
        activity: [(ctx) => ({ inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx) })],
      },
      // The workflow interceptors' spans, handed over from the sandbox, into the same batches.
      sinks: { exporter: otel.makeWorkflowExporter(processor, resource) },
    },
    shutdown: () =>
      (stopped ??= provider
        .shutdown()
        // A collector that cannot be reached costs the last spans, not a clean stop.
        .catch((err: Error) => warn(`tracing: the last spans were not sent (${err.message})`))
        .finally(() => {
          // The globals back to none: a later startTracing in this process (tests) registers its own.
          api.trace.disable();
          api.context.disable();
          api.propagation.disable();
          api.diag.disable();
        })),
  };
}

/** The SDK hands its errors over as JSON with a stack: their message is enough for a log line. */
function readable(message: string): string {
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : message;
  } catch {
    return message;
  }
}

/** `console`: each span one JSON line on stderr, for an engineer reading along. */
function stderrExporter(service: string): SpanExporter {
  const ms = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;
  const line = (span: ReadableSpan) => {
    const { traceId, spanId } = span.spanContext();
    const at = new Date(ms(span.startTime)).toISOString();
    return JSON.stringify({ span: span.name, service, traceId, spanId, parentSpanId: span.parentSpanId, at, ms: Math.round(ms(span.duration) * 10) / 10, ...(span.status.code === 2 ? { error: span.status.message ?? true } : {}), attributes: span.attributes });
  };
  return {
    export(spans, done) {
      process.stderr.write(spans.map((s) => `${line(s)}\n`).join(''));
      done({ code: 0 /* ExportResultCode.SUCCESS */ });
    },
    shutdown: () => Promise.resolve(),
  };
}
