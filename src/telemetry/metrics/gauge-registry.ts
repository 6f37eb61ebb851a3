/** One sample of a gauge: its labels (bounded values only: names, never ids) and its value. */
export interface GaugeSample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/**
 * A gauge whose samples are read when `/metrics` is scraped, so the module that owns the state (the local
 * engine's queues, the routing breakers) keeps it and nothing is recorded on the request path.
 */
export interface GaugeDefinition {
  /** A Prometheus metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`, `hangar_` first unless a convention names it. */
  name: string;
  help: string;
  collect(): Iterable<GaugeSample>;
}

/** Where modules register their gauges; the http layer hands it to whoever owns state worth exposing. */
export interface GaugeRegistry {
  /** Returns the function that removes the gauge again. */
  register(gauge: GaugeDefinition): () => void;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function checkMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`'${name}' is not a valid Prometheus metric name.`);
}

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}
