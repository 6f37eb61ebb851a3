import { GatewayError } from '../../spec/index.js';

const MODEL_NAME_PATTERN = /`([^`]*)`/;

/**
 * The error a route throws when no deployment answers to a name. The name sits between backticks, as in
 * OpenAI's own message, so dialects whose envelope repeats the name (Azure AI Inference's
 * "Unknown model: <name>") can read it back with `modelNameOf`.
 */
export function modelNotFoundError(model: string): GatewayError {
  return new GatewayError('model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`, {
    param: 'model',
  });
}

/** The model name inside a `model_not_found` message built by `modelNotFoundError`, if there is one. */
export function modelNameOf(error: GatewayError): string | undefined {
  return MODEL_NAME_PATTERN.exec(error.message)?.[1];
}
