// Bucket upper bounds, in seconds or tokens. They follow the OpenTelemetry GenAI semantic conventions' advice
// (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/), widened at the fast end where a local
// model or a cached answer is quicker than any vendor. docs/operations.md lists them.

/** `gen_ai_server_request_duration_seconds` and `gen_ai_client_operation_duration_seconds`. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84,
];

/** `gen_ai_server_time_to_first_token_seconds`. */
export const TIME_TO_FIRST_TOKEN_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30,
];

/** `gen_ai_server_time_per_output_token_seconds`: a local model on a GPU emits a token every millisecond or less. */
export const TIME_PER_OUTPUT_TOKEN_BUCKETS_SECONDS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5,
];

/** `gen_ai_client_token_usage`: powers of four, as the convention advises. */
export const TOKEN_USAGE_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
