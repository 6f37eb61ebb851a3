/**
 * The ledger's unit: one record per request attempt that reached a backend, written once (its id makes a
 * repeated write harmless) and never changed. Token counts are in disjoint buckets (see spec/usage): their
 * sum is everything the vendor counted, so a price per bucket bills each token once.
 */
export type LedgerOutcome = 'ok' | 'client_abort' | 'upstream_error' | 'filtered';

export interface TokenCounts {
  /** Prompt tokens at the full input rate. */
  input: number;
  /** Prompt tokens read from the vendor's cache. */
  cachedInput: number;
  /** Prompt tokens written to the vendor's cache (Anthropic). */
  cacheWriteInput: number;
  /** Visible generated tokens, reasoning excluded. */
  output: number;
  /** Reasoning tokens (billed at the output rate unless a price card says otherwise). */
  reasoning: number;
}

export interface UsageRecord {
  /** `<requestId>:<attempt>`: the idempotency key. */
  id: string;
  requestId: string;
  /** 0 for the first backend tried, 1 for the first failover, … */
  attempt: number;
  /** When the request started, unix ms; the record's day and month are taken from it (UTC). */
  at: number;
  projectId: string;
  keyId: string;
  deploymentId: string;
  /** `global-standard`, `standard`, `provisioned` or `managed`: prices can differ by type. */
  deploymentType: string;
  /** The catalog model id the deployment names. */
  model: string;
  /** `<connection>/<upstream model>`. */
  backend: string;
  dialect: string;
  operation: 'chat' | 'embeddings';
  streamed: boolean;
  outcome: LedgerOutcome;
  tokens: TokenCounts;
  /** True when the vendor sent no usage and the tokens were counted by Hangar's tokenizer. */
  estimated: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** The cost in integer micro-dollars (1 USD = 1,000,000), computed when the record is written. */
  costMicroUsd: number;
  /** Which price card (and version) priced it, e.g. `catalog:grok-3:global-standard@2025-05-19` or an override id. */
  priceCardVersion: string;
}
