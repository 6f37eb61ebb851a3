import type { Context, Span, Tracer } from '@opentelemetry/api';
import type { RequestTracer, SpanAttributeValue, SpanHandle } from './request-tracer.js';

export type TraceExporterChoice = 'otlp' | 'console';

export interface TracingOptions {
  exporter: TraceExporterChoice;
  /** OTLP/HTTP base URL (`http://collector:4318`); spans go to `<base>/v1/traces`. Absent: the exporter's default. */
  otlpEndpoint?: string;
  serviceVersion?: string;
}

/** W3C `traceparent`: version 00, trace id, parent span id, flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Loads the OpenTelemetry SDK (by dynamic import, so a gateway with traces off never loads it) and returns a
 * tracer for inference requests. The provider is not registered globally: only Hangar's own spans are made.
 */
export async function startTracing(options: TracingOptions): Promise<RequestTracer> {
  const [api, sdk, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  let processor;
  if (options.exporter === 'otlp') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url =
      options.otlpEndpoint === undefined ? undefined : `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processor = new sdk.BatchSpanProcessor(new OTLPTraceExporter(url === undefined ? {} : { url }));
  } else {
    processor = new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter());
  }
  const provider = new sdk.BasicTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': 'hangar',
      ...(options.serviceVersion === undefined ? {} : { 'service.version': options.serviceVersion }),
    }),
    spanProcessors: [processor],
  });
  const tracer: Tracer = provider.getTracer('hangar', options.serviceVersion);

  class OtelSpan implements SpanHandle {
    constructor(readonly span: Span) {}
    setAttribute(key: string, value: SpanAttributeValue): void {
      this.span.setAttribute(key, value);
    }
    fail(errorType: string, message: string): void {
      this.span.setAttribute('error.type', errorType);
      this.span.setStatus({ code: api.SpanStatusCode.ERROR, message });
    }
    end(): void {
      this.span.end();
    }
  }

  const parentOf = (traceparent: string | undefined): Context => {
    const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent.trim());
    if (match === null) return api.ROOT_CONTEXT;
    const [, traceId = '', spanId = '', flags = '00'] = match;
    const spanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
    return api.trace.isSpanContextValid(spanContext)
      ? api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext)
      : api.ROOT_CONTEXT;
  };

  return {
    startRequestSpan(name, attributes, traceparent) {
      return new OtelSpan(tracer.startSpan(name, { kind: api.SpanKind.SERVER, attributes }, parentOf(traceparent)));
    },
    startAttemptSpan(parent, name, attributes) {
      const context = parent instanceof OtelSpan ? api.trace.setSpan(api.ROOT_CONTEXT, parent.span) : api.ROOT_CONTEXT;
      return new OtelSpan(tracer.startSpan(name, { kind: api.SpanKind.CLIENT, attributes }, context));
    },
    shutdown: () => provider.shutdown(),
  };
}
