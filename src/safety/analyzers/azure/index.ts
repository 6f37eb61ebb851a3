export type { AzureContentSafetyAnalyzerOptions } from './azure-content-safety-analyzer.js';
export { createAzureContentSafetyAnalyzer } from './azure-content-safety-analyzer.js';
export { AZURE_CONTENT_SAFETY_API_VERSION } from './azure-content-safety-wire.js';
