/**
 * How reasoning reaches the client: in `reasoning_content` (DeepSeek's field, also Azure AI Inference
 * 2025-04-01), or inlined into `content` between `<think>` tags (Azure AI Inference 2024-05-01-preview).
 */
export type ReasoningStyle = 'reasoning-content' | 'think-tags';

export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';
