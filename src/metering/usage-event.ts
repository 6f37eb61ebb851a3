import type { Usage } from '../spec/index.js';

/** `filtered`: Hangar's content filter refused the prompt (billed for it) or ended the completion (billed for both). */
export type UsageOutcome = 'ok' | 'client_abort' | 'upstream_error' | 'filtered';

/** One request attempt that reached a backend, as the meter sees it. */
export interface UsageEvent {
  requestId: string;
  /** Which backend of the deployment answered: 0 for the first one tried, 1 for the first failover, … */
  attempt: number;
  /** When the request started, unix ms; its UTC day is the day the usage counts for. */
  at: number;
  projectId: string;
  keyId: string;
  deploymentId: string;
  /** The catalog model id the deployment names (what prices are looked up by). */
  model: string;
  /** The deployment's type (`global-standard`, `standard`, `provisioned`, `managed`): prices can differ by type. */
  deploymentType: string;
  /** `<connection>/<upstream model>` of the backend that answered. */
  backend: string;
  dialect: string;
  operation: 'chat' | 'embeddings';
  streamed: boolean;
  outcome: UsageOutcome;
  usage: Usage;
  /** The vendor sent no usage and Hangar counted the tokens (`usage.raw` is null). */
  estimated: boolean;
  latencyMs: number;
  /** Stream only: time until the first token reached the client. */
  timeToFirstTokenMs?: number;
}
