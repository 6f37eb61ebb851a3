/** Unified finish reason, with the vendor's own value kept beside it for billing and audits. */
export type UnifiedFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  raw: string | null;
}
