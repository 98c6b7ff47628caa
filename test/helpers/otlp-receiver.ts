/**
 * A collector's OTLP/HTTP traces endpoint, as small as it gets, for the tracing tests
 * (runtime/tracing.ts): `POST /v1/traces` with a JSON body (what @opentelemetry/exporter-trace-otlp-http
 * sends), every span kept with the `service.name` of the process that sent it.
 */
import { createServer } from 'node:http';

/** A span as the receiver got it, with the service that sent it. */
export interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
}
type OtlpAttributes = { key: string; value: OtlpValue }[];
interface OtlpJson {
  resourceSpans: { resource: { attributes: OtlpAttributes }; scopeSpans: { spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes?: OtlpAttributes }[] }[] }[];
}

export interface OtlpReceiver {
  /** Its traces URL, for ZORGINKOOP_OTEL_TRACES. */
  url: string;
  spans: ReceivedSpan[];
  /** The content type of each request. */
  contentTypes: (string | undefined)[];
  close(): Promise<void>;
}

export function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      contentTypes.push(req.headers['content-type']);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJson;
      for (const rs of body.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const s of rs.scopeSpans.flatMap((ss) => ss.spans)) {
          const attributes = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? a.value.intValue]));
          spans.push({ service, name: s.name, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, attributes });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      done({ url: `http://127.0.0.1:${bound}/v1/traces`, spans, contentTypes, close: () => new Promise((closed) => server.close(() => closed())) });
    }),
  );
}
