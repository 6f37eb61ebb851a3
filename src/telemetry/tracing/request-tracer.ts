export type SpanAttributeValue = string | number | boolean;

/** A span as the request path sees it; the OpenTelemetry span stays behind it, so nothing here loads the SDK. */
export interface SpanHandle {
  setAttribute(key: string, value: SpanAttributeValue): void;
  /** Marks the span failed: status ERROR with the message, and `error.type` (a Hangar error code). */
  fail(errorType: string, message: string): void;
  end(): void;
}

/** Opens the spans of inference requests. Absent when traces are off, so the request path pays one `?.`. */
export interface RequestTracer {
  /** The request's SERVER span; `traceparent` (W3C) makes it a child of the caller's span. */
  startRequestSpan(name: string, attributes: Record<string, SpanAttributeValue>, traceparent?: string): SpanHandle;
  /** A CLIENT span for one upstream attempt, child of the request span. */
  startAttemptSpan(parent: SpanHandle, name: string, attributes: Record<string, SpanAttributeValue>): SpanHandle;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}
