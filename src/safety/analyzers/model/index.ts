export type { ClassificationCall, Classify, ModelAnalyzerOptions } from './model-analyzer.js';
export { createModelAnalyzer } from './model-analyzer.js';
export { buildDocumentPrompt, buildGradePrompt, buildJailbreakPrompt } from './classification-prompt.js';
export type { ClassificationReply } from './parse-classification-reply.js';
export { parseClassificationReply } from './parse-classification-reply.js';
export { LLAMA_GUARD_HAZARDS } from './llama-guard-hazards.js';
