import type { QuotaLimiter } from '../../quota/index.js';
import type { ProviderAdapter } from '../../spec/index.js';
import type { BudgetGuard, SloTracker, UsageRecorder } from '../../metering/index.js';
import type { Registry } from '../../control/registry-types.js';
import type { InferenceTelemetry } from './inference-telemetry.js';
import type { RoutingState } from '../../routing/index.js';
import type { ContentSafety } from './content-safety.js';

/** What the inference routes need from the rest of Hangar. */
export interface InferenceServices {
  registry: Registry;
  usage: UsageRecorder;
  /** For connections that do not set their own timeout. */
  upstreamTimeoutMs: number;
  /** SSE frames arriving within this window of the last write share one socket write (0: one each). */
  streamCoalesceMs: number;
  /** Serves `local` backends when this server hosts models in-process. */
  localProvider?: ProviderAdapter;
  /** Deployment rate limits (TPM/RPM); absent: no deployment is limited. */
  quota?: QuotaLimiter;
  /** Monthly budgets of projects and keys, checked after the quota; absent: nothing is refused for cost. */
  budgets?: BudgetGuard;
  /** The catalog's max output for a model, charged at admission when a request sets no max_tokens. */
  outputCap?: (model: string) => number | undefined;
  /** Per-deployment service levels (availability, latency); absent: nothing is tracked. */
  serviceLevels?: SloTracker;
  /** The catalog's family for a model (`gpt-4o`, `o-series`), which picks the tokenizer admission counts with. */
  modelFamily?: (model: string) => string | undefined;
  /** Breakers, latencies and in-flight counts of deployments' backends on this replica; absent: none kept. */
  routing?: RoutingState;
  /** Metrics, traces, in-flight count and prompt logging (track-inference.ts); absent: nothing is recorded. */
  telemetry?: InferenceTelemetry;
  /** Content-filter policies of deployments; absent: nothing is filtered or annotated (unit tests). */
  contentSafety?: ContentSafety;
}
