// `gen_ai.provider.name` takes the well-known values of the GenAI semantic conventions where one exists
// (https://opentelemetry.io/docs/specs/semconv/registry/attributes/gen-ai/); other ids pass through as they are.
const WELL_KNOWN: Readonly<Record<string, string>> = {
  openai: 'openai',
  'azure-openai': 'azure.ai.openai',
  anthropic: 'anthropic',
  xai: 'x_ai',
  deepseek: 'deepseek',
  mistral: 'mistral_ai',
  gemini: 'gcp.gemini',
};

export function genAiProviderName(providerId: string): string {
  return WELL_KNOWN[providerId] ?? providerId;
}
