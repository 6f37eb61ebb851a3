import type { ResolvedDeployment } from '../../control/registry-types.js';
import { countPromptCharacters, estimatedUsage, type ChatRequest, type Usage } from '../../spec/index.js';
import { loadedTokenizer, warmTokenizers } from '../../tokens/index.js';
import { admissionEncoding, countChatPromptTokens } from './estimate-request-tokens.js';
import type { InferenceServices } from './inference-services.js';

/** The text a stream sent before it ended without the vendor's usage. */
export interface GeneratedText {
  output: string;
  reasoning: string;
}

export type StreamUsageEstimator = (generated: GeneratedText) => Usage;

/**
 * Bills a stream the vendor never reported usage for (the client went away, or the upstream cut it) for what was
 * generated: the prompt and the streamed text counted with the tokenizer of the model's family. `raw: null` marks the
 * usage as estimated, so the ledger flags the record. The tokenizers are loaded at start (warmStreamTokenizers);
 * one that is not loaded (a deployment added since, or one the local engine serves) is never loaded here, because
 * building one holds the event loop for up to a second: the character rule counts instead.
 */
export function streamUsageEstimator(
  services: Pick<InferenceServices, 'modelFamily'>,
  deployment: Pick<ResolvedDeployment, 'model'>,
  request: ChatRequest,
): StreamUsageEstimator {
  return (generated) => {
    const { encoding } = admissionEncoding(services, deployment);
    const tokenizer = loadedTokenizer(encoding);
    if (tokenizer === undefined) {
      return estimatedUsage({
        promptCharacters: countPromptCharacters(request.messages),
        outputCharacters: generated.output.length,
        reasoningCharacters: generated.reasoning.length,
      });
    }
    return {
      input: countChatPromptTokens(request, tokenizer),
      cachedInput: 0,
      cacheWriteInput: 0,
      output: generated.output === '' ? 0 : tokenizer.countTokens(generated.output),
      reasoning: generated.reasoning === '' ? 0 : tokenizer.countTokens(generated.reasoning),
      raw: null,
    };
  };
}

/**
 * Loads at start the tokenizers that streams of these deployments would be billed with if cut short. Deployments
 * served only by the local engine are left out: it reports exact usage however a stream ends.
 */
export function warmStreamTokenizers(
  services: Pick<InferenceServices, 'modelFamily'>,
  deployments: readonly Pick<ResolvedDeployment, 'model' | 'backends'>[],
): Promise<void> {
  const vendorServed = deployments.filter((deployment) =>
    deployment.backends.some((backend) => backend.connection.provider !== 'local'),
  );
  return warmTokenizers(vendorServed.map((deployment) => admissionEncoding(services, deployment).encoding));
}
