import type { JsonObject } from '../../spec/index.js';

export interface ModelInfoInput {
  modelName: string;
  modelProviderName: string;
  modelType?: string;
}

/** `GET /models/info`: `{model_name, model_type, model_provider_name}`. */
export function renderModelInfo(input: ModelInfoInput): JsonObject {
  return {
    model_name: input.modelName,
    model_type: input.modelType ?? 'chat-completion',
    model_provider_name: input.modelProviderName,
  };
}
