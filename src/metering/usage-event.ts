import type { Usage } from '../spec/index.js';

export type UsageOutcome = 'ok' | 'client_abort' | 'upstream_error';

/** One request attempt that reached a backend, as the meter sees it. */
export interface UsageEvent {
  requestId: string;
  projectId: string;
  keyId: string;
  deploymentId: string;
  /** `<connection>/<upstream model>` of the backend that answered. */
  backend: string;
  dialect: string;
  operation: 'chat' | 'embeddings';
  streamed: boolean;
  outcome: UsageOutcome;
  usage: Usage;
  latencyMs: number;
  /** Stream only: time until the first token reached the client. */
  timeToFirstTokenMs?: number;
}
